import Foundation
import SurveyDefinition
import SurveyDiagnostics
import SurveyIngest

/// Reads a wave's data files and codes every answer against its definition.
public enum ResponseReader {
    /// Reads every data file of `definition` (paths relative to `folder`) into a coded table.
    ///
    /// - Parameters:
    ///   - definition: the wave's definition.
    ///   - folder: the folder holding `survey.yaml`, as the user named it (diagnostics cite files under it).
    ///   - diagnostics: where every problem goes.
    ///   - parallelism: how a large clean UTF-8 or CP932 file may be split between threads (see `readInParallel`).
    /// - Returns: the table, or nil when a file could not be read or its columns do not match.
    ///   Errors in cells still yield a table (for a summary); check `diagnostics.hasErrors`.
    public static func read(definition: SurveyDefinition, folder: String, diagnostics: inout DiagnosticsEngine,
                            parallelism: CSVParallelism = .automatic) -> ResponseTable? {
        guard let definition = expandingColumnRanges(definition, folder: folder, diagnostics: &diagnostics) else { return nil }
        var coder = ResponseCoder(definition: definition)
        var table = ResponseTable(definition: definition)
        var store = ColumnStore(questionCount: coder.questions.count)
        var readable = true
        var paths: [String] = []
        var sheetLocations: [String: (SourceLocation) -> SourceLocation] = [:]
        for (fileIndex, dataFile) in definition.dataFiles.enumerated() {
            let path = Self.path(of: dataFile, in: folder)
            paths.append(path)
            let encoding = TextEncoding(rawValue: dataFile.encoding) ?? .auto
            let isWorkbook = SpreadsheetReader.isWorkbook(path: path)
            if !isWorkbook, readInParallel(path: path, encoding: encoding, headerRows: dataFile.headerRows, fileIndex: fileIndex, parallelism: parallelism,
                                           coder: &coder, store: &store) {
                continue
            }
            // In order: one coder for the file, which reports every problem.
            var layout: ColumnLayout?
            var columnCount = 0
            var part: PartCoder?
            // Kept as the run keeps them (the rest only counted), then merged in file order.
            let limit = diagnostics.limitPerFile
            var fileProblems = DiagnosticsEngine(limitPerFile: limit)
            var cellProblems = DiagnosticsEngine(limitPerFile: limit)
            let fileSize = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
            let onHeader = { (names: [String]) in
                columnCount = names.count
                layout = coder.layout(for: names, file: path, diagnostics: &cellProblems)
            }
            let body = { (record: CSVRawRecord) in
                guard let layout else { return }
                if part == nil {
                    part = PartCoder(coder: coder, layout: layout, columnCount: columnCount, path: path, fileIndex: fileIndex,
                                     expectedRows: expectedRows(bytes: fileSize, firstRecord: record),
                                     recordingProblems: true, limitPerFile: limit)
                }
                part?.take(record)
            }
            let header: CSVHeader?
            if isWorkbook {
                // A workbook's sheet is read as CSV text in memory; its problems are cited at its cells.
                var sheet: SheetText?
                (header, sheet) = SpreadsheetReader.scan(path: path, sheet: dataFile.sheet, headerRows: dataFile.headerRows,
                                                         diagnostics: &fileProblems,
                                                         onHeader: onHeader, body: body)
                if let sheet { sheetLocations[path] = sheet.location }
            } else {
                header = CSVReader.scan(path: path, encoding: encoding, headerRows: dataFile.headerRows, diagnostics: &fileProblems,
                                        onHeader: onHeader, body: body)
            }
            if let part {
                adopt([part], inOrder: true, coder: &coder, store: &store)
                cellProblems = part.problems
            }
            coder.reportDuplicateIDs(in: store, filePaths: paths, diagnostics: &cellProblems)
            // Report the file's problems in the order they stand in it.
            diagnostics.emit(mergingInFileOrder: [fileProblems, cellProblems])
            if header == nil || layout == nil { readable = false }
        }
        defer { for (path, location) in sheetLocations { diagnostics.relocate(path: path, location) } }
        guard readable else { return nil }
        table.adopt(&store)
        coder.finish(&table, folder: folder, diagnostics: &diagnostics)
        return table
    }

    /// The path of `dataFile` as diagnostics cite it: under `folder` as the user named it.
    package static func path(of dataFile: DataFile, in folder: String) -> String {
        folder.isEmpty ? dataFile.file : (folder as NSString).appendingPathComponent(dataFile.file)
    }

    /// Rows expected in `bytes` of a file: its size over the first record's, with a margin (a generous
    /// guess; capacity never written is never resident).
    static func expectedRows(bytes: Int, firstRecord record: CSVRawRecord) -> Int {
        let recordBytes = (0..<record.count).reduce(record.count) { $0 + record.field($1).count }
        return bytes / max(recordBytes, 1) * 5 / 4 + 16
    }
}
