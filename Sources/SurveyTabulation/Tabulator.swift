import Dispatch
import SurveyDefinition
@_spi(Parts) import SurveyResponses
import SurveyStatistics

/// Tabulates a wave: 単純集計 of every question, クロス集計 by every axis of `breaks`, and their tests.
public enum Tabulator {
    /// Tabulates every question (defined, then derived) of the wave.
    ///
    /// Questions are tabulated concurrently, each into its own slot, and assembled in definition order, so the
    /// result does not depend on the scheduling.
    public static func tabulate(_ responses: ResponseTable) -> WaveTabulation {
        let definition = responses.definition
        let derivedIDs = Set(definition.derived.map(\.id))
        let axes = definition.breaks.compactMap { definition.anyQuestion($0.value) }
        let all = definition.allQuestions
        let slots = UnsafeMutableBufferPointer<QuestionTabulation?>.allocate(capacity: all.count)
        slots.initialize(repeating: nil)
        defer { slots.deinitialize().deallocate() }
        nonisolated(unsafe) let results = slots
        DispatchQueue.concurrentPerform(iterations: all.count) { index in
            let question = all[index]
            results[index] = tabulate(question, in: responses, axes: axes, isDerived: derivedIDs.contains(question.id))
        }
        var wave = WaveTabulation(definition: definition, respondents: responses.count, questions: slots.map { $0! },
                                  responseRates: weightedRates(responses), multipleTesting: definition.multipleTesting,
                                  waveRespondents: responses.waveRespondents)
        wave.adjustForMultipleTesting()
        return wave
    }

    /// Tabulates one question overall and by each applicable axis.
    ///
    /// An axis is skipped when it is the question itself or shares its source (an area derived from the district).
    public static func tabulate(_ question: Question, in responses: ResponseTable, axes: [Question], isDerived: Bool = false) -> QuestionTabulation {
        let definition = responses.definition
        let strataSizes = responses.weightStrataSizes
        let columns = QuestionColumns(question: question, responses: responses, strataSizes: strataSizes)
        var derivedTotal: GroupedCounts?
        var derivesTotal = true
        let crossTabs = axes.filter { axis in
            axis.id != question.id && definition.rootSource(of: axis.id) != definition.rootSource(of: question.id)
        }.compactMap { axis -> CrossTab? in
            guard let axisPositions = responses.columns[axis.id]?.choices else { return nil }
            // The first axis's counts, with its 無回答 counted too, add up to everyone's: one sweep fewer.
            let counts = GroupedCounts(columns, axis: axisPositions, groupCount: axis.choices.count,
                                       countingAxisNonresponse: derivesTotal)
            if derivesTotal { derivedTotal = counts.total(columns) }
            derivesTotal = false
            return crossTab(counts, of: question, by: axis, classes: columns.classes, strataSizes: strataSizes)
        }
        let everyone = derivedTotal ?? GroupedCounts(columns, axis: nil, groupCount: 1)
        return QuestionTabulation(question: question, isDerived: isDerived,
                                  total: everyone.table(0, question: question, classes: columns.classes),
                                  totalSummary: everyone.summaries[0], numberClasses: columns.classes, crossTabs: crossTabs)
    }

    /// One question by one axis: a table per axis value, residuals and tests, from its counts per axis value.
    /// `strataSizes`: the design's respondents per stratum, for the design-based tests (weighted; none without them).
    static func crossTab(_ counts: GroupedCounts, of question: Question, by axis: Question, classes: NumberClasses?,
                         strataSizes: [Int]) -> CrossTab {
        let groupIndices = 0..<axis.choices.count
        var tables = groupIndices.map { counts.table($0, question: question, classes: classes) }
        var tests: [IndependenceTest] = []
        switch question.type {
        case .single, .scale:
            let matrix = groupIndices.map { counts.choiceCounts($0) }
            let residuals = AdjustedResiduals.haberman(matrix)
            for group in tables.indices {
                for column in question.choices.indices {
                    tables[group].rows[column].adjustedResidual = residuals[group][column]
                }
            }
            tests = independenceTests(matrix, choice: nil)
            if let design = counts.design {
                let answers = (1..<counts.width).map { [$0] }
                addRaoScott(raoScott(design, sizes: strataSizes, groups: groupIndices, columns: answers), choice: nil, to: &tests)
                for column in question.choices.indices {
                    let others = (1..<counts.width).filter { $0 != 1 + column }
                    for (group, test) in domainTests(design, sizes: strataSizes, groups: groupIndices, yes: [1 + column], no: others).enumerated() {
                        tables[group].rows[column].domainTest = test
                    }
                }
            }
            tests += trendTests(chosen: matrix, answered: matrix.map { $0.reduce(0, +) }, of: question, by: axis)
            if let design = counts.design {
                tests += designTrendTests(design, sizes: strataSizes, groups: groupIndices, of: question, by: axis) { column in
                    (yes: [1 + column], no: (1..<counts.width).filter { $0 != 1 + column })
                }
            }
        case .multiple:
            for (column, choice) in question.choices.enumerated() {
                let matrix = groupIndices.map { group -> [Int] in
                    let chosen = counts.chosen(group, position: column)
                    return [chosen, counts.answered(group) - chosen]
                }
                let residuals = AdjustedResiduals.haberman(matrix)
                for group in tables.indices { tables[group].rows[column].adjustedResidual = residuals[group][0] }
                tests += independenceTests(matrix, choice: choice.code)
                // Chosen (slot 1 + p) and not chosen (answered, slot 0, less chosen) among those who answered.
                if let design = counts.design {
                    addRaoScott(raoScott(design, sizes: strataSizes, groups: groupIndices, columns: [[1 + column], [0, -(1 + column)]]),
                                choice: choice.code, to: &tests)
                    for (group, test) in domainTests(design, sizes: strataSizes, groups: groupIndices, yes: [1 + column], no: [0, -(1 + column)]).enumerated() {
                        tables[group].rows[column].domainTest = test
                    }
                }
            }
            let chosen = groupIndices.map { group in question.choices.indices.map { counts.chosen(group, position: $0) } }
            tests += trendTests(chosen: chosen, answered: groupIndices.map { counts.answered($0) }, of: question, by: axis)
            if let design = counts.design {
                tests += designTrendTests(design, sizes: strataSizes, groups: groupIndices, of: question, by: axis) { column in
                    (yes: [1 + column], no: [0, -(1 + column)])
                }
            }
        case .number:
            if let kruskalWallis = counts.kruskalWallis { tests = [IndependenceTest(kruskalWallis: kruskalWallis)] }
            if let designKruskalWallis = counts.designKruskalWallis { tests.append(IndependenceTest(designKruskalWallis: designKruskalWallis)) }
        case .text:
            break
        }
        // With weights the report follows the design-based tests: the chi-square, trend and Kruskal–Wallis rows stay
        // as the unweighted record.
        if counts.weightedBases != nil {
            for index in tests.indices where [.chiSquare, .trend, .kruskalWallis].contains(tests[index].method) {
                tests[index].yieldsToDesignTest = true
            }
        }
        let groups = groupIndices.map { index in
            (value: axis.choices[index], table: tables[index], summary: counts.summaries[index])
        }
        return CrossTab(axis: axis, groups: groups, axisNonresponse: counts.axisNonresponse, tests: tests)
    }

    /// A rao-scott row beside the chi-square row of `choice`, or, when the test could not be computed, the reason on
    /// that chi-square row.
    static func addRaoScott(_ result: Result<RaoScottTest, RaoScottTest.Unestimable>, choice: Int?, to tests: inout [IndependenceTest]) {
        switch result {
        case .success(let test):
            tests.append(IndependenceTest(choice: choice, raoScott: test))
        case .failure(let reason):
            for index in tests.indices where tests[index].method == .chiSquare && tests[index].choice == choice {
                tests[index].designTestUnavailable = reason
            }
        }
    }

    /// The Rao–Scott test of the axis's groups × `columns`, each column the sum of its slots (a negative slot
    /// subtracted), per stratum, from a weighted sweep's `DesignCells`, over the design's respondents per stratum
    /// `sizes`, or why it cannot be computed.
    static func raoScott(_ design: DesignCells, sizes: [Int], groups: Range<Int>, columns: [[Int]]) -> Result<RaoScottTest, RaoScottTest.Unestimable> {
        guard sizes.count == design.strata else { return .failure(.inconsistentStrata) }
        let strata = (0..<design.strata).map { s -> RaoScottTest.StratumCells in
            var cells = RaoScottTest.StratumCells(weights: [], squares: [], respondents: 0, size: sizes[s])
            for g in groups {
                let sums = columns.map { design.cells(s, g, $0) }
                cells.weights.append(sums.map(\.sum))
                cells.squares.append(sums.map(\.square))
                cells.respondents += sums.reduce(0) { $0 + $1.rows }
            }
            return cells
        }
        return RaoScottTest.estimate(strata: strata)
    }

    /// Per group of the axis, the design-based test of its weighted share of `yes` (slots summed, a negative slot
    /// subtracted) against the other groups', among the respondents in `yes` or `no` (`DomainDifferenceTest`, the
    /// strata of the weighted sweep's `DesignCells` over the design's respondents per stratum `sizes`); nil where it
    /// cannot be computed.
    static func domainTests(_ design: DesignCells, sizes: [Int], groups: Range<Int>, yes: [Int], no: [Int]) -> [DomainDifferenceTest?] {
        guard sizes.count == design.strata else { return groups.map { _ in nil } }
        typealias Sums = DomainDifferenceTest.Sums
        // Per stratum and group: (Σw, Σw², rows) of yes and of no.
        let cells = (0..<design.strata).map { s in groups.map { g in (yes: design.cells(s, g, yes), no: design.cells(s, g, no)) } }
        return groups.indices.map { domain in
            let strata = cells.indices.map { s -> DomainDifferenceTest.StratumSums in
                let stratum = cells[s]
                var sums = DomainDifferenceTest.StratumSums(domainYes: Sums(weights: 0, squares: 0), domainNo: Sums(weights: 0, squares: 0),
                                                            restYes: Sums(weights: 0, squares: 0), restNo: Sums(weights: 0, squares: 0),
                                                            respondents: 0, size: sizes[s])
                for (g, cell) in stratum.enumerated() {
                    let (yes, no) = (Sums(weights: cell.yes.sum, squares: cell.yes.square), Sums(weights: cell.no.sum, squares: cell.no.square))
                    if g == domain {
                        (sums.domainYes, sums.domainNo) = (yes, no)
                    } else {
                        sums.restYes.weights += yes.weights; sums.restYes.squares += yes.squares
                        sums.restNo.weights += no.weights; sums.restNo.squares += no.squares
                    }
                    sums.respondents += cell.yes.rows + cell.no.rows
                }
                return sums
            }
            return DomainDifferenceTest(strata: strata)
        }
    }

    /// A chi-square row, and a Fisher row when the table is 2 × 2 after dropping empty rows and columns.
    ///
    /// When the chi-square is not reliable by Cochran's rule its row also carries an exact p (`exactP`): Fisher's
    /// for a 2 × 2 table, otherwise `ExactIndependence`'s.
    package static func independenceTests(_ matrix: [[Int]], choice: Int?) -> [IndependenceTest] {
        guard let chiSquare = ChiSquareTest.pearson(matrix) else { return [] }
        var test = IndependenceTest(choice: choice, chiSquare: chiSquare)
        guard chiSquare.keptRows.count == 2, chiSquare.keptColumns.count == 2 else {
            if !chiSquare.isReliable, let exact = ExactIndependence.pValue(matrix) {
                test.exactP = exact.p
                test.exactMethod = exact.method
            }
            return [test]
        }
        let cell = { (r: Int, c: Int) in matrix[chiSquare.keptRows[r]][chiSquare.keptColumns[c]] }
        let p = FisherExactTest.twoSided(cell(0, 0), cell(0, 1), cell(1, 0), cell(1, 1))
        if !chiSquare.isReliable {
            test.exactP = p
            test.exactMethod = IndependenceTest.Method.fisher.rawValue
        }
        return [test, IndependenceTest(choice: choice, fisherP: p, of: chiSquare)]
    }

    /// Per choice, a Cochran–Armitage test for a linear trend of its share over the axis's groups in code order
    /// (scores 1…k), when the axis is ordered: successes are the group's respondents choosing it, trials the
    /// group's respondents who answered (無回答 excluded; a group with none is left out, keeping the others'
    /// scores). No row for a choice nobody or everybody chose.
    ///
    /// - Parameters:
    ///   - chosen: per group, per choice position, the respondents choosing it.
    ///   - answered: per group, the respondents who answered.
    package static func trendTests(chosen: [[Int]], answered: [Int], of question: Question, by axis: Question) -> [IndependenceTest] {
        guard axis.isOrdered else { return [] }
        let n = answered.reduce(0, +)
        return question.choices.enumerated().compactMap { column, choice in
            CochranArmitageTest(successes: chosen.map { $0[column] }, trials: answered)
                .map { IndependenceTest(choice: choice.code, trend: $0, n: n) }
        }
    }

    /// With weights, by an ordered axis: per choice, the design-based test of the slope of its weighted share along
    /// the axis's groups in code order (scores 1…k; `DesignTrendTest`, as R's `svyglm(I(q == c) ~ score, design)`),
    /// among the respondents in `slots(column).yes` or `.no` (slots summed, a negative slot subtracted), per stratum
    /// of the weighted sweep's `DesignCells`, over the design's respondents per stratum `sizes`. No row where it
    /// cannot be computed (nobody or everybody chose it, a stratum of one, or no sizes: an unordered axis).
    static func designTrendTests(_ design: DesignCells, sizes: [Int], groups: Range<Int>, of question: Question, by axis: Question,
                                 slots: (Int) -> (yes: [Int], no: [Int])) -> [IndependenceTest] {
        guard axis.isOrdered, sizes.count == design.strata else { return [] }
        typealias Sums = DesignTrendTest.Sums
        return question.choices.enumerated().compactMap { column, choice in
            let (yes, no) = slots(column)
            let strata = (0..<design.strata).map { s -> DesignTrendTest.StratumSums in
                var sums = DesignTrendTest.StratumSums(size: sizes[s], yes: [], no: [], respondents: 0)
                for g in groups {
                    let (chosen, other) = (design.cells(s, g, yes), design.cells(s, g, no))
                    sums.yes.append(Sums(weights: chosen.sum, squares: chosen.square))
                    sums.no.append(Sums(weights: other.sum, squares: other.square))
                    sums.respondents += chosen.rows + other.rows
                }
                return sums
            }
            return DesignTrendTest(strata: strata).map { IndependenceTest(choice: choice.code, designTrend: $0) }
        }
    }

    /// 回収状況 with, when the wave is weighted, each group's Kish design effect.
    static func weightedRates(_ responses: ResponseTable) -> [ResponseRate] {
        var rates = responseRates(responses)
        if responses.weights != nil { addWeighting(to: &rates, responses) }
        return rates
    }

    /// 回収状況: overall, per district, and per area derived from the district question.
    static func responseRates(_ responses: ResponseTable) -> [ResponseRate] {
        let definition = responses.definition
        var rates = [ResponseRate(breakID: "total", value: nil, label: "", respondents: responses.count,
                                  distributed: definition.fieldwork.distributed)]
        guard let districts = definition.districts, let counts = responses.respondentCounts(of: districts.question.value) else {
            return rates
        }
        let sent = Dictionary(districts.distributed.map { ($0.code, $0.count) }, uniquingKeysWith: { first, _ in first })
        let districtID = districts.question.value
        for entry in counts.counts {
            rates.append(ResponseRate(breakID: districtID, value: entry.choice.code, label: entry.choice.label,
                                      respondents: entry.count, distributed: sent[entry.choice.code]))
        }
        if counts.nonresponse > 0 {
            rates.append(ResponseRate(breakID: districtID, value: nil, label: "無回答", respondents: counts.nonresponse, distributed: nil))
        }
        for derived in definition.derived where derived.from.value == districtID {
            guard let areaCounts = responses.respondentCounts(of: derived.id) else { continue }
            for (index, entry) in areaCounts.counts.enumerated() {
                let codes = derived.groups[index].codes
                let known = codes.compactMap { sent[$0] }
                rates.append(ResponseRate(breakID: derived.id, value: entry.choice.code, label: entry.choice.label,
                                          respondents: entry.count,
                                          distributed: known.count == codes.count && !codes.isEmpty ? known.reduce(0, +) : nil))
            }
        }
        return rates
    }

    /// With weights, each 回収状況 group's Kish effective size and design effect, from its respondents' weights.
    static func addWeighting(to rates: inout [ResponseRate], _ responses: ResponseTable) {
        let definition = responses.definition
        guard let weights = responses.weights, !rates.isEmpty else { return }
        rates[0].weighting = weightSums(weights, by: nil, positions: 1)[0].designEffect
        var sums: [String: [KishDesignEffect.Sums]] = [:]
        for index in rates.indices.dropFirst() {
            let id = rates[index].breakID
            guard let positions = responses.columns[id]?.choices, let question = definition.anyQuestion(id) else { continue }
            if sums[id] == nil { sums[id] = weightSums(weights, by: positions, positions: question.choices.count + 1) }
            let position = rates[index].value.flatMap { code in question.choices.firstIndex { $0.code == code } }.map { $0 + 1 } ?? 0
            rates[index].weighting = sums[id]?[position].designEffect
        }
    }

    /// The weights summed per position of `column` (0 = 無回答; everyone in position 0 when nil), block by block.
    private static func weightSums(_ weights: ResponseColumn<Double>, by column: ResponseColumn<UInt16>?,
                                   positions: Int) -> [KishDesignEffect.Sums] {
        var sums = [KishDesignEffect.Sums](repeating: KishDesignEffect.Sums(), count: positions)
        let runs = RowRuns.common(rowCount: weights.count, blockEnds: [weights.blockEnds, column?.blockEnds ?? []])
        for run in runs {
            weights.withValues(in: run) { w in
                if let column {
                    column.withValues(in: run) { p in
                        for i in 0..<w.count where Int(p[i]) < positions { sums[Int(p[i])].add(w[i]) }
                    }
                } else {
                    for i in 0..<w.count { sums[0].add(w[i]) }
                }
            }
        }
        return sums
    }
}
