import SurveyTestSupport
import Testing
@testable import SurveyStatistics

/// Kruskal–Wallis test against R's `kruskal.test(x, g)` (Fixtures/kruskal.csv).
struct KruskalWallisTestTests {
    /// The fixture's groups: ";" between groups, " " between values ("NaN" allowed).
    private func groups(_ field: String?) -> [[Double]] {
        (field ?? "").split(separator: ";", omittingEmptySubsequences: false).map { group in
            group.split(separator: " ").compactMap { Double($0) }
        }
    }

    /// The same data as a groups × distinct-values frequency table (only for whole numbers).
    private func countsPerValue(_ groups: [[Double]]) -> (counts: [[Int]], values: [Double]) {
        let values = Array(Set(groups.joined().filter { !$0.isNaN })).sorted()
        let counts = groups.map { group in values.map { v in group.filter { $0 == v }.count } }
        return (counts, values)
    }

    @Test("H, df and p match R kruskal.test with ties, NaN, empty groups, singletons, p near 1 and 1e-30")
    func matchesR() throws {
        let rows = try Fixture.csv("kruskal")
        #expect(rows.count >= 13)
        var statisticErrors: [Double] = [], pErrors: [Double] = []
        var wholeNumberCases = 0
        for row in rows {
            let name = row["case"] ?? "?"
            let data = groups(row["groups"])
            let test = KruskalWallisTest(groups: data)
            let table = countsPerValue(data)
            let fromCounts = KruskalWallisTest(countsPerValue: table.counts, values: table.values)
            #expect(test == fromCounts, "\(name): both initialisers agree")
            if data.joined().allSatisfy({ $0.isNaN || $0 == $0.rounded() }) { wholeNumberCases += 1 }
            guard let statistic = Fixture.double(row["statistic"]) else {
                #expect(test == nil, "\(name): R has no test, expected nil")
                continue
            }
            let result = try #require(test, "\(name): expected a test")
            let p = try #require(Fixture.double(row["p_value"]))
            statisticErrors.append(RelativeError.scaled(result.statistic, statistic, floor: 1e-12))
            pErrors.append(RelativeError.of(result.pValue, p))
            #expect(RelativeError.scaled(result.statistic, statistic, floor: 1e-12) <= 1e-12, "\(name) H \(result.statistic) vs \(statistic)")
            #expect(RelativeError.of(result.pValue, p) <= 1e-9, "\(name) p \(result.pValue) vs \(p)")
            #expect(result.degreesOfFreedom == Fixture.int(row["df"]), "\(name) df")
            #expect(result.groupCount == Fixture.int(row["groups_kept"]), "\(name) groups")
            #expect(result.n == Fixture.int(row["n"]), "\(name) n")
        }
        #expect(wholeNumberCases >= 6)
        RelativeError.report("Kruskal–Wallis H vs R", statisticErrors)
        RelativeError.report("Kruskal–Wallis p vs R", pErrors)
    }

    @Test("counts per value: unsorted and repeated values are merged, NaN values ignored, like the raw values")
    func countsPerValueNormalises() throws {
        let raw = try #require(KruskalWallisTest(groups: [[1, 2, 2, 3], [3, 3, 4, 5, 5]]))
        let shuffled = try #require(KruskalWallisTest(
            countsPerValue: [[0, 2, 1, 0, 1, 0, 0], [2, 0, 0, 1, 1, 1, 7]],
            values: [5, 2, 1, 4, 3, 3, .nan]))
        #expect(raw == shuffled)
        // Large whole-number counts (a column of 1.2 million answers) stay exact.
        let big = try #require(KruskalWallisTest(
            countsPerValue: [[300_000, 200_000, 100_000], [250_000, 250_000, 100_000]], values: [0, 1, 2]))
        #expect(big.n == 1_200_000 && big.degreesOfFreedom == 1 && big.statistic > 0)
    }

    @Test("no test: fewer than 2 non-empty groups, all values equal, ragged or negative counts")
    func invalid() {
        #expect(KruskalWallisTest(groups: [[1, 2, 3]]) == nil)
        #expect(KruskalWallisTest(groups: [[1, 2], [.nan]]) == nil)
        #expect(KruskalWallisTest(groups: [[4, 4], [4]]) == nil)
        #expect(KruskalWallisTest(groups: []) == nil)
        #expect(KruskalWallisTest(countsPerValue: [[1, 2], [3]], values: [1, 2]) == nil)
        #expect(KruskalWallisTest(countsPerValue: [[1, -2], [3, 4]], values: [1, 2]) == nil)
        #expect(KruskalWallisTest(countsPerValue: [[1, 2], [3, 4]], values: [1]) == nil)
        #expect(KruskalWallisTest(countsPerValue: [[1, 2], [0, 0]], values: [1, 2]) == nil)
    }
}
