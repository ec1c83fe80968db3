extension Question {
    /// A number followed by a unit as reports print it: 「5年」「5％」 attached, but 「5 hours」「5 kg」 with a space
    /// when the unit starts with a Latin letter (a word, not a counter suffix); the number alone without a unit.
    public static func withUnit(_ number: String, unit: String?) -> String {
        guard let unit, let first = unit.unicodeScalars.first else { return number }
        let isWord = first.isASCII && first.properties.isAlphabetic
        return number + (isWord ? " " : "") + unit
    }

    /// A number followed by this question's unit (see `withUnit(_:unit:)`).
    public func withUnit(_ number: String) -> String {
        Self.withUnit(number, unit: unit)
    }
}
