/// How serious a problem is: errors stop the run (exit 1), warnings are reported only.
public enum Severity: String, Sendable, Comparable {
    case warning
    case error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .warning && rhs == .error
    }
}

/// A problem found in a survey definition or its data, with what is wrong, where, and how to fix it.
///
/// Each module defines its own typed problems (`DefinitionProblem`, `DataProblem`, …)
/// whose cases carry the location, the bad value and what is allowed; they conform
/// to this protocol so that one engine can collect and print all of them.
public protocol Diagnosable: Error, Sendable {
    /// Error or warning.
    var severity: Severity { get }
    /// Where the problem is, as precisely as known.
    var location: SourceLocation { get }
    /// What is wrong, quoting the bad value and what is expected.
    var message: String { get }
    /// How to fix it, or `nil` when the message says it all.
    var note: String? { get }
    /// A short name for the kind of problem, used to group a summary (e.g. `unknown-choice`).
    var kind: String { get }
}

/// A problem as it is reported: the rendered form of any `Diagnosable`.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    public var note: String?
    public var kind: String

    /// Captures a typed problem.
    public init(_ problem: some Diagnosable) {
        severity = problem.severity
        location = problem.location
        message = problem.message
        note = problem.note
        kind = problem.kind
    }

    /// Creates a diagnostic from its parts.
    public init(severity: Severity, location: SourceLocation, message: String, note: String? = nil, kind: String) {
        self.severity = severity
        self.location = location
        self.message = message
        self.note = note
        self.kind = kind
    }

    /// The compiler-style text: `path:line:column: error: …` and, when there is a fix, a `note:` line.
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let note { text += "\n\(location): note: \(note)" }
        return text
    }
}

/// A thrown set of problems: what a reader throws when it cannot go on.
public struct DiagnosticsError: Error, Sendable {
    /// Every problem found before giving up, in the order found.
    public var diagnostics: [Diagnostic]

    /// Wraps the collected problems.
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}
