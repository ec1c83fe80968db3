/// The interaction contrasts of an r × c table, the columns C of the Rao–Scott test (`RaoScottTest`), used
/// without being formed.
///
/// Cells are numbered k = row + r·column. Contrast x = (i − 1) + (r − 1)(j − 1), for i in 1..<r and j in 1..<c,
/// is the indicator of cell (i, j) double-centred over the grid, which factors as a Kronecker product:
///   C[(row, col), (i, j)] = (δ_{row,i} − 1/r)(δ_{col,j} − 1/c).
/// So Cᵀv costs O(r·c) for all contrasts, and each entry of Cᵀ diag(b) C costs O(1) from b's row and column sums.
struct InteractionContrasts {
    let rows: Int
    let columns: Int

    init(rows: Int, columns: Int) {
        (self.rows, self.columns) = (rows, columns)
    }

    /// (r − 1)(c − 1), the number of contrasts.
    var count: Int { (rows - 1) * (columns - 1) }

    /// Cᵀ(v ∘ s) (s a per-cell scale, e.g. D⁻¹): entry (i, j) = w_ij − w_i·/c − w_·j/r + w_··/(rc), w = v ∘ s.
    func project(_ v: [Double], scaledBy s: [Double]) -> [Double] {
        let r = rows, c = columns
        var rowSums = [Double](repeating: 0, count: r), columnSums = [Double](repeating: 0, count: c)
        var whole = 0.0
        for col in 0..<c {
            for row in 0..<r {
                let w = v[row + r * col] * s[row + r * col]
                rowSums[row] += w
                columnSums[col] += w
                whole += w
            }
        }
        var result = [Double](repeating: 0, count: count)
        for j in 1..<c {
            for i in 1..<r {
                result[(i - 1) + (r - 1) * (j - 1)] = v[i + r * j] * s[i + r * j] - rowSums[i] / Double(c)
                    - columnSums[j] / Double(r) + whole / Double(r * c)
            }
        }
        return result
    }

    /// Cᵀ diag(b) C (row-major, count × count). With g_jj'(col) = (δ_{col,j} − 1/c)(δ_{col,j'} − 1/c):
    ///   h(row) = Σ_col b[row, col] g_jj'(col) = δ_jj' b[row, j] − (b[row, j] + b[row, j'])/c + b[row, ·]/c²,
    ///   entry = δ_ii' h(i) − (h(i) + h(i'))/r + Σ_row h(row)/r²,
    ///   Σ_row h(row) = δ_jj' b[·, j] − (b[·, j] + b[·, j'])/c + b[·, ·]/c².
    func quadraticForm(_ b: [Double]) -> [Double] {
        let r = rows, c = columns, q = count
        let cr = Double(c), rr = Double(r)
        var rowSums = [Double](repeating: 0, count: r), columnSums = [Double](repeating: 0, count: c)
        var whole = 0.0
        for col in 0..<c {
            for row in 0..<r {
                rowSums[row] += b[row + r * col]
                columnSums[col] += b[row + r * col]
                whole += b[row + r * col]
            }
        }
        var result = [Double](repeating: 0, count: q * q)
        var h = [Double](repeating: 0, count: r)
        for j in 1..<c {
            for j2 in 1..<c {
                let same = j == j2 ? 1.0 : 0.0
                for row in 0..<r {
                    h[row] = same * b[row + r * j] - (b[row + r * j] + b[row + r * j2]) / cr + rowSums[row] / (cr * cr)
                }
                let hSum = same * columnSums[j] - (columnSums[j] + columnSums[j2]) / cr + whole / (cr * cr)
                for i in 1..<r {
                    let x = (i - 1) + (r - 1) * (j - 1)
                    for i2 in 1..<r {
                        let y = (i2 - 1) + (r - 1) * (j2 - 1)
                        result[x * q + y] = (i == i2 ? h[i] : 0) - (h[i] + h[i2]) / rr + hSum / (rr * rr)
                    }
                }
            }
        }
        return result
    }
}
