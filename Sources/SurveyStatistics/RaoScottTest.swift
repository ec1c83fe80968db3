/// The Rao–Scott second-order corrected test of independence of a two-way table from a weighted (and optionally
/// stratified) sample, as R `survey::svychisq(~row + col, design, statistic = "F")` for
/// `svydesign(ids = ~1, strata = ~stratum, weights = ~w)` (each respondent its own PSU, sampled with replacement
/// within strata: no finite population correction).
///
/// With K = r·c cells (rows and columns present in the data), p̂ the weighted cell proportions and V their
/// linearised design covariance, V = Σ_h n_h/(n_h − 1) Σ_{i∈h} (zᵢ − z̄_h)(zᵢ − z̄_h)ᵀ, zᵢ = wᵢ(e_{cell(i)} − p̂)/Σw
/// (a stratum with one respondent adds zᵢzᵢᵀ, centred at the grand mean 0 with scale 1: R's
/// `survey.lonely.psu = "adjust"`, `WeightedMean`'s rule);
/// C the interaction contrasts (the (r − 1)(c − 1) interaction columns of the saturated model, residualised on the
/// main effects: double-centred indicators), D = diag(p̂), n the respondents in the table:
///   Δ = (Cᵀ D⁻¹ C / n)⁻¹ (Cᵀ D⁻¹ V D⁻¹ C),  X² = Pearson's χ² of the weighted table scaled to total n,
///   F = X² / tr(Δ),  d₁ = tr(Δ)² / tr(Δ²),  d₂ = d₁·(N − H),  p = P(F(d₁, d₂) > F).
/// The table is a domain of the design: n_h, N and H are the design's respondents per stratum, in all and its strata
/// (lonely ones included), those outside the table (a question asked of few, 無回答) too, whose zᵢ are 0. This is R's
/// `svychisq` on the whole sample's design with the table's outsiders NA (its `svymean(na.rm = TRUE)` keeps each
/// stratum's sample size; `nu` counts the design's PSUs and strata); F does not depend on n or N, only d₂ does.
/// Cells with p̂ = 0 get D⁻¹ = 0, as in R.
/// References: Rao & Scott (1981) JASA 76, (1984) Ann. Statist. 12; Thomas & Rao (1987) JASA 82;
/// Lumley, *Complex Surveys* (2010) §6.2.
public struct RaoScottTest: Sendable {
    /// F = X²/tr(Δ).
    public let statistic: Double
    /// d₁ = tr(Δ)²/tr(Δ²) (numerator degrees of freedom).
    public let numeratorDF: Double
    /// d₂ = d₁·(N − H) (denominator degrees of freedom; N, H the design's respondents and strata).
    public let denominatorDF: Double
    /// P(F(d₁, d₂) > F).
    public let pValue: Double
    /// Pearson's X² of the weighted table scaled to n respondents (before the correction).
    public let pearson: Double
    /// Respondents in the table.
    public let n: Int

    /// One stratum's respondents in the table, summed per cell (`rows` × `columns`, the same shape in every stratum),
    /// and the design's respondents in the stratum.
    public struct StratumCells: Sendable {
        /// Σw per cell.
        public var weights: [[Double]]
        /// Σw² per cell.
        public var squares: [[Double]]
        /// Respondents in the table in this stratum.
        public var respondents: Int
        /// The design's respondents in this stratum, n_h (those outside the table too; at least `respondents`).
        public var size: Int

        /// A stratum's sums.
        public init(weights: [[Double]], squares: [[Double]], respondents: Int, size: Int) {
            (self.weights, self.squares, self.respondents, self.size) = (weights, squares, respondents, size)
        }
    }

    /// The test of `rows` × `columns` (each respondent's category, 0-based; a negative category leaves the
    /// respondent out of the table but in the design), weighted by `weights` (> 0 in the table), in strata `strata`
    /// (any integers; nil: one stratum): every row given is the design.
    ///
    /// Nil as `init(strata:)`, or when the lengths differ or a weight in the table is not above 0.
    public init?(rows: [Int], columns: [Int], weights: [Double], strata: [Int]? = nil) {
        let count = rows.count
        guard columns.count == count, weights.count == count, strata.map({ $0.count == count }) ?? true else { return nil }
        let kept = (0..<count).filter { rows[$0] >= 0 && columns[$0] >= 0 }
        guard kept.allSatisfy({ weights[$0] > 0 && weights[$0].isFinite }) else { return nil }
        let r = (kept.map { rows[$0] }.max() ?? 0) + 1, c = (kept.map { columns[$0] }.max() ?? 0) + 1
        let levels = Array(Set((0..<count).map { strata?[$0] ?? 0 })).sorted()
        let index = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0) })
        let empty = [[Double]](repeating: [Double](repeating: 0, count: c), count: r)
        var cells = [StratumCells](repeating: StratumCells(weights: empty, squares: empty, respondents: 0, size: 0), count: levels.count)
        for row in 0..<count {
            guard let s = index[strata?[row] ?? 0] else { return nil }
            cells[s].size += 1
            guard rows[row] >= 0, columns[row] >= 0 else { continue }
            cells[s].weights[rows[row]][columns[row]] += weights[row]
            cells[s].squares[rows[row]][columns[row]] += weights[row] * weights[row]
            cells[s].respondents += 1
        }
        self.init(strata: cells)
    }

    /// Why a table has no test.
    public enum Unestimable: Error, Sendable, Equatable {
        /// Fewer than two rows or columns have respondents.
        case fewerThanTwoRowsOrColumns
        /// The empty cells close a cycle, so the contrasts' matrix is singular (`emptyCellsLeaveContrastsUnestimable`).
        case emptyCellsCloseACycle
        /// Every stratum of the design has a single respondent: d₂ = d₁·(N − H) = 0.
        case everyStratumLonely
        /// The design-based variance of the contrasts is not positive (no variation).
        case noVariance
        /// The strata's shapes differ, or a stratum's size is below its respondents in the table.
        case inconsistentStrata
    }

    /// The test from each stratum's sums per cell; nil as `estimate(strata:)` says why.
    public init?(strata cellsByStratum: [StratumCells]) {
        guard case .success(let test) = Self.estimate(strata: cellsByStratum) else { return nil }
        self = test
    }

    private init(statistic: Double, numeratorDF: Double, denominatorDF: Double, pValue: Double, pearson: Double, n: Int) {
        (self.statistic, self.numeratorDF, self.denominatorDF, self.pValue) = (statistic, numeratorDF, denominatorDF, pValue)
        (self.pearson, self.n) = (pearson, n)
    }

    /// The test from each stratum's sums per cell, or why there is none. Rows and columns without weight in any
    /// stratum are dropped.
    ///
    /// None when fewer than two rows or columns have respondents, the empty cells make the contrasts' matrix
    /// singular (R's `solve` stops), every stratum of the design has a single respondent (d₂ = 0), there is no
    /// variance, the shapes differ, or a stratum's size is below its respondents in the table.
    public static func estimate(strata cellsByStratum: [StratumCells]) -> Result<RaoScottTest, Unestimable> {
        guard let first = cellsByStratum.first, let firstRow = first.weights.first else { return .failure(.fewerThanTwoRowsOrColumns) }
        let allRows = first.weights.count, allColumns = firstRow.count
        guard cellsByStratum.allSatisfy({ stratum in
            stratum.respondents >= 0 && stratum.size >= stratum.respondents
                && stratum.weights.count == allRows && stratum.squares.count == allRows
                && stratum.weights.allSatisfy { $0.count == allColumns } && stratum.squares.allSatisfy { $0.count == allColumns }
        }) else { return .failure(.inconsistentStrata) }
        let presentRows = (0..<allRows).filter { row in cellsByStratum.contains { $0.weights[row].contains { $0 > 0 } } }
        let presentColumns = (0..<allColumns).filter { column in cellsByStratum.contains { $0.weights.contains { $0[column] > 0 } } }
        let r = presentRows.count, c = presentColumns.count
        guard r >= 2, c >= 2 else { return .failure(.fewerThanTwoRowsOrColumns) }
        let cells = r * c
        // The design's N − H, and the strata with respondents in the table (the others add nothing: their zᵢ are 0).
        let (designSize, designStrata) = cellsByStratum.reduce((0, 0)) { ($0.0 + $1.size, $0.1 + ($1.size > 0 ? 1 : 0)) }
        guard designSize > designStrata else { return .failure(.everyStratumLonely) }
        let strata = cellsByStratum.filter { $0.respondents > 0 }
        let h = strata.count
        // Per stratum and cell k = row + r·column (rows fastest, as R's expand.grid and interaction()).
        var sums = [Double](repeating: 0, count: h * cells)
        var squares = [Double](repeating: 0, count: h * cells)
        let sizes = strata.map(\.size)
        for (s, stratum) in strata.enumerated() {
            for (j, column) in presentColumns.enumerated() {
                for (i, row) in presentRows.enumerated() {
                    sums[s * cells + i + r * j] = stratum.weights[row][column]
                    squares[s * cells + i + r * j] = stratum.squares[row][column]
                }
            }
        }
        let n = strata.reduce(0) { $0 + $1.respondents }
        var cellTotals = [Double](repeating: 0, count: cells)
        for s in 0..<h { for k in 0..<cells { cellTotals[k] += sums[s * cells + k] } }
        guard !emptyCellsLeaveContrastsUnestimable(cellTotals, rows: r) else { return .failure(.emptyCellsCloseACycle) }
        let total = cellTotals.reduce(0, +)
        let p = cellTotals.map { $0 / total }
        // V = Σ_h n_h/(n_h − 1)/W² · [diag(a_h) − a_h pᵀ − p a_hᵀ + (Σa_h) p pᵀ − m_h m_hᵀ/n_h], from the per-cell
        // sums (zᵢ = wᵢ(e − p)/W; a_h = Σ_{i∈h} w², m_h = Σ_{i∈h} w(e − p) = b_h − (Σb_h) p); a stratum of one
        // (lonely) has scale 1/W² and no centring term (−m_h m_hᵀ/n_h): `WeightedMean.stratumScale`. It is only used
        // projected, as Sᵀ V S with S = D⁻¹C, and C's columns are Kronecker products of centred indicators
        // (`InteractionContrasts`), so each piece is projected in O(cells) or O(1) per entry, never forming V.
        let grid = InteractionContrasts(rows: r, columns: c)
        let q = grid.count
        let inverseP = p.map { $0 == 0 ? 0 : 1 / $0 }
        var diagonal = [Double](repeating: 0, count: cells)      // Σ_h f_h a_h, f_h = n_h/(n_h − 1)/W²
        var squaresTotal = 0.0                                   // Σ_h f_h Σa_h
        var outer = [Double](repeating: 0, count: q * q)         // Σ_h f_h/n_h · Sᵀm_h (Sᵀm_h)ᵀ
        var m = [Double](repeating: 0, count: cells)
        for s in 0..<h {
            let size = Double(sizes[s])
            let (scale, centred) = WeightedMean.stratumScale(size: sizes[s])
            let factor = scale / (total * total)
            var sumA = 0.0, sumB = 0.0
            for k in 0..<cells {
                sumA += squares[s * cells + k]
                sumB += sums[s * cells + k]
            }
            for k in 0..<cells {
                diagonal[k] += factor * squares[s * cells + k]
                m[k] = sums[s * cells + k] - sumB * p[k]
            }
            squaresTotal += factor * sumA
            guard centred else { continue }
            let g = grid.project(m, scaledBy: inverseP)
            let weight = factor / size
            outer.withUnsafeMutableBufferPointer { outer in
                g.withUnsafeBufferPointer { g in
                    for x in 0..<Swift.min(q, g.count) {
                        let gx = weight * g[x]
                        guard gx != 0 else { continue }
                        for y in 0..<Swift.min(q, g.count) { outer[x &* q &+ y] += gx * g[y] }
                    }
                }
            }
        }
        // Sᵀ V S = Q(Σ_h f_h a_h ∘ D⁻²) − u tᵀ − t uᵀ + (Σ_h f_h Σa_h) t tᵀ − outer, t = Sᵀp, u = Sᵀ Σ_h f_h a_h;
        // Cᵀ D⁻¹ C / n = Q(D⁻¹)/n (Q the quadratic form of C over a diagonal).
        let t = grid.project(p, scaledBy: inverseP)
        let u = grid.project(diagonal, scaledBy: inverseP)
        var numerator = grid.quadraticForm(diagonal.indices.map { diagonal[$0] * inverseP[$0] * inverseP[$0] })
        var denominator = grid.quadraticForm(inverseP)
        for x in 0..<q {
            for y in 0..<q {
                numerator[x * q + y] += -u[x] * t[y] - t[x] * u[y] + squaresTotal * t[x] * t[y] - outer[x * q + y]
                denominator[x * q + y] /= Double(n)
            }
        }
        guard let (trace, traceOfSquare) = traces(denominator, numerator, size: q), trace > 0, traceOfSquare > 0 else { return .failure(.noVariance) }
        // Pearson's X² of the weighted table scaled to n.
        let scale = Double(n) / total
        var rowTotals = [Double](repeating: 0, count: r), columnTotals = [Double](repeating: 0, count: c)
        for col in 0..<c { for row in 0..<r { rowTotals[row] += cellTotals[row + r * col] * scale; columnTotals[col] += cellTotals[row + r * col] * scale } }
        var pearson = 0.0
        for col in 0..<c {
            for row in 0..<r {
                let expected = rowTotals[row] * columnTotals[col] / Double(n)
                let observed = cellTotals[row + r * col] * scale
                pearson += (observed - expected) * (observed - expected) / expected
            }
        }
        let d1 = trace * trace / traceOfSquare
        let d2 = d1 * Double(designSize - designStrata)
        guard d2 > 0 else { return .failure(.everyStratumLonely) }
        let statistic = pearson / trace
        return .success(RaoScottTest(statistic: statistic, numeratorDF: d1, denominatorDF: d2,
                                     pValue: FDistribution.upperTail(statistic, d1, d2), pearson: pearson, n: n))
    }

    /// Whether the empty cells of an r-row table (`totals`, k = row + r·column) make Cᵀ D⁻¹ C singular, where R's
    /// `solve` stops ("system is computationally singular") and a factorisation would only meet rounding.
    ///
    /// D⁻¹ is 0 on empty cells, so Cᵀ D⁻¹ C is singular exactly when a nonzero interaction (an r × c table with
    /// zero row and column sums) lies on empty cells alone: when the empty cells, as edges between their row and
    /// their column, close a cycle (e.g. four empty cells at the corners of a rectangle).
    static func emptyCellsLeaveContrastsUnestimable(_ totals: [Double], rows r: Int) -> Bool {
        // Union–find over the r rows and c columns.
        var parent = Array(0..<(r + totals.count / r))
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        for (k, total) in totals.enumerated() where total == 0 {
            let row = root(k % r), column = root(r + k / r)
            if row == column { return true }
            parent[row] = column
        }
        return false
    }

    /// tr(Δ) and tr(Δ²) of Δ = A⁻¹B (q × q, row-major, both symmetric). With A positive definite, A = LLᵀ
    /// (Cholesky) and M = L⁻¹BL⁻ᵀ, similar to Δ: tr Δ = tr M, tr Δ² = Σ M_ij M_ji (about 1.2q³ operations instead of
    /// elimination's 2q³); otherwise Δ by `solve`. Nil when A is singular.
    static func traces(_ a: [Double], _ b: [Double], size q: Int) -> (trace: Double, ofSquare: Double)? {
        guard a.count == q * q, b.count == q * q else { return nil }
        guard let lower = cholesky(a, size: q) else {
            guard let delta = solve(a, b, size: q) else { return nil }
            var trace = 0.0, ofSquare = 0.0
            for x in 0..<q {
                trace += delta[x * q + x]
                for y in 0..<q { ofSquare += delta[x * q + y] * delta[y * q + x] }
            }
            return (trace, ofSquare)
        }
        // Y = L⁻¹B, stored transposed (yt[j·q + i] = Y_ij), then M = L⁻¹Yᵀ, stored transposed as well.
        // Through pointers: the loops stay in bounds by construction (q × q matrices), and unchecked they run ~2×
        // faster (a cross-tab by 30 districts has q = 116); the same operations in the same order.
        func forward(_ columns: [Double]) -> [Double] {
            [Double](unsafeUninitializedCapacity: q * q) { result, initialized in
                lower.withUnsafeBufferPointer { lower in
                    columns.withUnsafeBufferPointer { columns in
                        for j in 0..<q {
                            for i in 0..<q {
                                var value = columns[i &* q &+ j]
                                for k in 0..<i { value -= lower[i &* q &+ k] * result[j &* q &+ k] }
                                result[j &* q &+ i] = value / lower[i &* q &+ i]
                            }
                        }
                    }
                }
                initialized = q * q
            }
        }
        let yt = forward(b)
        // Yᵀ's column j is Y's row j: (Yᵀ)_ij = Y_ji = yt[i·q + j].
        let mt = forward(yt)
        var trace = 0.0, ofSquare = 0.0
        for x in 0..<q {
            trace += mt[x * q + x]
            for y in 0..<q { ofSquare += mt[x * q + y] * mt[y * q + x] }
        }
        return (trace, ofSquare)
    }

    /// The lower Cholesky factor of a symmetric q × q matrix (row-major); nil unless it is positive definite.
    static func cholesky(_ a: [Double], size q: Int) -> [Double]? {
        guard a.count == q * q else { return nil }
        var lower = [Double](repeating: 0, count: q * q)
        let positive = lower.withUnsafeMutableBufferPointer { lower in
            a.withUnsafeBufferPointer { a in
                for i in 0..<q {
                    for j in 0...i {
                        var sum = a[i &* q &+ j]
                        for k in 0..<j { sum -= lower[i &* q &+ k] * lower[j &* q &+ k] }
                        if i == j {
                            guard sum > 0, sum.isFinite else { return false }
                            lower[i &* q &+ i] = sum.squareRoot()
                        } else {
                            lower[i &* q &+ j] = sum / lower[j &* q &+ j]
                        }
                    }
                }
                return true
            }
        }
        return positive ? lower : nil
    }

    /// A⁻¹B for q × q matrices (row-major) by Gaussian elimination with partial pivoting; nil when A is singular.
    static func solve(_ a: [Double], _ b: [Double], size q: Int) -> [Double]? {
        var a = a, b = b
        for column in 0..<q {
            guard let pivot = (column..<q).max(by: { abs(a[$0 * q + column]) < abs(a[$1 * q + column]) }),
                  abs(a[pivot * q + column]) > 1e-300 else { return nil }
            if pivot != column {
                for k in 0..<q {
                    a.swapAt(pivot * q + k, column * q + k)
                    b.swapAt(pivot * q + k, column * q + k)
                }
            }
            for row in 0..<q where row != column {
                let factor = a[row * q + column] / a[column * q + column]
                guard factor != 0 else { continue }
                for k in 0..<q {
                    a[row * q + k] -= factor * a[column * q + k]
                    b[row * q + k] -= factor * b[column * q + k]
                }
            }
        }
        for row in 0..<q {
            let diagonal = a[row * q + row]
            for k in 0..<q { b[row * q + k] /= diagonal }
        }
        return b
    }
}
