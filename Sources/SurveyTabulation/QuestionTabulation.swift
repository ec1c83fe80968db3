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
    /// A number question's classes: its `bins`, or classes chosen from its answers (every number question with
    /// answers has them), and whether its answers are whole numbers.
    public var numberClasses: NumberClasses?
    /// Cross-tabulations, one per applicable axis of `breaks`, in order.
    public var crossTabs: [CrossTab]

    package init(question: Question, isDerived: Bool, total: FrequencyTable, totalSummary: NumberSummary?,
                 numberClasses: NumberClasses?, crossTabs: [CrossTab]) {
        (self.question, self.isDerived, self.total, self.totalSummary) = (question, isDerived, total, totalSummary)
        (self.numberClasses, self.crossTabs) = (numberClasses, crossTabs)
    }
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

    package init(axis: Question, groups: [(value: Choice, table: FrequencyTable, summary: NumberSummary?)],
                 axisNonresponse: Int, tests: [IndependenceTest]) {
        (self.axis, self.groups, self.axisNonresponse, self.tests) = (axis, groups, axisNonresponse, tests)
    }
}

/// A test of independence between an axis and a question (or one choice of a multiple question).
///
/// Every row has its own p (`pValue`); the p the report uses (`reportedP`) is the asymptotic one when it can be
/// trusted, else the exact or Monte Carlo one (`exactP`); across the wave it is adjusted for multiplicity
/// (`adjustedP`), and `isSignificant` is the one decision that marks and sentences follow.
public struct IndependenceTest: Sendable {
    /// Which test.
    public enum Method: String, Sendable {
        /// Pearson's chi-square on axis × choice (or, per choice of a multiple question, axis × chosen / not).
        case chiSquare = "chi-square"
        /// Fisher's exact test on a 2 × 2 table, beside its chi-square row.
        case fisher
        /// Cochran–Armitage test for a linear trend of one choice's share over an ordered axis.
        case trend
        /// Kruskal–Wallis test of a number question's values across the axis's groups.
        case kruskalWallis = "kruskal-wallis"
        /// With weights: the Rao–Scott second-order corrected test of the same table (design-based).
        case raoScott = "rao-scott"
        /// With weights: beside a trend row, the design-based test of the slope of the choice's weighted share
        /// along the ordered axis (`DesignTrendTest`).
        case designTrend = "design-trend"
        /// With weights: beside a Kruskal–Wallis row, the design-based rank test (`DesignKruskalWallisTest`).
        case designKruskalWallis = "design-kruskal-wallis"
    }

    /// The level at which a test is significant: 5 %.
    public static let significanceLevel = 0.05

    /// The choice code tested, for the per-choice tests of multiple questions.
    public var choice: Int?
    /// Which test.
    public var method: Method
    /// The chi-square result of the table (for Fisher, of the same 2 × 2 table); nil on rows of other tests.
    public var chiSquare: ChiSquareTest?
    /// Fisher's two-sided p, for the Fisher row.
    public var fisherP: Double?
    /// The trend test, on trend rows (`slope` > 0: the choice's share rises along the axis).
    public var trend: CochranArmitageTest?
    /// The Kruskal–Wallis test, on kruskal-wallis rows.
    public var kruskalWallis: KruskalWallisTest?
    /// The Rao–Scott test, on rao-scott rows.
    public var raoScott: RaoScottTest?
    /// The design-based trend test, on design-trend rows.
    public var designTrend: DesignTrendTest?
    /// The design-based Kruskal–Wallis test, on design-kruskal-wallis rows.
    public var designKruskalWallis: DesignKruskalWallisTest?
    /// On a chi-square row that is not reliable by Cochran's rule: the exact p (Fisher for 2 × 2,
    /// Fisher–Freeman–Halton for larger tables) or, where that is infeasible, a Monte Carlo p.
    public var exactP: Double?
    /// How `exactP` was computed: `fisher`, `fisher-freeman-halton` or `monte-carlo (100000 draws)`.
    public var exactMethod: String?
    /// The Benjamini–Hochberg adjusted `reportedP` over all the wave's tests (nil with `multiple_testing: none`,
    /// before the wave is assembled, and on rows that the report does not use).
    public var adjustedP: Double?

    /// The respondents the test counts.
    public var n: Int
    /// On a chi-square, trend or Kruskal–Wallis row of a weighted wave: the report follows the design-based row
    /// beside it instead (rao-scott, design-trend, design-kruskal-wallis: its p in the Benjamini–Hochberg family, for
    /// marks and sentences), and this row, its exact p included, stays as the unweighted record.
    public var yieldsToDesignTest = false
    /// On a chi-square row of a weighted wave without its rao-scott companion: why the design-based test could not be
    /// computed (the report's test line says so).
    public var designTestUnavailable: RaoScottTest.Unestimable?

    /// A chi-square row (with `exactP` when it is not reliable).
    public init(choice: Int?, chiSquare: ChiSquareTest, exactP: Double? = nil, exactMethod: String? = nil) {
        self.choice = choice
        method = .chiSquare
        self.chiSquare = chiSquare
        self.exactP = exactP
        self.exactMethod = exactMethod
        n = chiSquare.n
    }

    /// A Fisher row for the 2 × 2 table of `chiSquare`.
    public init(choice: Int?, fisherP: Double, of chiSquare: ChiSquareTest) {
        self.choice = choice
        method = .fisher
        self.chiSquare = chiSquare
        self.fisherP = fisherP
        n = chiSquare.n
    }

    /// A trend row for one choice, over `n` answering respondents.
    public init(choice: Int, trend: CochranArmitageTest, n: Int) {
        self.choice = choice
        method = .trend
        self.trend = trend
        self.n = n
    }

    /// A Kruskal–Wallis row.
    public init(kruskalWallis: KruskalWallisTest) {
        method = .kruskalWallis
        self.kruskalWallis = kruskalWallis
        n = kruskalWallis.n
    }

    /// A Rao–Scott row (the weighted, design-based test of the table of a chi-square row).
    public init(choice: Int?, raoScott: RaoScottTest) {
        self.choice = choice
        method = .raoScott
        self.raoScott = raoScott
        n = raoScott.n
    }

    /// A design-trend row (the weighted, design-based trend test of one choice).
    public init(choice: Int, designTrend: DesignTrendTest) {
        self.choice = choice
        method = .designTrend
        self.designTrend = designTrend
        n = designTrend.n
    }

    /// A design-kruskal-wallis row (the weighted, design-based rank test of a number question).
    public init(designKruskalWallis: DesignKruskalWallisTest) {
        method = .designKruskalWallis
        self.designKruskalWallis = designKruskalWallis
        n = designKruskalWallis.n
    }

    /// The p-value of this row's own test (asymptotic for chi-square, trend and Kruskal–Wallis).
    public var pValue: Double {
        switch method {
        case .raoScott: raoScott?.pValue ?? 1
        case .designTrend: designTrend?.pValue ?? 1
        case .designKruskalWallis: designKruskalWallis?.pValue ?? 1
        case .chiSquare: chiSquare?.pValue ?? 1
        case .fisher: fisherP ?? 1
        case .trend: trend?.pValue ?? 1
        case .kruskalWallis: kruskalWallis?.pValue ?? 1
        }
    }

    /// The test statistic: χ² (chi-square), χ² with 1 df (trend), H (Kruskal–Wallis), F (rao-scott,
    /// design-kruskal-wallis), z = slope/SE (design-trend); nil for Fisher.
    public var statistic: Double? {
        switch method {
        case .raoScott: raoScott?.statistic
        case .designTrend: designTrend?.z
        case .designKruskalWallis: designKruskalWallis?.statistic
        case .chiSquare: chiSquare?.statistic
        case .fisher: nil
        case .trend: trend?.statistic
        case .kruskalWallis: kruskalWallis?.statistic
        }
    }

    /// The degrees of freedom of the statistic's χ² reference distribution (nil for Fisher, the F tests and the
    /// design-trend's normal z).
    public var degreesOfFreedom: Int? {
        switch method {
        case .raoScott, .designTrend, .designKruskalWallis: nil
        case .chiSquare: chiSquare?.degreesOfFreedom
        case .fisher: nil
        case .trend: 1
        case .kruskalWallis: kruskalWallis?.degreesOfFreedom
        }
    }

    /// The numerator and denominator degrees of freedom of a Rao–Scott F (fractional) or of a design-based
    /// Kruskal–Wallis F; nil on other rows.
    public var fDegreesOfFreedom: (numerator: Double, denominator: Double)? {
        raoScott.map { ($0.numeratorDF, $0.denominatorDF) }
            ?? designKruskalWallis.map { (Double($0.numeratorDF), Double($0.denominatorDF)) }
    }

    /// On a trend or design-trend row: the slope of the choice's share along the axis (> 0: rising); nil otherwise.
    public var slope: Double? {
        designTrend?.slope ?? trend?.slope
    }

    /// Whether the row's own p can be trusted: for chi-square, Cochran's rule; the other tests' p are used as
    /// they are.
    public var isReliable: Bool {
        switch method {
        case .chiSquare: chiSquare?.isReliable ?? false
        case .fisher, .trend, .kruskalWallis, .raoScott, .designTrend, .designKruskalWallis: true
        }
    }

    /// The p the report uses for this row: the asymptotic p when the chi-square is reliable, else `exactP`; nil
    /// on Fisher rows (they accompany the chi-square row of a 2 × 2 table, whose `exactP` is Fisher's p when
    /// it is needed) and when no trustworthy p could be computed. With weights the design-based row's p, and nil on
    /// the chi-square, trend or Kruskal–Wallis row it replaces (`yieldsToDesignTest`; no exact fallback: Rao–Scott
    /// has none).
    public var reportedP: Double? {
        if yieldsToDesignTest { return nil }
        switch method {
        case .chiSquare: return isReliable ? pValue : exactP
        case .fisher: return nil
        case .trend, .kruskalWallis, .raoScott, .designTrend, .designKruskalWallis: return pValue
        }
    }

    /// Whether the report calls this row significant: its adjusted p (or, without adjustment, its reported p)
    /// is below 5 %.
    public var isSignificant: Bool {
        guard let p = adjustedP ?? reportedP else { return false }
        return p < Self.significanceLevel
    }
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
    /// How the tests' p-values were adjusted for multiplicity (`adjustedP`).
    public var multipleTesting: MultipleTesting
    /// With a `subset` (`--where`): the wave's respondents, of whom `respondents` are in the subset.
    public var waveRespondents: Int? = nil
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
    /// With weights: Kish's effective sample size and design effect of the respondents' weights (nil unweighted).
    public var weighting: KishDesignEffect? = nil

    /// With weights: Kish's effective sample size (Σw)²/Σw² of the group's respondents.
    public var effectiveSize: Double? { weighting?.effectiveSize }
    /// With weights: Kish's design effect of unequal weighting, n·Σw²/(Σw)² = n / effective size.
    public var designEffect: Double? { weighting?.designEffect }

    /// 100·respondents/distributed, where known.
    public var rate: Double? {
        guard let distributed, distributed > 0 else { return nil }
        return 100 * Double(respondents) / Double(distributed)
    }
}
