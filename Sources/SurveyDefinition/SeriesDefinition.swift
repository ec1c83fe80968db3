import SurveyDiagnostics

/// A survey series' `series.yaml`: how questions match across waves and which plan indicators to evaluate.
public struct SeriesDefinition: Sendable {
    /// The series' title, if given.
    public var title: String?
    /// Matches for questions that changed between waves.
    public var matches: [QuestionMatch]
    /// The plan's 成果指標.
    public var indicators: [Indicator]
    /// The file, as the user named it (empty when there is no `series.yaml`).
    public var path: String

    /// A series without a `series.yaml`: questions match by id, choices by code.
    public static func empty(path: String = "") -> SeriesDefinition {
        SeriesDefinition(title: nil, matches: [], indicators: [], path: path)
    }
}

/// In one wave, a question to compare under another id and/or with its codes mapped.
public struct QuestionMatch: Sendable {
    /// The wave (its `wave` key) the match applies to.
    public var wave: Int
    /// The question's id in that wave.
    public var question: String
    /// The id it compares with (the common id).
    public var commonID: String
    /// This wave's code → the common code; codes not listed keep their value.
    public var choices: [(code: Int, common: Int)]
    /// Where the match is written.
    public var location: SourceLocation
    /// Where each of its keys' values is written (`wave`, `question`, `as`, `choices`), for located problems.
    public var keyLocations: [String: SourceLocation] = [:]

    /// Where `key`'s value is written, else the match itself.
    public func location(of key: String) -> SourceLocation { keyLocations[key] ?? location }
}

/// A 成果指標: the share of a question's base choosing any of some choices, with a baseline and a target.
public struct Indicator: Sendable {
    /// Which way is better.
    public enum Direction: String, Sendable { case up, down }
    /// Where the baseline comes from.
    public enum Baseline: Sendable, Equatable {
        /// The value measured in this wave.
        case wave(Int)
        /// A value from elsewhere (percent), with its year.
        case value(Double, year: Int?)
    }

    /// The indicator's id.
    public var id: String
    /// Its name as the plan prints it, e.g. 地域活動に参加している市民の割合.
    public var name: String
    /// The (common) question id.
    public var question: String
    /// The (common) codes whose share is measured.
    public var choices: [Int]
    /// The baseline.
    public var baseline: Baseline
    /// The target value in percent.
    public var target: Double
    /// The target year, if given.
    public var targetYear: Int?
    /// Which way is better.
    public var direction: Direction
    /// Points within which a change counts as 現状維持.
    public var tolerance: Double
    /// Where the indicator is written.
    public var location: SourceLocation
    /// Where each key's value is written (`question`, `choices`, `baseline.wave`, `baseline.value`, `target.value`,
    /// `direction`, `tolerance`, …), for located problems.
    public var keyLocations: [String: SourceLocation] = [:]

    /// Where `key`'s value is written, else the indicator itself.
    public func location(of key: String) -> SourceLocation { keyLocations[key] ?? location }

    /// Creates an indicator.
    public init(id: String, name: String, question: String, choices: [Int], baseline: Baseline, target: Double,
                targetYear: Int?, direction: Direction, tolerance: Double, location: SourceLocation) {
        self.id = id
        self.name = name
        self.question = question
        self.choices = choices
        self.baseline = baseline
        self.target = target
        self.targetYear = targetYear
        self.direction = direction
        self.tolerance = tolerance
        self.location = location
    }
}
