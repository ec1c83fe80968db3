import SurveyTestSupport
import Testing
@testable import SurveyStatistics

/// Seeded property tests (SplitMix64) for invariances that must hold for any table or sample.
struct PropertyTests {
    /// A random R × C table of counts 0...maxCount, occasionally with an all-zero row or column.
    private func randomTable(_ rng: inout SplitMix64, rows: Int, columns: Int, maxCount: Int) -> [[Int]] {
        var table = (0..<rows).map { _ in (0..<columns).map { _ in Int.random(in: 0...maxCount, using: &rng) } }
        if Int.random(in: 0..<5, using: &rng) == 0 {
            let i = Int.random(in: 0..<rows, using: &rng)
            table[i] = [Int](repeating: 0, count: columns)
        }
        if Int.random(in: 0..<5, using: &rng) == 0 {
            let j = Int.random(in: 0..<columns, using: &rng)
            for i in 0..<rows { table[i][j] = 0 }
        }
        return table
    }

    private func transpose(_ table: [[Int]]) -> [[Int]] {
        guard let width = table.first?.count else { return [] }
        return (0..<width).map { j in table.map { $0[j] } }
    }

    @Test("chi-square is unchanged by transposing the table; p ∈ [0, 1]; margins give n and kept indices")
    func transposeInvariance() throws {
        var rng = SplitMix64(seed: 20_240_601)
        var tested = 0
        for _ in 0..<400 {
            let rows = Int.random(in: 1...6, using: &rng)
            let columns = Int.random(in: 1...6, using: &rng)
            let table = randomTable(&rng, rows: rows, columns: columns, maxCount: Int.random(in: 1...200, using: &rng))
            let direct = ChiSquareTest.pearson(table)
            let transposed = ChiSquareTest.pearson(transpose(table))
            #expect((direct == nil) == (transposed == nil))
            guard let direct, let transposed else { continue }
            tested += 1
            #expect(RelativeError.scaled(direct.statistic, transposed.statistic, floor: 1e-12) <= 1e-12)
            #expect(RelativeError.scaled(direct.pValue, transposed.pValue, floor: 1e-300) <= 1e-9)
            #expect(direct.degreesOfFreedom == transposed.degreesOfFreedom)
            #expect(RelativeError.scaled(direct.cramersV, transposed.cramersV, floor: 1e-12) <= 1e-9)
            #expect(direct.keptRows == transposed.keptColumns)
            #expect(direct.keptColumns == transposed.keptRows)
            #expect(direct.pValue >= 0 && direct.pValue <= 1)
            #expect(direct.cramersV >= 0 && direct.cramersV <= 1)
            #expect(direct.n == table.joined().reduce(0, +))
            #expect(direct.keptRows == table.indices.filter { table[$0].reduce(0, +) > 0 })
        }
        #expect(tested > 200)
    }

    @Test("permuting rows leaves the test unchanged; scaling all counts by k multiplies χ² by k")
    func permutationAndScaling() throws {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<200 {
            let table = randomTable(&rng, rows: 3, columns: 4, maxCount: 60)
            guard let base = ChiSquareTest.pearson(table) else { continue }
            let shuffled = try #require(ChiSquareTest.pearson(table.reversed()))
            #expect(RelativeError.scaled(base.statistic, shuffled.statistic, floor: 1e-12) <= 1e-12)
            let tripled = try #require(ChiSquareTest.pearson(table.map { $0.map { $0 * 3 } }))
            #expect(RelativeError.scaled(tripled.statistic, 3 * base.statistic, floor: 1e-12) <= 1e-12)
            #expect(RelativeError.scaled(tripled.cramersV, base.cramersV, floor: 1e-12) <= 1e-9)
        }
    }

    @Test("2×2 adjusted residuals all have the same magnitude, and |residual|² = χ²")
    func twoByTwoResiduals() throws {
        var rng = SplitMix64(seed: 99)
        for _ in 0..<300 {
            let table = (0..<2).map { _ in (0..<2).map { _ in Int.random(in: 1...500, using: &rng) } }
            let residuals = AdjustedResiduals.haberman(table).joined().compactMap { $0 }
            #expect(residuals.count == 4)
            let magnitude = abs(residuals[0])
            for r in residuals {
                #expect(RelativeError.scaled(abs(r), magnitude, floor: 1e-9) <= 1e-10)
            }
            #expect(RelativeError.scaled(residuals[0], -residuals[1], floor: 1e-9) <= 1e-10)
            #expect(RelativeError.scaled(residuals[0], -residuals[2], floor: 1e-9) <= 1e-10)
            let test = try #require(ChiSquareTest.pearson(table))
            #expect(RelativeError.scaled(magnitude * magnitude, test.statistic, floor: 1e-9) <= 1e-10)
        }
    }

    @Test("residuals of a 2-row table are opposite in the two rows")
    func twoRowResiduals() throws {
        var rng = SplitMix64(seed: 3)
        for _ in 0..<100 {
            let table = (0..<2).map { _ in (0..<5).map { _ in Int.random(in: 1...80, using: &rng) } }
            let residuals = AdjustedResiduals.haberman(table)
            for j in 0..<5 {
                let top = try #require(residuals[0][j]), bottom = try #require(residuals[1][j])
                #expect(RelativeError.scaled(top, -bottom, floor: 1e-9) <= 1e-10)
            }
        }
    }

    @Test("Fisher p ∈ [0, 1] and invariant under transposition and row/column swaps")
    func fisherSymmetries() {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<300 {
            let a = Int.random(in: 0...60, using: &rng), b = Int.random(in: 0...60, using: &rng)
            let c = Int.random(in: 0...60, using: &rng), d = Int.random(in: 0...60, using: &rng)
            let p = FisherExactTest.twoSided(a, b, c, d)
            #expect(p >= 0 && p <= 1)
            #expect(RelativeError.scaled(FisherExactTest.twoSided(a, c, b, d), p, floor: 1e-300) <= 1e-9)
            #expect(RelativeError.scaled(FisherExactTest.twoSided(c, d, a, b), p, floor: 1e-300) <= 1e-9)
            #expect(RelativeError.scaled(FisherExactTest.twoSided(b, a, d, c), p, floor: 1e-300) <= 1e-9)
        }
    }

    @Test("Wilson interval lies in [0, 1], contains p̂, and narrows as n grows")
    func wilsonProperties() throws {
        var rng = SplitMix64(seed: 5)
        for _ in 0..<300 {
            let n = Int.random(in: 1...5000, using: &rng)
            let x = Int.random(in: 0...n, using: &rng)
            let interval = try #require(WilsonInterval(successes: x, trials: n))
            let estimate = Double(x) / Double(n)
            #expect(interval.lower >= 0 && interval.upper <= 1)
            #expect(interval.lower <= estimate + 1e-15 && estimate <= interval.upper + 1e-15)
            let wider = try #require(WilsonInterval(successes: x, trials: n, confidence: 0.99))
            #expect(wider.lower <= interval.lower + 1e-15 && wider.upper >= interval.upper - 1e-15)
        }
    }

    @Test("swapping the two samples negates z and the difference and keeps p")
    func zTestAntisymmetry() throws {
        var rng = SplitMix64(seed: 13)
        for _ in 0..<300 {
            let n1 = Int.random(in: 1...2000, using: &rng), n2 = Int.random(in: 1...2000, using: &rng)
            let x1 = Int.random(in: 0...n1, using: &rng), x2 = Int.random(in: 0...n2, using: &rng)
            guard let forward = TwoProportionZTest(successes1: x1, trials1: n1, successes2: x2, trials2: n2) else { continue }
            let backward = try #require(TwoProportionZTest(successes1: x2, trials1: n2, successes2: x1, trials2: n1))
            #expect(RelativeError.scaled(forward.z, -backward.z, floor: 1e-12) <= 1e-12)
            #expect(RelativeError.scaled(forward.difference, -backward.difference, floor: 1e-15) <= 1e-15)
            #expect(RelativeError.scaled(forward.pValue, backward.pValue, floor: 1e-300) <= 1e-12)
            #expect(forward.pValue >= 0 && forward.pValue <= 1)
            // z² is Pearson's χ² of the 2 × 2 table.
            let chi = try #require(ChiSquareTest.pearson([[x1, n1 - x1], [x2, n2 - x2]]))
            #expect(RelativeError.scaled(forward.z * forward.z, chi.statistic, floor: 1e-12) <= 1e-10)
        }
    }

    @Test("P(a, x) + Q(a, x) = 1 and Q decreases in x")
    func gammaComplement() {
        var rng = SplitMix64(seed: 17)
        for _ in 0..<500 {
            let a = Double(Int.random(in: 1...400, using: &rng)) / 2
            let x = Double.random(in: 0...(3 * a + 20), using: &rng)
            let p = Gamma.regularizedLower(a, x), q = Gamma.regularizedUpper(a, x)
            #expect(abs(p + q - 1) <= 1e-14)
            #expect(p >= 0 && p <= 1 && q >= 0 && q <= 1)
            #expect(Gamma.regularizedUpper(a, x * 1.01 + 0.01) <= q)
        }
    }

    @Test("quantiles are monotone in p; moments are shift-invariant in sd")
    func quantileAndMoments() throws {
        var rng = SplitMix64(seed: 23)
        for _ in 0..<100 {
            let values = (0..<Int.random(in: 1...40, using: &rng)).map { _ in Double.random(in: -50...50, using: &rng) }.sorted()
            var previous = -Double.infinity
            for k in 0...20 {
                let q = try #require(Quantile.type7(values, Double(k) / 20))
                #expect(q >= previous)
                previous = q
            }
            let base = try #require(Moments(values))
            let shifted = try #require(Moments(values.map { $0 + 1e6 }))
            if let sd = base.standardDeviation, let sdShifted = shifted.standardDeviation {
                #expect(RelativeError.scaled(sdShifted, sd, floor: 1e-6) <= 1e-8)
            }
            #expect(base.min == values.first && base.max == values.last)
        }
    }
}
