import SurveyDefinition
import SurveyDiagnostics

/// What keeps `weights:` from giving every respondent a weight, found once the data are coded.
public enum WeightProblem: Diagnosable, Equatable {
    /// A code given a population that no respondent has: no weight can stand for it.
    case codeWithoutRespondents(SourceLocation, key: String, question: String, code: Int, label: String)
    /// A code respondents have that has no population.
    case codeWithoutPopulation(SourceLocation, key: String, question: String, code: Int, label: String, respondents: Int)
    /// Every respondent left a weighting question blank: none of its codes can be weighted.
    case noAnswers(SourceLocation, question: String, respondents: Int)
    /// Respondents who left a weighting question blank, and what they get instead.
    case unanswered(SourceLocation, question: String, respondents: Int, treatment: String)
    /// Raking did not converge; the margin furthest from its population, and by how much.
    case notConverged(SourceLocation, question: String, iterations: Int, code: Int, weighted: Double, population: Double)
    /// `trim` bounds the raked weights cannot all be brought within with their total kept (what the weights span,
    /// as multiples of their mean).
    case trimTooNarrow(SourceLocation, lower: Double, upper: Double, smallest: Double, largest: Double)
    /// A cell of the weight column that is blank, not above 0, or not a number.
    case invalidWeight(SourceLocation, column: String, value: String)

    public var severity: Severity {
        if case .unanswered = self { return .warning }
        return .error
    }

    public var location: SourceLocation {
        switch self {
        case .codeWithoutRespondents(let l, _, _, _, _), .codeWithoutPopulation(let l, _, _, _, _, _), .unanswered(let l, _, _, _), .noAnswers(let l, _, _),
             .notConverged(let l, _, _, _, _, _), .trimTooNarrow(let l, _, _, _, _), .invalidWeight(let l, _, _):
            l
        }
    }

    public var message: String {
        switch self {
        case .codeWithoutRespondents(_, let key, let question, let code, let label):
            "found code \(code) (\(Excerpt.of(label))) of '\(Excerpt.of(question))' in '\(Excerpt.of(key))', but no respondent has it; a weight cannot stand for a group with nobody in the data"
        case .codeWithoutPopulation(_, let key, let question, let code, let label, let respondents):
            "found \(respondents) respondents with code \(code) (\(Excerpt.of(label))) of '\(Excerpt.of(question))', which has no population in '\(Excerpt.of(key))'"
        case .noAnswers(_, let question, let respondents):
            "found no answer to '\(Excerpt.of(question))', a weighting question, from any of the \(respondents) respondents; its codes cannot be weighted"
        case .unanswered(_, let question, let respondents, let treatment):
            "found \(respondents) respondents with no answer to '\(Excerpt.of(question))', a weighting question; \(treatment)"
        case .notConverged(_, let question, let iterations, let code, let weighted, let population):
            "raking did not converge in \(iterations) iterations: margin '\(Excerpt.of(question))' is furthest from its population, at code \(code) (weighted \(Self.number(weighted)), population \(Self.number(population)))"
        case .trimTooNarrow(_, let lower, let upper, let smallest, let largest):
            "found trim [\(Self.number(lower)), \(Self.number(upper))], but the raked weights, from \(Self.number(smallest)) to \(Self.number(largest)) times their mean, cannot all be brought within it with their total kept: too few weights lie inside to take what is cut off"
        case .invalidWeight(_, let column, let value):
            "found '\(Excerpt.of(value))' in the weight column '\(Excerpt.of(column))'; expected a weight from \(DefinitionLimits.weightRangeText)"
        }
    }

    public var note: String? {
        switch self {
        case .codeWithoutRespondents:
            "remove the code and its population, or weight by a derived question (under 'derived:') that groups it with a neighbouring code"
        case .codeWithoutPopulation(_, let key, _, let code, _, _):
            "add '\(code): <population>' to '\(Excerpt.of(key))'"
        case .noAnswers:
            "check that the question's column is the one holding the answers (and the filter, if any), or weight by another question"
        case .unanswered:
            "key the answer where the questionnaire shows it, or ignore this warning"
        case .notConverged:
            "raise 'max_iterations' or 'tolerance', or use fewer margins or group sparse codes (derived questions): a margin that cannot be met with the others has an empty cell behind it"
        case .trimTooNarrow:
            "widen 'trim' (lower further below 1, upper further above; e.g. [0.3, 3.0]) or remove it"
        case .invalidWeight:
            "every respondent needs a weight above 0 (at least 10^-15); correct the cell or remove the row"
        }
    }

    public var kind: String {
        switch self {
        case .codeWithoutRespondents: "weight-code-without-respondents"
        case .codeWithoutPopulation: "weight-code-without-population"
        case .noAnswers: "weight-question-unanswered"
        case .unanswered: "weight-unanswered"
        case .notConverged: "raking-not-converged"
        case .trimTooNarrow: "trim-too-narrow"
        case .invalidWeight: "invalid-weight"
        }
    }

    /// A weighted count as messages print it: up to three decimals.
    static func number(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int(rounded)) : String(rounded)
    }
}
