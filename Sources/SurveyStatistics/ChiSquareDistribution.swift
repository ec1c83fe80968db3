import Foundation

/// The chi-square distribution with ν degrees of freedom, the law of a sum of ν squared independent standard normals.
///
/// Its upper tail is P(X > x) = Q(ν/2, x/2), the upper regularised incomplete gamma function (see `Gamma`);
/// the same quantity as R's `pchisq(x, df, lower.tail = FALSE)`.
/// Reference: Johnson, Kotz & Balakrishnan, *Continuous Univariate Distributions*, vol. 1 (2nd ed., 1994), ch. 18.
public enum ChiSquareDistribution {
    /// Upper tail P(X > x) = Q(ν/2, x/2); 1 for x ≤ 0, and for ν ≤ 0 the point mass at 0 (so 0 for x > 0).
    public static func upperTail(_ x: Double, degreesOfFreedom: Int) -> Double {
        if x.isNaN { return .nan }
        if x <= 0 { return 1 }
        if degreesOfFreedom <= 0 { return 0 }
        return Gamma.regularizedUpper(Double(degreesOfFreedom) / 2, x / 2)
    }
}
