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

    /// Reads `path` (CSV/TSV in any encoding the tool reads, or an `.xlsx` workbook's first sheet), or nil with the
    /// problems in `diagnostics`.
    public static func read(path: String, diagnostics: inout DiagnosticsEngine) -> ExportTable? {
        var rows: [[String]] = []
        if SpreadsheetReader.isWorkbook(path: path) {
            let (header, _) = SpreadsheetReader.scan(path: path, sheet: nil, diagnostics: &diagnostics) { rows.append($0.record().fields) }
            guard let header else { return nil }
            return ExportTable(path: path, names: header.names, rows: rows, encoding: nil, delimiter: nil)
        }
        guard let header = CSVReader.read(path: path, diagnostics: &diagnostics, body: { rows.append($0.fields) }) else { return nil }
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
        let names = Set(table.names)
        if names.contains("タイムスタンプ") || names.contains("Timestamp") { return .googleForms }
        if names.isSuperset(of: ["ID", "開始時刻", "完了時刻"]) || names.isSuperset(of: ["ID", "Start time", "Completion time"]) {
            return .microsoftForms
        }
        if let first = table.rows.first, first.contains(where: { $0 == "Response" || $0 == "Open-Ended Response" }) { return .surveyMonkey }
        return .codeSheet
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
