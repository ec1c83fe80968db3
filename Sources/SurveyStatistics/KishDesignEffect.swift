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
        var sums = Sums()
        for weight in weights { sums.add(weight) }
        guard let result = sums.designEffect else { return nil }
        self = result
    }

    /// The design effect from sums of weights shifted by the first: with d = w − w₀, S₁ = Σd, S₂ = Σd²,
    ///   Σw = n·w₀ + S₁,  deff = 1 + (n·S₂ − S₁²)/(Σw)²,  n_eff = n/deff,
    /// the same quantities as `init(count:sum:sumOfSquares:)` (n·Σw² − (Σw)² = n·S₂ − S₁²), without its
    /// cancellation: equal weights give deff exactly 1 and n_eff exactly n.
    public struct Sums: Sendable {
        /// Weights added.
        public var count: Int { added }
        @usableFromInline var added = 0
        @usableFromInline var first = 0.0
        @usableFromInline var shifted = 0.0
        @usableFromInline var shiftedSquares = 0.0

        /// No weights yet.
        public init() {}

        /// Adds one weight.
        @inlinable
        public mutating func add(_ weight: Double) {
            if added == 0 { first = weight }
            let d = weight - first
            added += 1
            shifted += d
            shiftedSquares += d * d
        }

        /// Kish's design effect of the weights added; nil without weights or with a sum not above 0.
        public var designEffect: KishDesignEffect? {
            let n = Double(count)
            let sum = n * first + shifted
            guard count > 0, sum > 0, sum.isFinite, shiftedSquares.isFinite else { return nil }
            let deff = 1 + (n * shiftedSquares - shifted * shifted) / (sum * sum)
            guard deff > 0, deff.isFinite else { return nil }
            return KishDesignEffect(count: count, effectiveSize: n / deff, designEffect: deff)
        }
    }

    private init(count: Int, effectiveSize: Double, designEffect: Double) {
        (self.count, self.effectiveSize, self.designEffect) = (count, effectiveSize, designEffect)
    }
}
