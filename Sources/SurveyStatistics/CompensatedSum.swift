/// Neumaier's improved Kahan summation: the running sum plus a compensation term for the low-order bits lost in each addition.
///
/// Error bound: |computed − exact| ≤ 2ε·|exact| + O(nε²)·Σ|xᵢ|, independent of n to first order.
/// Reference: Neumaier, A. (1974), ZAMM 54, 39–51; Higham, *Accuracy and Stability of Numerical Algorithms* (2nd ed., 2002), §4.3.
@usableFromInline
struct CompensatedSum {
    /// The running (uncompensated) sum.
    @usableFromInline var sum = 0.0
    /// The accumulated rounding error of `sum`.
    @usableFromInline var compensation = 0.0

    /// A sum of no terms.
    @inlinable
    init() {}

    /// Adds one term.
    @inlinable
    mutating func add(_ value: Double) {
        let total = sum + value
        if abs(sum) >= abs(value) {
            compensation += (sum - total) + value
        } else {
            compensation += (value - total) + sum
        }
        sum = total
    }

    /// The compensated total.
    @inlinable
    var value: Double { sum + compensation }
}
