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
