import Foundation
import SurveyStatistics
import SurveyTestSupport
import Testing

/// WeightedMean, WeightedProportion and WeightedQuantile against R's survey package (`Fixtures/reference_weighted_mean.R`).
struct WeightedMeanTests {
    struct Respondent {
        let stratum: Int, group: Int, weight: Double, value: Double, flag: Bool
    }

    static func fixture() throws -> (respondents: [Respondent], expected: [String: Double]) {
        let lines = try Fixture.lines("weighted_mean", "csv")
        let split = try #require(lines.firstIndex(of: "design,domain,quantity,value"))
        let respondents = lines[1..<split].map { line in
            let f = line.split(separator: ",").map(String.init)
            return Respondent(stratum: Int(f[1])! - 1, group: Int(f[2])!, weight: Double(f[3])!, value: Fixture.double(f[4]) ?? .nan,
                              flag: f[5] == "1")
        }
        var expected: [String: Double] = [:]
        for line in lines[(split + 1)...] {
            let f = line.split(separator: ",").map(String.init)
            expected["\(f[0]),\(f[1]),\(f[2])"] = Double(f[3])
        }
        return (respondents, expected)
    }

    @Test("mean, SE, proportion and its SE, quartiles: stratified and not, overall and in domains, match R at 1e-9")
    func matchesR() throws {
        let (respondents, expected) = try Self.fixture()
        var checked = 0
        for design in ["strata", "plain"] {
            let stratified = design == "strata"
            let sizes = stratified ? [0, 1, 2].map { s in respondents.filter { $0.stratum == s }.count } : [respondents.count]
            for domain in ["all", "group1", "group2"] {
                let mine = respondents.filter { domain == "all" || "group\($0.group)" == domain }
                let strata = mine.map { stratified ? $0.stratum : 0 }
                let mean = try #require(WeightedMean(values: mine.map(\.value), weights: mine.map(\.weight), strata: strata, strataSizes: sizes))
                let sums = sizes.indices.map { s in
                    let members = mine.filter { (stratified ? $0.stratum : 0) == s }
                    let chosen = members.filter(\.flag)
                    return WeightedProportion.StratumSums(size: sizes[s], respondents: members.count,
                                                          chosen: chosen.reduce(0) { $0 + $1.weight },
                                                          chosenSquares: chosen.reduce(0) { $0 + $1.weight * $1.weight },
                                                          base: members.reduce(0) { $0 + $1.weight },
                                                          baseSquares: members.reduce(0) { $0 + $1.weight * $1.weight })
                }
                let proportion = try #require(WeightedProportion(strata: sums))
                let quartiles = try #require(WeightedQuantile.math(mine.map(\.value), weights: mine.map(\.weight), [0.25, 0.5, 0.75]))
                let actual: [String: Double?] = ["mean": mean.estimate, "se": mean.standardError, "p": proportion.estimate,
                                                 "p_se": proportion.standardError, "q25": quartiles[0], "q50": quartiles[1], "q75": quartiles[2]]
                for (quantity, value) in actual {
                    let reference = try #require(expected["\(design),\(domain),\(quantity)"])
                    let value = try #require(value, "\(design) \(domain) \(quantity)")
                    #expect(RelativeError.of(value, reference) <= 1e-9, "\(design) \(domain) \(quantity): \(value) vs \(reference)")
                    checked += 1
                }
            }
        }
        #expect(checked == 42)
    }

    @Test("quantiles: exact hits of p·W, ties, equal weights as type 1, and the smallest value holding more than p")
    func quantileRule() {
        // Equal weights: the inverse of the distribution function (type 1): Q(0.5) of 1…4 is 2, reached exactly.
        #expect(WeightedQuantile.math([4, 1, 3, 2], weights: [1, 1, 1, 1], 0.5) == 2)
        #expect(WeightedQuantile.math([4, 1, 3, 2], weights: [1, 1, 1, 1], 0.51) == 3)
        #expect(WeightedQuantile.math([5, 5, 1], weights: [1, 1, 2], 0.75) == 5)
        // The smallest value holds 10/12 of the weight: Q(0.25) = 1 (R's qrule "math" gives 3 here).
        #expect(WeightedQuantile.math([1, 3, 5], weights: [10, 1, 1], 0.25) == 1)
        #expect(WeightedQuantile.math([1, 3, 5], weights: [1, 1, 10], 1) == 5)
        #expect(WeightedQuantile.math([.nan, 2], weights: [1, 1], 0.5) == 2)
        #expect(WeightedQuantile.math([], weights: [], 0.5) == nil)
        #expect(WeightedQuantile.math([1], weights: [0], 0.5) == nil)
        #expect(WeightedQuantile.math([1], weights: [1], 0) == nil)
    }

    @Test("degenerate input: no value, mismatched lengths; a lonely stratum has a standard error")
    func degenerate() {
        #expect(WeightedMean(values: [.nan], weights: [1], strata: nil, strataSizes: [1]) == nil)
        #expect(WeightedMean(values: [1, 2], weights: [1], strata: nil, strataSizes: [2]) == nil)
        #expect(WeightedMean(values: [1, 2], weights: [1, -1], strata: nil, strataSizes: [2]) == nil)
        #expect(WeightedMean(values: [1, 2], weights: [1, 1], strata: [0, 3], strataSizes: [2]) == nil)
        // A stratum with one respondent in the design: R's lonely.psu = "adjust" (LonelyStratumTests): z = (−1, 0, 1)/3,
        // 2·(1/9 − (1/3)²/2) + (1/3)² = 2/9.
        let lonely = WeightedMean(values: [1, 2, 3], weights: [1, 1, 1], strata: [0, 0, 1], strataSizes: [2, 1])
        #expect(lonely?.estimate == 2 && lonely.map { RelativeError.of($0.standardError ?? 0, (2.0 / 9).squareRoot()) <= 1e-15 } == true)
        // Unweighted, one stratum: SE² = s²/n·(n − 1)/n·n/(n − 1) = Σ(y − ȳ)²/(n(n − 1)).
        let plain = WeightedMean(values: [1, 2, 3, 6], weights: [2, 2, 2, 2], strata: nil, strataSizes: [4])
        #expect(plain.map { RelativeError.of($0.standardError ?? 0, (14.0 / 12).squareRoot()) <= 1e-15 } == true)
        #expect(WeightedProportion(strata: [.init(size: 1, respondents: 2, chosen: 1, chosenSquares: 1, base: 2, baseSquares: 2)]) == nil)
        #expect(WeightedProportion(strata: []) == nil)
    }

    @Test("values all the same: the mean is that value exactly and its standard error 0, from respondents and from counts")
    func equalValues() {
        // Rounding put Σwy/Σw of 60 sevens a last digit off (7.000000000000001, SE 4e-17): `survey compare` then
        // called the difference to an unweighted wave's 7 a significant increase (z = 21).
        var random = SplitMix64(seed: 18)
        var offByRounding = 0
        for _ in 0..<50 {
            let weights = (0..<60).map { _ in Double.random(in: 0.5...2, using: &random) }
            let strata = (0..<60).map { _ in Int.random(in: 0..<3, using: &random) }
            let sizes = (0..<3).map { h in strata.filter { $0 == h }.count }
            let naive = zip(weights, repeatElement(7.0, count: 60)).reduce(0) { $0 + $1.0 * $1.1 } / weights.reduce(0, +)
            if naive != 7 { offByRounding += 1 }
            let mean = WeightedMean(values: Array(repeating: 7, count: 60), weights: weights, strata: strata, strataSizes: sizes)
            #expect(mean?.estimate == 7 && mean?.standardError == 0)
            let stratumWeights = (0..<3).map { _ in Double.random(in: 0.5...2000, using: &random) / 3 }
            let counted = WeightedMean(values: [7, 7], counts: sizes.map { [$0 / 2, $0 - $0 / 2] }, stratumWeights: stratumWeights,
                                       strataSizes: sizes)
            #expect(counted?.estimate == 7 && counted?.standardError == 0)
        }
        #expect(offByRounding > 0)
    }

    @Test("the trend test on effective counts equals Cochran–Armitage's on whole counts, and is nil where it is")
    func effectiveTrend() throws {
        for (x, n) in [([12, 30, 41], [100, 120, 110]), ([5, 5, 9, 20], [50, 40, 60, 70]), ([0, 3, 8], [20, 20, 20])] {
            let plain = try #require(CochranArmitageTest(successes: x, trials: n))
            let effective = try #require(CochranArmitageTest(effectiveSuccesses: x.map(Double.init), effectiveTrials: n.map(Double.init)))
            #expect(RelativeError.of(effective.statistic, plain.statistic) <= 1e-12 && RelativeError.of(effective.pValue, plain.pValue) <= 1e-12
                    && RelativeError.of(effective.slope, plain.slope) <= 1e-12, "\(x) of \(n)")
        }
        #expect(CochranArmitageTest(effectiveSuccesses: [1, 2], effectiveTrials: [1.5, 1]) == nil)
        #expect(CochranArmitageTest(effectiveSuccesses: [0, 0, 0], effectiveTrials: [3.5, 2, 4]) == nil)
        #expect(CochranArmitageTest(effectiveSuccesses: [1, .nan, 2], effectiveTrials: [3, 4, 5]) == nil)
    }

    @Test("the difference of independent estimates: SE √(se1² + se2²), z, normal p and Wald interval; nil without a variance")
    func independentDifference() throws {
        let d = try #require(IndependentDifference(estimate1: 0.30, standardError1: 0.03, estimate2: 0.36, standardError2: 0.04))
        #expect(RelativeError.of(d.standardError, 0.05) <= 1e-15 && RelativeError.of(d.z, 1.2) <= 1e-12)
        #expect(RelativeError.of(d.pValue, 0.23013934044341655) <= 1e-12)   // R: 2 * pnorm(-1.2)
        #expect(RelativeError.of(d.lower, 0.06 - 1.9599639845400536 * 0.05) <= 1e-12 && d.includesZero)
        #expect(IndependentDifference(estimate1: 0.3, standardError1: 0, estimate2: 0.4, standardError2: 0) == nil)
        #expect(IndependentDifference(estimate1: .nan, standardError1: 0.1, estimate2: 0.4, standardError2: 0.1) == nil)
    }
}
