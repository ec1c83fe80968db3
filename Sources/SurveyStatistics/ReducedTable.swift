/// A contingency table of non-negative counts with the rows and columns whose total is zero removed.
///
/// Shared by `ChiSquareTest` and `AdjustedResiduals`: both statistics are defined on the table of categories
/// that were actually observed, since an all-zero row or column has zero expected counts everywhere.
struct ReducedTable {
    /// The kept counts, `keptRows.count` × `keptColumns.count`, as doubles.
    let counts: [[Double]]
    /// Indices of the kept rows in the original table.
    let keptRows: [Int]
    /// Indices of the kept columns in the original table.
    let keptColumns: [Int]
    /// Row totals of the kept table.
    let rowTotals: [Double]
    /// Column totals of the kept table.
    let columnTotals: [Double]
    /// Grand total n.
    let total: Int

    /// Reduces `table`; nil when it is ragged, has a negative count, or its total overflows `Int`.
    init?(_ table: [[Int]]) {
        let columnCount = table.first?.count ?? 0
        var rowSums = [Int](repeating: 0, count: table.count)
        var columnSums = [Int](repeating: 0, count: columnCount)
        var grand = 0
        for (i, row) in table.enumerated() {
            guard row.count == columnCount else { return nil }
            for (j, count) in row.enumerated() {
                guard count >= 0 else { return nil }
                let (r, o1) = rowSums[i].addingReportingOverflow(count)
                let (c, o2) = columnSums[j].addingReportingOverflow(count)
                let (g, o3) = grand.addingReportingOverflow(count)
                guard !o1, !o2, !o3 else { return nil }
                rowSums[i] = r
                columnSums[j] = c
                grand = g
            }
        }
        let rows = rowSums.indices.filter { rowSums[$0] > 0 }
        let columns = columnSums.indices.filter { columnSums[$0] > 0 }
        keptRows = rows
        keptColumns = columns
        counts = rows.map { i in columns.map { j in Double(table[i][j]) } }
        rowTotals = rows.map { Double(rowSums[$0]) }
        columnTotals = columns.map { Double(columnSums[$0]) }
        total = grand
    }

    /// Expected count under independence, eᵢⱼ = rᵢ·cⱼ/n, for kept row i and kept column j.
    func expected(_ i: Int, _ j: Int) -> Double {
        rowTotals[i] * columnTotals[j] / Double(total)
    }
}
