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

    /// Creates a location; `line` and `column` are 1-based.
    public init(path: String, line: Int? = nil, column: Int? = nil) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// `path:line:column`, dropping the parts that are unknown.
    public var description: String {
        var text = path
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text
    }
}
