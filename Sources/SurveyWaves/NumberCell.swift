import SurveyStatistics
import SurveyTabulation

/// One wave's summary of a number question (or a scale's score) in a comparison, and its change from the previous wave.
public struct NumberCell: Sendable {
    /// The wave's summary: n, mean, sd, median.
    public var summary: NumberSummary
    /// The change from the previous wave with a summary, if any.
    public var change: MeanChange?
}

/// A change of mean and median between two waves, with Welch's t test of the means.
public struct MeanChange: Sendable {
    /// The index of the earlier wave.
    public var fromWave: Int
    /// Later mean minus earlier mean, in the question's unit.
    public var meanDifference: Double
    /// Later median minus earlier median.
    public var medianDifference: Double?
    /// Welch's t test with the 95 % interval of the mean difference (nil with fewer than 2 answers in a wave).
    public var test: WelchTTest?

    /// Significant at 5 % and the interval excludes 0 (for Welch's t the two always agree).
    public var isBeyondSamplingError: Bool {
        guard let test else { return false }
        return test.pValue < 0.05 && (test.lower > 0 || test.upper < 0)
    }
    /// Not beyond sampling error: 「誤差の範囲内」.
    public var isWithinSamplingError: Bool { !isBeyondSamplingError }
}

extension NumberCell {
    /// Cells per wave from summaries (nil: not asked, or no answer), each with its change from the previous one.
    static func cells(_ summaries: [NumberSummary?]) -> [NumberCell?] {
        var result: [NumberCell?] = []
        var previous: (index: Int, summary: NumberSummary, mean: Double)?
        for (index, summary) in summaries.enumerated() {
            guard let summary, let mean = summary.mean else {
                result.append(nil)
                continue
            }
            var change: MeanChange?
            if let previous {
                let variance = { (s: NumberSummary) in s.standardDeviation.map { $0 * $0 } }
                var test: WelchTTest?
                if let v1 = variance(previous.summary), let v2 = variance(summary) {
                    test = WelchTTest(count1: previous.summary.n, mean1: previous.mean, variance1: v1,
                                      count2: summary.n, mean2: mean, variance2: v2)
                }
                let medianDifference = summary.median.flatMap { new in previous.summary.median.map { new - $0 } }
                change = MeanChange(fromWave: previous.index, meanDifference: mean - previous.mean,
                                    medianDifference: medianDifference, test: test)
            }
            result.append(NumberCell(summary: summary, change: change))
            previous = (index, summary, mean)
        }
        return result
    }
}
