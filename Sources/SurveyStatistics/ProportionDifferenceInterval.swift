import Foundation

/// Wald confidence interval for the difference of two independent proportions, p̂₂ − p̂₁ (unpooled).
///
/// Formula: d = x₂/n₂ − x₁/n₁, z = Φ⁻¹((1 + confidence)/2),
///   [max(d − z·√(p̂₁(1 − p̂₁)/n₁ + p̂₂(1 − p̂₂)/n₂), −1), min(d + z·…, 1)].
/// Equals R's `prop.test(c(x2, x1), c(n2, n1), correct = FALSE)$conf.int` (R's difference is the first sample
/// minus the second, so the later survey is given first). The interval uses the unpooled standard error while
/// `TwoProportionZTest` pools, as R's `prop.test` does; in borderline cases one may include 0 while the other rejects.
/// Assumptions: independent binomial samples, normal approximation adequate.
/// References: Agresti, *Categorical Data Analysis* (3rd ed., 2013), §3.1.2; Newcombe, R. G. (1998), Statistics in
/// Medicine 17, 873–890 (method 1).
public struct ProportionDifferenceInterval: Sendable, Equatable {
    /// Lower bound of p̂₂ − p̂₁, in [−1, 1].
    public let lower: Double
    /// Upper bound of p̂₂ − p̂₁, in [−1, 1].
    public let upper: Double

    /// The interval for x₂/n₂ − x₁/n₁; nil when a trial count is ≤ 0, a success count is outside 0...trials,
    /// or confidence ∉ (0, 1).
    public init?(successes1: Int, trials1: Int, successes2: Int, trials2: Int, confidence: Double = 0.95) {
        guard trials1 > 0, trials2 > 0, successes1 >= 0, successes1 <= trials1, successes2 >= 0, successes2 <= trials2,
              confidence > 0, confidence < 1 else { return nil }
        let n1 = Double(trials1), n2 = Double(trials2)
        let p1 = Double(successes1) / n1, p2 = Double(successes2) / n2
        let difference = p2 - p1
        let width = NormalDistribution.quantile((1 + confidence) / 2) * (p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2).squareRoot()
        lower = max(difference - width, -1)
        upper = min(difference + width, 1)
    }

    /// Whether 0 lies in the interval: the difference is within sampling error.
    public var includesZero: Bool { lower <= 0 && upper >= 0 }
}
