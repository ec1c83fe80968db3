import SurveyDefinition
import SurveyReports
import SurveyStatistics

/// An indicator evaluated in every wave.
public struct IndicatorResult: Sendable {
    /// The indicator as defined.
    public var indicator: Indicator
    /// The baseline in tenths of a percent (as published, one decimal), if known.
    public var baselineTenths: Int?
    /// The wave whose value is the baseline, if it comes from a wave.
    public var baselineWave: Int?
    /// One evaluation per wave of the comparison.
    public var values: [IndicatorValue]
}

/// An indicator's value in one wave and its status.
public struct IndicatorValue: Sendable {
    /// The wave key.
    public var wave: Int
    /// Respondents choosing any of the indicator's choices, and the base; nil when the wave has no data.
    public var count: Int?, base: Int?
    /// The status: 基準, 参考 (before the baseline), 達成, 改善, 現状維持, 悪化 or 判定不可.
    public var status: IndicatorStatus
    /// Percent of the distance from baseline to target covered, nil when undefined.
    public var progress: Double?
    /// The change from the baseline wave with its test and interval (nil when the baseline is not a wave, or this is it).
    public var baselineChange: Change?
    /// The change from the previous wave that has a value, with its test and interval.
    public var previousChange: Change?
    /// In a weighted wave: the weighted share and its design-based standard error (nil unweighted).
    public var weighted: WeightedProportion? = nil

    /// The value in tenths of a percent, as published: the weighted share in a weighted wave.
    public var tenths: Int? {
        guard let count, let base else { return nil }
        return WaveCell(count: count, base: base, weighted: weighted).tenths
    }
}

/// How an indicator stands in a wave.
public enum IndicatorStatus: String, Sendable {
    case baseline = "基準"
    /// A wave fielded before the baseline (its wave, or the year of a baseline value): shown, not judged.
    case beforeBaseline = "参考"
    case achieved = "達成"
    case improved = "改善"
    case unchanged = "現状維持"
    case worsened = "悪化"
    case notJudgeable = "判定不可"
}

extension IndicatorResult {
    /// Evaluates a value against baseline, target and tolerance, all on the published one-decimal values.
    ///
    /// 達成 when the target is met (≥ for `up`, ≤ for `down`), with or without a baseline; otherwise 改善 / 悪化
    /// when the value is better / worse than the baseline by more than the tolerance, else 現状維持; 判定不可
    /// without a value, or without a baseline when the target is not met.
    static func status(value: Int?, baseline: Int?, indicator: Indicator) -> (IndicatorStatus, Double?) {
        guard let value, let target = PercentText.tenths(percent: indicator.target),
              let tolerance = PercentText.tenths(percent: indicator.tolerance) else { return (.notJudgeable, nil) }
        let sign = indicator.direction == .up ? 1 : -1
        guard let baseline else { return ((value - target) * sign >= 0 ? .achieved : .notJudgeable, nil) }
        let progress = target == baseline ? nil : 100 * Double(value - baseline) / Double(target - baseline)
        if (value - target) * sign >= 0 { return (.achieved, progress) }
        let better = (value - baseline) * sign
        if better > tolerance { return (.improved, progress) }
        if better < -tolerance { return (.worsened, progress) }
        return (.unchanged, progress)
    }
}
