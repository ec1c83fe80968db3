import SurveyDefinition
import SurveyResponses
import SurveyStatistics
import SurveyTabulation

/// Counts one question's answers over any set of respondents (rows of the response table), for `RowTabulator`.
struct QuestionCounter {
    let question: Question
    private let positions: ResponseColumn<UInt16>?
    private let selections: ResponseColumn<UInt64>?
    private let numbers: ResponseColumn<Double>?
    private let texts: ResponseColumn<Bool>?
    private let scoreOfPosition: [Double?]
    /// A number question's classes, chosen on everyone's answers (`RowTabulator.tabulate` sets them).
    var classes: NumberClasses?

    init(question: Question, responses: ResponseTable) {
        self.question = question
        let column = responses.columns[question.id]
        positions = column?.choices
        selections = column?.selections
        numbers = column?.numbers
        texts = column?.texts
        let scores = Dictionary(question.scores.map { ($0.code, $0.score) }, uniquingKeysWith: { first, _ in first })
        scoreOfPosition = [nil] + question.choices.map { scores[$0.code] }
    }

    /// Valid answers per choice position (無回答 excluded), for single and scale questions.
    func choiceCounts(_ rows: [Int]) -> [Int] {
        var counts = [Int](repeating: 0, count: question.choices.count + 1)
        if let positions { for row in rows { counts[Int(positions[row])] += 1 } }
        return Array(counts.dropFirst())
    }

    /// The rows that chose at least one answer of a multiple question.
    func answeredRows(_ rows: [Int]) -> [Int] {
        guard let selections else { return [] }
        return rows.filter { selections[$0] != 0 }
    }

    /// How many of `rows` chose the choice at `position` (0-based) of a multiple question.
    func chosenCount(_ rows: [Int], position: Int) -> Int {
        guard let selections else { return 0 }
        let bit = UInt64(1) << UInt64(position)
        return rows.reduce(0) { $0 + (selections[$1] & bit != 0 ? 1 : 0) }
    }

    /// The frequency table of `rows` (all of whom are eligible).
    func table(_ rows: [Int]) -> FrequencyTable {
        switch question.type {
        case .single, .scale:
            let counts = choiceCounts(rows)
            return FrequencyTable(question: question, base: rows.count, counts: counts, answered: counts.reduce(0, +))
        case .multiple:
            let answered = answeredRows(rows)
            let counts = question.choices.indices.map { chosenCount(answered, position: $0) }
            return FrequencyTable(question: question, base: rows.count, counts: counts, answered: answered.count)
        case .number:
            let values = validNumbers(rows)
            let labels = classes?.labels ?? []
            var counts = [Int](repeating: 0, count: labels.count)
            if let classes, !labels.isEmpty {
                for value in values { counts[classes.limits.firstIndex { value < $0 } ?? classes.limits.count] += 1 }
            }
            return FrequencyTable(question: question, base: rows.count, counts: counts, answered: values.count,
                                  classLabels: labels)
        case .text:
            let count = texts.map { texts in rows.reduce(0) { $0 + (texts[$1] ? 1 : 0) } } ?? 0
            return FrequencyTable(question: question, base: rows.count, counts: [], answered: count)
        }
    }

    /// The number summary of `rows`: of the values of a number question, or of the scores of a scale with scores.
    func summary(_ rows: [Int]) -> NumberSummary? {
        let values: [Double]
        switch question.type {
        case .number:
            values = validNumbers(rows)
        case .single where !question.scores.isEmpty, .scale where !question.scores.isEmpty:
            guard let positions else { return nil }
            values = rows.compactMap { scoreOfPosition[Int(positions[$0])] }
        default:
            return nil
        }
        let moments = Moments(values)
        let five = FiveNumberSummary(values)
        return NumberSummary(n: values.count, missing: rows.count - values.count, mean: moments?.mean,
                             standardDeviation: moments?.standardDeviation, min: five?.min, q1: five?.q1,
                             median: five?.median, q3: five?.q3, max: five?.max)
    }

    func validNumbers(_ rows: [Int]) -> [Double] {
        guard let numbers else { return [] }
        return rows.compactMap { numbers[$0].isNaN ? nil : numbers[$0] }
    }
}

/// The straightforward tabulation by row-index arrays (a list of members per axis value, a filter and a sort
/// per group), which `Tabulator` replaced by one sweep per axis (`GroupedCounts`); tests compare the two.
public enum RowTabulator {
    /// Tabulates one question overall and by each applicable axis.
    ///
    /// An axis is skipped when it is the question itself or shares its source (an area derived from the district).
    public static func tabulate(_ question: Question, in responses: ResponseTable, axes: [Question], isDerived: Bool = false) -> QuestionTabulation {
        let definition = responses.definition
        var counter = QuestionCounter(question: question, responses: responses)
        let everyone = responses.eligibility[question.id].map { eligible in (0..<responses.count).filter { eligible[$0] } }
            ?? Array(0..<responses.count)
        if question.type == .number {
            let values = counter.validNumbers(everyone)
            counter.classes = NumberClasses(question: question) { visit in values.forEach(visit) }
        }
        let crossTabs = axes.filter { axis in
            axis.id != question.id && definition.rootSource(of: axis.id) != definition.rootSource(of: question.id)
        }.compactMap { axis in crossTab(counter, by: axis, eligible: everyone, responses: responses) }
        return QuestionTabulation(question: question, isDerived: isDerived, total: counter.table(everyone),
                                  totalSummary: counter.summary(everyone), numberClasses: counter.classes, crossTabs: crossTabs)
    }

    /// One question by one axis: a table per axis value, residuals and tests.
    static func crossTab(_ counter: QuestionCounter, by axis: Question, eligible: [Int], responses: ResponseTable) -> CrossTab? {
        guard let axisPositions = responses.columns[axis.id]?.choices else { return nil }
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
            tests = Tabulator.independenceTests(matrix, choice: nil)
            tests += Tabulator.trendTests(chosen: matrix, answered: matrix.map { $0.reduce(0, +) }, of: counter.question, by: axis)
        case .multiple:
            let answered = members.map { counter.answeredRows($0) }
            for (column, choice) in counter.question.choices.enumerated() {
                let matrix = answered.map { rows -> [Int] in
                    let chosen = counter.chosenCount(rows, position: column)
                    return [chosen, rows.count - chosen]
                }
                let residuals = AdjustedResiduals.haberman(matrix)
                for group in tables.indices { tables[group].rows[column].adjustedResidual = residuals[group][0] }
                tests += Tabulator.independenceTests(matrix, choice: choice.code)
            }
            let chosen = answered.map { rows in counter.question.choices.indices.map { counter.chosenCount(rows, position: $0) } }
            tests += Tabulator.trendTests(chosen: chosen, answered: answered.map(\.count), of: counter.question, by: axis)
        case .number:
            if let kruskalWallis = KruskalWallisTest(groups: members.map { counter.validNumbers($0) }) {
                tests = [IndependenceTest(kruskalWallis: kruskalWallis)]
            }
        case .text:
            break
        }
        let groups = axis.choices.indices.map { index in
            (value: axis.choices[index], table: tables[index], summary: counter.summary(members[index]))
        }
        return CrossTab(axis: axis, groups: groups, axisNonresponse: axisNonresponse, tests: tests)
    }

}
