import SurveyDefinition
import SurveyResponses
import SurveyStatistics

/// Tabulates a wave: 単純集計 of every question, クロス集計 by every axis of `breaks`, and their tests.
public enum Tabulator {
    /// Tabulates every question (defined, then derived) of the wave.
    public static func tabulate(_ responses: ResponseTable) -> WaveTabulation {
        let definition = responses.definition
        let derivedIDs = Set(definition.derived.map(\.id))
        let axes = definition.breaks.compactMap { definition.anyQuestion($0.value) }
        let questions = definition.allQuestions.map { question in
            tabulate(question, in: responses, axes: axes, isDerived: derivedIDs.contains(question.id))
        }
        return WaveTabulation(definition: definition, respondents: responses.count, questions: questions,
                              responseRates: responseRates(responses))
    }

    /// Tabulates one question overall and by each applicable axis.
    ///
    /// An axis is skipped when it is the question itself or shares its source (an area derived from the district).
    public static func tabulate(_ question: Question, in responses: ResponseTable, axes: [Question], isDerived: Bool = false) -> QuestionTabulation {
        let definition = responses.definition
        let counter = QuestionCounter(question: question, responses: responses)
        let everyone = responses.eligibility[question.id].map { eligible in (0..<responses.count).filter { eligible[$0] } }
            ?? Array(0..<responses.count)
        let crossTabs = axes.filter { axis in
            axis.id != question.id && definition.rootSource(of: axis.id) != definition.rootSource(of: question.id)
        }.compactMap { axis in crossTab(counter, by: axis, eligible: everyone, responses: responses) }
        return QuestionTabulation(question: question, isDerived: isDerived, total: counter.table(everyone),
                                  totalSummary: counter.summary(everyone), crossTabs: crossTabs)
    }

    /// One question by one axis: a table per axis value, residuals and tests.
    static func crossTab(_ counter: QuestionCounter, by axis: Question, eligible: [Int], responses: ResponseTable) -> CrossTab? {
        guard let axisPositions = responses.choices[axis.id] else { return nil }
        var members = [[Int]](repeating: [], count: axis.choices.count)
        var axisNonresponse = 0
        for row in eligible {
            let position = Int(axisPositions[row])
            if position == 0 { axisNonresponse += 1 } else { members[position - 1].append(row) }
        }
        var tables = members.map { counter.table($0) }
        var tests: [IndependenceTest] = []
        switch counter.question.type {
        case .single, .scale:
            let matrix = members.map { counter.choiceCounts($0) }
            let residuals = AdjustedResiduals.haberman(matrix)
            for group in tables.indices {
                for column in counter.question.choices.indices {
                    tables[group].rows[column].adjustedResidual = residuals[group][column]
                }
            }
            tests = independenceTests(matrix, choice: nil)
        case .multiple:
            let answered = members.map { counter.answeredRows($0) }
            for (column, choice) in counter.question.choices.enumerated() {
                let matrix = answered.map { rows -> [Int] in
                    let chosen = counter.chosenCount(rows, position: column)
                    return [chosen, rows.count - chosen]
                }
                let residuals = AdjustedResiduals.haberman(matrix)
                for group in tables.indices { tables[group].rows[column].adjustedResidual = residuals[group][0] }
                tests += independenceTests(matrix, choice: choice.code)
            }
        case .number, .text:
            break
        }
        let groups = axis.choices.indices.map { index in
            (value: axis.choices[index], table: tables[index], summary: counter.summary(members[index]))
        }
        return CrossTab(axis: axis, groups: groups, axisNonresponse: axisNonresponse, tests: tests)
    }

    /// A chi-square row, and a Fisher row when the table is 2 × 2 after dropping empty rows and columns.
    static func independenceTests(_ matrix: [[Int]], choice: Int?) -> [IndependenceTest] {
        guard let chiSquare = ChiSquareTest.pearson(matrix) else { return [] }
        var tests = [IndependenceTest(choice: choice, method: .chiSquare, chiSquare: chiSquare, fisherP: nil)]
        if chiSquare.keptRows.count == 2, chiSquare.keptColumns.count == 2 {
            let cell = { (r: Int, c: Int) in matrix[chiSquare.keptRows[r]][chiSquare.keptColumns[c]] }
            let p = FisherExactTest.twoSided(cell(0, 0), cell(0, 1), cell(1, 0), cell(1, 1))
            tests.append(IndependenceTest(choice: choice, method: .fisher, chiSquare: chiSquare, fisherP: p))
        }
        return tests
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
}
