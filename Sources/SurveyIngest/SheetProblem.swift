import SurveyDiagnostics

/// What can be wrong with a `.xlsx` workbook as a file: its zip container, its parts, the sheet asked for, its size.
///
/// Problems inside the sheet's cells are reported by the CSV reading and coding that follow, at the cell
/// (`file.xlsx:Sheet1!C14`).
public enum SheetProblem: Diagnosable, Equatable {
    /// The file is not a zip archive (an old `.xls`, a password-protected workbook, or another file renamed).
    case notAWorkbook(path: String, reason: String)
    /// A part every workbook has is missing (`xl/workbook.xml`, a sheet's own part).
    case missingPart(path: String, part: String)
    /// A part that is not well-formed XML.
    case badXML(path: String, part: String, line: Int, byteOffset: Int, problem: String)
    /// A part (or the parts together) larger than the reader accepts once uncompressed.
    case tooLarge(path: String, part: String, bytes: UInt64, limit: Int)
    /// The sheet named under `sheet:` is not in the workbook.
    case noSuchSheet(path: String, sheet: String, available: [String])
    /// The workbook holds no worksheet at all.
    case noSheets(path: String)
    /// A cell reference beyond Excel's grid (XFD1048576) or rows out of order.
    case badCell(SourceLocation, reference: String, problem: String)
    /// A used range too large to read (rows × columns), e.g. a stray value far to the right or below.
    case tooManyCells(SourceLocation, rows: Int, columns: Int, limit: Int)
    /// A shared-string index beyond the table, or a number that is not one.
    case badValue(SourceLocation, value: String, problem: String)

    public var severity: Severity { .error }

    public var location: SourceLocation {
        switch self {
        case .notAWorkbook(let path, _), .missingPart(let path, _), .badXML(let path, _, _, _, _), .tooLarge(let path, _, _, _),
             .noSuchSheet(let path, _, _), .noSheets(let path):
            SourceLocation(path: path)
        case .badCell(let location, _, _), .tooManyCells(let location, _, _, _), .badValue(let location, _, _):
            location
        }
    }

    public var message: String {
        switch self {
        case .notAWorkbook(_, let reason):
            "cannot read the file as an .xlsx workbook: \(reason)"
        case .missingPart(_, let part):
            "the workbook has no part '\(part)'; expected it in every .xlsx file"
        case .badXML(_, let part, let line, let offset, let problem):
            "the workbook's part '\(part)' is not well-formed XML: \(problem) (line \(line), byte offset \(offset))"
        case .tooLarge(_, let part, let bytes, let limit):
            "the workbook's part '\(part)' is \(bytes) bytes uncompressed; at most \(limit) are read"
        case .noSuchSheet(_, let sheet, let available):
            "found no sheet '\(Excerpt.of(sheet))'; the workbook's sheets are \(Excerpt.list(available.map { "'\($0)'" }))"
        case .noSheets:
            "the workbook holds no worksheet"
        case .badCell(_, let reference, let problem):
            "found a cell reference '\(Excerpt.of(reference))': \(problem)"
        case .tooManyCells(_, let rows, let columns, let limit):
            "the sheet's used range is \(rows) rows by \(columns) columns; at most \(limit) cells are read"
        case .badValue(_, let value, let problem):
            "found '\(Excerpt.of(value))': \(problem)"
        }
    }

    public var note: String? {
        switch self {
        case .notAWorkbook:
            "open the file in Excel and save it as 「Excel ブック (*.xlsx)」 without a password, or as 「CSV UTF-8」"
        case .missingPart, .badXML, .badCell, .badValue:
            "open the file in Excel or LibreOffice and save it again as .xlsx (or as 「CSV UTF-8」)"
        case .tooLarge:
            "save the sheet as 「CSV UTF-8」 and name the CSV file under `data:` instead"
        case .noSuchSheet:
            "set `sheet:` under this data file in survey.yaml to one of the sheets listed (or remove it to read the first)"
        case .noSheets:
            "export the answers again; the workbook must hold the answers on a worksheet"
        case .tooManyCells:
            "delete the stray cells far to the right or below the answers (Ctrl+End shows the last one), or save as 「CSV UTF-8」"
        }
    }

    public var kind: String {
        switch self {
        case .notAWorkbook: "not-a-workbook"
        case .missingPart: "missing-part"
        case .badXML: "bad-xml"
        case .tooLarge: "workbook-too-large"
        case .noSuchSheet: "no-such-sheet"
        case .noSheets: "no-sheets"
        case .badCell: "bad-cell-reference"
        case .tooManyCells: "too-many-cells"
        case .badValue: "bad-cell-value"
        }
    }
}
