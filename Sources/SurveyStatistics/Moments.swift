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

    /// Moments of `values`; nil when the array is empty or contains a NaN or infinite value.
    public init?(_ values: [Double]) {
        self.init(values[...])
    }

    /// Moments of a slice of values, as of the same values in an array (no copy is made).
    public init?(_ values: ArraySlice<Double>) {
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

        count = values.count
        self.mean = mean
        self.min = smallest
        self.max = largest
        guard values.count >= 2 else {
            variance = nil
            standardDeviation = nil
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
        variance = s2
        standardDeviation = s2.squareRoot()
    }
}
