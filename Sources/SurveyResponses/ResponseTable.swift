import SurveyDefinition

/// The coded answers of one wave, stored by column: small integers per respondent and question.
///
/// Codes are stored as choice *positions*: 0 is 無回答, k is the k-th choice of the
/// question (1-based), so every question's counts fit a small array.
public struct ResponseTable: Sendable {
    /// The definition the answers were coded against.
    public let definition: SurveyDefinition
    /// Number of respondents (rows kept; blank rows are excluded).
    public private(set) var count: Int = 0
    /// Each respondent's source: index into `definition.dataFiles` and physical line.
    public private(set) var sources = RowSources()
    /// Single, scale and derived questions: choice position per respondent (0 = 無回答).
    public internal(set) var choices: [String: ResponseColumn<UInt16>] = [:]
    /// Multiple questions: a bit per choice position (bit 0 = first choice); 0 = 無回答.
    public internal(set) var selections: [String: ResponseColumn<UInt64>] = [:]
    /// Number questions: the value, NaN when 無回答.
    public internal(set) var numbers: [String: ResponseColumn<Double>] = [:]
    /// Text questions: whether the answer is non-empty.
    public internal(set) var texts: [String: ResponseColumn<Bool>] = [:]
    /// Questions with `asked_if`: whether each respondent was eligible.
    public internal(set) var eligibility: [String: ResponseColumn<Bool>] = [:]

    package init(definition: SurveyDefinition) {
        self.definition = definition
        for question in definition.questions {
            switch question.type {
            case .single, .scale: choices[question.id] = []
            case .multiple: selections[question.id] = []
            case .number: numbers[question.id] = []
            case .text: texts[question.id] = []
            }
        }
    }

    /// Whether respondent `row` belongs to the base of `question` (always true without `asked_if`).
    public func isEligible(_ row: Int, for question: String) -> Bool {
        eligibility[question]?[row] ?? true
    }
}

extension ResponseTable {
    /// Takes over the columns coded by the fast path (question positions as in the definition).
    package mutating func adopt(_ store: inout ColumnStore) {
        for (index, question) in definition.questions.enumerated() {
            switch question.type {
            case .single, .scale: choices[question.id] = store.choices[index].column()
            case .multiple: selections[question.id] = store.selections[index].column()
            case .number: numbers[question.id] = store.numbers[index].column()
            case .text: texts[question.id] = store.texts[index].column()
            }
        }
        sources = store.sources
        count = store.sources.count
    }
}
