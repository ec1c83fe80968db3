/// A question's counts per swept group and stratum from one stratified sweep (`RowSweep.stratified`): group g,
/// stratum s at g·strata + s, each with `width` slots laid out as `GroupedCounts.cells`.
///
/// With strata weights every respondent of stratum s weighs w_s, so a weighted sum is a count times w_s: the
/// counts per group, the weighted counts and the design cells all come from these counts, without a second sweep.
struct StratumCounts {
    let groups: Int
    let strata: Int
    let width: Int
    /// Per group and stratum: rows, slots, valid numbers (as `GroupedCounts`).
    let bases: [Int]
    let cells: [Int]
    let valid: [Int]

    init(groups: Int, strata: Int, width: Int, bases: UnsafeBufferPointer<Int>, cells: UnsafeBufferPointer<Int>,
         valid: UnsafeBufferPointer<Int>) {
        (self.groups, self.strata, self.width) = (groups, strata, width)
        (self.bases, self.cells, self.valid) = (Array(bases), Array(cells), Array(valid))
    }

    /// Rows of group `g` in stratum `s` counted in `slot`.
    func count(_ g: Int, _ s: Int, _ slot: Int) -> Int {
        cells[(g * strata + s) * width + slot]
    }

    /// Per group, the strata added up: the counts of an unstratified sweep.
    func folded() -> (bases: [Int], cells: [Int], valid: [Int]) {
        guard strata > 1 else { return (bases, cells, valid) }
        var folded = (bases: [Int](repeating: 0, count: groups), cells: [Int](repeating: 0, count: groups * width),
                      valid: [Int](repeating: 0, count: groups))
        for g in 0..<groups {
            for s in 0..<strata {
                let i = g * strata + s
                folded.bases[g] += bases[i]
                folded.valid[g] += valid[i]
                for slot in 0..<width { folded.cells[g * width + slot] += cells[i * width + slot] }
            }
        }
        return folded
    }

    /// The weighted bases and cells per group, Σ_s w_s·count (strata in order), and when `tested` the design
    /// cells of the design-based tests; `weights[s]` is stratum s's one weight.
    func weighted(_ weights: [Double], tested: Bool) -> (bases: [Double], cells: [Double], design: DesignCells?) {
        var weighted = (bases: [Double](repeating: 0, count: groups), cells: [Double](repeating: 0, count: groups * width))
        for g in 0..<groups {
            for s in 0..<strata where bases[g * strata + s] > 0 {
                let i = g * strata + s, w = weights[s]
                weighted.bases[g] += Double(bases[i]) * w
                for slot in 0..<width { weighted.cells[g * width + slot] += Double(cells[i * width + slot]) * w }
            }
        }
        return (weighted.bases, weighted.cells, tested ? DesignCells(counts: self, weights: weights) : nil)
    }
}
