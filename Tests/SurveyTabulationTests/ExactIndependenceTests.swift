import SurveyStatistics
import Testing
@testable import SurveyTabulation

/// The p used where the chi-square fails Cochran's rule: exact where feasible, else Monte Carlo; one per table.
@Suite struct ExactIndependenceTests {
    @Test func smallTablesGetTheExactPAndLargeOnesTheMonteCarloP() throws {
        let small = [[3, 1, 0], [1, 4, 2]]
        let exact = try #require(ExactIndependence.pValue(small))
        #expect(exact.method == "fisher-freeman-halton")
        #expect(exact.p == FisherExactTest.rByC(ExactIndependence.canonical(small)))
        // Ten groups of 160 with a thin third column: beyond the exact p's work limit.
        let large = (0..<10).map { g in [80 + g, 78 - g, 2] }
        let simulated = try #require(ExactIndependence.pValue(large))
        #expect(simulated.method == "monte-carlo (100000 draws)")
        #expect(simulated.p == MonteCarloIndependenceTest(ExactIndependence.canonical(large), draws: 100_000)?.pValue)
        #expect(ExactIndependence.pValue([[1, 2]]) == nil)
    }

    @Test func aTableAndItsTransposeGiveOneP() throws {
        let table = (0..<10).map { g in [70 + 3 * g, 90 - 2 * g, g % 3] }
        let transposed = (0..<3).map { j in table.map { $0[j] } }
        #expect(ExactIndependence.canonical(table) == ExactIndependence.canonical(transposed))
        // Empty rows and columns do not change the table.
        let padded = table.map { $0 + [0] } + [[0, 0, 0, 0]]
        #expect(ExactIndependence.canonical(padded) == ExactIndependence.canonical(table))
        let p = try #require(ExactIndependence.pValue(table))
        #expect(ExactIndependence.pValue(transposed)?.p == p.p)
        #expect(ExactIndependence.pValue(padded)?.p == p.p)
    }
}
