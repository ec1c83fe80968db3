import SurveyDefinition
import SurveyStatistics

/// Everything tabulated for one question: the overall table, its summary, and its cross-tabulations.
public struct QuestionTabulation: Sendable {
    /// The question (derived questions appear as single questions).
    public var question: Question
    /// Whether it is a derived question.
    public var isDerived: Bool
    /// The 単純集計 over all eligible respondents.
    public var total: FrequencyTable
    /// The number summary (number questions, and scales with scores).
    public var totalSummary: NumberSummary?
    /// Cross-tabulations, one per applicable axis of `breaks`, in order.
    public var crossTabs: [CrossTab]
}

/// A question broken down by the values of one axis.
public struct CrossTab: Sendable {
    /// The axis question (single, scale or derived).
    public var axis: Question
    /// One table per axis choice, in code order (an empty group still has its rows, with base 0).
    public var groups: [(value: Choice, table: FrequencyTable, summary: NumberSummary?)]
    /// Eligible respondents left out because their axis value is 無回答.
    public var axisNonresponse: Int
    /// Tests of independence: one chi-square (and Fisher for 2 × 2) for single/scale; per choice for multiple.
    public var tests: [IndependenceTest]
}

/// A test of independence between an axis and a question (or one choice of a multiple question).
public struct IndependenceTest: Sendable {
    /// Which test.
    public enum Method: String, Sendable {
        case chiSquare = "chi-square"
        case fisher
    }

    /// The choice code tested, for the per-choice tests of multiple questions.
    public var choice: Int?
    /// Which test.
    public var method: Method
    /// The chi-square result (for Fisher, of the same 2 × 2 table).
    public var chiSquare: ChiSquareTest
    /// Fisher's two-sided p, for the Fisher row.
    public var fisherP: Double?

    /// The p-value of this row's test.
    public var pValue: Double { method == .fisher ? (fisherP ?? 1) : chiSquare.pValue }
}

/// The tabulation of a whole wave.
public struct WaveTabulation: Sendable {
    /// The wave's definition.
    public var definition: SurveyDefinition
    /// Number of respondents.
    public var respondents: Int
    /// Per question, defined ones first, then derived ones.
    public var questions: [QuestionTabulation]
    /// 回収状況: respondents per district and area, and overall, with questionnaires sent where known.
    public var responseRates: [ResponseRate]
}

/// Respondents and 回収率 for the whole wave or one value of a district axis.
public struct ResponseRate: Sendable, Equatable {
    /// `total`, or the axis id (the district question or an area derived from it).
    public var breakID: String
    /// The axis value's code, nil for the total and for 無回答.
    public var value: Int?
    /// The label (empty for the total).
    public var label: String
    /// Respondents.
    public var respondents: Int
    /// Questionnaires sent out, where known.
    public var distributed: Int?

    /// 100·respondents/distributed, where known.
    public var rate: Double? {
        guard let distributed, distributed > 0 else { return nil }
        return 100 * Double(respondents) / Double(distributed)
    }
}
