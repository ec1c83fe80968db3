import Foundation

/// Haberman's adjusted (standardised) Pearson residuals of a contingency table, cell by cell.
///
/// Formula: dᵢⱼ = (oᵢⱼ − eᵢⱼ) / √(eᵢⱼ·(1 − rᵢ/n)·(1 − cⱼ/n)) with eᵢⱼ = rᵢcⱼ/n, computed over the table
/// after dropping rows and columns whose total is zero.
/// Assumptions: as for `ChiSquareTest`; under independence each dᵢⱼ is asymptotically N(0, 1), so |dᵢⱼ| > 1.96
/// flags a cell that departs from independence at the 5 % level (unadjusted for multiple comparisons).
/// Agrees with R's `chisq.test(x, correct = FALSE)$stdres`.
/// References: Haberman, S. J. (1973), "The analysis of residuals in cross-classified tables", Biometrics 29,
/// 205–220; Agresti, *Categorical Data Analysis* (3rd ed., 2013), §2.4.5.
public enum AdjustedResiduals {
    /// Residuals in the shape of `counts`; nil for cells in dropped (all-zero) rows or columns, where the denominator is 0, or for every cell when the table is ragged or has a negative count.
    public static func haberman(_ counts: [[Int]]) -> [[Double?]] {
        var result: [[Double?]] = counts.map { [Double?](repeating: nil, count: $0.count) }
        guard let table = ReducedTable(counts) else { return result }
        let n = Double(table.total)
        for (i, row) in table.keptRows.enumerated() {
            for (j, column) in table.keptColumns.enumerated() {
                let e = table.expected(i, j)
                let variance = e * (1 - table.rowTotals[i] / n) * (1 - table.columnTotals[j] / n)
                guard variance > 0 else { continue }
                result[row][column] = (table.counts[i][j] - e) / variance.squareRoot()
            }
        }
        return result
    }
}
