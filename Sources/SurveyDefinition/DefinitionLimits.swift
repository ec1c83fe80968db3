/// The documented ranges and limits of `survey.yaml`, `series.yaml` and the data: what is outside them is an error
/// in `survey check`, so that every later stage (coding, counting, formatting) works on values it can hold exactly.
public enum DefinitionLimits {
    /// The largest magnitude of a number (a number cell, a score, a class limit): 10^15, below which every
    /// whole number and every printed digit of a double is exact.
    public static let largestNumber = 1e15
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
}
