/// Kish's effective sample size and design effect of unequal weighting.
///
/// n_eff = (Σw)² / Σw², deff = n / n_eff = n·Σw² / (Σw)² = 1 + CV² of the weights (CV with divisor n): how much
/// the unequal weights alone inflate the variance of a mean against a simple random sample of the same n.
/// It ignores clustering and how the weights relate to the variable (R's `deff` of a particular estimate
/// differs from it by that). Reference: Kish, *Survey Sampling* (1965) §11.7; Kish (1992) J. Official Statist. 8.
public struct KishDesignEffect: Sendable, Equatable {
    /// The number of weights.
    public let count: Int
    /// (Σw)² / Σw².
    public let effectiveSize: Double
    /// n / n_eff.
    public let designEffect: Double

    /// From the number of weights, their sum and the sum of their squares; nil without weights or with a sum not
    /// above 0.
    public init?(count: Int, sum: Double, sumOfSquares: Double) {
        guard count > 0, sum > 0, sumOfSquares > 0, sum.isFinite, sumOfSquares.isFinite else { return nil }
        self.count = count
        effectiveSize = sum * sum / sumOfSquares
        designEffect = Double(count) * sumOfSquares / (sum * sum)
    }

    /// Of the weights given.
    public init?(_ weights: some Sequence<Double>) {
        var count = 0, sum = 0.0, squares = 0.0
        for weight in weights {
            count += 1
            sum += weight
            squares += weight * weight
        }
        self.init(count: count, sum: sum, sumOfSquares: squares)
    }
}
