import Foundation

/// Count, mean, sample variance, standard deviation, minimum and maximum of a sample, computed stably.
///
/// Formulas: x̄ = Σxᵢ/n; s² = Σ(xᵢ − x̄)²/(n − 1); s = √s².
/// Algorithm: the mean is a compensated (Neumaier) sum divided by n, refined once by adding Σ(xᵢ − x̄)/n;
/// the variance is the corrected two-pass formula s² = (Σdᵢ² − (Σdᵢ)²/n)/(n − 1), dᵢ = xᵢ − x̄, with both sums
/// compensated. This reproduces the NIST StRD univariate certified values (PiDigits, Lottery, Lew, Mavro,
/// Michelso, NumAcc1–4) to the precision that binary64 inputs allow.
/// Assumptions: none beyond finite inputs; s² is the unbiased estimator for a simple random sample.
/// References: Chan, Golub & LeVeque (1983), "Algorithms for computing the sample variance", The American
/// Statistician 37, 242–247; Higham, *Accuracy and Stability of Numerical Algorithms* (2nd ed., 2002), §1.9 and
/// §4.3; NIST Statistical Reference Datasets, Univariate Summary Statistics (https://www.itl.nist.gov/div898/strd/).
public struct Moments: Sendable, Equatable {
    /// Number of values n.
    public let count: Int
    /// Arithmetic mean Σxᵢ/n.
    public let mean: Double
    /// Sample variance Σ(xᵢ − x̄)²/(n − 1); nil when n < 2.
    public let variance: Double?
    /// Sample standard deviation √variance; nil when n < 2.
    public let standardDeviation: Double?
    /// Smallest value.
    public let min: Double
    /// Largest value.
    public let max: Double

    /// Moments of `values` in their order; nil when there are none or one is NaN or infinite.
    ///
    /// Generic and inlinable, so that values kept in a compact form (say, small whole numbers as `UInt16`,
    /// mapped to `Double` on the fly) are summed without an array of `Double` being made.
    @inlinable
    public init?<Values: Collection>(_ values: Values) where Values.Element == Double {
        guard let first = values.first, values.allSatisfy(\.isFinite) else { return nil }
        let n = Double(values.count)
        var sum = CompensatedSum()
        var smallest = first
        var largest = first
        for x in values {
            sum.add(x)
            smallest = Swift.min(smallest, x)
            largest = Swift.max(largest, x)
        }
        var mean = sum.value / n
        var deviations = CompensatedSum()
        for x in values { deviations.add(x - mean) }
        mean += deviations.value / n
        mean = Swift.min(largest, Swift.max(smallest, mean))
        guard values.count >= 2 else {
            self.init(count: values.count, mean: mean, variance: nil, min: smallest, max: largest)
            return
        }
        var linear = CompensatedSum()
        var squares = CompensatedSum()
        for x in values {
            let d = x - mean
            linear.add(d)
            squares.add(d * d)
        }
        let s2 = Swift.max(0, (squares.value - linear.value * linear.value / n) / (n - 1))
        self.init(count: values.count, mean: mean, variance: s2, min: smallest, max: largest)
    }

    @usableFromInline
    init(count: Int, mean: Double, variance: Double?, min: Double, max: Double) {
        self.init(count: count, mean: mean, variance: variance, standardDeviation: variance.map { $0.squareRoot() },
                  min: min, max: max)
    }

    @usableFromInline
    init(count: Int, mean: Double, variance: Double?, standardDeviation: Double?, min: Double, max: Double) {
        self.count = count
        self.mean = mean
        self.variance = variance
        self.standardDeviation = standardDeviation
        self.min = min
        self.max = max
    }
}
