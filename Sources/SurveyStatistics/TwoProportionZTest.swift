import Foundation

/// Two-sample z test for the difference of two independent binomial proportions, with the pooled standard error.
///
/// Formula: p̂₁ = x₁/n₁, p̂₂ = x₂/n₂, p̄ = (x₁ + x₂)/(n₁ + n₂),
///   z = (p̂₂ − p̂₁) / √( p̄(1 − p̄)(1/n₁ + 1/n₂) ),  two-sided p = P(|Z| ≥ |z|) = erfc(|z|/√2).
/// Sign convention: `difference` = p̂₂ − p̂₁, where sample 2 is the later (or comparison) survey, so a positive z
/// means the proportion rose. z² equals Pearson's χ² of the 2 × 2 table, so this agrees with R's
/// `prop.test(c(x1, x2), c(n1, n2), correct = FALSE)` (X-squared = z², same p-value).
/// Assumptions: independent samples, independent Bernoulli trials within each; normal approximation adequate
/// (all expected counts ≥ 5).
/// References: Fleiss, Levin & Paik, *Statistical Methods for Rates and Proportions* (3rd ed., 2003), §2.5;
/// Agresti, *Categorical Data Analysis* (3rd ed., 2013), §3.1.
public struct TwoProportionZTest: Sendable, Equatable {
    /// Proportion in sample 1, x₁/n₁.
    public let proportion1: Double
    /// Proportion in sample 2, x₂/n₂.
    public let proportion2: Double
    /// Pooled proportion (x₁ + x₂)/(n₁ + n₂).
    public let pooledProportion: Double
    /// Difference p̂₂ − p̂₁ (later sample minus earlier sample).
    public let difference: Double
    /// Pooled standard error √(p̄(1 − p̄)(1/n₁ + 1/n₂)).
    public let standardError: Double
    /// Standardised difference z = (p̂₂ − p̂₁)/standardError.
    public let z: Double
    /// Two-sided p-value P(|Z| ≥ |z|).
    public let pValue: Double

    /// Compares x₂/n₂ with x₁/n₁; nil when a trial count is ≤ 0, a success count is outside 0...trials, or the pooled proportion is 0 or 1.
    public init?(successes1: Int, trials1: Int, successes2: Int, trials2: Int) {
        guard trials1 > 0, trials2 > 0,
              successes1 >= 0, successes1 <= trials1,
              successes2 >= 0, successes2 <= trials2
        else { return nil }
        let n1 = Double(trials1), n2 = Double(trials2)
        let pooled = Double(successes1 + successes2) / (n1 + n2)
        guard pooled > 0, pooled < 1 else { return nil }
        proportion1 = Double(successes1) / n1
        proportion2 = Double(successes2) / n2
        pooledProportion = pooled
        // x₂n₁ − x₁n₂ is exact in integers, so the difference keeps full relative precision when p̂₁ ≈ p̂₂.
        let (a, o1) = successes2.multipliedReportingOverflow(by: trials1)
        let (b, o2) = successes1.multipliedReportingOverflow(by: trials2)
        let (cross, o3) = a.subtractingReportingOverflow(b)
        difference = (o1 || o2 || o3) ? proportion2 - proportion1 : Double(cross) / (n1 * n2)
        standardError = (pooled * (1 - pooled) * (1 / n1 + 1 / n2)).squareRoot()
        z = difference / standardError
        pValue = NormalDistribution.twoSidedP(z)
    }
}
