import Foundation

/// A Monte Carlo p-value for Pearson's χ² test of independence, conditional on both margins of an R × C table.
///
/// Draws B tables uniformly from the tables with the observed row and column totals under independence (the
/// multiple hypergeometric law), by Patefield's algorithm (AS 159, R's `r2dtable`): cell by cell, row by row, each
/// count is a hypergeometric draw given the totals not yet used, found by inversion searching outward from the mode.
/// With χ²ₒ the observed Pearson statistic and χ²ᵦ those of the draws,
///   p = (1 + #{b : χ²ᵦ ≥ χ²ₒ·(1 − 64ε)}) / (B + 1),
/// R's rule and tolerance (ε = 2⁻⁵²), so the observed table counts as "at least as extreme" and p is never 0.
/// Its Monte Carlo standard error is √(p(1 − p)/B); with B = 100 000 it is at most 0.0016.
/// The draws use a xoshiro256** generator seeded (through SplitMix64) from `seed`, so the result is a pure
/// function of the table, B and the seed (R's random stream is not reproduced: p agrees with R's within the error).
/// Rows and columns whose total is zero are dropped first. Cost: O(B·(R − 1)(C − 1)) with one `exp` per cell and
/// no allocation per draw.
/// Assumptions: as Fisher's exact test (margins conditioned upon, independent observations); no large-sample
/// approximation, so it holds where Cochran's rule fails.
/// Agrees with R's `chisq.test(x, simulate.p.value = TRUE, B = B)` and with the exact conditional χ² p (all tables
/// enumerated) within Monte Carlo error. Fisher–Freeman–Halton (`FisherExactTest.rByC`) orders tables by probability
/// instead of χ², so its p is close to this one but not the same quantity.
/// References: Patefield, W. M. (1981), Applied Statistics 30, 91–97 (AS 159); Hope, A. C. A. (1968), J. R. Statist.
/// Soc. B 30, 582–598; Blackman, D. & Vigna, S. (2021), ACM TOMS 47, 36 (xoshiro256**).
public struct MonteCarloIndependenceTest: Sendable, Equatable {
    /// The seed used when none is given (fixed, so reports are reproducible).
    public static let defaultSeed: UInt64 = 0x5355_5256_4559_0014
    /// Monte Carlo p-value (1 + #{χ²ᵦ ≥ χ²ₒ}) / (B + 1), in (0, 1].
    public var pValue: Double
    /// Number of simulated tables B.
    public var draws: Int
    /// Pearson's χ² of the observed (reduced) table.
    public var statistic: Double
    /// Monte Carlo standard error of `pValue`, √(p(1 − p)/B).
    public var standardError: Double

    /// Simulates `draws` tables with the margins of `counts`; nil when the table is ragged, has a negative count,
    /// overflows, has fewer than 2 rows or 2 columns with a non-zero total, or `draws` < 1.
    public init?(_ counts: [[Int]], draws: Int = 100_000, seed: UInt64 = MonteCarloIndependenceTest.defaultSeed) {
        guard draws >= 1, let table = ReducedTable(counts),
              table.keptRows.count >= 2, table.keptColumns.count >= 2
        else { return nil }
        // χ² does not depend on the order of rows and columns: the largest row and column go last, where
        // Patefield's algorithm fills cells by subtraction instead of drawing them.
        let rowOrder = table.rowTotals.indices.sorted { table.rowTotals[$0] < table.rowTotals[$1] }
        let columnOrder = table.columnTotals.indices.sorted { table.columnTotals[$0] < table.columnTotals[$1] }
        let rows = rowOrder.count, columns = columnOrder.count
        let rowTotals = rowOrder.map { Int(table.rowTotals[$0]) }
        let columnTotals = columnOrder.map { Int(table.columnTotals[$0]) }
        var expected = [Double](repeating: 0, count: rows * columns)
        var inverse = [Double](repeating: 0, count: rows * columns)
        var observed = 0.0
        for (i, row) in rowOrder.enumerated() {
            for (j, column) in columnOrder.enumerated() {
                let e = table.expected(row, column)
                expected[i * columns + j] = e
                inverse[i * columns + j] = 1 / e
                let d = table.counts[row][column] - e
                observed += d * d * (1 / e)
            }
        }
        let threshold = observed * (1 - 64 * Double.ulpOfOne)
        let logFactorials = (0...table.total).map { (k: Int) -> Double in lgamma(Double(k) + 1) }
        let reciprocals = (0...table.total).map { (k: Int) -> Double in k == 0 ? 0 : 1 / Double(k) }
        var generator = Xoshiro256StarStar(seed: seed)
        var sampler = PatefieldSampler(rowTotals: rowTotals, columnTotals: columnTotals, total: table.total)
        var atLeast = 0
        expected.withUnsafeBufferPointer { e in
            inverse.withUnsafeBufferPointer { w in
                logFactorials.withUnsafeBufferPointer { lf in
                    reciprocals.withUnsafeBufferPointer { r in
                        let tables = HypergeometricTables(logFactorials: lf, reciprocals: r)
                        for _ in 0..<draws {
                            if sampler.drawStatistic(expected: e, inverse: w, tables: tables, using: &generator) >= threshold {
                                atLeast += 1
                            }
                        }
                    }
                }
            }
        }
        let p = Double(1 + atLeast) / Double(draws + 1)
        pValue = p
        self.draws = draws
        statistic = observed
        standardError = (p * (1 - p) / Double(draws)).squareRoot()
    }
}

/// Patefield's (1981) generator of random R × C tables with given margins, reusing its work space between draws.
struct PatefieldSampler {
    /// Row totals rᵢ.
    let rowTotals: [Int]
    /// Column totals cⱼ.
    let columnTotals: [Int]
    /// Grand total n.
    let total: Int
    /// Column totals not yet used by the rows drawn so far (work space).
    private var remaining: [Int]

    init(rowTotals: [Int], columnTotals: [Int], total: Int) {
        self.rowTotals = rowTotals
        self.columnTotals = columnTotals
        self.total = total
        remaining = columnTotals
    }

    /// Draws one table and returns its Pearson statistic Σ (x − e)²·(1/e) (cells row-major in `expected`, `inverse`).
    mutating func drawStatistic(
        expected: UnsafeBufferPointer<Double>, inverse: UnsafeBufferPointer<Double>,
        tables: HypergeometricTables, using generator: inout Xoshiro256StarStar
    ) -> Double {
        let rows = rowTotals.count, columns = columnTotals.count
        var chiSquare = 0.0
        return remaining.withUnsafeMutableBufferPointer { left in
            for j in 0..<columns { left[j] = columnTotals[j] }
            var below = total  // units in rows i… (all columns)
            for i in 0..<(rows - 1) {
                var rowLeft = rowTotals[i]
                var block = below  // units in rows i… and columns j…
                below -= rowLeft
                let base = i * columns
                for j in 0..<(columns - 1) {
                    let column = left[j]
                    var x = 0
                    if rowLeft > 0 {
                        x = tables.draw(population: block, successes: column, draws: rowLeft, &generator)
                        rowLeft -= x
                        left[j] = column - x
                    }
                    block -= column
                    let d = Double(x) - expected[base + j]
                    chiSquare += d * d * inverse[base + j]
                }
                let d = Double(rowLeft) - expected[base + columns - 1]
                chiSquare += d * d * inverse[base + columns - 1]
                left[columns - 1] -= rowLeft
            }
            let base = (rows - 1) * columns
            for j in 0..<columns {
                let d = Double(left[j]) - expected[base + j]
                chiSquare += d * d * inverse[base + j]
            }
            return chiSquare
        }
    }
}

/// Log-factorials ln k! and reciprocals 1/k for k = 0…n, for hypergeometric draws without `lgamma` or division.
struct HypergeometricTables {
    /// ln k!.
    let logFactorials: UnsafeBufferPointer<Double>
    /// 1/k (0 for k = 0).
    let reciprocals: UnsafeBufferPointer<Double>

    /// A hypergeometric draw: successes among `draws` taken from `population` holding `successes`, by inversion
    /// from the mode outward, taking the more probable neighbour first (exact up to rounding of the probabilities).
    @inline(__always)
    func draw(population: Int, successes: Int, draws: Int, _ generator: inout Xoshiro256StarStar) -> Int {
        let failures = population - successes
        let low = max(0, draws - failures), high = min(draws, successes)
        if low >= high { return low }
        let mode = min(high, max(low, (draws + 1) * (successes + 1) / (population + 2)))
        let lf = logFactorials
        // P(mode) = C(K, m)·C(N − K, k − m) / C(N, k).
        let pMode = exp(lf[successes] - lf[mode] - lf[successes - mode] + lf[failures] - lf[draws - mode]
                        - lf[failures - draws + mode] - lf[population] + lf[draws] + lf[population - draws])
        let shift = failures - draws  // N − K − k
        while true {
            var u = generator.nextUniform() - pMode
            if u <= 0 { return mode }
            var up = mode, down = mode
            // P(x + 1) = P(x)·(K − x)(k − x) / ((x + 1)(N − K − k + x + 1)); P(x − 1) = P(x)·x(N − K − k + x) / ((K − x + 1)(k − x + 1)).
            var pUp = up < high ? pMode * Double((successes - up) * (draws - up)) * reciprocals[up + 1] * reciprocals[shift + up + 1] : 0
            var pDown = down > low ? pMode * Double(down * (shift + down)) * reciprocals[successes - down + 1] * reciprocals[draws - down + 1] : 0
            while pUp > 0 || pDown > 0 {
                if pUp >= pDown {
                    up += 1
                    u -= pUp
                    if u <= 0 { return up }
                    pUp = up < high ? pUp * Double((successes - up) * (draws - up)) * reciprocals[up + 1] * reciprocals[shift + up + 1] : 0
                } else {
                    down -= 1
                    u -= pDown
                    if u <= 0 { return down }
                    pDown = down > low ? pDown * Double(down * (shift + down)) * reciprocals[successes - down + 1] * reciprocals[draws - down + 1] : 0
                }
            }
            // Rounding left u above the summed probabilities (rare, ≈ 1e−16 of draws): draw u again, as AS 159 does.
        }
    }
}

/// xoshiro256** (Blackman & Vigna 2021), seeded through SplitMix64: fast, small-state, good 64-bit output.
struct Xoshiro256StarStar {
    /// The 256-bit state (never all zero after SplitMix64 seeding).
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// Generator whose state is four consecutive SplitMix64 outputs from `seed`.
    init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    /// Next 64 random bits.
    @inline(__always)
    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// Uniform double in [0, 1) with 53 random bits.
    @inline(__always)
    mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }
}
