import Foundation

extension FisherExactTest {
    /// Fisher–Freeman–Halton exact p-value for an R × C table: the probability, given both margins, of the tables no
    /// more likely than the observed one; nil when the computation would exceed `stateLimit` (see below).
    ///
    /// Under independence with both margins fixed a table has the multiple hypergeometric probability
    ///   P(x) = Πᵢ rᵢ!·Πⱼ cⱼ! / (n!·Πᵢⱼ xᵢⱼ!),
    /// and p = Σ { P(y) : P(y) ≤ P(x)·(1 + 10⁻⁷) } over the tables y with the observed margins — the rule and relative
    /// tolerance of R's `fisher.test` (and of `twoSided`, which this equals on 2 × 2 tables). Rows and columns whose total
    /// is zero are dropped first; a table with fewer than 2 rows or 2 columns left has p = 1; a ragged table, a negative
    /// count or totals that overflow give nil.
    ///
    /// Method: a network algorithm (Mehta & Patel 1983). The table is oriented so that the shorter side's remaining
    /// totals are the state; the other side's categories (largest first) are filled one at a time. A node is the
    /// multiset of the remaining totals (partial tables that differ only by permuting rows with equal remaining totals
    /// share it) and carries the distinct partial log-weights −Σ ln xᵢⱼ! of the paths reaching it (equal within 10⁻⁹
    /// merged, mass kept). When a path reaches a node, bounds on the log-weight of every completion (relaxing either
    /// margin: the even split bounds the most probable completion, the most concentrated split the least probable)
    /// settle it at once when all its completions are at most the threshold (its whole completion weight
    /// n′!/(Π rᵢ′!·Π cⱼ′!) counts) or all above it (dropped); only undecided paths are carried on. With one category
    /// left the completion is forced and the decision exact. Sums are compensated; log-factorials are tabulated.
    ///
    /// Feasible means: the network is explored within 3·`stateLimit` steps, a step being one path carried along one
    /// filling of a category, a new node counting 2 steps per remaining cell (its bounds) plus 20 (its storage) — so
    /// at the default 10⁶ the answer or nil comes within about 0.25 s in a release build, whatever the table.
    /// Feasible at the default (release timings): small tables; 3 × 5 with n = 95 (0.03 s) and 5 × 3 with a sparse
    /// column and n = 200 (0.02 s), which R's `fisher.test` also does by default; 2 × 5 with n = 782 (0.01 s).
    /// Not feasible (nil after 0.03–0.22 s): 4 × 4 with n = 114 (R needs `workspace = 2e8` and 1.6 s; here 1.5 s with
    /// a 30 times larger limit), 3 × 4 with n = 300, 2 × 8 with n = 1200, 6 × 3 with n = 300, 10 × 5 with n = 1577
    /// (R's default fails on all of these) — use `MonteCarloIndependenceTest` for those. Also nil when the shorter
    /// side has more categories than fit in the packed state (2·⌊64/b⌋, b the bit width of n: 10 for n < 2048), and
    /// when n > 6·`stateLimit` (the table of ln k! would outgrow the budget).
    /// Assumptions: both margins fixed by design or conditioned upon; observations independent.
    /// References: Freeman, G. H. & Halton, J. H. (1951), Biometrika 38, 141–149; Mehta, C. R. & Patel, N. R. (1983),
    /// JASA 78, 427–434, and (1986) ACM TOMS 12, 154–161 (FEXACT, used by R's `fisher.test`).
    public static func rByC(_ counts: [[Int]], stateLimit: Int = 1_000_000) -> Double? {
        guard let table = ReducedTable(counts) else { return nil }
        guard table.keptRows.count >= 2, table.keptColumns.count >= 2 else { return 1 }
        var cells = table.counts.map { row in row.map { Int($0) } }
        if cells.count > cells[0].count {
            cells = cells[0].indices.map { j in cells.map { $0[j] } }
        }
        let (budget, overflow) = stateLimit.multipliedReportingOverflow(by: 3)
        var network = FreemanHaltonNetwork(cells: cells, limit: overflow ? Int.max : budget)
        return network?.pValue()
    }
}

/// The network of partial tables behind `FisherExactTest.rByC`: state = sorted remaining row totals, stage = column.
private struct FreemanHaltonNetwork {
    /// A node: the sorted remaining row totals packed into 128 bits.
    struct Key: Hashable {
        var low: UInt64 = 0
        var high: UInt64 = 0
    }

    /// A set of paths reaching a node with the same partial log-weight −Σ ln xᵢⱼ!: `mass` paths' worth of weight.
    struct Path {
        var logWeight: Double
        var mass: Double
    }

    /// ln k! for k = 0…n.
    let logFactorials: [Double]
    /// Row totals (the state), and column totals in the order the columns are filled.
    let rowTotals: [Int], columnTotals: [Int]
    /// For each stage j, the totals of columns j… sorted ascending; and Σ ln cₗ! over them.
    let remainingColumns: [[Int]], remainingColumnLogs: [Double]
    /// Bits per packed value and values per 64-bit word.
    let bits: Int, perWord: Int
    /// Observed −Σ ln xᵢⱼ! plus the tolerance ln(1 + 10⁻⁷): paths whose total log-weight is at most this count.
    let threshold: Double
    /// ln(Π rᵢ!·Π cⱼ!/n!): log-weight + this = log-probability.
    let logNormaliser: Double
    /// Work budget and work done.
    let limit: Int
    var work = 0

    init?(cells: [[Int]], limit: Int) {
        let rows = cells.count, columns = cells[0].count
        rowTotals = cells.map { $0.reduce(0, +) }
        let totals = (0..<columns).map { j in cells.reduce(0) { $0 + $1[j] } }
        let n = rowTotals.reduce(0, +)
        bits = max(1, Int.bitWidth - n.leadingZeroBitCount)
        perWord = 64 / bits
        guard rows <= 2 * perWord, limit >= 1, n / 2 <= limit else { return nil }
        let lf = (0...n).map { (k: Int) -> Double in lgamma(Double(k) + 1) }
        logFactorials = lf
        // Largest columns first: the wide early fillings are few nodes, the later stages are narrow.
        let order = totals.indices.sorted { totals[$0] > totals[$1] }
        let ordered = order.map { totals[$0] }
        columnTotals = ordered
        remainingColumns = (0..<columns).map { j in ordered[j...].sorted() }
        remainingColumnLogs = (0..<columns).map { j in ordered[j...].reduce(0) { $0 + lf[$1] } }
        var observed = CompensatedSum()
        for row in cells { for x in row { observed.add(-lf[x]) } }
        threshold = observed.value + 1e-7
        logNormaliser = rowTotals.reduce(0) { $0 + lf[$1] } + totals.reduce(0) { $0 + lf[$1] } - lf[n]
        self.limit = limit
    }

    /// Packs sorted values into a key.
    func pack(_ values: UnsafeMutableBufferPointer<Int>) -> Key {
        var key = Key()
        for (i, v) in values.enumerated() {
            let shift = UInt64((i % perWord) * bits)
            if i < perWord { key.low |= UInt64(v) << shift } else { key.high |= UInt64(v) << shift }
        }
        return key
    }

    /// Unpacks a key into `values` (its count is the number of rows).
    func unpack(_ key: Key, into values: UnsafeMutableBufferPointer<Int>) {
        let mask = (UInt64(1) << UInt64(bits)) &- 1
        for i in values.indices {
            let shift = UInt64((i % perWord) * bits)
            let word = i < perWord ? key.low : key.high
            values[i] = Int((word >> shift) & mask)
        }
    }

    /// A node of the next stage: bounds on its completions, their total weight, and the undecided paths reaching it.
    struct Node {
        /// Bounds on the log-weight −Σ ln xᵢⱼ! of the node's completions: most ≥ the largest, least ≤ the smallest.
        var most: Double, least: Double
        /// ln of the total completion weight n′!/(Π rᵢ′!·Π cⱼ′!).
        var completionMass: Double
        /// Undecided paths, and the index of each by its log-weight rounded to 10⁻⁹.
        var paths: [Path] = []
        var index: [Int64: Int] = [:]

        /// Adds an undecided path, merging it with one whose log-weight rounds to the same 10⁻⁹ (mass kept exactly).
        mutating func add(_ path: Path) {
            let bucket = Int64((path.logWeight * 1e9).rounded())
            if let existing = index[bucket] {
                paths[existing].mass += path.mass * exp(path.logWeight - paths[existing].logWeight)
            } else {
                index[bucket] = paths.count
                paths.append(path)
            }
        }
    }

    /// The exact p, or nil when the work exceeds the limit.
    mutating func pValue() -> Double? {
        let k = rowTotals.count, stages = columnTotals.count
        let state = UnsafeMutableBufferPointer<Int>.allocate(capacity: k)
        let child = UnsafeMutableBufferPointer<Int>.allocate(capacity: k)
        let filling = UnsafeMutableBufferPointer<Int>.allocate(capacity: k)
        let suffixCaps = UnsafeMutableBufferPointer<Int>.allocate(capacity: k + 1)
        defer { state.deallocate(); child.deallocate(); filling.deallocate(); suffixCaps.deallocate() }
        for (i, r) in rowTotals.sorted().enumerated() { state[i] = r }
        var p = CompensatedSum()
        var keys = [pack(state)]
        var nodes = [makeNode(state, stage: 0)]
        nodes[0].paths = [Path(logWeight: 0, mass: 1)]
        // A new node costs about as much as 2 steps per remaining cell (its bounds) plus 20 (its storage).
        for stage in 0..<(stages - 1) {
            let nodeCost = 2 * k * (stages - stage) + 20
            let last = stage + 1 == stages - 1
            var nextIndex: [Key: Int] = [:]
            var nextKeys: [Key] = []
            var nextNodes: [Node] = []
            for (key, node) in zip(keys, nodes) where !node.paths.isEmpty {
                unpack(key, into: state)
                suffixCaps[k] = 0
                for i in stride(from: k - 1, through: 0, by: -1) { suffixCaps[i] = suffixCaps[i + 1] + state[i] }
                var exceeded = false
                enumerateFillings(total: columnTotals[stage], state: state, suffixCaps: suffixCaps, filling: filling) { logWeight in
                    work += 1 + node.paths.count
                    for i in 0..<k { child[i] = state[i] - filling[i] }
                    insertionSort(child)
                    let childKey = pack(child)
                    let index: Int
                    if let existing = nextIndex[childKey] {
                        index = existing
                    } else {
                        work += nodeCost
                        index = nextNodes.count
                        nextIndex[childKey] = index
                        nextKeys.append(childKey)
                        nextNodes.append(makeNode(child, stage: stage + 1))
                    }
                    if work > limit { exceeded = true; return false }
                    let most = nextNodes[index].most, least = nextNodes[index].least
                    let mass = nextNodes[index].completionMass
                    for path in node.paths {
                        let w = path.logWeight + logWeight
                        // One column left: the completion is forced and most = least exactly.
                        if w + most <= threshold || (last && w + least <= threshold) {
                            p.add(path.mass * exp(logNormaliser + w + mass))
                        } else if w + least <= threshold, !last {
                            nextNodes[index].add(Path(logWeight: w, mass: path.mass))
                        }
                    }
                    return true
                }
                if exceeded { return nil }
            }
            keys = nextKeys
            nodes = nextNodes
        }
        return min(1, max(0, p.value))
    }

    /// A node for the sorted remaining row totals `state` before column `stage` is filled.
    func makeNode(_ state: UnsafeMutableBufferPointer<Int>, stage: Int) -> Node {
        let bounds = futureBounds(state, stage: stage)
        let remaining = state.reduce(0, +)
        let mass = logFactorials[remaining] - state.reduce(0) { $0 + logFactorials[$1] } - remainingColumnLogs[stage]
        return Node(most: bounds.most, least: bounds.least, completionMass: mass)
    }

    /// Bounds on the log-weight −Σ ln xᵢⱼ! of any completion from `state` (sorted ascending) at `stage`:
    /// `most` ≥ the largest, `least` ≤ the smallest, each the tighter of the row and the column relaxation.
    func futureBounds(_ state: UnsafeMutableBufferPointer<Int>, stage: Int) -> (most: Double, least: Double) {
        let lf = logFactorials
        let columns = remainingColumns[stage]
        var mostByColumns = 0.0, leastByColumns = 0.0
        for c in columns {
            mostByColumns += evenSplit(c, capsAscending: UnsafeBufferPointer(state), lf)
            leastByColumns += concentrated(c, capsAscending: UnsafeBufferPointer(state), lf)
        }
        var mostByRows = 0.0, leastByRows = 0.0
        columns.withUnsafeBufferPointer { caps in
            for r in state {
                mostByRows += evenSplit(r, capsAscending: caps, lf)
                leastByRows += concentrated(r, capsAscending: caps, lf)
            }
        }
        return (min(mostByColumns, mostByRows), max(leastByColumns, leastByRows))
    }

    /// max −Σ ln xᵢ! subject to Σxᵢ = total, 0 ≤ xᵢ ≤ capᵢ: water-filling (−ln x! is concave).
    func evenSplit(_ total: Int, capsAscending caps: UnsafeBufferPointer<Int>, _ lf: [Double]) -> Double {
        var remaining = total, result = 0.0
        for (index, cap) in caps.enumerated() {
            let m = caps.count - index
            if cap * m <= remaining {
                result -= lf[cap]
                remaining -= cap
            } else {
                let q = remaining / m, r = remaining % m
                return result - Double(r) * lf[q + 1] - Double(m - r) * lf[q]
            }
        }
        return result
    }

    /// min −Σ ln xᵢ! subject to Σxᵢ = total, 0 ≤ xᵢ ≤ capᵢ: fill the largest caps first (that vector majorises every
    /// other feasible one, and Σ ln x! is Schur-convex).
    func concentrated(_ total: Int, capsAscending caps: UnsafeBufferPointer<Int>, _ lf: [Double]) -> Double {
        var remaining = total, result = 0.0
        for cap in caps.reversed() where remaining > 0 {
            let x = min(cap, remaining)
            result -= lf[x]
            remaining -= x
        }
        return result
    }

    /// Calls `body` with each filling (in `filling`) of a column of `total` under the caps `state`, passing its
    /// log-weight −Σ ln xᵢ!; stops when `body` returns false.
    func enumerateFillings(
        total: Int, state: UnsafeMutableBufferPointer<Int>, suffixCaps: UnsafeMutableBufferPointer<Int>,
        filling: UnsafeMutableBufferPointer<Int>, _ body: (Double) -> Bool
    ) {
        let k = state.count
        let lf = logFactorials
        func fill(_ i: Int, _ remaining: Int, _ logWeight: Double) -> Bool {
            if i == k - 1 {
                filling[i] = remaining
                return body(logWeight - lf[remaining])
            }
            let low = max(0, remaining - suffixCaps[i + 1]), high = min(state[i], remaining)
            guard low <= high else { return true }
            for x in low...high {
                filling[i] = x
                if !fill(i + 1, remaining - x, logWeight - lf[x]) { return false }
            }
            return true
        }
        _ = fill(0, total, 0)
    }

    /// Sorts a handful of values ascending in place.
    func insertionSort(_ values: UnsafeMutableBufferPointer<Int>) {
        for i in 1..<values.count {
            let v = values[i]
            var j = i - 1
            while j >= 0, values[j] > v {
                values[j + 1] = values[j]
                j -= 1
            }
            values[j + 1] = v
        }
    }
}
