import SurveyStatistics
import SurveyTabulation

/// One wave's summary of a number question (or a scale's score) in a comparison, and its change from the previous wave.
public struct NumberCell: Sendable {
    /// The wave's summary: n, mean, sd, median (with its weighted figures in a weighted wave).
    public var summary: NumberSummary
    /// The change from the previous wave with a summary, if any.
    public var change: MeanChange?

    /// The mean compared: the weighted mean in a weighted wave (`NumberSummary.reportedMean`).
    public var mean: Double? { summary.reportedMean }
    /// The median compared: the weighted median in a weighted wave (`NumberSummary.reportedMedian`).
    public var median: Double? { summary.reportedMedian }
    /// Whether the wave's figures are weighted.
    public var isWeighted: Bool { summary.weighted != nil }
    /// The standard error of the mean: design-based in a weighted wave, else s/√n.
    public var standardError: Double? {
        if let weighted = summary.weighted { return weighted.standardError }
        guard let sd = summary.standardDeviation, summary.n > 0 else { return nil }
        return sd / Double(summary.n).squareRoot()
    }
}

/// A change of mean and median between two waves: Welch's t test of the means between unweighted waves, the
/// design-based z-test (`IndependentDifference`, each wave's SE design-based or s/√n) when a wave is weighted.
public struct MeanChange: Sendable {
    /// The index of the earlier wave.
    public var fromWave: Int
    /// Later mean minus earlier mean, in the question's unit.
    public var meanDifference: Double
    /// Later median minus earlier median.
    public var medianDifference: Double?
    /// Welch's t test with the 95 % interval of the mean difference (nil with fewer than 2 answers in a wave, or
    /// when a wave is weighted).
    public var test: WelchTTest?
    /// When a wave is weighted: the z-test and 95 % interval of the difference of the means.
    public var designTest: IndependentDifference? = nil

    /// The p of the test.
    public var pValue: Double? { designTest?.pValue ?? test?.pValue }
    /// The 95 % interval of the mean difference.
    public var interval: (lower: Double, upper: Double)? {
        if let designTest { return (designTest.lower, designTest.upper) }
        return test.map { ($0.lower, $0.upper) }
    }
    /// Significant at 5 % and the interval excludes 0 (for both tests the two always agree).
    public var isBeyondSamplingError: Bool {
        guard let p = pValue, let interval else { return false }
        return p < 0.05 && (interval.lower > 0 || interval.upper < 0)
    }
    /// Not beyond sampling error: 「誤差の範囲内」.
    public var isWithinSamplingError: Bool { !isBeyondSamplingError }
}

extension NumberCell {
    /// Cells per wave from summaries (nil: not asked, or no answer), each with its change from the previous one,
    /// none between a wave in `weightedBy` (weighted by the question: its mean is the population's) and one not.
    static func cells(_ summaries: [NumberSummary?], weightedBy: Set<Int> = []) -> [NumberCell?] {
        var result: [NumberCell?] = []
        var previous: (index: Int, cell: NumberCell, mean: Double)?
        for (index, summary) in summaries.enumerated() {
            guard let summary, let mean = NumberCell(summary: summary).mean else {
                result.append(nil)
                continue
            }
            var cell = NumberCell(summary: summary)
            if let previous, weightedBy.contains(previous.index) == weightedBy.contains(index) {
                let old = previous.cell
                var change = MeanChange(fromWave: previous.index, meanDifference: mean - previous.mean,
                                        medianDifference: cell.median.flatMap { new in old.median.map { new - $0 } }, test: nil)
                if old.isWeighted || cell.isWeighted {
                    if let oldSE = old.standardError, let newSE = cell.standardError {
                        change.designTest = IndependentDifference(estimate1: previous.mean, standardError1: oldSE,
                                                                  estimate2: mean, standardError2: newSE)
                    }
                } else {
                    let variance = { (s: NumberSummary) in s.standardDeviation.map { $0 * $0 } }
                    if let v1 = variance(old.summary), let v2 = variance(summary) {
                        change.test = WelchTTest(count1: old.summary.n, mean1: previous.mean, variance1: v1,
                                                 count2: summary.n, mean2: mean, variance2: v2)
                    }
                }
                cell.change = change
            }
            result.append(cell)
            previous = (index, cell, mean)
        }
        return result
    }
}
