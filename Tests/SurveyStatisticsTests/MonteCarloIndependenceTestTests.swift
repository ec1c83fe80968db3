import Foundation
import SurveyTestSupport
import Testing
@testable import SurveyStatistics

/// Monte Carlo χ² p against the exact conditional χ² p and R's `chisq.test(simulate.p.value = TRUE)` (Fixtures/rxc.csv).
struct MonteCarloIndependenceTestTests {
    /// Binomial standard error of a Monte Carlo p estimated from `draws` tables.
    private func standardError(_ p: Double, _ draws: Int) -> Double {
        let p = min(1, max(0, p))
        return (p * (1 - p) / Double(draws)).squareRoot()
    }

    @Test("p within 4 standard errors of the exact χ² p (enumerated in R) and of R's simulated p with B = 10⁶")
    func matchesR() throws {
        let rows = try Fixture.csv("rxc")
        #expect(rows.count >= 16)
        var exactChecked = 0, simulatedChecked = 0
        var deviations: [Double] = []
        for row in rows {
            let name = row["case"] ?? "?"
            let table = Fixture.table(row["table"])
            let cells = table.count * (table.first?.count ?? 0)
            let draws = cells > 30 ? 10_000 : 100_000
            let test = try #require(MonteCarloIndependenceTest(table, draws: draws), "\(name)")
            let statistic = try #require(Fixture.double(row["statistic"]))
            #expect(RelativeError.scaled(test.statistic, statistic, floor: 1e-12) <= 1e-12, "\(name) χ² \(test.statistic) vs \(statistic)")
            #expect(test.draws == draws)
            #expect(test.pValue > 0 && test.pValue <= 1)
            let floor = 1 / Double(draws + 1)
            if let exact = Fixture.double(row["exact_chisq_p"]) {
                let allowed = 4 * standardError(exact, draws) + floor
                deviations.append(abs(test.pValue - exact) / max(standardError(exact, draws), floor))
                #expect(abs(test.pValue - exact) <= allowed, "\(name): p \(test.pValue) vs exact \(exact), allowed \(allowed)")
                exactChecked += 1
            }
            let simulated = try #require(Fixture.double(row["sim_p"]))
            let rDraws = try #require(Fixture.double(row["sim_draws"]))
            let combined = (pow(standardError(simulated, draws), 2) + pow(standardError(simulated, Int(rDraws)), 2)).squareRoot()
            let allowed = 4 * combined + floor + 1 / (rDraws + 1)
            #expect(abs(test.pValue - simulated) <= allowed, "\(name): p \(test.pValue) vs R simulated \(simulated), allowed \(allowed)")
            simulatedChecked += 1
        }
        #expect(exactChecked >= 8 && simulatedChecked >= 20)
        RelativeError.report("Monte Carlo p vs exact χ² p, in standard errors", deviations)
    }

    @Test("standard error is √(p(1 − p)/B); p is (1 + count)/(B + 1), so never 0")
    func errorAndFloor() throws {
        let strong = try #require(MonteCarloIndependenceTest([[6, 0, 0], [0, 6, 0], [0, 0, 6]], draws: 2_000))
        #expect(strong.pValue >= 1 / 2_001.0 && strong.pValue < 0.01)
        let test = try #require(MonteCarloIndependenceTest([[3, 1, 0, 2], [5, 2, 1, 0], [4, 6, 2, 1]], draws: 5_000))
        #expect(RelativeError.of(test.standardError, (test.pValue * (1 - test.pValue) / 5_000).squareRoot()) <= 1e-15)
        let count = test.pValue * 5_001 - 1
        #expect(abs(count - count.rounded()) < 1e-6)
    }

    @Test("a pure function of table, draws and seed; another seed gives another p within the error")
    func deterministic() throws {
        let table = [[20, 27, 1], [35, 17, 3], [22, 24, 0], [30, 18, 2]]
        let a = try #require(MonteCarloIndependenceTest(table, draws: 20_000))
        let b = try #require(MonteCarloIndependenceTest(table, draws: 20_000))
        let c = try #require(MonteCarloIndependenceTest(table, draws: 20_000, seed: 7))
        #expect(a == b)
        #expect(a.pValue != c.pValue)
        #expect(abs(a.pValue - c.pValue) <= 6 * a.standardError)
        // Zero rows and columns, and the order of rows and columns, do not change the simulated law.
        let padded = try #require(MonteCarloIndependenceTest(
            [[0, 0, 0, 0], [1, 20, 0, 27], [3, 35, 0, 17], [0, 22, 0, 24], [2, 30, 0, 18]], draws: 20_000))
        #expect(RelativeError.of(padded.statistic, a.statistic) <= 1e-13)
        #expect(abs(padded.pValue - a.pValue) <= 6 * a.standardError)
    }

    @Test("no test: ragged, negative, fewer than 2 non-empty rows or columns, no draws")
    func invalid() {
        #expect(MonteCarloIndependenceTest([[1, 2], [3]]) == nil)
        #expect(MonteCarloIndependenceTest([[1, -2], [3, 4]]) == nil)
        #expect(MonteCarloIndependenceTest([[1, 2, 3]]) == nil)
        #expect(MonteCarloIndependenceTest([[5, 0], [7, 0]]) == nil)
        #expect(MonteCarloIndependenceTest([[0, 0], [0, 0]]) == nil)
        #expect(MonteCarloIndependenceTest([]) == nil)
        #expect(MonteCarloIndependenceTest([[1, 2], [3, 4]], draws: 0) == nil)
    }
}
