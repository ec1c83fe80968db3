extension ReportTable {
    /// The table turned a quarter: the header becomes the first column and each row a column.
    ///
    /// A cross-tab (groups down, choices across) becomes choices down, groups across: long choice labels then sit in
    /// one column on one line each, and the columns are the short group labels (中央, 港, 18～29歳).
    public func transposed() -> ReportTable {
        let matrix = [header] + rows
        let width = matrix.map(\.count).max() ?? 0
        let turned = (0..<width).map { column in matrix.map { column < $0.count ? $0[column] : "" } }
        var table = ReportTable(caption: caption, header: turned.first ?? [], rows: Array(turned.dropFirst()))
        table.role = role
        return table
    }
}
