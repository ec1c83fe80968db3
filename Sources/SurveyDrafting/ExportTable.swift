import SurveyDiagnostics
import SurveyIngest

/// One raw export read whole for drafting: its header, its rows as text, and how it was read.
public struct ExportTable: Sendable {
    /// The file as named on the command line.
    public var path: String
    public var names: [String]
    public var rows: [[String]]
    /// The encoding to declare in `survey.yaml` (`utf-8`, `cp932`, `utf-16`), nil for a workbook.
    public var encoding: String?
    /// The delimiter's name (`comma`, `tab`), nil for a workbook.
    public var delimiter: String?
    /// A header on two rows (SurveyMonkey), column by column as `TwoRowHeader` names them; nil for one row.
    public var headerColumns: [TwoRowHeader.Column]?

    /// Reads `path` (CSV/TSV in any encoding the tool reads, or an `.xlsx` workbook's first sheet), or nil with the
    /// problems in `diagnostics`. A header on two rows (SurveyMonkey's, see `ExportKind.isSecondHeaderRow`) is read
    /// as `header_rows: 2` reads it, so the problems are those `survey check` will report.
    public static func read(path: String, diagnostics: inout DiagnosticsEngine) -> ExportTable? {
        var oneRow = DiagnosticsEngine(limitPerFile: diagnostics.limitPerFile)
        guard let table = read(path: path, headerRows: 1, diagnostics: &oneRow) else {
            diagnostics.emit(mergingInFileOrder: [oneRow])
            return nil
        }
        guard let second = table.rows.first, ExportKind.isSecondHeaderRow(second) else {
            diagnostics.emit(mergingInFileOrder: [oneRow])
            return table
        }
        guard var twoRows = read(path: path, headerRows: 2, diagnostics: &diagnostics) else { return nil }
        twoRows.headerColumns = Array(TwoRowHeader.columns(first: table.names, second: second).prefix(table.names.count))
        return twoRows
    }

    /// Reads `path` with a header of `headerRows` rows.
    private static func read(path: String, headerRows: Int, diagnostics: inout DiagnosticsEngine) -> ExportTable? {
        var rows: [[String]] = []
        if SpreadsheetReader.isWorkbook(path: path) {
            let (header, _) = SpreadsheetReader.scan(path: path, sheet: nil, headerRows: headerRows, diagnostics: &diagnostics) {
                rows.append($0.record().fields)
            }
            guard let header else { return nil }
            return ExportTable(path: path, names: header.names, rows: rows, encoding: nil, delimiter: nil)
        }
        guard let header = CSVReader.read(path: path, headerRows: headerRows, diagnostics: &diagnostics, body: { rows.append($0.fields) })
        else { return nil }
        let encoding = switch header.encoding {
        case .utf8, .utf8WithBOM: "utf-8"
        case .cp932: "cp932"
        case .utf16LittleEndian, .utf16BigEndian: "utf-16"
        }
        return ExportTable(path: path, names: header.names, rows: rows, encoding: encoding,
                           delimiter: header.delimiter == UInt8(ascii: "\t") ? "tab" : "comma")
    }

    /// The cells of column `index` over every row, trimmed.
    func column(_ index: Int) -> [String] {
        rows.map { index < $0.count ? $0[index].trimmingCharacters(in: .whitespaces) : "" }
    }
}

/// Where an export came from, as its columns show.
public enum ExportKind: String, Sendable {
    case googleForms = "Google Forms"
    case microsoftForms = "Microsoft Forms"
    case surveyMonkey = "SurveyMonkey"
    case codeSheet = "a sheet of codes"

    /// Recognises the export by its header (and SurveyMonkey by its second header row).
    static func of(_ table: ExportTable) -> ExportKind {
        if table.headerColumns != nil { return .surveyMonkey }
        let names = Set(table.names)
        if names.contains("タイムスタンプ") || names.contains("Timestamp") { return .googleForms }
        if names.isSuperset(of: ["ID", "開始時刻", "完了時刻"]) || names.isSuperset(of: ["ID", "Start time", "Completion time"]) {
            return .microsoftForms
        }
        return .codeSheet
    }

    /// Whether the first row after the header is SurveyMonkey's second header row (Response, Open-Ended Response).
    static func isSecondHeaderRow(_ row: [String]) -> Bool {
        row.contains { TwoRowHeader.answerLabels.contains($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// Columns the form adds that are no questions (times, e-mail, name).
    var metadataColumns: Set<String> {
        switch self {
        case .googleForms: ["タイムスタンプ", "Timestamp", "メールアドレス", "Email Address", "スコア", "Score"]
        case .microsoftForms: ["開始時刻", "完了時刻", "メール", "名前", "最終変更時刻", "Start time", "Completion time", "Email", "Name", "Last modified time"]
        case .surveyMonkey: ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name", "Last Name", "Custom Data 1"]
        case .codeSheet: []
        }
    }
}

import Foundation
