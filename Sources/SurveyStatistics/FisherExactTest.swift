import Foundation

/// Fisher's exact test of independence for a 2 × 2 table [[a, b], [c, d]], two-sided.
///
/// Conditioning on both margins, the top-left count follows the hypergeometric law
///   P(X = x) = C(a + c, x)·C(b + d, a + b − x) / C(n, a + b),  max(0, a + b − (b + d)) ≤ x ≤ min(a + b, a + c).
/// The two-sided p-value is the total probability of the tables no more likely than the observed one,
/// Σ { P(X = x) : P(X = x) ≤ P(X = a)·(1 + 10⁻⁷) } — the same rule and relative tolerance as R's `fisher.test`.
/// Probabilities are computed in log space with lnΓ and normalised after subtracting the largest, so margins in
/// the thousands neither overflow nor underflow.
/// Assumptions: both margins fixed by design or conditioned upon; observations independent.
/// References: Fisher, R. A. (1935), J. R. Statist. Soc. 98, 39–82; Agresti, *Categorical Data Analysis*
/// (3rd ed., 2013), §3.5; R Core Team, `fisher.test` (stats package).
public enum FisherExactTest {
    /// Two-sided p-value for [[a, b], [c, d]] in [0, 1]; 1 for an all-zero table or when a margin is zero, NaN when a count is negative.
    public static func twoSided(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Double {
        guard a >= 0, b >= 0, c >= 0, d >= 0 else { return .nan }
        let m = a + c          // first column total
        let n = b + d          // second column total
        let k = a + b          // first row total
        let low = max(0, k - n)
        let high = min(k, m)
        guard high > low else { return 1 }
        let logProbabilities = (low...high).map { x in
            logChoose(m, x) + logChoose(n, k - x)
        }
        let largest = logProbabilities.max() ?? 0
        let weights = logProbabilities.map { exp($0 - largest) }
        let observed = weights[a - low]
        let threshold = observed * (1 + 1e-7)
        var total = CompensatedSum()
        var tail = CompensatedSum()
        for w in weights {
            total.add(w)
            if w <= threshold { tail.add(w) }
        }
        return min(1, max(0, tail.value / total.value))
    }

    /// ln C(n, k) via lnΓ.
    private static func logChoose(_ n: Int, _ k: Int) -> Double {
        lgamma(Double(n) + 1) - lgamma(Double(k) + 1) - lgamma(Double(n - k) + 1)
    }
}
