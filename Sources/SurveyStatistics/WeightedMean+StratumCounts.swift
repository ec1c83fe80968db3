extension WeightedMean {
    /// The mean of a domain whose respondents all weigh their stratum's one weight (design weights N_h/n_h), given
    /// as counts per stratum and value instead of respondents: the same estimate and standard error as
    /// `init(values:weights:strata:strataSizes:)` on the respondents the counts stand for.
    ///
    /// With c_hj the domain's respondents of stratum h with value y_j and w_h the stratum's weight:
    ///   W = Σ_h w_h Σ_j c_hj,  ȳ = Σ_h w_h Σ_j c_hj y_j / W,
    ///   Σ_{D∩h} z = w_h Σ_j c_hj (y_j − ȳ) / W,  Σ_{D∩h} z² = w_h² Σ_j c_hj (y_j − ȳ)² / W²,
    /// then V as `WeightedMean` (values centred before squaring: no cancellation). `counts[h][j]` pairs stratum h
    /// with `values[j]` (values may repeat; NaN values are not allowed); `stratumWeights[h]` > 0 where a count is.
    /// Nil without respondents, with mismatched lengths, a NaN value, a weight not above 0 where a count is, or a
    /// stratum holding more domain respondents than its size.
    public init?(values: [Double], counts: [[Int]], stratumWeights: [Double], strataSizes: [Int]) {
        guard counts.count == stratumWeights.count, counts.count == strataSizes.count,
              counts.allSatisfy({ $0.count == values.count }), !values.contains(where: \.isNaN) else { return nil }
        var weights = CompensatedSum(), weighted = CompensatedSum()
        var respondents = [Int](repeating: 0, count: counts.count)
        for (h, row) in counts.enumerated() {
            let n = row.reduce(0, +)
            guard n > 0 else { continue }
            let w = stratumWeights[h]
            guard w > 0, w.isFinite, n <= strataSizes[h] else { return nil }
            respondents[h] = n
            var total = CompensatedSum()
            for (j, c) in row.enumerated() where c > 0 { total.add(Double(c) * values[j]) }
            weights.add(w * Double(n))
            weighted.add(w * total.value)
        }
        let total = weights.value
        guard total > 0 else { return nil }
        let present = values.indices.filter { j in counts.contains { $0[j] > 0 } }.map { values[$0] }
        let mean = Self.bounded(weighted.value / total, lowest: present.min() ?? 0, highest: present.max() ?? 0)
        let strata = counts.indices.map { h -> (size: Int, domain: Int, sum: Double, squares: Double) in
            var deviations = CompensatedSum(), squares = CompensatedSum()
            for (j, c) in counts[h].enumerated() where c > 0 {
                let d = values[j] - mean
                deviations.add(Double(c) * d)
                squares.add(Double(c) * d * d)
            }
            let w = stratumWeights[h]
            return (strataSizes[h], respondents[h], w * deviations.value / total, w * w * squares.value / (total * total))
        }
        estimate = mean
        self.weightSum = total
        count = respondents.reduce(0, +)
        standardError = Self.standardError(strata: strata)
    }
}
