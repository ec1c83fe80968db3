/// How one table is laid out in report.docx: orientation, font size and column widths fitted to its content.
///
/// The rule (documented in the README): no cell wraps. Cross-tabs are transposed (choices down, groups across), so
/// the long choice labels sit in the first column on one line each and the columns are the short group labels.
/// A table takes the first of portrait 9 pt, portrait 8 pt, landscape 9 pt, landscape 8 pt in which every column
/// fits its widest cell; a table too wide even then gets landscape 8 pt and only its first column wraps.
struct DocxTableLayout: Equatable {
    /// Page geometry in twips (1/20 pt): A4 with 2 cm side margins.
    static let pageWidth = 11906
    static let pageHeight = 16838
    static let sideMargin = 1134
    static let portraitTextWidth = pageWidth - 2 * sideMargin
    static let landscapeTextWidth = pageHeight - 2 * sideMargin
    /// Left and right cell padding, each.
    static let cellPadding = 57

    var table: ReportTable
    var landscape: Bool
    var points: Double
    var widths: [Int]
    /// True when the first column may wrap (the table did not fit otherwise).
    var firstColumnWraps: Bool

    /// Lays out `table` (transposing a cross-tab first).
    init(_ original: ReportTable) {
        let table = original.role == .crossTab ? original.transposed() : original
        self.table = table
        for (landscape, points) in [(false, 9.0), (false, 8.0), (true, 9.0), (true, 8.0)] {
            let widths = Self.natural(table, points: points)
            if widths.reduce(0, +) <= (landscape ? Self.landscapeTextWidth : Self.portraitTextWidth) {
                self.landscape = landscape; self.points = points; self.widths = widths; self.firstColumnWraps = false
                return
            }
        }
        var widths = Self.natural(table, points: 8)
        let rest = widths.dropFirst().reduce(0, +)
        widths[0] = max(Self.landscapeTextWidth - rest, Self.landscapeTextWidth / 5)
        self.landscape = true; self.points = 8; self.widths = widths; self.firstColumnWraps = true
    }

    /// Each column's widest cell (header included) plus padding and a margin for font differences.
    static func natural(_ table: ReportTable, points: Double) -> [Int] {
        let columns = ([table.header] + table.rows).map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in [table.header] + table.rows {
            for (column, text) in row.enumerated() {
                widths[column] = max(widths[column], TextWidth.twips(text, points: points))
            }
        }
        let minimum = Int(points * 20 * 2.5)
        return widths.map { max($0, minimum) * 11 / 10 + 2 * cellPadding + 20 }
    }
}
