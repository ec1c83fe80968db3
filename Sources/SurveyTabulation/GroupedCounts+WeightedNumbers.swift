@_spi(Parts) import SurveyResponses
import SurveyStatistics

extension GroupedCounts {
    /// With weights, for a question with a number summary: each swept group's weighted mean and quartiles, and
    /// everyone's (every swept group together), from its valid values (numbers, or a scale's scores) with their
    /// weights and strata, gathered in one more sweep, made only when the wave is weighted.
    ///
    /// The design is the wave's (`strataSizes`: every respondent per stratum), so each group is a domain, as R's
    /// `svyby(~y, ~g, design, svymean, na.rm = TRUE)`.
    /// Everyone's figures are made only when `withEveryone` (the sweep whose groups make up everyone, `total()`).
    /// A number question by an axis also gets the design-based Kruskal–Wallis test across the axis's values
    /// (`DesignKruskalWallisTest`, from the same values: no sweep of its own).
    static func weightedNumbers(_ columns: QuestionColumns, weights: ResponseColumn<Double>, sweep: RowSweep, withEveryone: Bool)
        -> (groups: [WeightedNumbers?], everyone: WeightedNumbers?, kruskalWallis: DesignKruskalWallisTest?) {
        let groups = sweep.groupCount
        var values = [[Double]](repeating: [], count: groups)
        var rowWeights = [[Double]](repeating: [], count: groups)
        var strata = [[Int]](repeating: [], count: groups)
        if columns.question.type == .number {
            if let numbers = columns.numbers {
                sweep.over(numbers, weights: weights) { numbers, w, row, g, s in
                    guard !numbers[row].isNaN else { return }
                    values[g].append(numbers[row])
                    rowWeights[g].append(w[row])
                    strata[g].append(s)
                }
            }
        } else if let positions = columns.positions {
            let scores = columns.scoreOfPosition
            sweep.over(positions, weights: weights) { positions, w, row, g, s in
                guard let score = scores[Int(positions[row])] else { return }
                values[g].append(score)
                rowWeights[g].append(w[row])
                strata[g].append(s)
            }
        }
        let sizes = columns.strataSizes
        func numbers(_ values: [Double], _ weights: [Double], _ strata: [Int]) -> WeightedNumbers? {
            WeightedMean(values: values, weights: weights, strata: strata, strataSizes: sizes).map { mean in
                WeightedNumbers(mean: mean, quartiles: WeightedQuantile.math(values, weights: weights, [0.25, 0.5, 0.75]))
            }
        }
        let everyone = groups == 1 || !withEveryone ? nil : numbers(values.flatMap { $0 }, rowWeights.flatMap { $0 }, strata.flatMap { $0 })
        let perGroup = (0..<groups).map { numbers(values[$0], rowWeights[$0], strata[$0]) }
        let tested = sweep.axis != nil && columns.question.type == .number ? 0..<sweep.axisGroups : 0..<0
        let kruskalWallis = tested.isEmpty ? nil
            : DesignKruskalWallisTest(values: Array(values[tested]), weights: Array(rowWeights[tested]), strata: Array(strata[tested]),
                                      strataSizes: sizes)
        return (perGroup, groups == 1 ? perGroup[0] : everyone, kruskalWallis)
    }
}

extension GroupedCounts {
    /// As `weightedNumbers(_:weights:sweep:withEveryone:)` with strata weights, from counts per group, stratum and
    /// value instead of every value gathered: a scale's from the stratified sweep's `counts` per choice, a number
    /// question's from one more stratified sweep counting each whole number (`largest`: every swept value is a
    /// whole number 0…largest). Nil when that does not apply (other numbers, a table of counts too large, NaN
    /// scores): the caller gathers the values.
    ///
    /// The same estimates and standard errors (`WeightedMean.init(values:counts:stratumWeights:strataSizes:)`);
    /// the quartiles from each value's weight total, which give `WeightedQuantile.math`'s answer but for a
    /// cumulative weight that rounds to exactly p·W one way here and the other way summed respondent by respondent.
    static func weightedNumbers(_ columns: QuestionColumns, counts: StratumCounts, stratumWeights: [Double], sweep: RowSweep,
                                largest: Double?, withEveryone: Bool)
        -> (groups: [WeightedNumbers?], everyone: WeightedNumbers?, kruskalWallis: DesignKruskalWallisTest?)? {
        let groups = counts.groups, strata = counts.strata
        // Per swept group, stratum and value j: respondents, at (g·strata + s)·values.count + j.
        var values: [Double]
        var table: [Int]
        if columns.question.type == .number {
            guard let largest, let numbers = columns.numbers else { return nil }
            let range = Int(largest) + 1
            guard groups * strata * range <= 1 << 20 else { return nil }
            values = (0..<range).map(Double.init)
            table = [Int](repeating: 0, count: groups * strata * range)
            table.withUnsafeMutableBufferPointer { table in
                sweep.stratified(strata).over(numbers) { numbers, row, g in
                    let value = numbers[row]
                    if !value.isNaN { table[g &* range &+ Int(value)] &+= 1 }
                }
            }
        } else {
            let scored = (1..<counts.width).compactMap { p in columns.scoreOfPosition[p].map { (position: p, score: $0) } }
            guard !scored.contains(where: { $0.score.isNaN }) else { return nil }
            values = scored.map(\.score)
            table = []
            table.reserveCapacity(groups * strata * scored.count)
            for g in 0..<groups {
                for s in 0..<strata { table += scored.map { counts.count(g, s, $0.position) } }
            }
        }
        let width = values.count
        let sizes = columns.strataSizes
        /// The figures of the groups `range` together.
        func numbers(_ range: Range<Int>) -> WeightedNumbers? {
            var perStratum = [[Int]](repeating: [Int](repeating: 0, count: width), count: strata)
            for g in range {
                for s in 0..<strata {
                    let start = (g * strata + s) * width
                    for j in 0..<width where table[start + j] != 0 { perStratum[s][j] += table[start + j] }
                }
            }
            // Each value held by someone, with its weight total.
            var held: [(value: Double, weight: Double)] = []
            for j in 0..<width {
                var weight = 0.0
                for s in 0..<strata where perStratum[s][j] > 0 { weight += Double(perStratum[s][j]) * stratumWeights[s] }
                if weight > 0 { held.append((values[j], weight)) }
            }
            return WeightedMean(values: values, counts: perStratum, stratumWeights: stratumWeights, strataSizes: sizes).map { mean in
                WeightedNumbers(mean: mean, quartiles: WeightedQuantile.math(held.map(\.value), weights: held.map(\.weight), [0.25, 0.5, 0.75]))
            }
        }
        let perGroup = (0..<groups).map { numbers($0..<($0 + 1)) }
        let everyone = groups == 1 ? perGroup[0] : withEveryone ? numbers(0..<groups) : nil
        // The rank test needs each respondent's value, weight and stratum: written out from the counts, stratum by
        // stratum (its mid-ranks do not depend on the order).
        let tested = sweep.axis != nil && columns.question.type == .number ? 0..<sweep.axisGroups : 0..<0
        var kruskalWallis: DesignKruskalWallisTest?
        if !tested.isEmpty {
            var groupValues = [[Double]](), groupWeights = [[Double]](), groupStrata = [[Int]]()
            for g in tested {
                var (mine, weights, strataOfRows) = ([Double](), [Double](), [Int]())
                for s in 0..<strata {
                    for j in 0..<width where table[(g * strata + s) * width + j] > 0 {
                        let n = table[(g * strata + s) * width + j]
                        mine += repeatElement(values[j], count: n)
                        weights += repeatElement(stratumWeights[s], count: n)
                        strataOfRows += repeatElement(s, count: n)
                    }
                }
                groupValues.append(mine)
                groupWeights.append(weights)
                groupStrata.append(strataOfRows)
            }
            kruskalWallis = DesignKruskalWallisTest(values: groupValues, weights: groupWeights, strata: groupStrata, strataSizes: sizes)
        }
        return (perGroup, everyone, kruskalWallis)
    }
}
