import Foundation

/// The weighted mean of a domain (the respondents with a value, possibly within a group) of a weighted, optionally
/// stratified sample, and its linearised (Taylor) standard error, as R `survey::svymean(~y, design, na.rm = TRUE)`
/// (within a group: `svyby(~y, ~g, design, svymean, na.rm = TRUE)`) for `svydesign(ids = ~1, strata = ~s,
/// weights = ~w)`: each respondent its own PSU, sampled with replacement within strata, no finite population
/// correction; without strata, one stratum.
///
/// Over the domain D: ȳ = Σ_D wᵢyᵢ / Σ_D wᵢ; zᵢ = wᵢ(yᵢ − ȳ)/Σ_D wᵢ in D and 0 for the design's other respondents;
///   V(ȳ) = Σ_h n_h/(n_h − 1) Σ_{i∈h} (zᵢ − z̄_h)² = Σ_h n_h/(n_h − 1) [Σ_{D∩h} zᵢ² − (Σ_{D∩h} zᵢ)²/n_h],
/// n_h the design's respondents in stratum h (all of them, not only the domain's: the domain estimator of R's
/// subsetted designs), SE = √V. A stratum with a single respondent in the design (n_h = 1, a lonely PSU) adds
/// (Σ_{D∩h} zᵢ − z̄)², its one unit centred at the grand mean z̄ of all the design's units with scale 1, as R's
/// `options(survey.lonely.psu = "adjust")`; z̄ = Σᵢ zᵢ/n = 0 (the zᵢ of a mean sum to 0), so the term is
/// (Σ_{D∩h} zᵢ)² (R's `onestrat` leaves it uncentred). A domain with one respondent in a stratum the design has
/// more in is not lonely (R's default `survey.adjust.domain.lonely = FALSE`). A weighted proportion is the mean
/// of a 0/1 value (`WeightedProportion`).
/// References: Woodruff (1971) JASA 66; Cochran, *Sampling Techniques* (1977) §6.11, §5A.13; Lumley, *Complex
/// Surveys* (2010) §2.2, §3.4 (domains); R `survey` package help `surveyoptions` (lonely PSUs).
public struct WeightedMean: Sendable, Equatable {
    /// ȳ.
    public let estimate: Double
    /// √V(ȳ); nil when the variance is not finite.
    public let standardError: Double?
    /// Σ_D w.
    public let weightSum: Double
    /// Respondents in the domain.
    public let count: Int

    /// The mean of `values` (the domain: NaN values are left out) with their `weights` (> 0) and strata (`strata[i]`
    /// in 0..<strataSizes.count; nil: one stratum); `strataSizes[h]` the design's respondents in stratum h (without
    /// strata, one size). Nil without a value, with mismatched lengths, a weight not above 0, a stratum out of range
    /// or smaller than the domain's respondents in it.
    public init?(values: [Double], weights: [Double], strata: [Int]?, strataSizes: [Int]) {
        guard values.count == weights.count, strata.map({ $0.count == values.count }) ?? true else { return nil }
        let kept = values.indices.filter { !values[$0].isNaN }
        guard !kept.isEmpty, kept.allSatisfy({ weights[$0] > 0 && weights[$0].isFinite }) else { return nil }
        guard kept.allSatisfy({ strataSizes.indices.contains(strata?[$0] ?? 0) }) else { return nil }
        var weightSum = CompensatedSum(), weighted = CompensatedSum()
        var lowest = Double.infinity, highest = -Double.infinity
        for i in kept {
            weightSum.add(weights[i])
            weighted.add(weights[i] * values[i])
            lowest = Swift.min(lowest, values[i])
            highest = Swift.max(highest, values[i])
        }
        let total = weightSum.value
        let mean = Self.bounded(weighted.value / total, lowest: lowest, highest: highest)
        var sums = [(z: CompensatedSum, squares: CompensatedSum, count: Int)](repeating: (CompensatedSum(), CompensatedSum(), 0),
                                                                               count: strataSizes.count)
        for i in kept {
            let h = strata?[i] ?? 0
            let z = weights[i] * (values[i] - mean) / total
            sums[h].z.add(z)
            sums[h].squares.add(z * z)
            sums[h].count += 1
        }
        guard sums.indices.allSatisfy({ sums[$0].count <= strataSizes[$0] }) else { return nil }
        estimate = mean
        self.weightSum = total
        count = kept.count
        standardError = Self.standardError(strata: sums.indices.map { (strataSizes[$0], sums[$0].count, sums[$0].z.value, sums[$0].squares.value) })
    }

    /// Σwy/Σw kept within the lowest and highest value averaged, where it lies exactly: rounding can put the mean of
    /// values that are all the same a last digit off (7.000000000000001), with a standard error of the same size
    /// instead of 0, which a comparison would then call a significant change.
    static func bounded(_ mean: Double, lowest: Double, highest: Double) -> Double {
        Swift.min(Swift.max(mean, lowest), highest)
    }

    /// The one stratified with-replacement variance of the linearised estimators here: √(Σ_h n_h/(n_h − 1)
    /// [Σz² − (Σz)²/n_h]) over the strata with domain respondents, a stratum of one (n_h = 1) adding (Σz)² (R's
    /// `survey.lonely.psu = "adjust"`, centred at the grand mean, 0 for z that sum to 0 over the design); nil when a
    /// stratum is smaller than its domain or the result is not finite.
    static func standardError(strata: [(size: Int, domain: Int, sum: Double, squares: Double)]) -> Double? {
        var variance = 0.0
        for stratum in strata where stratum.domain > 0 {
            guard stratum.size >= stratum.domain else { return nil }
            let (scale, centred) = stratumScale(size: stratum.size)
            let square = stratum.sum * stratum.sum
            variance += scale * (centred ? Swift.max(stratum.squares - square / Double(stratum.size), 0) : square)
        }
        return variance.isFinite ? variance.squareRoot() : nil
    }

    /// A stratum's part in the with-replacement variance: scale n_h/(n_h − 1), units centred at the stratum's mean;
    /// a stratum of one (lonely): scale 1, centred at the grand mean, i.e. not centred (R's "adjust").
    static func stratumScale(size: Int) -> (scale: Double, centred: Bool) {
        size == 1 ? (1, false) : (Double(size) / Double(size - 1), true)
    }
}

/// A weighted proportion of a domain and its linearised standard error, as `WeightedMean` of the 0/1 value (R
/// `svymean(~I(y), design, na.rm = TRUE)`), from per-stratum sums rather than respondents.
///
/// With per stratum h the chosen respondents' Σw = a_h and Σw² = a²_h, the domain's Σw = b_h and Σw² = b²_h, and
/// p̂ = Σa_h / Σb_h, W = Σb_h: Σ_{D∩h} zᵢ = (a_h − p̂b_h)/W and Σ_{D∩h} zᵢ² = ((1 − p̂)²a²_h + p̂²(b²_h − a²_h))/W²,
/// then V as `WeightedMean`.
public struct WeightedProportion: Sendable, Equatable {
    /// One stratum's sums over the domain.
    public struct StratumSums: Sendable, Equatable {
        /// The design's respondents in the stratum, n_h (the domain's and the others').
        public var size: Int
        /// The domain's respondents in the stratum.
        public var respondents: Int
        /// Σw and Σw² of the domain's respondents with the attribute.
        public var chosen: Double, chosenSquares: Double
        /// Σw and Σw² of the domain's respondents.
        public var base: Double, baseSquares: Double

        /// A stratum's sums.
        public init(size: Int, respondents: Int, chosen: Double, chosenSquares: Double, base: Double, baseSquares: Double) {
            (self.size, self.respondents, self.chosen, self.chosenSquares) = (size, respondents, chosen, chosenSquares)
            (self.base, self.baseSquares) = (base, baseSquares)
        }
    }

    /// p̂ (0…1).
    public let estimate: Double
    /// √V(p̂); nil as `WeightedMean.standardError`.
    public let standardError: Double?
    /// Σ_D w.
    public let weightSum: Double
    /// Respondents in the domain.
    public let count: Int

    /// From each stratum's sums; nil when the domain's weight is not above 0 or a stratum holds more domain
    /// respondents than its size.
    public init?(strata: [StratumSums]) {
        let total = strata.reduce(0) { $0 + $1.base }
        guard total > 0, total.isFinite, strata.allSatisfy({ $0.respondents <= $0.size }) else { return nil }
        let p = Swift.min(Swift.max(strata.reduce(0) { $0 + $1.chosen } / total, 0), 1)
        estimate = p
        weightSum = total
        count = strata.reduce(0) { $0 + $1.respondents }
        standardError = WeightedMean.standardError(strata: strata.map { s in
            (s.size, s.respondents, (s.chosen - p * s.base) / total,
             ((1 - p) * (1 - p) * s.chosenSquares + p * p * Swift.max(s.baseSquares - s.chosenSquares, 0)) / (total * total))
        })
    }
}
