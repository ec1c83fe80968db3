/// One block of a report, independent of the output format (Markdown, HTML, CSV tables).
public enum ReportBlock: Sendable, Equatable {
    /// A heading; level 1 is the title.
    case heading(level: Int, text: String)
    /// A paragraph of plain text.
    case paragraph(String)
    /// A draft paragraph for the plan's text (文案), set off from the tables.
    case draft(String)
    /// A bulleted list.
    case list([String])
    /// A table.
    case table(ReportTable)
    /// A chart: the file name under `charts/`, its SVG, and a caption.
    case chart(file: String, svg: String, caption: String)
}

/// A table of text cells; the first column is left-aligned, the others as given.
public struct ReportTable: Sendable, Equatable {
    /// Column alignment.
    public enum Alignment: Sendable, Equatable { case left, right }
    /// What the table is, for formats that arrange tables by kind (the sheets of tables.xlsx).
    public enum Role: Sendable, Equatable { case other, simple, summary, crossTab }

    /// The table's role; `.other` unless the report says.
    public var role: Role = .other

    /// An optional caption (e.g. 「地区別」) used by the CSV tables.
    public var caption: String
    /// The header cells.
    public var header: [String]
    /// One alignment per column.
    public var alignments: [Alignment]
    /// The body rows.
    public var rows: [[String]]

    /// Creates a table whose first column is left-aligned and the rest right-aligned.
    public init(caption: String = "", header: [String], rows: [[String]], numericFrom firstNumeric: Int = 1) {
        self.caption = caption
        self.header = header
        self.alignments = header.indices.map { $0 >= firstNumeric ? .right : .left }
        self.rows = rows
    }
}
