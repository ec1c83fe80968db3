/// The documented ranges and limits of `survey.yaml`, `series.yaml` and the data: what is outside them is an error
/// in `survey check`, so that every later stage (coding, counting, formatting) works on values it can hold exactly.
public enum DefinitionLimits {
    /// The largest magnitude of a number (a number cell, a score, a class limit): 10^15, below which every
    /// whole number and every printed digit of a double is exact.
    public static let largestNumber = 1e15
    /// The smallest weight (`weights.column`) and population of a code (`weights.strata`, `weights.rake`): 10^-15,
    /// far above where the squares of weights that every design-based variance sums underflow to 0 (about 10^-154;
    /// below it the tests, marks and effective sample sizes were lost, the report blaming empty cells or lonely strata).
    public static let smallestWeight = 1e-15
    /// The largest choice code, `missing` code or code in `nets`, `scores`, `asked_if`, `groups`, `distributed`.
    public static let largestCode = 999_999_999
    /// The largest count of questionnaires sent out (`fieldwork.distributed`, `districts.distributed`).
    public static let largestCount = 1_000_000_000
    /// The largest `wave` (a fiscal year such as 2023).
    public static let largestWave = 9_999
    /// The most choices of a single or scale question, and the most groups of a derived question.
    public static let mostChoices = 1_000
    /// The most choices of a multiple question (one bit each).
    public static let mostMultipleChoices = 64
    /// The longest id, series name or question id, in characters.
    public static let longestName = 64

    /// The text of `largestNumber` as the errors print it.
    static let largestNumberText = "10^15"
    /// The range of a weight and of a population as the errors print it.
    public static let weightRangeText = "10^-15 to 10^15"

    /// The longest id, series name or question id in UTF-8 bytes (a file name holds at most 255).
    public static let longestNameBytes = 200

    /// What is wrong with `name` as an id, series or wave name, which become file and folder names under `--out`;
    /// nil when it is safe: 1 to 64 characters (200 bytes), no `/ \ : * ? " < > |`, no control characters, not
    /// starting with `.` nor starting or ending with a space. Any other character (Japanese, say) is fine.
    public static func unsafeNameReason(_ name: String) -> String? {
        if name.isEmpty { return "it is empty" }
        if name.count > longestName || name.utf8.count > longestNameBytes {
            return "it is longer than \(longestName) characters (\(longestNameBytes) bytes)"
        }
        if name.hasPrefix(".") { return "it starts with '.'" }
        if name.first?.isWhitespace == true || name.last?.isWhitespace == true { return "it starts or ends with a space" }
        for scalar in name.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { return "it holds a control character" }
            if "/\\:*?\"<>|".unicodeScalars.contains(scalar) { return "it holds '\(scalar)'" }
        }
        return nil
    }

    /// What a safe name is, for error messages.
    static let safeNameText = "a name usable as a file name: 1 to 64 characters, none of / \\ : * ? \" < > | or control characters, not starting with '.'"
}
