import SurveyDefinition
import SurveyReports
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
    /// Whether the wave is weighted (`weights:`): its shares and means are weighted estimates.
    public var isWeighted: Bool = false
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
/// When a wave is weighted its share enters as its weighted estimate with Rao & Scott's effective counts (n over
/// the design effect of the estimate: `CochranArmitageTest(effectiveSuccesses:effectiveTrials:)`); an unweighted
/// wave's counts enter as they are, so a series without weights gets the plain test.
public struct Trend: Sendable {
    /// Indices (into `SeriesComparison.waves`) of the waves tested, oldest first.
    public var waveIndices: [Int]
    /// The test: χ² with 1 df, p, and the weighted least-squares slope of the share on the order.
    public var test: CochranArmitageTest
    /// Whether a weighted wave entered by its effective counts (the design-based version).
    public var isDesignBased: Bool

    /// The trend of the cells with a base, or nil for fewer than three such waves, no test (all or none chose it), or
    /// waves that are and are not weighted by the question (`WaveCell.isWeightingMargin`).
    public init?(_ cells: [WaveCell?]) {
        let indices = cells.indices.filter { (cells[$0]?.base ?? 0) > 0 }
        guard indices.count >= 3 else { return nil }
        let tested = indices.map { cells[$0]! }
        guard Set(tested.map(\.isWeightingMargin)).count == 1 else { return nil }
        isDesignBased = tested.contains { $0.weighted != nil }
        if isDesignBased {
            let effective = tested.map(\.effectiveCounts)
            guard let test = CochranArmitageTest(effectiveSuccesses: effective.map(\.successes), effectiveTrials: effective.map(\.trials))
            else { return nil }
            self.test = test
        } else {
            guard let test = CochranArmitageTest(successes: tested.map(\.count), trials: tested.map(\.base)) else { return nil }
            self.test = test
        }
        waveIndices = indices
    }

    /// The slope in percentage points per wave.
    public var slopePoints: Double { 100 * test.slope }
    /// Significant at 5 %: the share rises (slope > 0) or falls across the waves.
    public var isSignificant: Bool { test.pValue < 0.05 }
}

/// One wave's value of a compared row, and its change from the previous wave that has one.
public struct WaveCell: Sendable {
    /// Respondents choosing it (unweighted).
    public var count: Int
    /// The base (unweighted respondents).
    public var base: Int
    /// The change from the previous wave with a value, if any.
    public var change: Change?
    /// In a weighted wave: the weighted share and its design-based standard error (nil unweighted).
    public var weighted: WeightedProportion? = nil
    /// Whether the wave's weights are made from this question (its `strata` question or a `rake` margin, or the
    /// question it is derived from): its shares are then the population's by construction, so neither a change nor
    /// a trend is measured between it and a wave not weighted by the question (nil `change`, no `Trend`).
    public var isWeightingMargin = false

    /// The share in percent: the weighted estimate in a weighted wave, else 100·count/base; nil for an empty base.
    public var percent: Double? {
        if let weighted { return 100 * weighted.estimate }
        return base == 0 ? nil : 100 * Double(count) / Double(base)
    }

    /// The share as published, in tenths of a percent (rounded half up, `PercentText.scaled`, as the chart draws it).
    public var tenths: Int? {
        if let percent = weighted.map({ 100 * $0.estimate }) { return PercentText.scaled(.weighted(percent, of: 100), by: 1000) }
        return PercentText.tenths(count: count, base: base)
    }

    /// The standard error of the share (0…1): design-based in a weighted wave, else binomial √(p(1 − p)/n).
    public var standardError: Double? {
        if let weighted { return weighted.standardError }
        guard base > 0 else { return nil }
        let p = Double(count) / Double(base)
        return (p * (1 - p) / Double(base)).squareRoot()
    }

    /// The counts a trend test takes: Rao & Scott's effective counts (p̂·ñ of ñ = p̂(1 − p̂)/v) in a weighted wave
    /// with a variance, otherwise the counts themselves.
    var effectiveCounts: (successes: Double, trials: Double) {
        if let weighted, let se = weighted.standardError, se > 0, weighted.estimate > 0, weighted.estimate < 1 {
            let trials = weighted.estimate * (1 - weighted.estimate) / (se * se)
            return (weighted.estimate * trials, trials)
        }
        if let weighted { return (weighted.estimate * Double(base), Double(base)) }
        return (Double(count), Double(base))
    }
}

/// A change between two waves: the difference in points, its test and the 95 % interval.
///
/// Between two unweighted waves: the pooled two-proportion z-test (R `prop.test`) and the unpooled Wald interval.
/// When either wave is weighted: the difference of the two waves' estimates (weighted where weighted) with
/// SE = √(SE₁² + SE₂²), each wave's SE design-based or binomial (`IndependentDifference`): its z, p and interval.
public struct Change: Sendable {
    /// The index of the earlier wave.
    public var fromWave: Int
    /// Later minus earlier, in percentage points (full precision).
    public var differencePoints: Double
    /// The test (nil when it is undefined, e.g. both shares 0 or 100%); unweighted waves only.
    public var test: TwoProportionZTest?
    /// The 95 % confidence interval of the difference (as a proportion; nil without a base in either wave).
    public var interval: ProportionDifferenceInterval?
    /// When a wave is weighted: the design-based test and interval of the difference (as proportions).
    public var designTest: IndependentDifference?

    /// Compares `count`/`base` with the earlier `previousCount`/`previousBase` (both bases > 0).
    public init(fromWave: Int, previousCount: Int, previousBase: Int, count: Int, base: Int) {
        self.fromWave = fromWave
        differencePoints = 100 * (Double(count) / Double(base) - Double(previousCount) / Double(previousBase))
        test = TwoProportionZTest(successes1: previousCount, trials1: previousBase, successes2: count, trials2: base)
        interval = ProportionDifferenceInterval(successes1: previousCount, trials1: previousBase, successes2: count, trials2: base)
    }

    /// Compares `cell` with the earlier `previous` (both bases > 0): as `init(fromWave:previousCount:…)` when neither
    /// is weighted, else design-based.
    public init(fromWave: Int, previous: WaveCell, cell: WaveCell) {
        self.init(fromWave: fromWave, previousCount: previous.count, previousBase: previous.base, count: cell.count, base: cell.base)
        guard previous.weighted != nil || cell.weighted != nil else { return }
        (test, interval) = (nil, nil)
        differencePoints = (cell.percent ?? 0) - (previous.percent ?? 0)
        if let old = previous.percent, let new = cell.percent, let oldSE = previous.standardError, let newSE = cell.standardError {
            designTest = IndependentDifference(estimate1: old / 100, standardError1: oldSE, estimate2: new / 100, standardError2: newSE)
        }
    }

    /// Whether either wave is weighted (the test and interval are design-based).
    public var isDesignBased: Bool { test == nil && interval == nil && designTest != nil }
    /// The z of the test (pooled for two unweighted waves, design-based otherwise).
    public var z: Double? { designTest?.z ?? test?.z }
    /// The p of the test.
    public var pValue: Double? { designTest?.pValue ?? test?.pValue }
    /// Whether the change is significant at 5%.
    public var isSignificant: Bool { (pValue ?? 1) < 0.05 }
    /// The interval in percentage points.
    public var intervalPoints: (low: Double, high: Double)? {
        if let designTest { return (100 * Swift.max(designTest.lower, -1), 100 * Swift.min(designTest.upper, 1)) }
        return interval.map { (100 * $0.lower, 100 * $0.upper) }
    }
    /// Significant at 5 % and the 95 % interval excludes 0: the only changes a report may call a change (▲/▼).
    public var isBeyondSamplingError: Bool {
        guard isSignificant, let points = intervalPoints else { return false }
        return points.low > 0 || points.high < 0
    }
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
