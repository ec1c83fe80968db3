import SurveyDefinition
import SurveyStatistics
import SurveyTabulation

/// Waves of one series compared question by question, with the plan's indicators evaluated.
public struct SeriesComparison: Sendable {
    /// The series id (folder name or `series:`).
    public var series: String
    /// The series' title.
    public var title: String
    /// The waves, ordered by their `wave` key.
    public var waves: [WaveInfo]
    /// Questions present in two or more waves (every type), in the order of the latest wave's questionnaire.
    public var questions: [ComparedQuestion]
    /// Questions present in only one wave, with that wave.
    public var unmatched: [(id: String, name: String, text: String, waves: [Int])]
    /// The indicators, evaluated for every wave.
    public var indicators: [IndicatorResult]
    /// The indicators evaluated within each district (and each area grouping the districts), for every wave.
    public var indicatorsByBreak: [IndicatorBreak] = []
}

/// An indicator evaluated within one value of an axis (a district, an area).
public struct IndicatorBreak: Sendable {
    /// The axis id (`district`, `area`).
    public var axis: String
    /// The axis' name (the question's label or text, e.g. 地区, 圏域).
    public var axisName: String
    /// The value's code.
    public var value: Int
    /// Its label (中央, 北部).
    public var label: String
    /// The indicator within that value: baseline from the baseline wave's share within it (none when the baseline is
    /// a value from elsewhere: that is the whole city's), statuses by the same rule.
    public var result: IndicatorResult
}

/// One wave of a comparison.
public struct WaveInfo: Sendable, Equatable {
    /// The `wave` key (fiscal year).
    public var key: Int
    /// How reports name it, e.g. 令和5年度調査.
    public var label: String
    /// Respondents.
    public var respondents: Int
}

/// A question matched across waves.
public struct ComparedQuestion: Sendable {
    /// The common id.
    public var id: String
    /// The report name in the latest wave (問4).
    public var name: String
    /// The text in the latest wave.
    public var text: String
    /// Its type.
    public var type: QuestionType
    /// The unit of a number question (the latest wave's), e.g. 年.
    public var unit: String?
    /// Indices (into `SeriesComparison.waves`) of the waves that asked it.
    public var waveIndices: [Int]
    /// Overall, one row per common choice and net, then 無回答 (a text question: its one row, 回答あり).
    public var rows: [ComparedRow]
    /// Overall, per wave: the mean and median of a number question (or a scale's score), nil where it has none.
    public var numbers: [NumberCell?]
    /// By each axis of `breaks` common to those waves, one row set per axis value.
    public var breaks: [ComparedBreak]
    /// What weakens the comparison: changed choices, different eligibility, small bases.
    public var notes: [String]
}

/// A choice or net of a compared question across waves.
public struct ComparedRow: Sendable {
    /// Choice (by common code) or net (by label).
    public var kind: RowKind
    /// The label (the latest wave's).
    public var label: String
    /// One cell per wave of the comparison (nil: not asked, or the choice did not exist then).
    public var cells: [WaveCell?]

    /// The trend across the waves that have the row, when three or more do (nil otherwise, or without a test).
    public var trend: Trend? { Trend(cells) }
}

/// The Cochran–Armitage test for a trend of a row's share across waves, scored by wave order (1, 2, …, k over the
/// waves that have the row), as R's `prop.trend.test(x, n)`.
///
/// Only for three or more waves: with two the test is the pairwise z-test already shown (χ² = z²).
/// The scores are the order, not the years: the example's waves are five years apart, where both give the same test.
public struct Trend: Sendable {
    /// Indices (into `SeriesComparison.waves`) of the waves tested, oldest first.
    public var waveIndices: [Int]
    /// The test: χ² with 1 df, p, and the weighted least-squares slope of the share on the order.
    public var test: CochranArmitageTest

    /// The trend of the cells with a base, or nil for fewer than three such waves or no test (all or none chose it).
    public init?(_ cells: [WaveCell?]) {
        let indices = cells.indices.filter { (cells[$0]?.base ?? 0) > 0 }
        guard indices.count >= 3,
              let test = CochranArmitageTest(successes: indices.map { cells[$0]!.count }, trials: indices.map { cells[$0]!.base })
        else { return nil }
        waveIndices = indices
        self.test = test
    }

    /// The slope in percentage points per wave.
    public var slopePoints: Double { 100 * test.slope }
    /// Significant at 5 %: the share rises (slope > 0) or falls across the waves.
    public var isSignificant: Bool { test.pValue < 0.05 }
}

/// One wave's value of a compared row, and its change from the previous wave that has one.
public struct WaveCell: Sendable {
    /// Respondents choosing it.
    public var count: Int
    /// The base.
    public var base: Int
    /// The change from the previous wave with a value, if any.
    public var change: Change?

    /// 100·count/base, nil for an empty base.
    public var percent: Double? { base == 0 ? nil : 100 * Double(count) / Double(base) }
}

/// A change between two waves: the difference in points, the pooled two-proportion z-test and the 95 % interval.
public struct Change: Sendable {
    /// The index of the earlier wave.
    public var fromWave: Int
    /// Later minus earlier, in percentage points (full precision).
    public var differencePoints: Double
    /// The test (nil when it is undefined, e.g. both shares 0 or 100%).
    public var test: TwoProportionZTest?
    /// The 95 % confidence interval of the difference (as a proportion; nil without a base in either wave).
    public var interval: ProportionDifferenceInterval?

    /// Compares `count`/`base` with the earlier `previousCount`/`previousBase` (both bases > 0).
    public init(fromWave: Int, previousCount: Int, previousBase: Int, count: Int, base: Int) {
        self.fromWave = fromWave
        differencePoints = 100 * (Double(count) / Double(base) - Double(previousCount) / Double(previousBase))
        test = TwoProportionZTest(successes1: previousCount, trials1: previousBase, successes2: count, trials2: base)
        interval = ProportionDifferenceInterval(successes1: previousCount, trials1: previousBase, successes2: count, trials2: base)
    }

    /// Whether the change is significant at 5%.
    public var isSignificant: Bool { (test?.pValue ?? 1) < 0.05 }
    /// The interval in percentage points.
    public var intervalPoints: (low: Double, high: Double)? { interval.map { (100 * $0.lower, 100 * $0.upper) } }
    /// Significant at 5 % and the 95 % interval excludes 0: the only changes a report may call a change (▲/▼).
    public var isBeyondSamplingError: Bool { isSignificant && !(interval?.includesZero ?? true) }
    /// Not beyond sampling error (in particular whenever the interval includes 0): 「誤差の範囲内」.
    public var isWithinSamplingError: Bool { !isBeyondSamplingError }
}

/// A compared question within one value of an axis.
public struct ComparedBreak: Sendable {
    /// The axis id.
    public var axis: String
    /// The axis value's code.
    public var value: Int
    /// Its label.
    public var label: String
    /// The rows within that value.
    public var rows: [ComparedRow]
    /// The mean and median within that value, per wave (number questions and scored scales).
    public var numbers: [NumberCell?]
}
