import Foundation

/// Minimum, lower quartile, median, upper quartile and maximum of a sample, the quartiles by `Quantile.type7`.
///
/// Formula: q1 = Q₇(0.25), median = Q₇(0.5), q3 = Q₇(0.75) (see `Quantile`); this is what R's `summary()` and
/// `quantile()` report. (Tukey's `fivenum()` hinges differ slightly for some n.)
/// References: Hyndman & Fan (1996), The American Statistician 50, 361–365; Tukey, *Exploratory Data Analysis* (1977).
public struct FiveNumberSummary: Sendable, Equatable {
    /// Smallest value.
    public let min: Double
    /// Lower quartile Q₇(0.25).
    public let q1: Double
    /// Median Q₇(0.5).
    public let median: Double
    /// Upper quartile Q₇(0.75).
    public let q3: Double
    /// Largest value.
    public let max: Double

    /// Summary of `values` in any order; nil when empty or containing NaN.
    public init?(_ values: [Double]) {
        guard !values.contains(where: \.isNaN) else { return nil }
        let sorted = values.sorted()
        guard let first = sorted.first, let last = sorted.last,
              let q1 = Quantile.type7(sorted, 0.25),
              let median = Quantile.type7(sorted, 0.5),
              let q3 = Quantile.type7(sorted, 0.75)
        else { return nil }
        self.min = first
        self.q1 = q1
        self.median = median
        self.q3 = q3
        self.max = last
    }
}
