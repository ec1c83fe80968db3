import Foundation

/// Regularised incomplete gamma functions P(a, x) and Q(a, x) = 1 − P(a, x), accurate in relative terms far into either tail.
///
/// P(a, x) = γ(a, x)/Γ(a) and Q(a, x) = Γ(a, x)/Γ(a) for shape a > 0 and x ≥ 0.
/// For x < a + 1 the power series
///   P(a, x) = e^(−x) x^a / Γ(a + 1) · Σₙ xⁿ / ((a + 1)(a + 2)…(a + n))
/// is summed; otherwise the Legendre continued fraction
///   Q(a, x) = e^(−x) x^a / Γ(a) · 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − 2·(2 − a)/(x + 5 − a − …)))
/// is evaluated with the modified Lentz algorithm. The prefactor xᵃ e^(−x) / Γ(a + 1) is kept in log form,
/// −stirlerr(a) − bd0(a, x) − ½ ln(2πa) (Loader's saddle-point form, free of the cancellation in a·ln x − x − lnΓ(a + 1)),
/// and exponentiated only together with the log of the sum or fraction, so nothing underflows before the result
/// itself leaves the double range: a tail probability of 1e−250 comes out with a relative error near 1e−13.
/// The complementary value is obtained by subtraction only where it is not small (x < a + 1 for Q,
/// x ≥ a + 1 for P), so each function keeps its relative accuracy in its own tail.
///
/// Conventions: x ≤ 0 gives P = 0, Q = 1; x = +∞ gives P = 1, Q = 0; a = 0 is the point mass at 0
/// (P = 1, Q = 0 for x > 0). A negative or NaN shape, or a NaN argument, returns NaN.
///
/// References: Press, Teukolsky, Vetterling & Flannery, *Numerical Recipes* (3rd ed., 2007), §6.2;
/// Lentz (1976), Applied Optics 15, 668–671; Loader, C. (2000), "Fast and accurate computation of binomial probabilities"; Abramowitz & Stegun (1964), 6.5.29 and 6.5.31.
public enum Gamma {
    /// Upper regularised incomplete gamma Q(a, x) = Γ(a, x)/Γ(a) = P(X > x) for X ~ Gamma(shape a, scale 1).
    public static func regularizedUpper(_ a: Double, _ x: Double) -> Double {
        if a.isNaN || x.isNaN || a < 0 { return .nan }
        if x <= 0 { return 1 }
        if a == 0 || x == .infinity { return 0 }
        if a == .infinity { return 1 }
        if x < a + 1 {
            return max(0, 1 - lowerSeries(a, x))
        }
        return upperContinuedFraction(a, x)
    }

    /// Lower regularised incomplete gamma P(a, x) = γ(a, x)/Γ(a) = P(X ≤ x) for X ~ Gamma(shape a, scale 1).
    public static func regularizedLower(_ a: Double, _ x: Double) -> Double {
        if a.isNaN || x.isNaN || a < 0 { return .nan }
        if x <= 0 { return 0 }
        if a == 0 || x == .infinity { return 1 }
        if a == .infinity { return 0 }
        if x < a + 1 {
            return lowerSeries(a, x)
        }
        return max(0, 1 - upperContinuedFraction(a, x))
    }

    /// ln(xᵃ e^(−x) / Γ(a + 1)) computed as −stirlerr(a) − bd0(a, x) − ½ ln(2πa) (Loader 2000), which avoids the
    /// cancellation of a·ln x − x − lnΓ(a + 1) when a and x are large.
    static func logPoissonTerm(_ a: Double, _ x: Double) -> Double {
        -stirlingError(a) - deviance(a, x) - 0.5 * log(2 * Double.pi * a)
    }

    /// stirlerr(n) = lnΓ(n + 1) − (n + ½) ln n + n − ½ ln(2π), by its asymptotic series for n > 15.
    static func stirlingError(_ n: Double) -> Double {
        let s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680, s4 = 1.0 / 1188
        if n <= 15 {
            return lgamma(n + 1) - (n + 0.5) * log(n) + n - 0.5 * log(2 * Double.pi)
        }
        let nn = n * n
        if n > 500 { return (s0 - s1 / nn) / n }
        if n > 80 { return (s0 - (s1 - s2 / nn) / nn) / n }
        if n > 35 { return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n }
        return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n
    }

    /// bd0(x, m) = x ln(x/m) + m − x ≥ 0, by a series in v = (x − m)/(x + m) when x is close to m (Loader 2000).
    static func deviance(_ x: Double, _ m: Double) -> Double {
        if abs(x - m) < 0.1 * (x + m) {
            var v = (x - m) / (x + m)
            var sum = (x - m) * v
            var ej = 2 * x * v
            v *= v
            var j = 1.0
            while j < 1000 {
                ej *= v
                let next = sum + ej / (2 * j + 1)
                if next == sum { return next }
                sum = next
                j += 1
            }
            return sum
        }
        return x * log(x / m) + m - x
    }

    /// Series for P(a, x); converges quickly for x < a + 1.
    static func lowerSeries(_ a: Double, _ x: Double) -> Double {
        var term = 1.0
        var sum = term
        var denominator = a
        var iteration = 0
        while iteration < maxIterations {
            denominator += 1
            term *= x / denominator
            sum += term
            if abs(term) <= abs(sum) * epsilon { break }
            iteration += 1
        }
        return min(1, exp(logPoissonTerm(a, x) + log(sum)))
    }

    /// Continued fraction for Q(a, x) by the modified Lentz method; converges quickly for x ≥ a + 1.
    static func upperContinuedFraction(_ a: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        var i = 1.0
        while i <= Double(maxIterations) {
            let an = -i * (i - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) <= epsilon { break }
            i += 1
        }
        return min(1, exp(log(a) + logPoissonTerm(a, x) + log(h)))
    }

    private static let epsilon = 1e-16
    private static let maxIterations = 100_000
}
