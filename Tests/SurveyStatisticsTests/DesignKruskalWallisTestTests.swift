import SurveyTestSupport
import Testing
@testable import SurveyStatistics

/// The design-based Kruskal–Wallis test against R's `svyranktest(y ~ age, design, test = "KruskalWallis")`
/// (Fixtures/reference_design_tests.R → Fixtures/design_tests.csv).
struct DesignKruskalWallisTestTests {
    typealias Sample = DesignTrendTestTests.Sample

    static func test(_ sample: Sample, design: String, domain: String, variable: String) throws -> DesignKruskalWallisTest {
        let (weights, strata, _) = sample.design(design)
        let values = sample.respondents.map { r -> Double in
            guard domain == "all" || r.eligible else { return .nan }
            return (variable == "x" ? r.x : r.y) ?? .nan
        }
        let groups = sample.respondents.map { ($0.age ?? 0) - 1 }
        return try #require(DesignKruskalWallisTest(values: values, groups: groups, weights: weights, strata: strata))
    }

    @Test("F, df and p match R at 1e-9: without ties R's own test, with ties the mid-rank version of R's code")
    func matchesR() throws {
        let sample = try Sample.load()
        var checked = 0, errors: [Double] = []
        for design in ["strata", "column"] {
            for domain in ["all", "eligible"] {
                for variable in ["x", "y"] {
                    let test = try Self.test(sample, design: design, domain: domain, variable: variable)
                    let key = "\(design),\(domain),kruskal,\(variable),"
                    let chisq = try sample.value(key + "mid_chisq"), ddf = try sample.value(key + "mid_ddf"), p = try sample.value(key + "mid_p")
                    #expect(RelativeError.of(test.wald, chisq) <= 1e-9, "\(key) X² \(test.wald) vs \(chisq)")
                    #expect(RelativeError.of(test.statistic, chisq / 4) <= 1e-9)
                    #expect(test.numeratorDF == Int(try sample.value(key + "ndf")) && Double(test.denominatorDF) == ddf, "\(key) df")
                    #expect(RelativeError.of(test.pValue, p) <= 1e-9, "\(key) p \(test.pValue) vs \(p)")
                    #expect(test.groupCount == 5)
                    if variable == "x" {
                        // No ties: R's own statistic.
                        #expect(RelativeError.of(test.wald, try sample.value(key + "chisq")) <= 1e-9)
                        #expect(RelativeError.of(test.pValue, try sample.value(key + "p")) <= 1e-9)
                        #expect(Double(test.denominatorDF) == (try sample.value(key + "ddf")))
                    }
                    errors += [RelativeError.of(test.wald, chisq), RelativeError.of(test.pValue, p)]
                    checked += 1
                }
            }
        }
        #expect(checked == 8)
        RelativeError.report("design Kruskal–Wallis X² and p vs R", errors)
    }

    /// R averages cumsum(w) − w/2 over tied respondents in row order: with unequal weights that is not the mid-point
    /// of their weight, and the statistic moves with the order of the rows. The README and the doc comment say so.
    @Test("with ties of unequal weights R's own statistic differs (its tie rule depends on the rows' order), by at most 3 %")
    func tiesDifferFromR() throws {
        let sample = try Sample.load()
        var gaps: [Double] = []
        for design in ["strata", "column"] {
            for domain in ["all", "eligible"] {
                let test = try Self.test(sample, design: design, domain: domain, variable: "y")
                gaps.append(RelativeError.of(test.wald, try sample.value("\(design),\(domain),kruskal,y,chisq")))
            }
        }
        #expect(gaps.allSatisfy { $0 > 1e-4 && $0 < 0.03 }, "\(gaps)")
    }

    @Test("the order of the rows does not matter, nor which group comes first")
    func orderFree() throws {
        let values: [Double] = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4]
        let groups = [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1]
        let weights = values.indices.map { 1 + Double(($0 * 7) % 5) / 2 }
        let strata = values.indices.map { $0 % 2 }
        let test = try #require(DesignKruskalWallisTest(values: values, groups: groups, weights: weights, strata: strata))
        let reversed = try #require(DesignKruskalWallisTest(values: values.reversed(), groups: groups.reversed(), weights: weights.reversed(),
                                                            strata: strata.reversed()))
        let relabelled = try #require(DesignKruskalWallisTest(values: values, groups: groups.map { 2 - $0 }, weights: weights, strata: strata))
        #expect(RelativeError.of(test.wald, reversed.wald) <= 1e-12 && RelativeError.of(test.wald, relabelled.wald) <= 1e-12)
        #expect(test.numeratorDF == 2 && test.denominatorDF == 20 - 2 - 2 && test.n == 20)
        // Non-whole values take the sorting path: the same ranks.
        let scaled = try #require(DesignKruskalWallisTest(values: values.map { $0 / 3 }, groups: groups, weights: weights, strata: strata))
        #expect(RelativeError.of(test.wald, scaled.wald) <= 1e-12)
    }

    @Test("no test: one group, one value, bad input; a stratum of one has a test (lonely.psu \"adjust\", LonelyStratumTests)")
    func degenerate() {
        #expect(DesignKruskalWallisTest(values: [1, 2, 3, 4], groups: [0, 0, 0, 0], weights: [1, 1, 1, 1]) == nil)
        #expect(DesignKruskalWallisTest(values: [2, 2, 2, 2], groups: [0, 0, 1, 1], weights: [1, 1, 1, 1]) == nil)
        #expect(DesignKruskalWallisTest(values: [1, 2, 3, 4, 5, 6], groups: [0, 0, 0, 1, 1, 1], weights: [1, 1, 1, 1, 1, 1],
                                        strata: [0, 0, 0, 0, 0, 1]) != nil)
        #expect(DesignKruskalWallisTest(values: [1, 2, 3, 4], groups: [0, 0, 1, 1], weights: [1, 0, 1, 1]) == nil)
        #expect(DesignKruskalWallisTest(values: [1, 2, 3], groups: [0, 0, 1, 1], weights: [1, 1, 1]) == nil)
        #expect(DesignKruskalWallisTest(values: [[1, 2], [3]], weights: [[1, 1], [1]], strata: nil, strataSizes: [2]) == nil)
        // NaN values and negative groups are out of the test but in the design.
        let kept = DesignKruskalWallisTest(values: [1, 5, 2, 6, 3, 7, .nan], groups: [0, 1, 0, 1, 0, 1, 1], weights: [1, 2, 1, 2, 1, 1, 3])
        let grouped = DesignKruskalWallisTest(values: [1, 5, 2, 6, 3, 7, 4], groups: [0, 1, 0, 1, 0, 1, -1], weights: [1, 2, 1, 2, 1, 1, 3])
        #expect(kept != nil && kept == grouped)
    }
}
