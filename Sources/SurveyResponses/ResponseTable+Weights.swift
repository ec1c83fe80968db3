import SurveyDefinition
import SurveyDiagnostics
import SurveyStatistics

extension ResponseTable {
    /// With strata weights, each respondent's stratum: the strata question's choice positions (0 = 無回答, a
    /// stratum of its own) and how many choices it has; nil otherwise (one stratum).
    public var weightStrata: (column: ResponseColumn<UInt16>, choiceCount: Int)? {
        guard case .strata(let margin)? = definition.weights?.method, let column = columns[margin.question.value]?.choices,
              let question = definition.anyQuestion(margin.question.value) else { return nil }
        return (column, question.choices.count)
    }

    /// The respondents per stratum position of `weightStrata` (one count without strata).
    private func countedStrataSizes() -> [Int] {
        guard let strata = weightStrata else { return [count] }
        var sizes = [Int](repeating: 0, count: strata.choiceCount + 1)
        for stratum in strata.column { sizes[Int(stratum)] += 1 }
        return sizes
    }

    /// Gives every respondent a weight as `weights:` says (`weights` stays nil without it, or on an error of its own),
    /// reporting every problem of the weights, also when the data had errors before.
    ///
    /// - column: the weight column's values, each from 10^-15 (`DefinitionLimits.smallestWeight`) to 10^15;
    /// - strata: population_h / respondents_h; a respondent who left the stratum question blank gets
    ///   Σ population / respondents who answered it (a warning says how many); each stratum's one weight is kept
    ///   in `stratumWeights` too;
    /// - rake: `Raking` from weight 1 to the margins (a respondent who left a margin's question blank is not
    ///   adjusted by that margin: warned), then `WeightTrimming` to `trim` × the mean weight (an error when the bounds are too narrow for it).
    package mutating func makeWeights(folder: String, diagnostics: inout DiagnosticsEngine) {
        guard let weighting = definition.weights, count > 0 else { return }
        defer { weightStrataSizes = weights == nil ? [] : countedStrataSizes() }
        switch weighting.method {
        case .column(let column):
            guard let values = columns[Weighting.columnQuestionID]?.numbers else { return }
            var valid = true
            // A cell the number rule reported (not a number, beyond 10^15) is NaN as a blank one is: after errors, a
            // NaN is not reported again.
            let reported = diagnostics.hasErrors
            for row in 0..<count where !(values[row] >= DefinitionLimits.smallestWeight) {
                valid = false
                if reported && values[row].isNaN { continue }
                let source = sources[row]
                let path = ResponseReader.path(of: definition.dataFiles[source.file], in: folder)
                diagnostics.emit(WeightProblem.invalidWeight(SourceLocation(path: path, line: source.line), column: column.value,
                                                             value: values[row].isNaN ? "(blank or not a number)" : "\(values[row])"))
            }
            if valid { weights = values }
        case .strata(let margin):
            guard let coded = categories(margin, key: "weights.strata.population", diagnostics: &diagnostics) else { return }
            var respondents = [Int](repeating: 0, count: coded.targets.count)
            for category in coded.categories where category >= 0 { respondents[category] += 1 }
            let answered = respondents.reduce(0, +)
            let overall = coded.targets.reduce(0, +) / Double(answered)
            if answered < count {
                diagnostics.emit(WeightProblem.unanswered(margin.question.location, question: margin.question.value, respondents: count - answered,
                                                          treatment: "they are weighted by the whole population over the respondents who answered (\(WeightProblem.number(overall)))"))
            }
            let perRow = coded.categories.map { $0 >= 0 ? coded.targets[$0] / Double(respondents[$0]) : overall }
            weights = ResponseColumn(perRow)
            if let strata = weightStrata {
                var perStratum = [Double](repeating: 0, count: strata.choiceCount + 1)
                var start = 0
                for end in strata.column.blockEnds {
                    strata.column.withValues(in: start..<end) { positions in
                        for (offset, position) in positions.enumerated() where Int(position) < perStratum.count {
                            perStratum[Int(position)] = perRow[start + offset]
                        }
                    }
                    start = end
                }
                stratumWeights = perStratum
            }
        case .rake(let raking):
            var all: [(categories: [Int], targets: [Double])] = []
            for margin in raking.margins {
                guard let coded = categories(margin, key: "weights.rake.margins.\(margin.question.value)", diagnostics: &diagnostics) else { return }
                let unanswered = coded.categories.lazy.filter { $0 < 0 }.count
                if unanswered > 0 {
                    diagnostics.emit(WeightProblem.unanswered(margin.question.location, question: margin.question.value, respondents: unanswered,
                                                              treatment: "they are not adjusted to this margin"))
                }
                all.append(coded)
            }
            guard let raked = Raking(categories: all.map(\.categories), targets: all.map(\.targets),
                                     tolerance: raking.tolerance, maxIterations: raking.maxIterations) else { return }
            guard raked.converged else {
                let worst = raked.discrepancies.indices.max { raked.discrepancies[$0] < raked.discrepancies[$1] } ?? 0
                let margin = raking.margins[worst]
                var sums = [Double](repeating: 0, count: all[worst].targets.count)
                for (row, category) in all[worst].categories.enumerated() where category >= 0 { sums[category] += raked.weights[row] }
                let code = sums.indices.max { abs(sums[$0] - all[worst].targets[$0]) < abs(sums[$1] - all[worst].targets[$1]) } ?? 0
                diagnostics.emit(WeightProblem.notConverged(margin.question.location, question: margin.question.value, iterations: raked.iterations,
                                                            code: margin.population[code].code.value, weighted: sums[code],
                                                            population: all[worst].targets[code]))
                return
            }
            var result = raked.weights
            if let trim = raking.trim {
                let mean = result.reduce(0, +) / Double(result.count)
                guard let trimmed = WeightTrimming.trimmed(result, lower: trim.lower * mean, upper: trim.upper * mean) else {
                    diagnostics.emit(WeightProblem.trimTooNarrow(raking.trimLocation ?? weighting.location, lower: trim.lower, upper: trim.upper,
                                                                 smallest: (result.min() ?? mean) / mean, largest: (result.max() ?? mean) / mean))
                    return
                }
                result = trimmed
            }
            weights = ResponseColumn(result)
        }
    }

    /// Each respondent's index into `margin.population` (−1 when the question is blank) and the populations, or nil
    /// when a code with respondents has no population or a code with a population has no respondent (reported).
    private func categories(_ margin: PopulationMargin, key: String, diagnostics: inout DiagnosticsEngine) -> (categories: [Int], targets: [Double])? {
        guard let positions = columns[margin.question.value]?.choices, let question = definition.anyQuestion(margin.question.value) else { return nil }
        let indexOfCode = Dictionary(margin.population.enumerated().map { ($0.element.code.value, $0.offset) }, uniquingKeysWith: { first, _ in first })
        // Position p (1-based choice) → index into the population, −1 for 無回答, −2 for a choice without a population.
        let indexOfPosition = [-1] + question.choices.map { indexOfCode[$0.code] ?? -2 }
        var respondentsPerPosition = [Int](repeating: 0, count: question.choices.count + 1)
        for position in positions where Int(position) < respondentsPerPosition.count { respondentsPerPosition[Int(position)] += 1 }
        // Nobody answered: one error for the question, not one per code (whose note, to remove the code, cannot help).
        guard respondentsPerPosition.dropFirst().contains(where: { $0 > 0 }) else {
            diagnostics.emit(WeightProblem.noAnswers(margin.question.location, question: question.id, respondents: count))
            return nil
        }
        var usable = true
        for (offset, choice) in question.choices.enumerated() where indexOfPosition[offset + 1] == -2 && respondentsPerPosition[offset + 1] > 0 {
            usable = false
            diagnostics.emit(WeightProblem.codeWithoutPopulation(margin.location, key: key, question: question.id, code: choice.code,
                                                                 label: choice.label, respondents: respondentsPerPosition[offset + 1]))
        }
        for entry in margin.population {
            guard let offset = question.choices.firstIndex(where: { $0.code == entry.code.value }), respondentsPerPosition[offset + 1] == 0 else { continue }
            usable = false
            diagnostics.emit(WeightProblem.codeWithoutRespondents(entry.code.location, key: key, question: question.id, code: entry.code.value,
                                                                  label: question.choices[offset].label))
        }
        guard usable else { return nil }
        var categories: [Int] = []
        categories.reserveCapacity(positions.count)
        for position in positions { categories.append(Int(position) < indexOfPosition.count ? indexOfPosition[Int(position)] : -1) }
        return (categories, margin.population.map(\.count))
    }
}
