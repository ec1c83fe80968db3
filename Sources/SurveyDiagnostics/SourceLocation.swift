/// A place in a file the planner can open: a 1-based line and, when known, a 1-based column.
///
/// In a data file the column is the field's number (1 = Excel's column A); in
/// `survey.yaml` it is the character column.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file as the user named it (relative paths stay relative).
    public var path: String
    /// The physical line, 1-based; the header of a data file is line 1.
    public var line: Int?
    /// The column, 1-based.
    public var column: Int?
    /// In a `.xlsx` workbook: the sheet, and then `line` is its row and `column` its column (`Sheet1!C14`).
    public var sheet: String?

    /// Creates a location; `line` and `column` are 1-based.
    public init(path: String, line: Int? = nil, column: Int? = nil, sheet: String? = nil) {
        self.path = path
        self.line = line
        self.column = column
        self.sheet = sheet
    }

    /// `path:line:column`, dropping the parts that are unknown; in a sheet `path:Sheet1!C14` (a whole row `Sheet1!14:14`).
    public var description: String {
        var text = path
        if let sheet, let line {
            let name = sheet.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." } ? sheet
                : "'" + sheet.map { $0 == "'" ? "''" : String($0) }.joined() + "'"
            return text + ":" + name + "!" + (column.map { Self.columnLetters($0) + "\(line)" } ?? "\(line):\(line)")
        }
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text
    }

    /// Excel's letters for a 1-based column number: 1 → A, 27 → AA, 16384 → XFD.
    public static func columnLetters(_ column: Int) -> String {
        var number = max(column, 1)
        var letters: [Character] = []
        while number > 0 {
            let digit = (number - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + digit))))
            number = (number - 1) / 26
        }
        return String(letters.reversed())
    }
}
