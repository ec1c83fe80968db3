import Foundation

/// The design-based test for a linear trend of a proportion along ordered groups, from a weighted, optionally
/// stratified sample (each respondent its own PSU, sampled with replacement within strata, no finite population
/// correction): the slope of the weighted least-squares line of the 0/1 characteristic on the groups' scores and its
/// linearised standard error, as R's `svyglm(I(y == c) ~ score, design)` (gaussian) on
/// `svydesign(ids = ~1, strata = ~s, weights = ~w)`.
///
/// Over the respondents in the test (those with both the characteristic and a group), with group g's score s_g,
/// W_g = Σ_{i∈g} wᵢ, Y_g = Σ_{i∈g} wᵢyᵢ, W = Σ W_g: s̄ = Σ W_g s_g / W, ȳ = Σ Y_g / W, S_ss = Σ W_g (s_g − s̄)²,
///   b = Σ_g (s_g − s̄)(Y_g − ȳW_g) / S_ss,  a = ȳ − b·s̄;
/// each respondent's influence on b is wᵢuᵢ with uᵢ = (sᵢ − s̄)(yᵢ − a − b·sᵢ)/S_ss (the slope's row of
/// (XᵀWX)⁻¹xᵢ times the residual: R's `svy.varcoef`), 0 for the design's other respondents, and
///   V(b) = Σ_h n_h/(n_h − 1) [Σ_{i∈h} (wᵢuᵢ)² − (Σ_{i∈h} wᵢuᵢ)²/n_h]
/// with n_h the design's respondents in stratum h, all of them (R's domain estimation: a respondent outside the test
/// counts with influence 0), through `WeightedMean.standardError`, the one stratified with-replacement variance.
/// uᵢ is constant within a (group, y) cell, so per stratum Σw and Σw² of each group's yes and no suffice.
/// z = b/√V, p = 2·P(N(0, 1) > |z|): the normal reference, as `DomainDifferenceTest` (R's `summary(svyglm)` uses t
/// with degf(design) − 1 df; with hundreds of respondents the two agree to about 1 %).
/// With every respondent's weight 1 and one stratum, b is the Cochran–Armitage slope and z² ≈ its χ² (Cochran–
/// Armitage's variance is the null one, p̂(1 − p̂)/S_ss; this one is the sandwich, robust to unequal variances).
/// References: Binder (1983) Int. Statist. Rev. 51; Lumley, *Complex Surveys* (2010) §5.2; Lumley & Scott (2017)
/// Statist. Sci. 32 (design-based regression inference).
public struct DesignTrendTest: Sendable, Equatable {
    /// b: the change of the weighted proportion per unit of score (> 0: rising along the groups).
    public let slope: Double
    /// a: the fitted proportion at score 0.
    public let intercept: Double
    /// √V(b).
    public let standardError: Double
    /// b/√V(b).
    public let z: Double
    /// 2·P(N(0, 1) > |z|).
    public let pValue: Double
    /// Respondents in the test.
    public let n: Int

    /// Σw and Σw² of some respondents.
    public typealias Sums = DomainDifferenceTest.Sums

    /// One stratum's respondents in the test, per group, with (yes) and without (no) the characteristic.
    public struct StratumSums: Sendable, Equatable {
        /// n_h: the design's respondents in the stratum (the test's and the others').
        public var size: Int
        /// Per group, in the order of the scores: Σw, Σw² of its respondents with the characteristic.
        public var yes: [Sums]
        /// Per group: Σw, Σw² of its respondents without it.
        public var no: [Sums]
        /// The test's respondents in the stratum.
        public var respondents: Int

        /// A stratum's sums.
        public init(size: Int, yes: [Sums], no: [Sums], respondents: Int) {
            (self.size, self.yes, self.no, self.respondents) = (size, yes, no, respondents)
        }
    }

    /// The test from each stratum's sums per group, the groups scored `scores` (nil: 1…k).
    ///
    /// Nil when fewer than two groups with different scores have weight, a stratum holds more test respondents than
    /// its size or has ragged groups, a sum is negative or not finite, or V is not above 0 (no variation, e.g.
    /// everybody or nobody has the characteristic); a stratum of one is R's lonely.psu "adjust" (`WeightedMean`).
    public init?(strata: [StratumSums], scores: [Double]? = nil) {
        guard let groupCount = strata.first?.yes.count, groupCount >= 2 else { return nil }
        let scores = scores ?? (1...groupCount).map(Double.init)
        guard scores.count == groupCount, scores.allSatisfy(\.isFinite),
              strata.allSatisfy({ $0.yes.count == groupCount && $0.no.count == groupCount && $0.respondents <= $0.size }),
              strata.allSatisfy({ s in (s.yes + s.no).allSatisfy { $0.weights >= 0 && $0.squares >= 0 && $0.weights.isFinite && $0.squares.isFinite } })
        else { return nil }
        var yes = [CompensatedSum](repeating: CompensatedSum(), count: groupCount), all = yes
        for stratum in strata {
            for g in 0..<groupCount {
                yes[g].add(stratum.yes[g].weights)
                all[g].add(stratum.yes[g].weights)
                all[g].add(stratum.no[g].weights)
            }
        }
        let weights = all.map(\.value), chosen = yes.map(\.value)
        let total = weights.reduce(0, +)
        guard total > 0 else { return nil }
        let meanScore = zip(weights, scores).reduce(0) { $0 + $1.0 * $1.1 } / total
        let meanY = chosen.reduce(0, +) / total
        var sxx = 0.0, sxy = 0.0
        for g in 0..<groupCount {
            let d = scores[g] - meanScore
            sxx += weights[g] * d * d
            sxy += d * (chosen[g] - meanY * weights[g])
        }
        guard sxx > 0, sxx.isFinite else { return nil }
        let b = sxy / sxx, a = meanY - b * meanScore
        // uᵢ of a respondent with (yes) and without (no) the characteristic, per group.
        let uYes = scores.map { ($0 - meanScore) * (1 - a - b * $0) / sxx }
        let uNo = scores.map { ($0 - meanScore) * (0 - a - b * $0) / sxx }
        guard let standardError = WeightedMean.standardError(strata: strata.map { stratum in
            var sum = 0.0, squares = 0.0
            for g in 0..<groupCount {
                sum += uYes[g] * stratum.yes[g].weights + uNo[g] * stratum.no[g].weights
                squares += uYes[g] * uYes[g] * stratum.yes[g].squares + uNo[g] * uNo[g] * stratum.no[g].squares
            }
            return (stratum.size, stratum.respondents, sum, squares)
        }), standardError > 0 else { return nil }
        slope = b
        intercept = a
        self.standardError = standardError
        z = b / standardError
        pValue = NormalDistribution.twoSidedP(z)
        n = strata.reduce(0) { $0 + $1.respondents }
    }

    /// The test of `indicators` (1: has the characteristic, 0: not) along `groups` (0…k − 1, scored 1…k; a negative
    /// indicator or group leaves the respondent out of the test but in the design), weighted by `weights` (> 0), in
    /// strata `strata` (0..<strataSizes.count; nil: one stratum), `strataSizes[h]` the design's respondents in
    /// stratum h (nil: the respondents given, per stratum).
    ///
    /// Nil as `init(strata:scores:)`, or when the lengths differ, an indicator is above 1, a weight not above 0 or a
    /// stratum out of range.
    public init?(indicators: [Int], groups: [Int], weights: [Double], strata: [Int]? = nil, strataSizes: [Int]? = nil) {
        let count = indicators.count
        guard groups.count == count, weights.count == count, strata.map({ $0.count == count }) ?? true else { return nil }
        let stratumCount = strataSizes?.count ?? ((strata?.max() ?? 0) + 1)
        let groupCount = (groups.max() ?? -1) + 1
        guard groupCount >= 2, (strata ?? []).allSatisfy({ (0..<stratumCount).contains($0) }) else { return nil }
        let zero = Sums(weights: 0, squares: 0)
        var sums = [StratumSums](repeating: StratumSums(size: 0, yes: Array(repeating: zero, count: groupCount),
                                                        no: Array(repeating: zero, count: groupCount), respondents: 0),
                                 count: stratumCount)
        for row in 0..<count {
            let h = strata?[row] ?? 0
            sums[h].size += 1
            guard indicators[row] >= 0, groups[row] >= 0 else { continue }
            let w = weights[row]
            guard indicators[row] <= 1, w > 0, w.isFinite else { return nil }
            if indicators[row] == 1 {
                sums[h].yes[groups[row]].weights += w; sums[h].yes[groups[row]].squares += w * w
            } else {
                sums[h].no[groups[row]].weights += w; sums[h].no[groups[row]].squares += w * w
            }
            sums[h].respondents += 1
        }
        if let strataSizes { for h in sums.indices { sums[h].size = strataSizes[h] } }
        self.init(strata: sums)
    }
}
