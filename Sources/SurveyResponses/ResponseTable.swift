import SurveyDefinition

/// The coded answers of one wave, stored by column: small integers per respondent and question.
///
/// Codes are stored as choice *positions*: 0 is 無回答, k is the k-th choice of the
/// question (1-based), so every question's counts fit a small array.
public struct ResponseTable: Sendable {
    /// The definition the answers were coded against.
    public let definition: SurveyDefinition
    /// Number of respondents (rows kept; blank rows are excluded).
    public internal(set) var count: Int = 0
    /// Each respondent's source: index into `definition.dataFiles` and physical line.
    public internal(set) var sources = RowSources()
    /// Every question's coded column (defined and derived questions), by question id.
    public internal(set) var columns: [String: CodedColumn] = [:]
    /// With a `filter:`: the respondents read from the data files, of whom the filter kept the wave's.
    public internal(set) var rowsBeforeFilter: Int?
    /// With a `subset` (`--where`): the wave's respondents, of whom the subset kept `count`.
    public internal(set) var waveRespondents: Int?
    /// Questions with `asked_if`: whether each respondent was eligible.
    public internal(set) var eligibility: [String: ResponseColumn<Bool>] = [:]
    /// Each respondent's weight, when `weights:` is declared (see `makeWeights`); nil: unweighted.
    public internal(set) var weights: ResponseColumn<Double>?
    /// With strata weights, the one weight of every respondent in each stratum position of `weightStrata`
    /// (0 = 無回答; 0 where nobody is): weighted sums can be made from counts per stratum. Nil otherwise.
    public internal(set) var stratumWeights: [Double]?
    /// With weights, the design's respondents per stratum (n_h, the positions of `weightStrata`; one count, every
    /// respondent, without strata): what design-based variances divide by. Counted on the whole wave when the weights
    /// are made, so a subset (`--where`) is a domain of the wave's design, as R's `subset` of a design keeps each
    /// stratum's sample size. Empty unweighted.
    public internal(set) var weightStrataSizes: [Int] = []

    package init(definition: SurveyDefinition) {
        self.definition = definition
    }

    /// Whether respondent `row` belongs to the base of `question` (always true without `asked_if`).
    public func isEligible(_ row: Int, for question: String) -> Bool {
        eligibility[question]?[row] ?? true
    }
}

extension ResponseTable {
    /// Takes over the columns coded by the fast path (question positions as in the definition).
    package mutating func adopt(_ store: inout ColumnStore) {
        for (index, question) in definition.codedQuestions.enumerated() {
            switch question.type {
            case .single, .scale: columns[question.id] = .choices(store.choices[index].column())
            case .multiple: columns[question.id] = .selections(store.selections[index].column())
            case .number: columns[question.id] = .numbers(store.numbers[index].column())
            case .text: columns[question.id] = .texts(store.texts[index].column())
            }
        }
        sources = store.sources
        count = store.sources.count
    }
}
