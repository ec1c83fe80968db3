import Foundation

/// Welch's two-sample t test for a difference of means, unequal variances, with its confidence interval.
///
/// Formula: with means x̄₁, x̄₂, sample variances s₁², s₂² (n − 1) and sizes n₁, n₂,
///   d = x̄₂ − x̄₁,  se = √(s₁²/n₁ + s₂²/n₂),  t = d/se,
///   ν = se⁴ / ((s₁²/n₁)²/(n₁ − 1) + (s₂²/n₂)²/(n₂ − 1))  (Welch–Satterthwaite),
///   two-sided p = P(|T_ν| ≥ |t|), interval d ± t_{ν, (1 + level)/2}·se.
/// Sign convention: sample 2 is the later survey, so d > 0 means the mean rose. Equals R's
/// `t.test(later, earlier)` (Welch is R's default): `statistic`, `parameter`, `p.value`, `conf.int`.
/// Assumptions: independent samples, means approximately normal (large samples, by the central limit theorem).
/// References: Welch, B. L. (1947), Biometrika 34, 28–35; Satterthwaite, F. E. (1946), Biometrics Bulletin 2, 110–114.
public struct WelchTTest: Sendable, Equatable {
    /// x̄₂ − x̄₁.
    public let difference: Double
    /// √(s₁²/n₁ + s₂²/n₂).
    public let standardError: Double
    /// d/se.
    public let t: Double
    /// The Welch–Satterthwaite degrees of freedom.
    public let degreesOfFreedom: Double
    /// Two-sided p-value.
    public let pValue: Double
    /// The confidence interval of the difference at `confidence`.
    public let lower: Double, upper: Double

    /// Compares sample 2 (n₂, x̄₂, s₂²) with sample 1; nil with fewer than 2 values in a sample, a negative or
    /// non-finite variance, or both variances 0.
    public init?(count1: Int, mean1: Double, variance1: Double, count2: Int, mean2: Double, variance2: Double,
                 confidence: Double = 0.95) {
        guard count1 >= 2, count2 >= 2, mean1.isFinite, mean2.isFinite, variance1.isFinite, variance2.isFinite,
              variance1 >= 0, variance2 >= 0, confidence > 0, confidence < 1 else { return nil }
        let n1 = Double(count1), n2 = Double(count2)
        let v1 = variance1 / n1, v2 = variance2 / n2
        let se2 = v1 + v2
        guard se2 > 0 else { return nil }
        difference = mean2 - mean1
        standardError = se2.squareRoot()
        t = difference / standardError
        degreesOfFreedom = se2 * se2 / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1))
        pValue = StudentTDistribution.twoSidedP(t, degreesOfFreedom: degreesOfFreedom)
        let quantile = StudentTDistribution.quantile((1 + confidence) / 2, degreesOfFreedom: degreesOfFreedom)
        lower = difference - quantile * standardError
        upper = difference + quantile * standardError
    }

    /// Compares two samples' moments (sample 2 the later one).
    public init?(_ earlier: Moments, _ later: Moments, confidence: Double = 0.95) {
        guard let v1 = earlier.variance, let v2 = later.variance else { return nil }
        self.init(count1: earlier.count, mean1: earlier.mean, variance1: v1, count2: later.count, mean2: later.mean,
                  variance2: v2, confidence: confidence)
    }
}
