import SurveyTestSupport
import Testing
@testable import SurveyStatistics

/// The Kronecker shortcut of the Rao–Scott contrasts against the contrast matrix written out.
struct InteractionContrastsTests {
    /// C written out: column x = (i, j) is the indicator of cell (i, j), double-centred over the r × c grid.
    func matrix(rows r: Int, columns c: Int) -> [[Double]] {
        var result: [[Double]] = []
        for j in 1..<c {
            for i in 1..<r {
                var column = [Double](repeating: 0, count: r * c)
                for col in 0..<c {
                    for row in 0..<r {
                        column[row + r * col] = ((row == i && col == j) ? 1 : 0) - (row == i ? 1 / Double(c) : 0)
                            - (col == j ? 1 / Double(r) : 0) + 1 / Double(r * c)
                    }
                }
                result.append(column)
            }
        }
        return result
    }

    @Test("Cᵀ(v∘s) and Cᵀ diag(b) C equal the products with C written out, at 1e-12 (seeded shapes and values)")
    func agreesWithTheMatrix() {
        var random = SplitMix64(seed: 7)
        for _ in 0..<60 {
            let r = Int.random(in: 2...7, using: &random), c = Int.random(in: 2...9, using: &random)
            let grid = InteractionContrasts(rows: r, columns: c)
            let columns = matrix(rows: r, columns: c)
            #expect(grid.count == columns.count)
            let v = (0..<(r * c)).map { _ in Double.random(in: -3...3, using: &random) }
            let s = (0..<(r * c)).map { _ in Double.random(in: 0...2, using: &random) }
            let projected = grid.project(v, scaledBy: s)
            let form = grid.quadraticForm(s)
            for x in columns.indices {
                let expected = (0..<(r * c)).reduce(0.0) { $0 + columns[x][$1] * v[$1] * s[$1] }
                #expect(abs(projected[x] - expected) <= 1e-12 * max(1, abs(expected)))
                for y in columns.indices {
                    let entry = (0..<(r * c)).reduce(0.0) { $0 + columns[x][$1] * s[$1] * columns[y][$1] }
                    #expect(abs(form[x * grid.count + y] - entry) <= 1e-12 * max(1, abs(entry)))
                }
            }
        }
    }
}
