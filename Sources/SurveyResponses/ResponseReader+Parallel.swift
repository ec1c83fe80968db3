import SurveyDefinition
import SurveyDiagnostics
import SurveyIngest

extension ResponseReader {
    /// Reads and codes one clean data file in parts on several threads, appending it to `store`; false
    /// (with `coder` and `store` untouched) when the file must be read in order instead.
    ///
    /// Each part is coded by its own copy of `coder` into its own columns, which are then appended in
    /// file order, so the table is the one an in-order read gives. Any problem (in the file, its header or
    /// a cell, or a respondent id that two parts both use) sends the file back to the in-order read,
    /// which reports every problem where it stands.
    static func readInParallel(path: String, encoding: TextEncoding, fileIndex: Int, parallelism: CSVParallelism,
                               coder: inout ResponseCoder, store: inout ColumnStore) -> Bool {
        var layout: ColumnLayout?
        var headerProblems = DiagnosticsEngine(limitPerFile: Int.max)
        var parts: [PartCoding] = []
        let base = coder
        let header = CSVReader.scanInParallel(
            path: path, encoding: encoding, parallelism: parallelism,
            onHeader: { names in layout = base.layout(for: names, file: path, diagnostics: &headerProblems) },
            onParts: { sizes in
                // The first part reserves room for the whole file, so the later parts are appended to it in place.
                let total = sizes.reduce(0, +)
                parts = sizes.enumerated().map { index, size in
                    var partCoder = base
                    partCoder.answeredCells = [:]
                    return PartCoding(coder: partCoder, store: ColumnStore(questionCount: base.definition.questions.count),
                                      bytes: index == 0 && store.sources.isEmpty ? total : size)
                }
            },
            body: { part, record in
                guard let layout else { return }
                parts[part].code(record, layout: layout, file: fileIndex, path: path)
            })
        guard header != nil, layout != nil, headerProblems.diagnostics.isEmpty,
              parts.allSatisfy({ $0.problems.diagnostics.isEmpty && $0.coder.pendingDuplicates.isEmpty }) else { return false }
        guard let merged = mergeIdentifiers(base: base, parts: parts.map(\.coder)) else { return false }
        coder = merged
        for part in parts {
            let offset = store.sources.count
            for (question, cells) in part.coder.answeredCells {
                coder.answeredCells[question, default: []].append(contentsOf: cells.map { ($0.row + offset, $0.location) })
            }
            if store.sources.isEmpty {
                swap(&store, &part.store)
            } else {
                var taken = ColumnStore(questionCount: 0)
                swap(&taken, &part.store)
                store.append(consume taken)
            }
        }
        return true
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
            for (id, first) in part.firstSeenID where base.firstSeenID[id] == nil {
                if merged.firstSeenID[id] != nil { return nil }
                merged.firstSeenID[id] = first
            }
        }
        return merged
    }
}

/// One part of a file being coded on its own thread: its coder, columns and problems.
final class PartCoding: @unchecked Sendable {
    var coder: ResponseCoder
    var store: ColumnStore
    var problems = DiagnosticsEngine(limitPerFile: Int.max)
    private let bytes: Int
    private var reserved = false

    init(coder: ResponseCoder, store: ColumnStore, bytes: Int) {
        self.coder = coder
        self.store = store
        self.bytes = bytes
    }

    /// Codes one record of this part.
    func code(_ record: CSVRawRecord, layout: ColumnLayout, file: Int, path: String) {
        if !reserved {
            reserved = true
            store.reserve(rows: ResponseReader.expectedRows(bytes: bytes, firstRecord: record), kinds: coder.kinds)
        }
        coder.code(raw: record, layout: layout, file: file, path: path, into: &store, diagnostics: &problems)
    }
}
