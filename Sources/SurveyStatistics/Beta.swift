import Foundation

/// The regularised incomplete beta function Iₓ(a, b), for Student's t and related tail probabilities.
///
/// Iₓ(a, b) = B(x; a, b)/B(a, b) for a, b > 0 and 0 ≤ x ≤ 1, evaluated as
///   Iₓ(a, b) = xᵃ(1 − x)ᵇ / (a·B(a, b)) · 1/(1 + d₁/(1 + d₂/(1 + …)))
/// with d₂ₘ₊₁ = −(a + m)(a + b + m)x / ((a + 2m)(a + 2m + 1)), d₂ₘ = m(b − m)x / ((a + 2m − 1)(a + 2m)),
/// by the modified Lentz algorithm where x < (a + 1)/(a + b + 2), and as 1 − I₁₋ₓ(b, a) otherwise, so the
/// fraction converges fast. The prefactor is formed in logs (lgamma) and 1 − x is passed in exactly by callers
/// that know it, so a small tail keeps its relative accuracy.
/// References: Press, Teukolsky, Vetterling & Flannery, *Numerical Recipes* (3rd ed., 2007), §6.4;
/// Abramowitz & Stegun (1964), 26.5.8; Lentz (1976), Applied Optics 15, 668–671.
public enum Beta {
    /// Iₓ(a, b), with `complement` = 1 − x given separately (default computed); NaN for a bad argument.
    public static func regularized(_ a: Double, _ b: Double, x: Double, complement: Double? = nil) -> Double {
        let y = complement ?? (1 - x)
        guard a > 0, b > 0, x >= 0, y >= 0, x.isFinite, y.isFinite else { return .nan }
        if x == 0 { return 0 }
        if y == 0 { return 1 }
        if x < (a + 1) / (a + b + 2) {
            return front(a, b, x, y) * continuedFraction(a, b, x) / a
        }
        return 1 - front(b, a, y, x) * continuedFraction(b, a, y) / b
    }

    /// xᵃ(1 − x)ᵇ / B(a, b), in logs.
    private static func front(_ a: Double, _ b: Double, _ x: Double, _ y: Double) -> Double {
        exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log(y))
    }

    /// The continued fraction 1/(1 + d₁/(1 + d₂/(1 + …))) by the modified Lentz algorithm.
    private static func continuedFraction(_ a: Double, _ b: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m = Double(m), m2 = 2 * m
            var term = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
            d = 1 + term * d
            if abs(d) < tiny { d = tiny }
            c = 1 + term / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            term = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
            d = 1 + term * d
            if abs(d) < tiny { d = tiny }
            c = 1 + term / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            h *= step
            if abs(step - 1) < 1e-16 { break }
        }
        return h
    }
}
