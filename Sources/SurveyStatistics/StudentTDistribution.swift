import Foundation

/// Student's t distribution with ν > 0 degrees of freedom (ν need not be whole: Welch's test gives fractional ν).
///
/// Tail: P(T > t) = ½·I_{ν/(ν + t²)}(ν/2, ½) for t ≥ 0 (regularised incomplete beta, `Beta.regularized`, with
/// 1 − x = t²/(ν + t²) passed exactly). Quantile: Newton's method on the tail from the normal quantile, with the
/// density f(t) = Γ((ν + 1)/2)/(√(νπ)Γ(ν/2))·(1 + t²/ν)^(−(ν + 1)/2), kept inside a bisection bracket.
/// References: Abramowitz & Stegun (1964), 26.7.1 and 26.5.27; agrees with R's `pt` and `qt`.
public enum StudentTDistribution {
    /// P(T > t).
    public static func upperTail(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        guard nu > 0, !t.isNaN, !nu.isNaN else { return .nan }
        if t.isInfinite { return t > 0 ? 0 : 1 }
        if nu.isInfinite { return NormalDistribution.upperTail(t) }
        let half = 0.5 * Beta.regularized(nu / 2, 0.5, x: nu / (nu + t * t), complement: t * t / (nu + t * t))
        return t >= 0 ? half : 1 - half
    }

    /// Two-sided P(|T| ≥ |t|).
    public static func twoSidedP(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        guard nu > 0, !t.isNaN, !nu.isNaN else { return .nan }
        if t.isInfinite { return 0 }
        if nu.isInfinite { return NormalDistribution.twoSidedP(t) }
        return min(1, Beta.regularized(nu / 2, 0.5, x: nu / (nu + t * t), complement: t * t / (nu + t * t)))
    }

    /// The density f(t).
    public static func density(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        let logConstant = lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * log(nu * Double.pi)
        return exp(logConstant - (nu + 1) / 2 * log1p(t * t / nu))
    }

    /// t with P(T ≤ t) = p; NaN outside (0, 1) or for ν ≤ 0.
    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        guard nu > 0, p > 0, p < 1 else { return p == 0 ? -.infinity : p == 1 ? .infinity : .nan }
        if nu.isInfinite { return NormalDistribution.quantile(p) }
        if p < 0.5 { return -quantile(1 - p, degreesOfFreedom: nu) }
        if p == 0.5 { return 0 }
        let tail = 1 - p
        // The root t > 0 of upperTail(t) = tail lies in (0, high]; widen high until it holds the root.
        var low = 0.0, high = max(1.0, 2 * NormalDistribution.quantile(p))
        while upperTail(high, degreesOfFreedom: nu) > tail, high < 1e300 { low = high; high *= 2 }
        var t = min(max(NormalDistribution.quantile(p), low), high)
        for _ in 0..<200 {
            let excess = upperTail(t, degreesOfFreedom: nu) - tail   // > 0: t too small
            if excess > 0 { low = max(low, t) } else { high = min(high, t) }
            var next = t + excess / density(t, degreesOfFreedom: nu)
            if !(next > low && next < high) { next = (low + high) / 2 }
            if abs(next - t) <= 1e-15 * abs(t) { t = next; break }
            t = next
        }
        return t
    }
}
