/// Percentages as printed in Japanese survey reports: one decimal place, rounded half-up on the exact ratio.
public enum PercentText {
    /// 100·count/base to one decimal, rounded half up in integer arithmetic (12.25 → "12.3"), nil when the base is 0.
    ///
    /// Rounding the exact ratio avoids binary floating point's 12.249999… → 12.2.
    public static func format(count: Int, base: Int) -> String? {
        tenths(count: count, base: base).map(text(tenths:))
    }

    /// Tenths of a percent as printed: 123 → 「12.3」.
    static func text(tenths: Int) -> String {
        "\(tenths / 10).\(tenths % 10)"
    }

    /// A double (a statistic, a mean) to `places` decimals, rounded half away from zero, locale-independent.
    public static func decimal(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        let sign = value < 0 && scaled > 0 ? "-" : ""
        // Beyond 10^15 not every digit is exact: the shortest text that reads back (never a trap on a huge value).
        guard scaled / scale < 1e15, let whole = Int(exactly: (scaled / scale).rounded(.down)) else { return String(value) }
        guard places > 0 else { return sign + String(whole) }
        let fraction = Int(scaled - Double(whole) * scale)
        let digits = String(fraction)
        return sign + String(whole) + "." + String(repeating: "0", count: places - digits.count) + digits
    }

    /// A p-value for people: `< 0.001`, or three significant decimals.
    public static func pValue(_ p: Double) -> String {
        if p < 0.001 { return "< 0.001" }
        return decimal(p, places: 3)
    }
}

extension PercentText {
    /// A number as reports print a value of the data: whole numbers without decimals (「2」, not 「2.00」),
    /// others to `places` decimals (「2.50」).
    public static func number(_ value: Double, places: Int = 2) -> String {
        guard value.isFinite else { return "-" }
        return value == value.rounded() && abs(value) < 1e15 ? decimal(value, places: 0) : decimal(value, places: places)
    }
}

extension PercentText {
    /// A signed figure as differences are printed: 「+1.2」「-0.5」, and 「±0.0」 for one that prints as zero.
    public static func signed(_ value: Double, places: Int) -> String {
        let text = decimal(abs(value), places: places)
        if text.allSatisfy({ $0 == "0" || $0 == "." }) { return "±" + text }
        return (value > 0 ? "+" : "-") + text
    }

    /// The difference new − old of two figures printed by `decimal(_:places:)`: the difference of the printed
    /// figures, at their precision, so that a reader checks it by subtraction (21.65 − 24.74: 「-3.09」).
    public static func difference(from old: Double, to new: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let (oldUnits, newUnits) = ((old * scale).rounded(.toNearestOrAwayFromZero), (new * scale).rounded(.toNearestOrAwayFromZero))
        guard oldUnits.isFinite, newUnits.isFinite else { return "-" }
        return signed((newUnits - oldUnits) / scale, places: places)
    }

    /// The difference new − old of two figures printed by `number(_:places:)`, at the precision they are printed
    /// with: whole when both are whole (medians 17 → 13: 「-4」, not 「-4.00」), else `places` decimals.
    public static func numberDifference(from old: Double, to new: Double, places: Int = 2) -> String {
        let whole = [old, new].allSatisfy { !number($0, places: places).contains(".") }
        return difference(from: old, to: new, places: whole ? 0 : places)
    }
}
