import Foundation

/// Wilson score confidence interval for a binomial proportion (no continuity correction).
///
/// Formula: with p̂ = x/n and z = Φ⁻¹((1 + confidence)/2),
///   (p̂ + z²/(2n) ± z·√(p̂(1 − p̂)/n + z²/(4n²))) / (1 + z²/n),
/// the set of π not rejected by the score test |p̂ − π| ≤ z·√(π(1 − π)/n). The bounds stay inside [0, 1]
/// and are exactly 0 for x = 0 and exactly 1 for x = n.
/// Assumptions: x successes in n independent Bernoulli trials with a common probability π.
/// Identical to R's `prop.test(x, n, correct = FALSE)$conf.int`.
/// References: Wilson, E. B. (1927), "Probable inference, the law of succession, and statistical inference",
/// JASA 22, 209–212; Newcombe, R. G. (1998), Statistics in Medicine 17, 857–872 (method 3);
/// Agresti & Coull (1998), The American Statistician 52, 119–126.
public struct WilsonInterval: Sendable, Equatable {
    /// Lower confidence bound, in [0, 1].
    public let lower: Double
    /// Upper confidence bound, in [0, 1].
    public let upper: Double

    /// Interval for `successes` out of `trials` at `confidence` (default 0.95); nil when trials ≤ 0, successes ∉ 0...trials, or confidence ∉ (0, 1).
    public init?(successes: Int, trials: Int, confidence: Double = 0.95) {
        guard trials > 0, successes >= 0, successes <= trials,
              confidence > 0, confidence < 1
        else { return nil }
        let n = Double(trials)
        let estimate = Double(successes) / n
        let z = NormalDistribution.quantile((1 + confidence) / 2)
        let z22n = z * z / (2 * n)
        let spread = z * (estimate * (1 - estimate) / n + z22n / (2 * n)).squareRoot()
        let upperBound = estimate >= 1 ? 1 : (estimate + z22n + spread) / (1 + 2 * z22n)
        let lowerBound = estimate <= 0 ? 0 : (estimate + z22n - spread) / (1 + 2 * z22n)
        lower = max(lowerBound, 0)
        upper = min(upperBound, 1)
    }
}
