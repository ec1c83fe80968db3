/// Raking (iterative proportional fitting) of weights to population margins, as R `survey::rake`.
///
/// Each iteration post-stratifies on every margin in turn: the weights of the rows in category k of margin m are
/// multiplied by targetₘₖ / Σ_{i ∈ k} wᵢ, so the last margin fitted always holds exactly. After each iteration the
/// weighted joint table of all margins' categories is compared with the previous one; raking has converged when no
/// cell moved by `tolerance` or more (below 1, `tolerance` is relative to the sum of the starting weights, as R's
/// `epsilon`) **and** every margin is met within it — stricter than R, which also stops, with a warning at most,
/// on a stable table whose margins cannot all hold (an empty cell behind them). Rows whose category in a margin is −1 (unknown) are not adjusted by that margin (R stops on them).
/// Reference: Deming & Stephan (1940) Ann. Math. Statist. 11; Lumley, *Complex Surveys* (2010) §7.4; R
/// `rake(design, sample.margins, population.margins, control = list(maxit, epsilon))`.
public struct Raking: Sendable {
    /// The raked weights, one per row.
    public let weights: [Double]
    /// Whether the joint table moved by less than the tolerance within the iterations allowed, every margin met.
    public let converged: Bool
    /// The iterations run.
    public let iterations: Int
    /// Per margin, the largest |Σ_{i ∈ k} wᵢ − targetₖ| over its categories with the final weights.
    public let discrepancies: [Double]

    /// Rakes `initial` weights (default 1 per row) so that, per margin m, the weights of the rows in category k
    /// (`categories[m][row]`, 0-based; −1 for unknown) add up to `targets[m][k]`.
    ///
    /// Nil when the inputs do not fit: ragged lengths, a category outside its targets, a target not above 0 or a
    /// category with no weight (no row), or a tolerance or iteration count not above 0.
    public init?(categories: [[Int]], targets: [[Double]], initial: [Double]? = nil, tolerance: Double, maxIterations: Int) {
        guard !categories.isEmpty, categories.count == targets.count, tolerance > 0, maxIterations > 0 else { return nil }
        let rows = categories[0].count
        var weights = initial ?? [Double](repeating: 1, count: rows)
        guard weights.count == rows, weights.allSatisfy({ $0 > 0 && $0.isFinite }) else { return nil }
        for (margin, column) in categories.enumerated() {
            guard column.count == rows, targets[margin].allSatisfy({ $0 > 0 && $0.isFinite }),
                  column.allSatisfy({ $0 >= -1 && $0 < targets[margin].count }) else { return nil }
            var present = [Bool](repeating: false, count: targets[margin].count)
            for category in column where category >= 0 { present[category] = true }
            guard present.allSatisfy({ $0 }) else { return nil }
        }
        // The joint table's cells: each distinct combination of categories gets a dense index.
        var cellOf: [[Int]: Int] = [:]
        var cell = [Int](repeating: 0, count: rows)
        for row in 0..<rows {
            let key = categories.map { $0[row] }
            if let index = cellOf[key] { cell[row] = index } else {
                cell[row] = cellOf.count
                cellOf[key] = cellOf.count
            }
        }
        let epsilon = tolerance < 1 ? tolerance * weights.reduce(0, +) : tolerance
        func jointTable() -> [Double] {
            var table = [Double](repeating: 0, count: cellOf.count)
            for row in 0..<rows { table[cell[row]] += weights[row] }
            return table
        }
        func marginDiscrepancies() -> [Double] {
            categories.enumerated().map { margin, column in
                var sums = [Double](repeating: 0, count: targets[margin].count)
                for row in 0..<rows where column[row] >= 0 { sums[column[row]] += weights[row] }
                return zip(targets[margin], sums).reduce(0) { Swift.max($0, abs($1.0 - $1.1)) }
            }
        }
        var old = jointTable()
        var iterations = 0
        var converged = false
        var stable = false
        while iterations < maxIterations {
            for (margin, column) in categories.enumerated() {
                var sums = [Double](repeating: 0, count: targets[margin].count)
                for row in 0..<rows where column[row] >= 0 { sums[column[row]] += weights[row] }
                let factors = zip(targets[margin], sums).map { $0 / $1 }
                for row in 0..<rows where column[row] >= 0 { weights[row] *= factors[column[row]] }
            }
            let new = jointTable()
            let delta = zip(old, new).reduce(0) { Swift.max($0, abs($1.0 - $1.1)) }
            if delta < epsilon {
                stable = true
                break
            }
            old = new
            iterations += 1
        }
        let final = marginDiscrepancies()
        converged = stable && final.allSatisfy { $0 < epsilon }
        self.weights = weights
        self.converged = converged
        self.iterations = stable ? iterations + 1 : iterations
        self.discrepancies = final
    }
}
