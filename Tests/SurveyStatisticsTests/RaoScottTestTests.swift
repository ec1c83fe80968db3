import SurveyTestSupport
import Testing
@testable import SurveyStatistics

/// The Rao–Scott second-order test against R's `svychisq(statistic = "F")` (Fixtures/reference_weights.R,
/// Fixtures/rao_scott.csv on the respondents of Fixtures/weights.csv).
struct RaoScottTestTests {
    @Test("F, both degrees of freedom, p and the scaled Pearson X² match R at 1e-9, stratified and not")
    func matchesR() throws {
        let data = try Fixture.csv("weights")
        func column(_ name: String) throws -> [Int] { try data.map { try #require(Fixture.int($0[name])) } }
        let strata = try column("district")
        var checked = 0
        for reference in try Fixture.csv("rao_scott") {
            let stratified = reference["design"] == "strata"
            let weights = try data.map { try #require(Fixture.double($0[stratified ? "strata_w" : "w_column"])) }
            let test = try #require(RaoScottTest(rows: try column(reference["row"]!), columns: try column(reference["column"]!),
                                                 weights: weights, strata: stratified ? strata : nil))
            for (actual, key) in [(test.statistic, "f"), (test.numeratorDF, "ndf"), (test.denominatorDF, "ddf"), (test.pValue, "p"),
                                  (test.pearson, "pearson")] {
                let expected = try #require(Fixture.double(reference[key]))
                #expect(RelativeError.of(actual, expected) <= 1e-9, "\(reference["design"]!) \(reference["row"]!) × \(reference["column"]!) \(key): \(actual) vs \(expected)")
            }
            #expect(test.n == 200)
            checked += 1
        }
        #expect(checked == 6)
    }

    @Test("empty cells: R's F at 1e-9 while they close no cycle; no test where they do (R's solve stops)")
    func emptyCells() throws {
        let data = try Fixture.csv("rao_scott_empty_cells_data")
        for reference in try Fixture.csv("rao_scott_empty_cells") {
            let mine = data.filter { $0["case"] == reference["case"] }
            func column(_ name: String) throws -> [Int] { try mine.map { try #require(Fixture.int($0[name])) } }
            let test = RaoScottTest(rows: try column("row"), columns: try column("column"),
                                    weights: try mine.map { try #require(Fixture.double($0["w"])) }, strata: try column("stratum"))
            if reference["f"] == "error" {
                #expect(test == nil, "\(reference["case"]!)")
                continue
            }
            let found = try #require(test, "\(reference["case"]!)")
            for (actual, key) in [(found.statistic, "f"), (found.numeratorDF, "ndf"), (found.denominatorDF, "ddf"), (found.pValue, "p")] {
                let expected = try #require(Fixture.double(reference[key]))
                #expect(RelativeError.of(actual, expected) <= 1e-9, "\(reference["case"]!) \(key): \(actual) vs \(expected)")
            }
        }
        #expect(RaoScottTest.emptyCellsLeaveContrastsUnestimable([0, 0, 1, 0, 0, 1, 1, 1, 1], rows: 3))
        #expect(!RaoScottTest.emptyCellsLeaveContrastsUnestimable([0, 0, 1, 0, 1, 1, 1, 1, 1], rows: 3))
    }

    @Test("no test says why: fewer than two rows, empty cells closing a cycle, every stratum lonely, no variance, bad strata")
    func reasons() {
        typealias Cells = RaoScottTest.StratumCells
        /// One stratum of `size` respondents in an r × c table with `counts` respondents of weight 1 per cell.
        func stratum(_ counts: [[Double]], size: Int? = nil) -> Cells {
            let respondents = Int(counts.joined().reduce(0, +))
            return Cells(weights: counts, squares: counts, respondents: respondents, size: size ?? respondents)
        }
        func reason(_ strata: [Cells]) -> RaoScottTest.Unestimable? {
            if case .failure(let reason) = RaoScottTest.estimate(strata: strata) { return reason }
            return nil
        }
        #expect(reason([stratum([[1, 2]])]) == .fewerThanTwoRowsOrColumns)
        #expect(reason([stratum([[0, 2, 0], [1, 1, 1], [0, 1, 0]])]) == .emptyCellsCloseACycle)  // four corners
        #expect(reason([stratum([[0, 2, 1], [1, 1, 1], [1, 1, 0]])]) == nil)
        // Four strata of one respondent each: N − H = 0. With more in the design (size 3) they are tested.
        let lonely = [[[1.0, 0], [0, 0]], [[0, 1], [0, 0]], [[0, 0], [1, 0]], [[0, 0], [0, 1]]]
        #expect(reason(lonely.map { stratum($0) }) == .everyStratumLonely)
        #expect(reason(lonely.map { stratum($0, size: 3) }) == nil)
        // Each stratum's respondents all in one cell with one weight: nothing varies within a stratum.
        #expect(reason(lonely.map { stratum($0.map { $0.map { $0 * 2 } }) }) == .noVariance)
        #expect(reason([stratum([[1, 1], [1, 1]], size: 3)]) == .inconsistentStrata)
        #expect(reason([stratum([[1, 1], [1, 1]]), stratum([[1, 1]])]) == .inconsistentStrata)
    }

    @Test("F tail as R pf(lower.tail = FALSE)")
    func fTail() {
        // pf(3, 2, 10, lower.tail = FALSE) = (1 + 2·3/10)^(−5): exact for d1 = 2.
        #expect(RelativeError.of(FDistribution.upperTail(3, 2, 10), 0.095_367_431_640_625) <= 1e-12)
        #expect(FDistribution.upperTail(0, 2, 10) == 1)
        #expect(FDistribution.upperTail(1, 0, 10).isNaN)
    }

    @Test("no test without two rows and two columns, when every stratum has one respondent (d₂ = 0), or with a weight not above 0")
    func degenerate() {
        #expect(RaoScottTest(rows: [0, 0, 0], columns: [0, 1, 0], weights: [1, 1, 1]) == nil)
        #expect(RaoScottTest(rows: [0, 1, 0, 1], columns: [0, 1, 1, 0], weights: [1, 2, 1, 1], strata: [0, 1, 2, 3]) == nil)
        // One lonely stratum among others: a test (R's lonely.psu = "adjust", LonelyStratumTests), d₂ = d₁(n − H).
        let lonely = RaoScottTest(rows: [0, 1, 0, 1, 0, 1], columns: [0, 1, 1, 0, 0, 1], weights: [1, 2, 1, 1, 3, 1], strata: [0, 0, 0, 0, 0, 1])
        #expect(lonely.map { RelativeError.of($0.denominatorDF, $0.numeratorDF * 4) <= 1e-15 } == true)
        #expect(RaoScottTest(rows: [0, 1, 0, 1], columns: [0, 1, 1, 0], weights: [1, 1, 0, 1]) == nil)
        #expect(RaoScottTest(rows: [0, 1], columns: [0, 1, 1], weights: [1, 1]) == nil)
        // A respondent with a negative category is left out.
        #expect(RaoScottTest(rows: [0, 1, 0, 1, -1], columns: [0, 1, 1, 0, 0], weights: [1, 2, 1, 2, 5])?.n == 4)
    }

    @Test("tr Δ and tr Δ² by Cholesky equal those of Δ = A⁻¹B by elimination, at 1e-10 (seeded SPD A, symmetric B)")
    func tracesByCholesky() throws {
        var random = SplitMix64(seed: 99)
        for _ in 0..<40 {
            let q = Int.random(in: 1...25, using: &random)
            let g = (0..<(q * q)).map { _ in Double.random(in: -1...1, using: &random) }
            var a = [Double](repeating: 0, count: q * q), b = a
            for i in 0..<q {
                for j in 0..<q {
                    a[i * q + j] = (0..<q).reduce(i == j ? 0.5 : 0) { $0 + g[i * q + $1] * g[j * q + $1] }
                    b[i * q + j] = g[i * q + j] + g[j * q + i]
                }
            }
            let delta = try #require(RaoScottTest.solve(a, b, size: q))
            let trace = (0..<q).reduce(0.0) { $0 + delta[$1 * q + $1] }
            var square = 0.0
            for x in 0..<q { for y in 0..<q { square += delta[x * q + y] * delta[y * q + x] } }
            let fast = try #require(RaoScottTest.traces(a, b, size: q))
            #expect(abs(fast.trace - trace) <= 1e-10 * max(1, abs(trace)))
            #expect(abs(fast.ofSquare - square) <= 1e-10 * max(1, abs(square)))
        }
        // Not positive definite: the elimination path; singular: nil.
        #expect(RaoScottTest.cholesky([1, 2, 2, 1], size: 2) == nil)
        // A⁻¹ = [[-1/3, 2/3], [2/3, -1/3]]: tr A⁻¹I = -2/3, tr (A⁻¹)² = 1/9 + 4/9 + 4/9 + 1/9 = 10/9.
        let indefinite = try #require(RaoScottTest.traces([1, 2, 2, 1], [1, 0, 0, 1], size: 2))
        #expect(abs(indefinite.trace + 2.0 / 3.0) <= 1e-15 && abs(indefinite.ofSquare - 10.0 / 9.0) <= 1e-15)
        #expect(RaoScottTest.traces([1, 1, 1, 1], [1, 0, 0, 1], size: 2) == nil)
    }
}
