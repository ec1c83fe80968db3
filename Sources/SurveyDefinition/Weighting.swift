import SurveyDiagnostics

/// How each respondent's weight is made (`weights:`): read from a column, by strata, or by raking to margins.
public struct Weighting: Sendable {
    /// The three ways of making weights.
    public enum Method: Sendable {
        /// A weight column in the data (`weights.column`), coded as a number column; every weight must be from 10^-15 to 10^15.
        case column(Located<String>)
        /// Design weights of a stratified sample (`weights.strata`): population_h / respondents_h.
        case strata(PopulationMargin)
        /// Raking (iterative proportional fitting) to population margins (`weights.rake`).
        case rake(Raking)
    }

    /// Raking's margins and how it stops.
    public struct Raking: Sendable {
        /// The margins, in the order they are fitted within an iteration.
        public var margins: [PopulationMargin]
        /// When the weighted joint table of the margins' questions moves by less than this between iterations, raking
        /// has converged; below 1 it is relative to the sum of the starting weights (the respondents), as R's `rake`.
        public var tolerance: Double
        /// The most iterations (each fits every margin once).
        public var maxIterations: Int
        /// Optional bounds on weight / mean weight, applied after raking (R's `trimWeights(strict = TRUE)`).
        public var trim: (lower: Double, upper: Double)?
        /// Where `trim` is written.
        public var trimLocation: SourceLocation?
    }

    /// The way weights are made.
    public var method: Method
    /// Where `weights:` is written.
    public var location: SourceLocation

    /// The id of the hidden number question that reads a weight column (not a question of the report).
    public static let columnQuestionID = "weights.column"
}

/// A question's population counts per code: a stratum's or a raking margin's.
public struct PopulationMargin: Sendable {
    /// The single, scale or derived question whose codes the counts are for.
    public var question: Located<String>
    /// Population per code, in the order written, each code located where it is written.
    public var population: [(code: Located<Int>, count: Double)]
    /// Where the mapping of counts is written.
    public var location: SourceLocation

    /// The sum of the population counts.
    public var total: Double { population.reduce(0) { $0 + $1.count } }
}

extension SurveyDefinition {
    /// The questions the data files are coded for: the defined ones and, when weights come from a column, a hidden
    /// number question reading it (last, id `Weighting.columnQuestionID`).
    public var codedQuestions: [Question] {
        guard case .column(let column)? = weights?.method else { return questions }
        return questions + [Question(
            id: Weighting.columnQuestionID, text: "weights.column", type: .number, column: column, columns: [], separator: nil,
            choices: [], nets: [], scores: [], maxAnswers: nil, unit: nil, bins: [], askedIf: [], location: column.location)]
    }
}
