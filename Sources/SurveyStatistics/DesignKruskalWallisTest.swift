import Foundation

/// The design-based Kruskal–Wallis test of a number across groups, from a weighted, optionally stratified sample
/// (each respondent its own PSU, sampled with replacement within strata, no finite population correction), as R's
/// `svyranktest(y ~ g, design, test = "KruskalWallis")` on `svydesign(ids = ~1, strata = ~s, weights = ~w)`.
///
/// Each answer is ranked by the estimated population distribution of the answers in the test (Lumley & Scott 2013):
/// its rank score is the mid-point of its value's weight in the weighted distribution function,
///   rᵢ = (Σ_{j: y_j < yᵢ} w_j + ½ Σ_{j: y_j = yᵢ} w_j) / N,  N = Σ w_j,
/// and the groups' weighted mean scores m_g = Σ_{i∈g} wᵢrᵢ / W_g are compared by the Wald test of the k − 1
/// coefficients β_g = m_g − m₁ of the weighted regression of r on the groups (R: `glm(r ~ factor(g), weights = w)`):
/// a respondent's influence on β_g is wᵢ(rᵢ − m_g)/W_g in group g, −wᵢ(rᵢ − m₁)/W₁ in the first group, 0 elsewhere
/// (and 0 for the design's respondents outside the test), V the stratified with-replacement covariance of those
/// influences with n_h the design's respondents per stratum (`WeightedMean.standardError`, the one variance function:
/// the covariances by polarisation, V(x + y) = V(x) + V(y) + 2C(x, y)), X² = βᵀV⁻¹β,
///   F = X²/(k − 1) with k − 1 and n − H − (k − 1) degrees of freedom
/// (n the respondents in the test, H their strata: R's `degf` of the design restricted to them), p = P(F > f).
/// k counts the groups with answers. The Wald statistic does not depend on which group is first.
///
/// One difference from R, on purpose: for tied answers R averages cumsum(w) − w/2 over the tied respondents in the
/// data's row order, which is the mid-point above only when their weights are equal, and otherwise depends on the
/// order of the rows; here tied answers share the mid-point whatever the order. Without ties, or with equal weights
/// within each tied value, the two are the same (1e-9, `Fixtures/reference_design_tests.R`, which also computes R's
/// own statistic: on its tied sample it differs by up to 3 %).
/// References: Lumley & Scott (2013) Biometrika 100 (two-sample rank tests under complex sampling); Kruskal & Wallis
/// (1952) JASA 47; Binder (1983) Int. Statist. Rev. 51; Lumley, *Complex Surveys* (2010) §5.2.
public struct DesignKruskalWallisTest: Sendable, Equatable {
    /// F = X²/(k − 1).
    public let statistic: Double
    /// X² = βᵀV⁻¹β (R's `parameter`, labelled "Chisq").
    public let wald: Double
    /// k − 1.
    public let numeratorDF: Int
    /// n − H − (k − 1).
    public let denominatorDF: Int
    /// P(F > f).
    public let pValue: Double
    /// k: the groups with answers.
    public let groupCount: Int
    /// Respondents in the test.
    public let n: Int

    /// The test of `values` per group (NaN left out) with their `weights` (> 0) and strata (`strata[g][i]` in
    /// 0..<strataSizes.count; nil: one stratum); `strataSizes[h]` the design's respondents in stratum h (all of them,
    /// those outside the test too; without strata one size).
    ///
    /// Nil when fewer than two groups have answers, every answer is the same, lengths differ, a weight is not above 0,
    /// a stratum is out of range or holds fewer respondents than the test has in it, there are no denominator degrees
    /// of freedom, or V is not positive definite (a stratum of one is R's lonely.psu "adjust", `WeightedMean`).
    public init?(values: [[Double]], weights: [[Double]], strata: [[Int]]?, strataSizes: [Int]) {
        let groups = values.count
        guard weights.count == groups, strata.map({ $0.count == groups }) ?? true, !strataSizes.isEmpty else { return nil }
        for g in 0..<groups {
            guard weights[g].count == values[g].count, strata.map({ $0[g].count == values[g].count }) ?? true else { return nil }
            for i in values[g].indices where !values[g][i].isNaN {
                guard weights[g][i] > 0, weights[g][i].isFinite, strataSizes.indices.contains(strata?[g][i] ?? 0) else { return nil }
            }
        }
        // Each answer's value index, and each value's weight: the rank scores.
        guard let ranking = Ranking(values) else { return nil }
        var valueWeights = [CompensatedSum](repeating: CompensatedSum(), count: ranking.valueCount)
        for g in 0..<groups {
            for i in values[g].indices where !values[g][i].isNaN { valueWeights[ranking.index(values[g][i], g, i)].add(weights[g][i]) }
        }
        let perValue = valueWeights.map(\.value)
        let total = perValue.reduce(0, +)
        guard total > 0, total.isFinite, perValue.count >= 2 else { return nil }
        var below = 0.0
        let scores = perValue.map { w -> Double in
            defer { below += w }
            return (below + w / 2) / total
        }
        // Per group W_g and the mean score m_g.
        var groupWeights = [Double](repeating: 0, count: groups), means = groupWeights
        var groupRows = [Int](repeating: 0, count: groups)
        for g in 0..<groups {
            var w = CompensatedSum(), wr = CompensatedSum()
            for i in values[g].indices where !values[g][i].isNaN {
                w.add(weights[g][i])
                wr.add(weights[g][i] * scores[ranking.index(values[g][i], g, i)])
                groupRows[g] += 1
            }
            groupWeights[g] = w.value
            means[g] = w.value > 0 ? wr.value / w.value : 0
        }
        let present = (0..<groups).filter { groupRows[$0] > 0 }
        guard present.count >= 2 else { return nil }
        // Per stratum and group: Σ w·e and Σ (w·e)² of the residuals e = r − m_g, and the test's respondents.
        let stratumCount = strataSizes.count
        var first = [CompensatedSum](repeating: CompensatedSum(), count: stratumCount * groups), second = first
        var rows = [Int](repeating: 0, count: stratumCount)
        for g in present {
            for i in values[g].indices where !values[g][i].isNaN {
                let h = strata?[g][i] ?? 0
                let we = weights[g][i] * (scores[ranking.index(values[g][i], g, i)] - means[g])
                first[h * groups + g].add(we)
                second[h * groups + g].add(we * we)
                rows[h] += 1
            }
        }
        guard (0..<stratumCount).allSatisfy({ rows[$0] <= strataSizes[$0] }) else { return nil }
        // The influence of x·β (x over the k − 1 coefficients) summed per stratum, and its squares summed.
        let reference = present[0], others = Array(present.dropFirst())
        func variance(_ x: [Double]) -> Double? {
            let along = x.reduce(0, +)
            let strata = (0..<stratumCount).map { h -> (size: Int, domain: Int, sum: Double, squares: Double) in
                var sum = -along * first[h * groups + reference].value / groupWeights[reference]
                var squares = along * along * second[h * groups + reference].value / (groupWeights[reference] * groupWeights[reference])
                for (j, g) in others.enumerated() where x[j] != 0 {
                    sum += x[j] * first[h * groups + g].value / groupWeights[g]
                    squares += x[j] * x[j] * second[h * groups + g].value / (groupWeights[g] * groupWeights[g])
                }
                return (strataSizes[h], rows[h], sum, squares)
            }
            return WeightedMean.standardError(strata: strata).map { $0 * $0 }
        }
        let q = others.count
        func unit(_ j: Int, _ k: Int? = nil) -> [Double] {
            (0..<q).map { $0 == j || $0 == k ? 1 : 0 }
        }
        var diagonal = [Double](repeating: 0, count: q)
        for j in 0..<q {
            guard let v = variance(unit(j)) else { return nil }
            diagonal[j] = v
        }
        var covariance = [Double](repeating: 0, count: q * q)
        for j in 0..<q {
            covariance[j * q + j] = diagonal[j]
            for k in 0..<j {
                guard let v = variance(unit(j, k)) else { return nil }
                covariance[j * q + k] = (v - diagonal[j] - diagonal[k]) / 2
                covariance[k * q + j] = covariance[j * q + k]
            }
        }
        // X² = βᵀV⁻¹β = |L⁻¹β|² with V = LLᵀ.
        guard let lower = RaoScottTest.cholesky(covariance, size: q) else { return nil }
        let beta = others.map { means[$0] - means[reference] }
        var solved = [Double](repeating: 0, count: q)
        for j in 0..<q {
            var sum = beta[j]
            for k in 0..<j { sum -= lower[j * q + k] * solved[k] }
            solved[j] = sum / lower[j * q + j]
        }
        let wald = solved.reduce(0) { $0 + $1 * $1 }
        let n = rows.reduce(0, +)
        let denominator = n - rows.filter { $0 > 0 }.count - q
        guard wald.isFinite, denominator > 0 else { return nil }
        self.wald = wald
        statistic = wald / Double(q)
        numeratorDF = q
        denominatorDF = denominator
        pValue = FDistribution.upperTail(statistic, Double(q), Double(denominator))
        groupCount = present.count
        self.n = n
    }

    /// The test of `values` across `groups` (0…k − 1; NaN values and negative groups left out of the test but kept
    /// in the design) with `weights` (> 0) and `strata` (0…H − 1; nil: one stratum), the design's respondents per
    /// stratum counted from all the rows given. Nil as `init(values:weights:strata:strataSizes:)`.
    public init?(values: [Double], groups: [Int], weights: [Double], strata: [Int]? = nil) {
        let count = values.count
        guard groups.count == count, weights.count == count, strata.map({ $0.count == count }) ?? true,
              (strata ?? []).allSatisfy({ $0 >= 0 }) else { return nil }
        let groupCount = (groups.max() ?? -1) + 1
        var sizes = [Int](repeating: 0, count: (strata?.max() ?? 0) + 1)
        var byGroup = [(values: [Double], weights: [Double], strata: [Int])](repeating: ([], [], []), count: Swift.max(groupCount, 0))
        for row in 0..<count {
            let h = strata?[row] ?? 0
            sizes[h] += 1
            guard groups[row] >= 0, !values[row].isNaN else { continue }
            byGroup[groups[row]].values.append(values[row])
            byGroup[groups[row]].weights.append(weights[row])
            byGroup[groups[row]].strata.append(h)
        }
        self.init(values: byGroup.map(\.values), weights: byGroup.map(\.weights), strata: byGroup.map(\.strata), strataSizes: sizes)
    }

    /// The distinct values of the answers in ascending order, and each answer's index among them: buckets for whole
    /// numbers over a range no wider than a few times the answers (ages, years, counts), else a sort.
    private struct Ranking {
        let valueCount: Int
        private let lowest: Int?
        private let bucketIndex: [Int]
        private let answerIndex: [[Int]]

        init?(_ values: [[Double]]) {
            var low = Double.infinity, high = -Double.infinity, count = 0, whole = true
            for group in values {
                for value in group where !value.isNaN {
                    low = Swift.min(low, value)
                    high = Swift.max(high, value)
                    count += 1
                    if whole && value != value.rounded(.down) { whole = false }
                }
            }
            guard count > 0 else { return nil }
            if whole, low >= -1e15, high <= 1e15, high - low <= Double(Swift.max(4 * count, 65_536)) {
                let low = Int(low)
                var used = [Bool](repeating: false, count: Int(high) - low + 1)
                for group in values {
                    for value in group where !value.isNaN { used[Int(value) - low] = true }
                }
                var index = [Int](repeating: -1, count: used.count), next = 0
                for k in used.indices where used[k] {
                    index[k] = next
                    next += 1
                }
                (valueCount, lowest, bucketIndex, answerIndex) = (next, low, index, [])
            } else {
                var distinct = values.flatMap { $0.filter { !$0.isNaN } }.sorted()
                distinct = distinct.indices.filter { $0 == 0 || distinct[$0] != distinct[$0 - 1] }.map { distinct[$0] }
                let found = values.map { group in
                    group.map { value -> Int in
                        guard !value.isNaN else { return -1 }
                        var (lo, hi) = (0, distinct.count - 1)
                        while lo < hi {
                            let middle = (lo + hi) / 2
                            if distinct[middle] < value { lo = middle + 1 } else { hi = middle }
                        }
                        return lo
                    }
                }
                (valueCount, lowest, bucketIndex, answerIndex) = (distinct.count, nil, [], found)
            }
        }

        /// The value index of `value`, answer i of group g (not NaN).
        @inline(__always)
        func index(_ value: Double, _ g: Int, _ i: Int) -> Int {
            if let lowest { bucketIndex[Int(value) - lowest] } else { answerIndex[g][i] }
        }
    }
}
