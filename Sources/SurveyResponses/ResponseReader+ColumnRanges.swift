import SurveyDefinition
import SurveyDiagnostics
import SurveyIngest

extension ResponseReader {
    /// `definition` with each range of flag columns (`columns: 問8_1..問8_12`) expanded to the columns of the first
    /// data file's header from the first to the last, in the header's order. Nil, with an error at the range, when a
    /// bound is not in the header (naming it, with the nearest header), the last stands before the first, or the
    /// range does not hold one column per choice. A file that cannot be read is left to the reading to report.
    package static func expandingColumnRanges(_ definition: SurveyDefinition, folder: String,
                                              diagnostics: inout DiagnosticsEngine) -> SurveyDefinition? {
        guard definition.questions.contains(where: { $0.columnRange != nil }), let dataFile = definition.dataFiles.first else {
            return definition
        }
        let path = path(of: dataFile, in: folder)
        var header: [String]?
        if SpreadsheetReader.isWorkbook(path: path) {
            var ignored = DiagnosticsEngine()
            _ = SpreadsheetReader.scan(path: path, sheet: dataFile.sheet, headerRows: dataFile.headerRows, diagnostics: &ignored, onHeader: { header = $0 }, body: { _ in })
        } else {
            header = CSVReader.header(path: path, encoding: TextEncoding(rawValue: dataFile.encoding) ?? .auto, headerRows: dataFile.headerRows)
        }
        guard let names = header else { return definition }
        let normalised = names.map(CellText.normalise)
        var expanded = definition
        var complete = true
        for index in expanded.questions.indices {
            guard let range = expanded.questions[index].columnRange else { continue }
            let choices = expanded.questions[index].choices.count
            let first = normalised.firstIndex(of: CellText.normalise(range.first.value))
            let last = normalised.lastIndex(of: CellText.normalise(range.last.value))
            for (bound, found) in [(range.first, first), (range.last, last)] where found == nil {
                diagnostics.emit(DataProblem.missingColumn(bound.location, column: bound.value, file: path,
                                                           suggestion: NearestName.suggestion(for: bound.value, among: names)))
                complete = false
            }
            guard let first, let last else { continue }
            guard first <= last, last - first + 1 == choices else {
                let found = first <= last ? "\(last - first + 1) columns from '\(range.first.value)' to '\(range.last.value)' in \(dataFile.file)"
                    : "'\(range.last.value)' before '\(range.first.value)' in \(dataFile.file)"
                diagnostics.emit(DefinitionProblem.invalidValue(range.first.location, key: "columns", found: found,
                                                                expected: "one flag column per choice (\(choices)), from the first to the last in the header's order"))
                complete = false
                continue
            }
            expanded.questions[index].columns = (first...last).map { Located(names[$0], at: range.first.location) }
        }
        return complete ? expanded : nil
    }
}
