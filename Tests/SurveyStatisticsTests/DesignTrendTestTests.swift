import SurveyTestSupport
import Testing
@testable import SurveyStatistics

/// The design-based trend test against R's `svyglm(I(q == c) ~ age, design)` slope and standard error
/// (Fixtures/reference_design_tests.R → Fixtures/design_tests.csv).
struct DesignTrendTestTests {
    /// The respondents of `design_tests.csv` and R's values by `design,domain,test,variable,quantity`.
    struct Sample {
        struct Respondent {
            let stratum: Int, strataWeight: Double, columnWeight: Double, age: Int?, q: Int?, x: Double?, y: Double?, eligible: Bool
        }
        let respondents: [Respondent]
        let expected: [String: Double]

        static func load() throws -> Sample {
            let lines = try Fixture.lines("design_tests", "csv")
            let split = try #require(lines.firstIndex(of: "design,domain,test,variable,quantity,value"))
            let respondents = try lines[1..<split].map { line in
                let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                return Respondent(stratum: try #require(Int(f[1])) - 1, strataWeight: try #require(Double(f[2])),
                                  columnWeight: try #require(Double(f[3])), age: Fixture.int(f[4]), q: Fixture.int(f[5]),
                                  x: Fixture.double(f[6]), y: Fixture.double(f[7]), eligible: f[8] == "1")
            }
            var expected: [String: Double] = [:]
            for line in lines[(split + 1)...] {
                let f = line.split(separator: ",").map(String.init)
                expected[f[0..<5].joined(separator: ",")] = Double(f[5])
            }
            return Sample(respondents: respondents, expected: expected)
        }

        /// Each respondent's weight and stratum (0 for every one without strata) in `design`, and the design's n_h.
        func design(_ design: String) -> (weights: [Double], strata: [Int], sizes: [Int]) {
            let stratified = design == "strata"
            let strata = respondents.map { stratified ? $0.stratum : 0 }
            let sizes = (0...(strata.max() ?? 0)).map { h in strata.filter { $0 == h }.count }
            return (respondents.map { stratified ? $0.strataWeight : $0.columnWeight }, strata, sizes)
        }

        func value(_ key: String) throws -> Double { try #require(expected[key], "no reference \(key)") }
    }

    @Test("slope, intercept and SE match R's svyglm at 1e-9: strata and column weights, whole design and a domain")
    func matchesR() throws {
        let sample = try Sample.load()
        var checked = 0, errors: [Double] = []
        for design in ["strata", "column"] {
            let (weights, strata, sizes) = sample.design(design)
            for domain in ["all", "eligible"] {
                for choice in 1...3 {
                    // Out of the test (−1): no answer, no age, or outside the domain; still in the design.
                    let inTest = sample.respondents.map { $0.q != nil && $0.age != nil && (domain == "all" || $0.eligible) }
                    let indicators = zip(sample.respondents, inTest).map { r, kept in kept ? (r.q == choice ? 1 : 0) : -1 }
                    let groups = zip(sample.respondents, inTest).map { r, kept in kept ? r.age! - 1 : -1 }
                    let test = try #require(DesignTrendTest(indicators: indicators, groups: groups, weights: weights, strata: strata,
                                                            strataSizes: sizes))
                    let key = "\(design),\(domain),trend,q\(choice),"
                    let slope = try sample.value(key + "slope"), se = try sample.value(key + "se"), intercept = try sample.value(key + "intercept")
                    #expect(RelativeError.of(test.slope, slope) <= 1e-9, "\(key) slope \(test.slope) vs \(slope)")
                    #expect(RelativeError.of(test.intercept, intercept) <= 1e-9, "\(key) intercept \(test.intercept) vs \(intercept)")
                    #expect(RelativeError.of(test.standardError, se) <= 1e-9, "\(key) se \(test.standardError) vs \(se)")
                    #expect(RelativeError.of(test.z, slope / se) <= 1e-9 && RelativeError.of(test.pValue, NormalDistribution.twoSidedP(slope / se)) <= 1e-9)
                    #expect(test.n == inTest.filter { $0 }.count)
                    errors += [RelativeError.of(test.slope, slope), RelativeError.of(test.standardError, se)]
                    checked += 1
                }
            }
        }
        #expect(checked == 12)
        RelativeError.report("design trend slope and SE vs R svyglm", errors)
    }

    @Test("n_h is the design's: respondents outside the test still count in their stratum (R's domain estimation)")
    func designStrataSizes() throws {
        let sample = try Sample.load()
        let (weights, strata, sizes) = sample.design("strata")
        let kept = sample.respondents.indices.filter { sample.respondents[$0].q != nil && sample.respondents[$0].age != nil }
        let indicators = kept.map { sample.respondents[$0].q == 1 ? 1 : 0 }, groups = kept.map { sample.respondents[$0].age! - 1 }
        let whole = try #require(DesignTrendTest(indicators: indicators, groups: groups, weights: kept.map { weights[$0] },
                                                 strata: kept.map { strata[$0] }, strataSizes: sizes))
        let reference = try sample.value("strata,all,trend,q1,se")
        #expect(RelativeError.of(whole.standardError, reference) <= 1e-9)
        // Counting only the test's respondents per stratum is another (wrong) variance.
        let alone = try #require(DesignTrendTest(indicators: indicators, groups: groups, weights: kept.map { weights[$0] },
                                                 strata: kept.map { strata[$0] }))
        #expect(RelativeError.of(alone.standardError, reference) > 1e-6)
    }

    @Test("equal weights, one stratum: the Cochran–Armitage slope, and the sandwich SE by hand")
    func equalWeights() throws {
        let successes = [5, 9, 14, 20], trials = [30, 31, 29, 33]
        var indicators: [Int] = [], groups: [Int] = []
        for g in 0..<4 {
            indicators += Array(repeating: 1, count: successes[g]) + Array(repeating: 0, count: trials[g] - successes[g])
            groups += Array(repeating: g, count: trials[g])
        }
        let test = try #require(DesignTrendTest(indicators: indicators, groups: groups, weights: Array(repeating: 1, count: groups.count)))
        let armitage = try #require(CochranArmitageTest(successes: successes, trials: trials))
        #expect(RelativeError.of(test.slope, armitage.slope) <= 1e-12)
        // uᵢ = (sᵢ − s̄)eᵢ/S_ss sums to 0 (normal equations): V = n/(n − 1)·Σuᵢ².
        let n = Double(groups.count), scores = groups.map { Double($0 + 1) }
        let meanScore = scores.reduce(0, +) / n, meanY = Double(indicators.reduce(0, +)) / n
        let sxx = scores.reduce(0) { $0 + ($1 - meanScore) * ($1 - meanScore) }
        let slope = zip(scores, indicators).reduce(0) { $0 + ($1.0 - meanScore) * (Double($1.1) - meanY) } / sxx
        let u = zip(scores, indicators).map { s, y in (s - meanScore) * (Double(y) - meanY - slope * (s - meanScore)) / sxx }
        let variance = n / (n - 1) * u.reduce(0) { $0 + $1 * $1 }
        #expect(RelativeError.of(test.standardError, variance.squareRoot()) <= 1e-12)
        // Rising: positive slope.
        #expect(test.slope > 0 && test.z > 0)
    }

    @Test("no test: one group, no variation, bad input; a stratum of one has a test (lonely.psu \"adjust\", LonelyStratumTests)")
    func degenerate() {
        #expect(DesignTrendTest(indicators: [1, 0, 1], groups: [0, 0, 0], weights: [1, 1, 1]) == nil)
        #expect(DesignTrendTest(indicators: [1, 1, 1, 1], groups: [0, 0, 1, 1], weights: [1, 2, 1, 1]) == nil)
        #expect(DesignTrendTest(indicators: [1, 0, 1, 0, 1], groups: [0, 0, 1, 1, 1], weights: [1, 1, 1, 1, 1], strata: [0, 0, 0, 0, 1]) != nil)
        #expect(DesignTrendTest(indicators: [2, 0, 1, 0], groups: [0, 0, 1, 1], weights: [1, 1, 1, 1]) == nil)
        #expect(DesignTrendTest(indicators: [1, 0, 1, 0], groups: [0, 0, 1, 1], weights: [1, 0, 1, 1]) == nil)
        #expect(DesignTrendTest(indicators: [1, 0, 1], groups: [0, 0, 1, 1], weights: [1, 1, 1]) == nil)
        #expect(DesignTrendTest(indicators: [1, 0, 1, 0], groups: [0, 0, 1, 1], weights: [1, 1, 1, 1], strata: [0, 0, 0, 3], strataSizes: [4]) == nil)
        // A negative indicator or group leaves the respondent out of the test (not of the design).
        let sizes = [5]
        #expect(DesignTrendTest(indicators: [1, 0, 1, 0, -1], groups: [0, 0, 1, 1, 1], weights: [1, 2, 1, 3, 5], strataSizes: sizes)
                == DesignTrendTest(indicators: [1, 0, 1, 0, 1], groups: [0, 0, 1, 1, -1], weights: [1, 2, 1, 3, 5], strataSizes: sizes))
    }
}
