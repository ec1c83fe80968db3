import Foundation
import SurveyDiagnostics

/// A condition on one answer that selects respondents: an entry of `filter:` or a `survey report --where`.
///
/// A respondent is kept when every condition holds. A coded question holds when its answer is one of `codes`
/// (a multiple question: when any of them is chosen); a number question when its value lies within the bounds
/// (both inclusive). 無回答 never holds.
public struct RowCondition: Sendable, Equatable {
    /// What the answer must be.
    public enum Test: Sendable, Equatable {
        /// One of these codes (single, scale, derived) or any of them chosen (multiple).
        case codes([Int])
        /// A number within the bounds, each inclusive; nil is unbounded.
        case range(minimum: Double?, maximum: Double?)
    }

    /// The question (defined or derived) whose answer is tested.
    public var question: String
    /// The test.
    public var test: Test
    /// Where the condition is written (`survey.yaml`, or `--where` on the command line).
    public var location: SourceLocation

    /// Creates a condition.
    public init(question: String, test: Test, location: SourceLocation) {
        self.question = question
        self.test = test
        self.location = location
    }

    /// Where a condition given on the command line is reported.
    public static let commandLine = SourceLocation(path: "--where")

    /// Reads `--where`'s `ID=CODE[,CODE…]`, `ID>=NUMBER` or `ID<=NUMBER` (spaces around the parts allowed).
    public static func parse(commandLine text: String) -> Result<RowCondition, DefinitionProblem> {
        let expected = "ID=CODE[,CODE…] (a coded question), ID>=NUMBER or ID<=NUMBER (a number question)"
        let wrong = DefinitionProblem.invalidValue(commandLine, key: "--where", found: text, expected: expected)
        for (symbol, isMinimum) in [(">=", true), ("<=", false)] {
            guard let range = text.range(of: symbol) else { continue }
            let id = text[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            let bound = text[range.upperBound...].trimmingCharacters(in: .whitespaces)
            guard !id.isEmpty, let value = Double(bound), value.isFinite, abs(value) <= DefinitionLimits.largestNumber else {
                return .failure(wrong)
            }
            return .success(RowCondition(question: id, test: isMinimum ? .range(minimum: value, maximum: nil)
                                                               : .range(minimum: nil, maximum: value), location: commandLine))
        }
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return .failure(wrong) }
        let id = parts[0].trimmingCharacters(in: .whitespaces)
        let codeTexts = parts[1].split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let codes = codeTexts.compactMap { Int($0) }
        guard !id.isEmpty, !codes.isEmpty, codes.count == codeTexts.count else { return .failure(wrong) }
        return .success(RowCondition(question: id, test: .codes(codes), location: commandLine))
    }
}
