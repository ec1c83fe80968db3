import SurveyDefinition
import SurveyResponses
import SurveyStatistics

/// Counts one question's answers over any set of respondents (rows of the response table).
struct QuestionCounter {
    let question: Question
    private let positions: [UInt16]?
    private let selections: [UInt64]?
    private let numbers: [Double]?
    private let texts: [Bool]?
    private let scoreOfPosition: [Double?]

    init(question: Question, responses: ResponseTable) {
        self.question = question
        positions = responses.choices[question.id]
        selections = responses.selections[question.id]
        numbers = responses.numbers[question.id]
        texts = responses.texts[question.id]
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
        let base = rows.count
        var result: [FrequencyRow] = []
        func row(_ kind: RowKind, _ label: String, _ count: Int) -> FrequencyRow {
            FrequencyRow(kind: kind, label: label, count: count, base: base, adjustedResidual: nil)
        }
        switch question.type {
        case .single, .scale:
            let counts = choiceCounts(rows)
            for (choice, count) in zip(question.choices, counts) { result.append(row(.choice(code: choice.code), choice.label, count)) }
            for net in question.nets {
                let count = zip(question.choices, counts).filter { net.codes.contains($0.0.code) }.reduce(0) { $0 + $1.1 }
                result.append(row(.net(label: net.label), net.label, count))
            }
            result.append(row(.nonresponse, "無回答", base - counts.reduce(0, +)))
        case .multiple:
            let answered = answeredRows(rows)
            for (position, choice) in question.choices.enumerated() {
                result.append(row(.choice(code: choice.code), choice.label, chosenCount(answered, position: position)))
            }
            result.append(row(.nonresponse, "無回答", base - answered.count))
        case .number:
            let values = validNumbers(rows)
            if !question.bins.isEmpty {
                var counts = [Int](repeating: 0, count: question.bins.count + 1)
                for value in values { counts[question.bins.firstIndex { value < $0 } ?? question.bins.count] += 1 }
                for (index, count) in counts.enumerated() {
                    result.append(row(.bin(index: index + 1), BinLabel.label(index: index, bins: question.bins, unit: question.unit ?? ""), count))
                }
            }
            result.append(row(.nonresponse, "無回答", base - values.count))
        case .text:
            let count = texts.map { texts in rows.reduce(0) { $0 + (texts[$1] ? 1 : 0) } } ?? 0
            result.append(row(.text, "回答あり", count))
        }
        return FrequencyTable(base: base, rows: result)
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

    private func validNumbers(_ rows: [Int]) -> [Double] {
        guard let numbers else { return [] }
        return rows.compactMap { numbers[$0].isNaN ? nil : numbers[$0] }
    }
}

/// Labels of the classes of a number question: 「5年未満」「5～10年未満」「30年以上」.
public enum BinLabel {
    /// The label of class `index` (0-based) of `bins` with `unit`.
    public static func label(index: Int, bins: [Double], unit: String) -> String {
        if index == 0 { return "\(plain(bins[0]))\(unit)未満" }
        if index == bins.count { return "\(plain(bins[bins.count - 1]))\(unit)以上" }
        return "\(plain(bins[index - 1]))～\(plain(bins[index]))\(unit)未満"
    }

    /// `5` rather than `5.0`.
    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
