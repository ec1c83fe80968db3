import Foundation

/// Pearson's chi-square test of independence for an R × C contingency table, without continuity correction.
///
/// Formula: χ² = Σᵢⱼ (oᵢⱼ − eᵢⱼ)² / eᵢⱼ with eᵢⱼ = rᵢ·cⱼ/n, referred to χ² with (R − 1)(C − 1) degrees of freedom;
/// p = Q((R − 1)(C − 1)/2, χ²/2). Rows and columns whose total is zero are dropped first (they carry no
/// information and would make eᵢⱼ = 0); R and C count the kept ones.
/// Assumptions: the n observations are independent and each falls in exactly one cell (a multinomial or
/// product-multinomial sample); the χ² approximation needs adequately large expected counts, judged by
/// Cochran's rule (no eᵢⱼ < 1 and at most 20 % of eᵢⱼ < 5), reported by `isReliable`.
/// Effect size: Cramér's V = √(χ² / (n·(min(R, C) − 1))).
/// Agrees with R's `chisq.test(x, correct = FALSE)` on the reduced table.
/// References: Pearson, K. (1900), Philosophical Magazine 50, 157–175; Agresti, *Categorical Data Analysis*
/// (3rd ed., 2013), §3.2; Cochran, W. G. (1954), Biometrics 10, 417–451; Cramér, H. (1946), *Mathematical
/// Methods of Statistics*, §21.9.
public struct ChiSquareTest: Sendable, Equatable {
    /// Pearson's statistic χ² = Σ (o − e)²/e over the kept cells.
    public let statistic: Double
    /// Degrees of freedom (R − 1)(C − 1) of the kept table.
    public let degreesOfFreedom: Int
    /// Upper-tail probability P(χ²(df) ≥ statistic), accurate in relative terms down to about 1e−300.
    public let pValue: Double
    /// Grand total n of the table.
    public let n: Int
    /// Cramér's V = √(χ² / (n·(min(R, C) − 1))), in [0, 1].
    public let cramersV: Double
    /// Smallest expected count eᵢⱼ = rᵢcⱼ/n over the kept cells.
    public let minimumExpected: Double
    /// Fraction (0–1) of kept cells whose expected count is below 5 (Cochran 1954).
    public let lowExpectedShare: Double
    /// Indices, in the original table, of the rows that were kept (non-zero total).
    public let keptRows: [Int]
    /// Indices, in the original table, of the columns that were kept (non-zero total).
    public let keptColumns: [Int]

    /// Cochran's rule: no expected count below 1 and at most 20 % of expected counts below 5.
    public var isReliable: Bool {
        minimumExpected >= 1 && lowExpectedShare <= 0.2
    }

    /// Assembles a result from computed parts (use `pearson(_:)`).
    init(
        statistic: Double, degreesOfFreedom: Int, pValue: Double, n: Int, cramersV: Double,
        minimumExpected: Double, lowExpectedShare: Double, keptRows: [Int], keptColumns: [Int]
    ) {
        self.statistic = statistic
        self.degreesOfFreedom = degreesOfFreedom
        self.pValue = pValue
        self.n = n
        self.cramersV = cramersV
        self.minimumExpected = minimumExpected
        self.lowExpectedShare = lowExpectedShare
        self.keptRows = keptRows
        self.keptColumns = keptColumns
    }

    /// Tests independence of rows and columns of `counts` (rows × columns of observed counts).
    ///
    /// Returns nil when the table is ragged, has a negative count, or has fewer than 2 rows or 2 columns
    /// with a non-zero total (a 1 × k table, a choice set where only one option was picked, an empty table).
    public static func pearson(_ counts: [[Int]]) -> ChiSquareTest? {
        guard let table = ReducedTable(counts),
              table.keptRows.count >= 2, table.keptColumns.count >= 2
        else { return nil }
        let rows = table.keptRows.count
        let columns = table.keptColumns.count
        var sum = CompensatedSum()
        var minimum = Double.infinity
        var low = 0
        for i in 0..<rows {
            for j in 0..<columns {
                let e = table.expected(i, j)
                let d = table.counts[i][j] - e
                sum.add(d * d / e)
                minimum = min(minimum, e)
                if e < 5 { low += 1 }
            }
        }
        let statistic = max(0, sum.value)
        let df = (rows - 1) * (columns - 1)
        let n = Double(table.total)
        let v = (statistic / (n * Double(min(rows, columns) - 1))).squareRoot()
        return ChiSquareTest(
            statistic: statistic,
            degreesOfFreedom: df,
            pValue: ChiSquareDistribution.upperTail(statistic, degreesOfFreedom: df),
            n: table.total,
            cramersV: min(1, v),
            minimumExpected: minimum,
            lowExpectedShare: Double(low) / Double(rows * columns),
            keptRows: table.keptRows,
            keptColumns: table.keptColumns
        )
    }
}
