import SurveyDiagnostics

/// Reads a worksheet of a `.xlsx` workbook (Microsoft Forms exports, sheets saved from Excel or LibreOffice) as the
/// CSV reader reads a file: the sheet becomes CSV text in memory (`SheetText`) and goes through the same reading,
/// so its records and problems are those of the CSV file Excel would save; every location names the sheet's cell.
public enum SpreadsheetReader {
    /// Whether `path` names a workbook by its extension (`.xlsx`, `.xlsm`, or an old `.xls`, which is refused with a reason).
    public static func isWorkbook(path: String) -> Bool {
        let lowered = path.lowercased()
        return lowered.hasSuffix(".xlsx") || lowered.hasSuffix(".xlsm") || lowered.hasSuffix(".xls")
    }

    /// The worksheet `sheet` (or the first visible one) of the workbook at `path` as CSV text, or nil with the
    /// problem in `diagnostics`.
    public static func sheet(path: String, displayPath: String? = nil, sheet: String?,
                             diagnostics: inout DiagnosticsEngine) -> SheetText? {
        let shownPath = displayPath ?? path
        do throws(SheetProblem) {
            var workbook = try Workbook(path: path, shownPath: shownPath)
            return try SheetText(workbook: &workbook, sheet: try workbook.sheet(named: sheet))
        } catch {
            diagnostics.emit(error)
            return nil
        }
    }

    /// The names of the workbook's worksheets, in tab order, or nil with the problem in `diagnostics`.
    public static func sheetNames(path: String, diagnostics: inout DiagnosticsEngine) -> [String]? {
        do throws(SheetProblem) {
            return try Workbook(path: path, shownPath: path).sheets.map(\.name)
        } catch {
            diagnostics.emit(error)
            return nil
        }
    }

    /// Reads worksheet `sheet` (or the first) of `path` like `CSVReader.scan`: the header, then each record as raw
    /// bytes. Problems are located at the sheet's cells; the returned `SheetText` maps the locations of problems
    /// found later in the records (`SheetText.location`).
    public static func scan(path: String, displayPath: String? = nil, sheet: String?, headerRows: Int = 1,
                            diagnostics: inout DiagnosticsEngine,
                            onHeader: ([String]) -> Void = { _ in },
                            body: (CSVRawRecord) -> Void) -> (header: CSVHeader?, sheet: SheetText?) {
        let shownPath = displayPath ?? path
        guard let text = self.sheet(path: path, displayPath: shownPath, sheet: sheet, diagnostics: &diagnostics) else { return (nil, nil) }
        var problems = DiagnosticsEngine(limitPerFile: diagnostics.limitPerFile)
        let header = CSVReader.scan(MemoryText(text.csv), shownPath: shownPath, encoding: .utf8, headerRows: headerRows,
                                    diagnostics: &problems,
                                    onHeader: onHeader, body: body)
        problems.relocate(path: shownPath, text.location)
        diagnostics.emit(mergingInFileOrder: [problems])
        return (header, text)
    }
}
