import Foundation

/// Multiple-testing adjustments that control the false discovery rate across a family of tests.
public enum FalseDiscoveryRate {
    /// Benjamini–Hochberg adjusted p-values (step-up), in the order of `pValues`.
    ///
    /// With the m non-NaN p-values sorted ascending, p₍₁₎ ≤ … ≤ p₍ₘ₎, the adjusted value of p₍ᵢ₎ is
    ///   p̃₍ᵢ₎ = min(1, min_{k ≥ i} m·p₍ₖ₎ / k),
    /// so that rejecting every test with p̃ ≤ q controls the false discovery rate at level q.
    /// NaN inputs (tests that were not computed) stay NaN and are not counted in m, as R's `p.adjust` does with NA.
    /// Inputs are assumed to be p-values in [0, 1]; tied p-values get equal adjusted values.
    /// Assumptions: the tests are independent or positively dependent (PRDS; Benjamini & Yekutieli 2001).
    /// Agrees with R's `p.adjust(p, method = "BH")` (same operations, same order).
    /// References: Benjamini, Y. & Hochberg, Y. (1995), J. R. Statist. Soc. B 57, 289–300;
    /// Benjamini, Y. & Yekutieli, D. (2001), Annals of Statistics 29, 1165–1188.
    public static func benjaminiHochberg(_ pValues: [Double]) -> [Double] {
        let present = pValues.indices.filter { !pValues[$0].isNaN }
        let m = present.count
        guard m > 0 else { return pValues }
        // Descending by p, ties in input order (R's order(p, decreasing = TRUE) is stable).
        let order = present.enumerated().sorted { lhs, rhs in
            let a = pValues[lhs.element], b = pValues[rhs.element]
            return a != b ? a > b : lhs.offset < rhs.offset
        }.map(\.element)
        var adjusted = pValues
        var running = Double.infinity
        for (position, index) in order.enumerated() {
            let rank = m - position
            running = min(running, Double(m) / Double(rank) * pValues[index])
            adjusted[index] = min(1, running)
        }
        return adjusted
    }
}
