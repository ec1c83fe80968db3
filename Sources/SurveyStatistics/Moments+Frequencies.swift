extension Moments {
    /// Moments of a sample given as a frequency table: each distinct value and how often it occurs (say, the
    /// scores of a scale's choices and their counts); nil when no value occurs or one that occurs is NaN or infinite.
    ///
    /// Formulas: n = Σcᵢ, S₁ = Σcᵢvᵢ, S₂ = Σcᵢvᵢ²; x̄ = S₁/n; s² = (nS₂ − S₁²)/(n(n − 1)).
    /// Algorithm: when every value that occurs is a whole number of magnitude at most 2¹⁵ and n < 2³¹, S₁ and S₂ are
    /// summed exactly in integers and nS₂ − S₁² is formed exactly in 128 bits; x̄ = S₁/n is then one correctly
    /// rounded division, and s² and s are computed in double-double arithmetic (the quotient refined with a fused
    /// multiply-add, the square root with one Newton step), so both are correctly rounded but for near-ties far
    /// below an ulp. Otherwise the values are expanded in the order given and take the general algorithm of `init(_:)`.
    /// Assumptions: none beyond finite values and non-negative counts.
    /// Reference: the same textbook definitions as `init(_:)`; exact integer sums need no compensation (Higham,
    /// *Accuracy and Stability of Numerical Algorithms*, 2nd ed., 2002, §4).
    public init?(frequencies: [(value: Double, count: Int)]) {
        let occurring = frequencies.filter { $0.count > 0 }
        guard !occurring.isEmpty, occurring.allSatisfy({ $0.value.isFinite }) else { return nil }
        let n = occurring.reduce(0) { $0 + $1.count }
        let whole = occurring.allSatisfy { abs($0.value) <= 32_768 && $0.value == $0.value.rounded() }
        guard whole, n < 1 << 31, #available(macOS 15, *) else {
            self.init(occurring.lazy.flatMap { repeatElement($0.value, count: $0.count) })
            return
        }
        var s1: Int64 = 0
        var s2: Int64 = 0
        for (value, count) in occurring {
            let v = Int64(value)
            s1 += Int64(count) * v
            s2 += Int64(count) * v * v
        }
        let smallest = occurring.map(\.value).min() ?? 0
        let largest = occurring.map(\.value).max() ?? 0
        let mean = Double(s1) / Double(n)
        guard n >= 2 else {
            self.init(count: n, mean: mean, variance: nil, min: smallest, max: largest)
            return
        }
        let numerator = Int128(n) * Int128(s2) - Int128(s1) * Int128(s1)
        let (variance, deviation) = Self.ratioAndSquareRoot(numerator, Int128(n) * Int128(n - 1))
        self.init(count: n, mean: mean, variance: variance, standardDeviation: deviation, min: smallest, max: largest)
    }

    /// a/b and √(a/b) for integers 0 ≤ a < 2¹⁰⁶, 0 < b < 2¹⁰⁶, each rounded once from a double-double value.
    ///
    /// a and b are split exactly into high and low doubles; q = a/b is formed as q₀ + q₁ with q₁ from the
    /// fma-exact remainder; √q as r₀ = √q₀ corrected by (q₀ − r₀² + q₁)/(2r₀), with q₀ − r₀² exact by fma.
    /// Reference: Dekker (1971), "A floating-point technique for extending the available precision",
    /// Numerische Mathematik 18, 224–242; Karp & Markstein (1997), ACM TOMS 23, 561–589.
    @available(macOS 15, *)
    static func ratioAndSquareRoot(_ a: Int128, _ b: Int128) -> (ratio: Double, squareRoot: Double) {
        guard a > 0 else { return (0, 0) }
        let aHigh = Double(a), aLow = Double(a - Int128(aHigh))
        let bHigh = Double(b), bLow = Double(b - Int128(bHigh))
        let q0 = aHigh / bHigh
        // (a − q₀b)/b, the remainder aHigh − q₀·bHigh taken exactly by a fused multiply-add.
        let remainder = aHigh.addingProduct(-q0, bHigh) + aLow - q0 * bLow
        let q1 = remainder / bHigh
        let ratio = q0 + q1
        let r0 = q0.squareRoot()
        let r1 = (q0.addingProduct(-r0, r0) + q1) / (2 * r0)
        return (ratio, r0 + r1)
    }
}
