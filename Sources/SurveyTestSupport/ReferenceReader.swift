import Foundation
import SurveyDefinition
import SurveyDiagnostics
import SurveyIngest
import SurveyResponses

/// The straightforward reading the tests compare `ResponseReader.read` with: every file in order through
/// `CSVReader.read` or a workbook's sheet (a `String` per cell), each record coded question by question with the keying rules of
/// `ResponseCoder` (no lookup tables, no parts, no columns written through pointers).
public enum ReferenceReader {
    /// Reads every data file of `definition` (paths relative to `folder`) into a coded table, as
    /// `ResponseReader.read` does, with the same diagnostics.
    public static func read(definition: SurveyDefinition, folder: String, diagnostics: inout DiagnosticsEngine) -> ResponseTable? {
        guard let definition = ResponseReader.expandingColumnRanges(definition, folder: folder, diagnostics: &diagnostics) else { return nil }
        var coder = ResponseCoder(definition: definition)
        var store = ColumnStore(questionCount: definition.codedQuestions.count)
        var readable = true
        var sheetLocations: [String: (SourceLocation) -> SourceLocation] = [:]
        for (fileIndex, dataFile) in definition.dataFiles.enumerated() {
            let path = ResponseReader.path(of: dataFile, in: folder)
            var layout: ColumnLayout?
            var fileProblems = DiagnosticsEngine(limitPerFile: diagnostics.limitPerFile)
            var cellProblems = DiagnosticsEngine(limitPerFile: diagnostics.limitPerFile)
            let onHeader = { (names: [String]) in layout = coder.layout(for: names, file: path, diagnostics: &cellProblems) }
            let body = { (record: CSVRecord) in
                guard let layout else { return }
                coder.code(record, layout: layout, file: fileIndex, path: path, into: &store, diagnostics: &cellProblems)
            }
            let header: CSVHeader?
            if SpreadsheetReader.isWorkbook(path: path) {
                var sheet: SheetText?
                (header, sheet) = SpreadsheetReader.scan(path: path, sheet: dataFile.sheet, headerRows: dataFile.headerRows,
                                                         diagnostics: &fileProblems,
                                                         onHeader: onHeader) { body($0.record()) }
                if let sheet { sheetLocations[path] = sheet.location }
            } else {
                header = CSVReader.read(path: path, encoding: TextEncoding(rawValue: dataFile.encoding) ?? .auto,
                                        headerRows: dataFile.headerRows, diagnostics: &fileProblems, onHeader: onHeader, body: body)
            }
            diagnostics.emit(mergingInFileOrder: [fileProblems, cellProblems])
            if header == nil || layout == nil { readable = false }
        }
        defer { for (path, location) in sheetLocations { diagnostics.relocate(path: path, location) } }
        guard readable else { return nil }
        var table = ResponseTable(definition: definition)
        table.adopt(&store)
        coder.finish(&table, folder: folder, diagnostics: &diagnostics)
        return table
    }
}

extension ResponseCoder {
    /// Codes one record into `store`, unless every answer in it is blank, one question after another.
    mutating func code(_ record: CSVRecord, layout: ColumnLayout, file: Int, path: String,
                       into store: inout ColumnStore, diagnostics: inout DiagnosticsEngine) {
        func location(_ column: Int) -> SourceLocation {
            SourceLocation(path: path, line: record.fieldLines[column], column: column + 1)
        }
        if layout.answerColumns.allSatisfy({ CellText.normalise(record.fields[$0]).isEmpty }) {
            diagnostics.emit(DataProblem.blankRow(SourceLocation(path: path, line: record.line)))
            return
        }
        if let idColumn = layout.respondentID {
            let id = CellText.normalise(record.fields[idColumn])
            if !id.isEmpty {
                if let first = firstSeenID[id] {
                    diagnostics.emit(DataProblem.duplicateRespondentID(location(idColumn), id: id, firstLine: first.line, firstFile: first.file))
                } else {
                    firstSeenID[id] = (record.line, path)
                }
            }
        }
        let row = store.sources.count
        for (questionIndex, question) in definition.codedQuestions.enumerated() {
            let columns = layout.columns[questionIndex]
            var answered = false
            switch question.type {
            case .single, .scale:
                let column = columns[0]
                let position = codeSingle(record.fields[column], question: question, matcher: matchers[questionIndex]!,
                                          values: values[questionIndex], location: location(column), diagnostics: &diagnostics)
                store.choices[questionIndex].append(position)
                answered = position != 0
            case .multiple:
                let bits = question.columns.isEmpty
                    ? codeOneCell(record.fields[columns[0]], question: question, matcher: matchers[questionIndex]!,
                                  values: values[questionIndex], location: location(columns[0]), diagnostics: &diagnostics)
                    : codeFlags(columns.map { record.fields[$0] }, question: question, values: values[questionIndex], columns: Array(columns.indices),
                                locations: columns.map(location), diagnostics: &diagnostics)
                let kept = limit(bits, question: question, matcher: matchers[questionIndex]!,
                                 location: location(columns[0]), diagnostics: &diagnostics)
                store.selections[questionIndex].append(kept)
                answered = kept != 0
            case .number:
                let value = codeNumber(record.fields[columns[0]], question: question, values: values[questionIndex],
                                       location: location(columns[0]), diagnostics: &diagnostics)
                store.numbers[questionIndex].append(value)
                answered = !value.isNaN
            case .text:
                let present = ResponseCoder.codeText(record.fields[columns[0]], values: values[questionIndex])
                store.texts[questionIndex].append(present)
                answered = present
            }
            if columns.contains(where: { ResponseCoder.isNotAsked(record.fields[$0], values: values[questionIndex]) }) {
                notAskedRows[question.id, default: []].append(row)
            }
            if answered && (!question.askedIf.isEmpty || !question.notAsked.isEmpty) {
                answeredCells[question.id, default: []].append((row, location(columns[0])))
            }
        }
        store.sources.append(file: file, line: record.line)
    }
}
