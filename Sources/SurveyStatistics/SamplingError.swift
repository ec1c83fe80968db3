import Foundation

/// The sampling error (標本誤差) printed in Japanese survey reports: the half-width of the normal-approximation
/// confidence interval of a sample proportion, with the finite population correction.
///
/// Formula: ± z·√( (N − n)/(N − 1) · p(1 − p)/n ), where N is the population size, n the number of respondents
/// and p the observed proportion; without N the factor (N − n)/(N − 1) is omitted (infinite population).
/// Assumptions: simple random sampling without replacement; n·p and n·(1 − p) large enough for the normal
/// approximation. z = 1.96 gives the usual 95 % level.
/// References: Cochran, W. G., *Sampling Techniques* (3rd ed., 1977), ch. 3 (variance of a sample proportion
/// under simple random sampling without replacement); Kish, L., *Survey Sampling* (1965), §2.4.
public enum SamplingError {
    /// Half-width z·√((N−n)/(N−1)·p(1−p)/n) in the unit of p (0–1); p is clamped to [0, 1], 0 when n ≥ N (a census), +∞ when n ≤ 0.
    public static func halfWidth(proportion p: Double, sampleSize n: Int, populationSize N: Int?, z: Double = 1.96) -> Double {
        guard n > 0 else { return .infinity }
        let proportion = p.isNaN ? 0.5 : min(1, max(0, p))
        var correction = 1.0
        if let N {
            guard N > n else { return 0 }
            correction = Double(N - n) / Double(N - 1)
        }
        return abs(z) * (correction * proportion * (1 - proportion) / Double(n)).squareRoot()
    }
}
