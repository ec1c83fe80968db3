import Foundation

/// The sampling error (標本誤差) printed in Japanese survey reports: the half-width of the normal-approximation
/// confidence interval of a sample proportion, with the finite population correction.
///
/// Formula: ± z·√( deff · (N − n)/(N − 1) · p(1 − p)/n ), where N is the population size, n the number of
/// respondents, p the observed proportion and deff a design effect (1 for simple random sampling); without N the
/// factor (N − n)/(N − 1) is omitted (infinite population). With weights, deff is Kish's design effect of unequal
/// weighting n·Σw²/(Σw)² (`KishDesignEffect`), so that p(1 − p)/n becomes p(1 − p)/n_eff with Kish's effective
/// sample size n_eff = n/deff; the finite population correction keeps the actual n (the sampling fraction).
/// Assumptions: simple random sampling without replacement (with deff: the weights' variance inflation alone, as
/// Kish's approximation; the gain or loss from stratification and the variable's own deff are not modelled);
/// n·p and n·(1 − p) large enough for the normal approximation. z = 1.96 gives the usual 95 % level.
/// References: Cochran, W. G., *Sampling Techniques* (3rd ed., 1977), ch. 3 (variance of a sample proportion
/// under simple random sampling without replacement); Kish, L., *Survey Sampling* (1965), §2.4 and §11.7; Kish,
/// L. (1992), "Weighting for unequal Pi", J. Official Statistics 8.
public enum SamplingError {
    /// Half-width z·√(deff·(N−n)/(N−1)·p(1−p)/n) in the unit of p (0–1); p is clamped to [0, 1], 0 when n ≥ N (a
    /// census), +∞ when n ≤ 0 or the design effect is not a positive finite number.
    public static func halfWidth(proportion p: Double, sampleSize n: Int, populationSize N: Int?, designEffect: Double = 1,
                                 z: Double = 1.96) -> Double {
        guard n > 0, designEffect > 0, designEffect.isFinite else { return .infinity }
        let proportion = p.isNaN ? 0.5 : min(1, max(0, p))
        var correction = 1.0
        if let N {
            guard N > n else { return 0 }
            correction = Double(N - n) / Double(N - 1)
        }
        return abs(z) * (designEffect * correction * proportion * (1 - proportion) / Double(n)).squareRoot()
    }
}
