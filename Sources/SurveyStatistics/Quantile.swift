import Foundation

/// Sample quantiles by Hyndman & Fan's definition 7, the default of R's `quantile()` and of S.
///
/// Formula: for sorted x₁ ≤ … ≤ xₙ and 0 ≤ p ≤ 1, h = 1 + (n − 1)p, j = ⌊h⌋;
///   Q(p) = x_j + (h − j)(x_{j+1} − x_j), evaluated as (1 − γ)x_j + γx_{j+1} with γ = h − j exactly as R does.
/// Q is continuous and piecewise linear in p, with Q(0) = min, Q(1) = max, and Q(k/(n − 1)) = x_{k+1}.
/// References: Hyndman, R. J. & Fan, Y. (1996), "Sample quantiles in statistical packages", The American
/// Statistician 50, 361–365 (definition 7); R Core Team, `quantile` (stats package).
public enum Quantile {
    /// Type-7 quantile of ascending `sortedValues` at probability p; nil when empty, unsorted, containing NaN, or p ∉ [0, 1].
    public static func type7(_ sortedValues: [Double], _ p: Double) -> Double? {
        guard !sortedValues.isEmpty, p >= 0, p <= 1 else { return nil }
        var previous = -Double.infinity
        for x in sortedValues {
            guard !x.isNaN, x >= previous else { return nil }
            previous = x
        }
        return type7(count: sortedValues.count, p) { sortedValues[$0] }
    }

    /// Type-7 quantile of `count` ascending values, the k-th (0-based) given by `element(k)`, at probability p;
    /// nil when there are none or p ∉ [0, 1]. For values kept in another form (say, runs of equal values);
    /// the caller guarantees the order and that there is no NaN.
    public static func type7(count n: Int, _ p: Double, element: (Int) -> Double) -> Double? {
        guard n > 0, p >= 0, p <= 1 else { return nil }
        let index = 1 + Double(n - 1) * p
        let lo = index.rounded(.down)
        let hi = index.rounded(.up)
        let lowValue = element(Int(lo) - 1)
        let highValue = element(Int(hi) - 1)
        guard index > lo, highValue != lowValue else { return lowValue }
        let h = index - lo
        return (1 - h) * lowValue + h * highValue
    }
}
