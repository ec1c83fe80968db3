import SurveyTestSupport
import Testing
@testable import SurveyStatistics

/// Raking and trimming against R's `survey::rake` and `trimWeights(strict = TRUE)` (Fixtures/reference_weights.R,
/// Fixtures/weights.csv).
struct RakingTests {
    /// The fixture's rows: sex and age band (0-based categories) and R's weights.
    static func fixture() throws -> (sex: [Int], age: [Int], raked: [Double], trimmed: [Double]) {
        let rows = try Fixture.csv("weights")
        return (try rows.map { try #require(Fixture.int($0["sex"])) - 1 }, try rows.map { try #require(Fixture.int($0["age"])) - 1 },
                try rows.map { try #require(Fixture.double($0["rake_w"])) }, try rows.map { try #require(Fixture.double($0["rake_trimmed_w"])) })
    }

    @Test("raked weights match R rake() to the sex and age margins, at 1e-9")
    func matchesR() throws {
        let data = try Self.fixture()
        #expect(data.sex.count == 200)
        let raking = try #require(Raking(categories: [data.sex, data.age], targets: [[32000, 34000], [26000, 22000, 18000]],
                                         tolerance: 1e-7, maxIterations: 100))
        #expect(raking.converged)
        let errors = zip(raking.weights, data.raked).map { RelativeError.of($0, $1) }
        #expect(errors.max() ?? 1 <= 1e-9, "largest relative error \(errors.max() ?? 1)")
        RelativeError.report("raking vs R rake", errors)
        #expect(raking.discrepancies.allSatisfy { $0 < 1e-7 * 200 })
    }

    @Test("trimmed weights match R trimWeights(strict = TRUE), at 1e-9, and keep the total")
    func trimmingMatchesR() throws {
        let data = try Self.fixture()
        let mean = data.raked.reduce(0, +) / Double(data.raked.count)
        let trimmed = try #require(WeightTrimming.trimmed(data.raked, lower: 0.5 * mean, upper: 2 * mean))
        let errors = zip(trimmed, data.trimmed).map { RelativeError.of($0, $1) }
        #expect(errors.max() ?? 1 <= 1e-9, "largest relative error \(errors.max() ?? 1)")
        #expect(RelativeError.of(trimmed.reduce(0, +), 66000) <= 1e-12)
        #expect(WeightTrimming.trimmed([1, 2, 3], lower: 0, upper: 10) == [1, 2, 3])
    }

    @Test("bounds too narrow to trim to: no weight inside to take what is cut off, or still outside after the passes")
    func trimmingTooNarrow() {
        // Every weight outside [1.9, 2.1]: R's trimWeights only clips (to 1.9 and 2.1, total 4 instead of 4.4).
        #expect(WeightTrimming.trimmed([1, 3.4], lower: 1.9, upper: 2.1) == nil)
        #expect(WeightTrimming.trimmed([1, 2.5, 3], lower: 2, upper: 2) == nil)
        // One pass moves 0.5 onto the 2, which then lies above 2.2: a second pass is needed.
        #expect(WeightTrimming.trimmed([1, 2, 3.5], lower: 0, upper: 2.2, maxPasses: 1) == nil)
        #expect(WeightTrimming.trimmed([1, 2, 3.5], lower: 0, upper: 2.2) != nil)
    }

    @Test("margins that cannot hold together do not converge; the discrepancy says by how much")
    func nonConvergence() throws {
        // Everyone of sex 1 is in age band 1 and vice versa: sex 1 = 10 and age 1 = 90 cannot both hold.
        let sex = [0, 0, 1, 1], age = [0, 0, 1, 1]
        let raking = try #require(Raking(categories: [sex, age], targets: [[10, 90], [90, 10]], tolerance: 1e-7, maxIterations: 20))
        // R's rake stops here (the joint table is stable after two iterations); raking does not call that converged.
        #expect(!raking.converged)
        #expect(raking.iterations == 2)
        #expect(raking.discrepancies[0] > 70)
        #expect(raking.discrepancies[1] < 1e-9)
    }

    @Test("bad input gives nil, never a trap")
    func invalid() {
        #expect(Raking(categories: [[0, 1]], targets: [[1, 1]], tolerance: 0, maxIterations: 10) == nil)
        #expect(Raking(categories: [[0, 0]], targets: [[1, 1]], tolerance: 1e-7, maxIterations: 10) == nil)
        #expect(Raking(categories: [[0, 2]], targets: [[1, 1]], tolerance: 1e-7, maxIterations: 10) == nil)
        #expect(Raking(categories: [[0, 1]], targets: [[1, 0]], tolerance: 1e-7, maxIterations: 10) == nil)
        #expect(Raking(categories: [[0, 1], [0]], targets: [[1, 1], [2]], tolerance: 1e-7, maxIterations: 10) == nil)
        // A row unknown in a margin (−1) keeps its weight there.
        let raking = Raking(categories: [[0, 1, -1]], targets: [[5, 7]], tolerance: 1e-7, maxIterations: 10)
        #expect(raking?.weights == [5, 7, 1])
    }
}
