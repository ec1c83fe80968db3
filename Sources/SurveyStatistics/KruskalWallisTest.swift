import Foundation

/// The Kruskal–Wallis rank-sum test that k groups come from the same distribution, with the correction for ties.
///
/// All n observations are ranked together (tied values get their mean rank). With nᵢ observations and rank sum Rᵢ
/// in group i, and tᵥ observations tied at each distinct value v,
///   H = [12 / (n(n + 1))·Σᵢ nᵢ(R̄ᵢ − (n + 1)/2)²] / [1 − Σᵥ(tᵥ³ − tᵥ)/(n³ − n)],
/// referred to χ² with k − 1 degrees of freedom (k = groups with at least one observation).
/// The deviations 2(Rᵢ − nᵢ(n + 1)/2) are sums of whole numbers and are accumulated exactly, so H is accurate
/// to a few ulps and both initialisers give identical results on the same data.
/// NaN values are ignored and groups left empty are dropped.
/// Assumptions: independent observations, an ordinal (or continuous) response; the χ² approximation is the
/// one R uses (no exact small-sample distribution).
/// Agrees with R's `kruskal.test(x, g)` (which drops empty groups when given a factor).
/// References: Kruskal, W. H. & Wallis, W. A. (1952), JASA 47, 583–621; Hollander, Wolfe & Chicken,
/// *Nonparametric Statistical Methods* (3rd ed., 2014), §6.1.
public struct KruskalWallisTest: Sendable, Equatable {
    /// The tie-corrected statistic H.
    public var statistic: Double
    /// Degrees of freedom k − 1 (k = non-empty groups).
    public var degreesOfFreedom: Int
    /// Upper-tail probability P(χ²(k − 1) ≥ H).
    public var pValue: Double
    /// Number of groups with at least one observation, k.
    public var groupCount: Int
    /// Number of observations ranked (NaN left out).
    public var n: Int

    /// Tests the groups of raw values; nil when fewer than 2 groups have a (non-NaN) value or all values are equal.
    public init?(groups: [[Double]]) {
        var pairs: [(value: Double, group: Int)] = []
        pairs.reserveCapacity(groups.reduce(0) { $0 + $1.count })
        for (g, values) in groups.enumerated() {
            for value in values where !value.isNaN { pairs.append((value, g)) }
        }
        pairs.sort { $0.value < $1.value }
        var ranks = RankAccumulator(groups: groups.count, n: pairs.count)
        var start = 0
        while start < pairs.count {
            var end = start + 1
            while end < pairs.count, pairs[end].value == pairs[start].value { end += 1 }
            guard let offset = ranks.startRun(size: end - start) else { return nil }
            for index in start..<end {
                guard ranks.add(group: pairs[index].group, count: 1, offset: offset) else { return nil }
            }
            start = end
        }
        self.init(ranks)
    }

    /// Tests groups given as counts per distinct value: `countsPerValue[g][v]` observations of group g have value
    /// `values[v]` (a groups × values frequency table, e.g. for whole-number columns).
    ///
    /// Values may come in any order; equal values are merged and NaN values ignored. Returns nil when a row's length
    /// differs from `values.count`, a count is negative, totals overflow, fewer than 2 groups have an observation,
    /// or all observations have the same value.
    public init?(countsPerValue: [[Int]], values: [Double]) {
        guard countsPerValue.allSatisfy({ $0.count == values.count }) else { return nil }
        let columns = values.indices.filter { !values[$0].isNaN }.sorted { values[$0] < values[$1] }
        var n = 0
        for row in countsPerValue {
            for j in columns {
                guard row[j] >= 0 else { return nil }
                let (sum, overflow) = n.addingReportingOverflow(row[j])
                guard !overflow else { return nil }
                n = sum
            }
        }
        var ranks = RankAccumulator(groups: countsPerValue.count, n: n)
        var start = 0
        while start < columns.count {
            var end = start + 1
            while end < columns.count, values[columns[end]] == values[columns[start]] { end += 1 }
            var run = [Int](repeating: 0, count: countsPerValue.count)
            var size = 0
            for (g, row) in countsPerValue.enumerated() {
                for index in start..<end { run[g] += row[columns[index]] }
                size += run[g]
            }
            if size > 0 { guard ranks.add(run: run, size: size) else { return nil } }
            start = end
        }
        self.init(ranks)
    }

    /// Finishes the statistic from accumulated rank deviations; nil for fewer than 2 groups or no spread.
    private init?(_ ranks: RankAccumulator) {
        let kept = ranks.sizes.indices.filter { ranks.sizes[$0] > 0 }
        let n = Double(ranks.n)
        guard kept.count >= 2, ranks.n >= 2 else { return nil }
        let correction = 1 - ranks.ties.value / ((n - 1) * n * (n + 1))
        guard correction > 0 else { return nil }
        var between = CompensatedSum()  // Σ Eᵢ²/nᵢ with Eᵢ = 2(Rᵢ − nᵢ(n + 1)/2)
        for g in kept {
            let e = Double(ranks.deviations[g])
            between.add(e * e / Double(ranks.sizes[g]))
        }
        let h = 3 * between.value / (n * (n + 1)) / correction
        statistic = max(0, h)
        degreesOfFreedom = kept.count - 1
        pValue = ChiSquareDistribution.upperTail(statistic, degreesOfFreedom: degreesOfFreedom)
        groupCount = kept.count
        self.n = ranks.n
    }
}

/// Rank sums per group, accumulated run by run of tied values in ascending order.
private struct RankAccumulator {
    /// Total number of observations n (known before ranking).
    let n: Int
    /// Observations per group.
    var sizes: [Int]
    /// Eᵢ = Σ over group i's observations of (2·rank − (n + 1)) = Σ count·(2·before + t − n): exact integers.
    var deviations: [Int]
    /// Σ (t³ − t) over runs of ties.
    var ties = CompensatedSum()
    /// Observations in the runs added so far.
    var before = 0

    init(groups: Int, n: Int) {
        self.n = n
        sizes = [Int](repeating: 0, count: groups)
        deviations = [Int](repeating: 0, count: groups)
    }

    /// Adds a run of `size` tied observations, `run[g]` of them in group g; false when a sum overflows `Int`.
    mutating func add(run: [Int], size: Int) -> Bool {
        guard let offset = startRun(size: size) else { return false }
        for (g, count) in run.enumerated() where count > 0 {
            guard add(group: g, count: count, offset: offset) else { return false }
        }
        return true
    }

    /// Starts the next run of `size` tied observations (ranks before + 1 … before + size) and returns its doubled
    /// mid-rank minus (n + 1), 2·before + size − n; nil when that overflows `Int`.
    mutating func startRun(size: Int) -> Int? {
        let (twiceBefore, o1) = before.multipliedReportingOverflow(by: 2)
        let (offset, o2) = (twiceBefore - n).addingReportingOverflow(size)
        guard !o1, !o2 else { return nil }
        let t = Double(size)
        ties.add((t - 1) * t * (t + 1))
        before += size
        return offset
    }

    /// Adds `count` observations of group `group` to the current run; false when a sum overflows `Int`.
    mutating func add(group: Int, count: Int, offset: Int) -> Bool {
        let (product, o1) = count.multipliedReportingOverflow(by: offset)
        let (sum, o2) = deviations[group].addingReportingOverflow(product)
        guard !o1, !o2 else { return false }
        deviations[group] = sum
        sizes[group] += count
        return true
    }
}
