/// Weighted sample quantiles: the smallest value at which the weighted share of values at or below it reaches p,
/// the inverse of the weighted distribution function (R `survey::svyquantile`'s default rule, `qrule = "math"`,
/// in survey 4.1.1 and later).
///
/// Formula: values x₍₁₎ ≤ … ≤ x₍ₙ₎ with weights w (> 0), W = Σw, F(x₍ₖ₎) = Σ_{j≤k} w₍ⱼ₎/W;
///   Q(p) = min{x₍ₖ₎ : F(x₍ₖ₎) ≥ p}, 0 < p ≤ 1.
/// R computes it as: k = the last position with Σ_{j≤k} w ≤ p·W; x₍ₖ₎ when that sum equals p·W exactly, else
/// x₍ₖ₊₁₎; cumulative sums in extended precision (R's `cumsum` and `sum` accumulate in `long double`), as here.
/// One difference, on purpose: when the smallest value alone holds more than p of the weight, R (its `last()` of no
/// position gives 1) returns the second smallest value; this gives the smallest, which is Q(p) by the formula.
/// With equal weights Q is Hyndman & Fan's definition 1 (R `quantile(x, p, type = 1)`), not the unweighted
/// summaries' definition 7.
/// References: Lumley, *Complex Surveys* (2010) §2.4; Hyndman & Fan (1996) The American Statistician 50 (definition 1);
/// R survey 4.1.1 `qrule_math`, `qs`.
public enum WeightedQuantile {
    /// Q(p) of `values` with `weights`; NaN values are left out. Nil without values, with mismatched lengths, a weight
    /// not above 0 or not finite, or p ∉ (0, 1].
    public static func math(_ values: [Double], weights: [Double], _ p: Double) -> Double? {
        math(values, weights: weights, [p])?.first
    }

    /// Q at each of `ps`, sorting once.
    public static func math(_ values: [Double], weights: [Double], _ ps: [Double]) -> [Double]? {
        guard values.count == weights.count, ps.allSatisfy({ $0 > 0 && $0 <= 1 }) else { return nil }
        // Ascending by value; equal values in their given order (R's `order` is stable).
        let order = ascendingOrder(values)
        guard !order.isEmpty, order.allSatisfy({ weights[$0] > 0 && weights[$0].isFinite }) else { return nil }
        var cumulative = [Double]()
        cumulative.reserveCapacity(order.count)
        var running: ExtendedSum = 0
        for i in order {
            running += ExtendedSum(weights[i])
            cumulative.append(Double(running))
        }
        let total = Double(running)
        return ps.map { p in
            let threshold = p * total
            // The last position whose cumulative weight is at most p·W (binary search: the sums only grow).
            var low = 0, high = cumulative.count
            while low < high {
                let middle = (low + high) / 2
                if cumulative[middle] <= threshold { low = middle + 1 } else { high = middle }
            }
            guard low > 0 else { return values[order[0]] }
            let k = low - 1
            if p - cumulative[k] / total == 0 { return values[order[k]] }
            return values[order[Swift.min(k + 1, order.count - 1)]]
        }
    }
}

extension WeightedQuantile {
    /// The positions of the non-NaN `values`, ascending by value, equal values in their given order (a stable sort).
    /// Whole numbers spanning a small range (scores, ages, counts) are placed by a counting sort, which gives the
    /// same order in O(n + range) instead of a comparison sort's O(n log n).
    static func ascendingOrder(_ values: [Double]) -> [Int] {
        var low = Double.infinity, high = -Double.infinity, whole = true, count = 0
        for value in values where !value.isNaN {
            count += 1
            low = Swift.min(low, value)
            high = Swift.max(high, value)
            if whole && !(value.rounded(.towardZero) == value && abs(value) < 1e15) { whole = false }
        }
        guard count > 0 else { return [] }
        if whole, high - low < Double(Swift.max(1 << 16, count)) {
            let span = Int(high - low) + 1, base = Int(low)
            var starts = [Int](repeating: 0, count: span + 1)
            for value in values where !value.isNaN { starts[Int(value) - base + 1] += 1 }
            for bucket in 0..<span { starts[bucket + 1] += starts[bucket] }
            var order = [Int](repeating: 0, count: count)
            for (index, value) in values.enumerated() where !value.isNaN {
                let bucket = Int(value) - base
                order[starts[bucket]] = index
                starts[bucket] += 1
            }
            return order
        }
        var keyed = [(value: Double, index: Int)]()
        keyed.reserveCapacity(count)
        for (index, value) in values.enumerated() where !value.isNaN { keyed.append((value, index)) }
        keyed.sort { $0.value < $1.value || ($0.value == $1.value && $0.index < $1.index) }
        return keyed.map(\.index)
    }
}

#if arch(x86_64) || arch(i386)
/// R's `long double` accumulator on x86: 80-bit extended precision.
typealias ExtendedSum = Float80
#else
/// Where there is no 80-bit type, a double (R's `long double` is then often a double too, e.g. on arm64 macOS).
typealias ExtendedSum = Double
#endif
