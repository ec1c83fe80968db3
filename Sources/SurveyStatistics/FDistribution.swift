/// The F distribution with d₁, d₂ > 0 degrees of freedom (fractional, as the Rao–Scott correction gives).
///
/// P(F > f) = I_{d₂/(d₂ + d₁f)}(d₂/2, d₁/2), with 1 − x = d₁f/(d₂ + d₁f) passed exactly (`Beta.regularized`).
/// Reference: Abramowitz & Stegun (1964), 26.6.2; agrees with R's `pf(f, d1, d2, lower.tail = FALSE)`.
public enum FDistribution {
    /// P(F > f); NaN for degrees of freedom not above 0.
    public static func upperTail(_ f: Double, _ d1: Double, _ d2: Double) -> Double {
        guard d1 > 0, d2 > 0, !f.isNaN, d1.isFinite, d2.isFinite else { return .nan }
        if f <= 0 { return 1 }
        if f.isInfinite { return 0 }
        let denominator = d2 + d1 * f
        return Beta.regularized(d2 / 2, d1 / 2, x: d2 / denominator, complement: d1 * f / denominator)
    }
}
