/// The difference of two independent estimates from their standard errors, as for two waves sampled independently:
/// d = θ̂₂ − θ̂₁, SE(d) = √(SE₁² + SE₂²), z = d/SE(d), p = 2·P(Z > |z|), and the Wald interval d ± z₁₋α/₂·SE(d).
///
/// Each SE is that of its own sample's design: design-based for a weighted wave (R `svymean`'s SE: `WeightedMean`,
/// `WeightedProportion`), √(p̂(1 − p̂)/n) for a proportion of a simple random sample, s/√n for its mean.
/// With both SEs binomial, z is the unpooled two-proportion z (R `prop.test` pools instead; its interval is this one).
/// References: Lumley, *Complex Surveys* (2010) §3.3 (contrasts of independent estimates); Kish (1965) §12.11;
/// Agresti (2013) §3.1.2.
public struct IndependentDifference: Sendable, Equatable {
    /// θ̂₂ − θ̂₁.
    public let difference: Double
    /// √(SE₁² + SE₂²).
    public let standardError: Double
    /// d / SE(d).
    public let z: Double
    /// Two-sided p of z under N(0, 1).
    public let pValue: Double
    /// The interval d ± z₁₋α/₂·SE(d).
    public let lower: Double, upper: Double

    /// The difference of `estimate2` from `estimate1` (SEs ≥ 0); nil when SE(d) is not above 0 or not finite.
    public init?(estimate1: Double, standardError1: Double, estimate2: Double, standardError2: Double, confidence: Double = 0.95) {
        let se = (standardError1 * standardError1 + standardError2 * standardError2).squareRoot()
        guard se > 0, se.isFinite, estimate1.isFinite, estimate2.isFinite, confidence > 0, confidence < 1 else { return nil }
        difference = estimate2 - estimate1
        standardError = se
        z = difference / se
        pValue = NormalDistribution.twoSidedP(z)
        let half = NormalDistribution.quantile(0.5 + confidence / 2) * se
        (lower, upper) = (difference - half, difference + half)
    }

    /// Whether the interval includes 0.
    public var includesZero: Bool { lower <= 0 && upper >= 0 }
}
