import SurveyTabulation

extension PercentText {
    /// `share` × `scale` rounded half up, nil over an empty base: exactly in integer arithmetic for counts (as
    /// `tenths(count:base:)`), on the double quotient for weighted sums. Percent text (scale 1000: tenths), chart
    /// bars and segment edges all round a share by this one rule.
    public static func scaled(_ share: ReportedShare, by scale: Int) -> Int? {
        switch share {
        case .counts(let count, let base):
            return scaled(count: count, base: base, by: scale)
        case .weighted(let count, let base):
            guard base > 0, count >= 0, count.isFinite, base.isFinite else { return nil }
            let value = (Double(scale) * count / base).rounded(.toNearestOrAwayFromZero)
            return value < 1e15 ? Int(exactly: value) : nil
        }
    }

    /// The printed percentage of a row in tenths (`FrequencyRow.reportedShare`: weighted when the wave is).
    public static func tenths(_ row: FrequencyRow) -> Int? {
        scaled(row.reportedShare, by: 1000)
    }

    /// The printed percentage of a row, one decimal (「12.3」), nil over an empty base.
    public static func format(_ row: FrequencyRow) -> String? {
        tenths(row).map(text(tenths:))
    }
}
