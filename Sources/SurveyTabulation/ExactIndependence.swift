import Synchronization
import SurveyStatistics

/// The p of a test of independence that does not rest on the χ² approximation, for tables larger than 2 × 2 that
/// fail Cochran's rule: the exact Fisher–Freeman–Halton p where it is feasible within
/// `FisherExactTest.rByC`'s default work limit, else a Monte Carlo p of Pearson's χ² given both margins (`draws`
/// tables, a fixed seed).
///
/// The p is a pure function of the table: a table and its transpose (an axis pair in both orders) are simulated in
/// one orientation, and a table met again in the same process (tabulated again, or in the other order) is looked
/// up instead of simulated again.
enum ExactIndependence {
    /// Tables drawn for a Monte Carlo p: its standard error is at most 0.0016.
    static let draws = 100_000
    /// The work allowed to the exact p before the Monte Carlo one is used (`FisherExactTest.rByC`: about 0.01 s
    /// of a release build): enough for small tables and the 2 × C tables of survey size.
    static let stateLimit = 100_000

    /// The p and how it was computed (`fisher-freeman-halton`, `monte-carlo (100000 draws)`), or nil when the table has no test
    /// (fewer than 2 non-empty rows or columns).
    static func pValue(_ matrix: [[Int]]) -> (p: Double, method: String)? {
        let table = canonical(matrix)
        guard table.count >= 2, table[0].count >= 2 else { return nil }
        if let known = known.withLock({ $0[table] }) { return known }
        let result: (p: Double, method: String)
        if let exact = FisherExactTest.rByC(table, stateLimit: stateLimit) {
            result = (exact, "fisher-freeman-halton")
        } else if let simulated = MonteCarloIndependenceTest(table, draws: draws) {
            result = (simulated.pValue, "monte-carlo (\(simulated.draws) draws)")
        } else {
            return nil
        }
        known.withLock { $0[table] = result }
        return result
    }

    /// The p of every table computed so far in this process, by canonical table.
    private static let known = Mutex<[[[Int]]: (p: Double, method: String)]>([:])

    /// The table without its empty rows and columns, in the orientation that sorts first (itself or its transpose).
    static func canonical(_ matrix: [[Int]]) -> [[Int]] {
        let columns = matrix.first.map { $0.indices.filter { j in matrix.contains { $0[j] != 0 } } } ?? []
        let reduced = matrix.filter { row in row.contains { $0 != 0 } }.map { row in columns.map { row[$0] } }
        let transposed = columns.indices.map { j in reduced.map { $0[j] } }
        return transposed.lexicographicallyPrecedes(reduced) { $0.lexicographicallyPrecedes($1) } ? transposed : reduced
    }
}
