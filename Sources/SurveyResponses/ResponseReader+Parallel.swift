import SurveyDefinition
import SurveyDiagnostics
@_spi(Parts) import SurveyIngest

extension ResponseReader {
    /// Reads and codes one clean data file in parts on several threads, appending it to `store`; false
    /// (with `coder` and `store` untouched) when the file must be read in order instead.
    ///
    /// Each part is coded by its own copy of `coder` into its own columns, which are then appended in
    /// file order, so the table is the one an in-order read gives. Any problem (in the file, its header or
    /// a cell, or a respondent id that two parts both use) sends the file back to the in-order read,
    /// which reports every problem where it stands.
    static func readInParallel(path: String, encoding: TextEncoding, headerRows: Int = 1, fileIndex: Int, parallelism: CSVParallelism,
                               coder: inout ResponseCoder, store: inout ColumnStore) -> Bool {
        var layout: ColumnLayout?
        var columnCount = 0
        var headerProblems = DiagnosticsEngine(limitPerFile: Int.max)
        var parts: [PartCoder] = []
        let base = coder
        let header = CSVReader.scanInParallel(
            path: path, encoding: encoding, headerRows: headerRows, parallelism: parallelism,
            onHeader: { names in
                columnCount = names.count
                layout = base.layout(for: names, file: path, diagnostics: &headerProblems)
            },
            onParts: { sizes in
                guard let layout, headerProblems.diagnostics.isEmpty else { return [] }
                // About 40 bytes a row at least; unwritten capacity is never resident.
                parts = sizes.compactMap { size in
                    PartCoder(coder: base, layout: layout, columnCount: columnCount, path: path, fileIndex: fileIndex,
                              expectedRows: size / 40 + 16)
                }
                return parts.count == sizes.count ? parts : []
            })
        guard header != nil, !parts.isEmpty else { return false }
        guard let merged = mergeIdentifiers(base: base, parts: parts.map(\.coder)) else { return false }
        coder = merged
        adopt(parts, coder: &coder, store: &store)
        return true
    }

    /// Appends the rows of `parts` (in file order) to `store`, and their answered cells (for `asked_if`) and
    /// 非該当 rows (`not_asked`) to `coder`'s;
    /// a file read `inOrder` (one part) also gives `coder` the ids it saw (and those seen twice, `pendingDuplicates`).
    static func adopt(_ parts: [PartCoder], inOrder: Bool = false, coder: inout ResponseCoder, store: inout ColumnStore) {
        if inOrder, let part = parts.first {
            let answered = coder.answeredCells, notAsked = coder.notAskedRows
            coder = part.coder
            coder.answeredCells = answered
            coder.notAskedRows = notAsked
        }
        var offset = store.sources.count
        for part in parts {
            for (question, cells) in part.coder.answeredCells {
                coder.answeredCells[question, default: []].append(contentsOf: cells.map { ($0.row + offset, $0.location) })
            }
            for (question, rows) in part.coder.notAskedRows {
                coder.notAskedRows[question, default: []].append(contentsOf: rows.map { $0 + offset })
            }
            offset += part.rows
        }
        PartCoder.append(parts, to: &store)
    }

    /// `base` with the respondent ids every part saw, or nil when two parts saw the same new id.
    private static func mergeIdentifiers(base: ResponseCoder, parts: [ResponseCoder]) -> ResponseCoder? {
        var merged = base
        for part in parts {
            if part.seenIDBits.count > merged.seenIDBits.count {
                merged.seenIDBits += [UInt64](repeating: 0, count: part.seenIDBits.count - merged.seenIDBits.count)
            }
            for (word, bits) in part.seenIDBits.enumerated() {
                let new = bits & ~(word < base.seenIDBits.count ? base.seenIDBits[word] : 0)
                if new & merged.seenIDBits[word] != 0 { return nil }
                merged.seenIDBits[word] |= new
            }
            for id in part.seenLargeIDs where !base.seenLargeIDs.contains(id) {
                if !merged.seenLargeIDs.insert(id).inserted { return nil }
            }
            for (id, first) in part.firstSeenID where base.firstSeenID[id] == nil {
                if merged.firstSeenID[id] != nil { return nil }
                merged.firstSeenID[id] = first
            }
        }
        return merged
    }
}

