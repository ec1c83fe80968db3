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
    public static func tenths(count: Int, base: Int) -> Int? {
        guard base > 0, count >= 0 else { return nil }
        return (2000 * count + base) / (2 * base)
    }
}
