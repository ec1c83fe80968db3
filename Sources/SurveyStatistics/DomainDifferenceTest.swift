import Foundation

/// The design-based test of one domain's weighted proportion against that of the rest of the respondents, from a
/// weighted, optionally stratified sample (each respondent its own PSU, sampled with replacement within strata, no
/// finite population correction: the design of `RaoScottTest`).
///
/// With yᵢ ∈ {0, 1} the characteristic, g the domain and r the rest, W_g = Σ_{i∈g} wᵢ, p̂_g = Σ_{i∈g} wᵢyᵢ / W_g
/// (likewise r), the difference d = p̂_g − p̂_r has the linearised influence zᵢ = (yᵢ − p̂_g)/W_g for i ∈ g and
/// −(yᵢ − p̂_r)/W_r for i ∈ r, and the stratified with-replacement variance
///   V = Σ_h n_h/(n_h − 1) [Σ_{i∈h} (wᵢzᵢ)² − (Σ_{i∈h} wᵢzᵢ)²/n_h],
/// computed from per-stratum sums of w and w² of the four (domain, y) cells, since zᵢ is constant within each, with
/// n_h the design's respondents in stratum h (those outside the test too, whose zᵢ are 0: R's domain estimation on
/// the whole sample's design); a stratum of the design with one respondent adds (wᵢzᵢ)² (R's
/// `survey.lonely.psu = "adjust"`: `WeightedMean`'s rule).
/// z = d/√V, two-sided p = 2·P(N(0, 1) > |z|) (normal reference, as the adjusted residual it replaces).
/// This is the slope of R's `svyglm(y ~ I(domain), design)` and its standard error (the sandwich of a saturated
/// linear model is this linearisation), and `svycontrast` of `svyby(~y, ~domain, design, svymean, covmat = TRUE)`.
/// For raked weights it is the plain weights' linearisation, not R's calibrated `rake` design: the same estimate,
/// a different standard error, in either direction (0.54–1.03 × R's on the reference sample, smallest where both
/// variables are raking margins).
/// References: Binder (1983) Int. Statist. Rev. 51; Wolter, *Introduction to Variance Estimation* (2007) ch. 6;
/// Lumley, *Complex Surveys* (2010) §2.4, §5.2.
public struct DomainDifferenceTest: Sendable, Equatable {
    /// p̂_g, the domain's weighted proportion.
    public let domainProportion: Double
    /// p̂_r, the rest's weighted proportion.
    public let restProportion: Double
    /// d = p̂_g − p̂_r.
    public let difference: Double
    /// √V.
    public let standardError: Double
    /// d/√V.
    public let z: Double
    /// 2·P(N(0, 1) > |z|).
    public let pValue: Double

    /// Σw and Σw² of some respondents.
    public struct Sums: Sendable, Equatable {
        /// Σw.
        public var weights: Double
        /// Σw².
        public var squares: Double

        /// Sums of weights and squared weights.
        public init(weights: Double, squares: Double) {
            (self.weights, self.squares) = (weights, squares)
        }
    }

    /// One stratum's respondents in the test: the domain's and the rest's, with (yes) and without (no) the
    /// characteristic, how many respondents they are, and the design's respondents in the stratum.
    public struct StratumSums: Sendable, Equatable {
        public var domainYes: Sums, domainNo: Sums, restYes: Sums, restNo: Sums
        /// Respondents of the four cells in this stratum.
        public var respondents: Int
        /// The design's respondents in this stratum, n_h (those outside the test too; at least `respondents`).
        public var size: Int

        /// A stratum's sums.
        public init(domainYes: Sums, domainNo: Sums, restYes: Sums, restNo: Sums, respondents: Int, size: Int) {
            (self.domainYes, self.domainNo, self.restYes, self.restNo) = (domainYes, domainNo, restYes, restNo)
            (self.respondents, self.size) = (respondents, size)
        }
    }

    /// The test from each stratum's sums (strata without respondents in the test add nothing).
    ///
    /// Nil when the domain or the rest has no weight, a sum is negative or not finite, a stratum's size is below its
    /// respondents, or V is not above 0 (no variation, e.g. everybody or nobody has the characteristic).
    public init?(strata: [StratumSums]) {
        let used = strata.filter { $0.respondents > 0 }
        let cells = used.flatMap { [$0.domainYes, $0.domainNo, $0.restYes, $0.restNo] }
        guard !used.isEmpty, used.allSatisfy({ $0.size >= $0.respondents }),
              cells.allSatisfy({ $0.weights >= 0 && $0.squares >= 0 && $0.weights.isFinite && $0.squares.isFinite }) else { return nil }
        let domainYes = used.reduce(0) { $0 + $1.domainYes.weights }, domainNo = used.reduce(0) { $0 + $1.domainNo.weights }
        let restYes = used.reduce(0) { $0 + $1.restYes.weights }, restNo = used.reduce(0) { $0 + $1.restNo.weights }
        let domain = domainYes + domainNo, rest = restYes + restNo
        guard domain > 0, rest > 0 else { return nil }
        let pg = domainYes / domain, pr = restYes / rest
        // wᵢzᵢ = wᵢ·(one of four constants): domain yes, domain no, rest yes, rest no.
        let a = (1 - pg) / domain, b = -pg / domain, c = -(1 - pr) / rest, d = pr / rest
        // Σzᵢ and Σzᵢ² per stratum, into the one stratified with-replacement variance (`WeightedMean.standardError`).
        guard let standardError = WeightedMean.standardError(strata: used.map { stratum in
            let first = a * stratum.domainYes.weights + b * stratum.domainNo.weights + c * stratum.restYes.weights + d * stratum.restNo.weights
            let second = a * a * stratum.domainYes.squares + b * b * stratum.domainNo.squares
                + c * c * stratum.restYes.squares + d * d * stratum.restNo.squares
            return (stratum.size, stratum.respondents, first, second)
        }), standardError > 0 else { return nil }
        domainProportion = pg
        restProportion = pr
        difference = pg - pr
        self.standardError = standardError
        z = difference / standardError
        pValue = NormalDistribution.twoSidedP(z)
    }

    /// The test of `indicators` (1: has the characteristic, 0: not) of the respondents in `domains` (1: the domain,
    /// 0: the rest; a negative indicator or domain leaves the respondent out of the test but in the design), weighted
    /// by `weights` (> 0 in the test), in strata `strata` (any integers; nil: one stratum): every row given is the
    /// design.
    ///
    /// Nil as `init(strata:)`, or when the lengths differ, a value is not 0, 1 or negative, or a weight in the test
    /// is not above 0.
    public init?(indicators: [Int], domains: [Int], weights: [Double], strata: [Int]? = nil) {
        let count = indicators.count
        guard domains.count == count, weights.count == count, strata.map({ $0.count == count }) ?? true else { return nil }
        let kept = (0..<count).filter { indicators[$0] >= 0 && domains[$0] >= 0 }
        guard kept.allSatisfy({ indicators[$0] <= 1 && domains[$0] <= 1 && weights[$0] > 0 && weights[$0].isFinite }) else { return nil }
        let levels = Array(Set((0..<count).map { strata?[$0] ?? 0 })).sorted()
        let index = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0) })
        let zero = Sums(weights: 0, squares: 0)
        var sums = [StratumSums](repeating: StratumSums(domainYes: zero, domainNo: zero, restYes: zero, restNo: zero, respondents: 0, size: 0),
                                 count: levels.count)
        for row in 0..<count {
            guard let s = index[strata?[row] ?? 0] else { return nil }
            sums[s].size += 1
            guard indicators[row] >= 0, domains[row] >= 0 else { continue }
            let w = weights[row]
            switch (domains[row], indicators[row]) {
            case (1, 1): sums[s].domainYes.weights += w; sums[s].domainYes.squares += w * w
            case (1, _): sums[s].domainNo.weights += w; sums[s].domainNo.squares += w * w
            case (_, 1): sums[s].restYes.weights += w; sums[s].restYes.squares += w * w
            default: sums[s].restNo.weights += w; sums[s].restNo.squares += w * w
            }
            sums[s].respondents += 1
        }
        self.init(strata: sums)
    }
}
