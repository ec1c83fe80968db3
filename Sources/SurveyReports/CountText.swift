/// Counts as printed in reports: thousands separators from 1,000.
public enum CountText {
    /// `1665` → `1,665`.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
            result.append(character)
        }
        return value < 0 ? "-" + result : result
    }
}

extension PercentText {
    /// The percentage in tenths, rounded half-up exactly as `format` prints it (for comparing printed values).
    ///
    /// tenths = floor(1000·count/base + 1/2) = floor((2000·count + base) / (2·base)), in 128-bit arithmetic so that
    /// no count or base overflows; nil when the base is 0 or the result does not fit an `Int`.
    public static func tenths(count: Int, base: Int) -> Int? {
        scaled(count: count, base: base, by: 1000)
    }

    /// scale·count/base rounded half up, floor((2·scale·count + base) / (2·base)), in 128-bit arithmetic; nil when
    /// the base is 0, a value is negative or the result does not fit an `Int`.
    static func scaled(count: Int, base: Int, by scale: Int) -> Int? {
        guard base > 0, count >= 0, scale >= 0 else { return nil }
        let divisor = UInt64(base) * 2
        let product = UInt64(count).multipliedFullWidth(by: 2 * UInt64(scale))
        let (low, carry) = product.low.addingReportingOverflow(UInt64(base))
        let high = product.high + (carry ? 1 : 0)
        guard high < divisor else { return nil }
        return Int(exactly: divisor.dividingFullWidth((high, low)).quotient)
    }

    /// A percent (or points) in tenths, rounded half away from zero; nil when not finite or beyond ±10^15.
    public static func tenths(percent: Double) -> Int? {
        let tenths = (percent * 10).rounded()
        return abs(tenths) < 1e15 ? Int(exactly: tenths) : nil
    }
}
