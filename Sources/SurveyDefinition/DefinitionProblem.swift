import SurveyDiagnostics

/// What can be wrong with a `survey.yaml`: its syntax, its keys, and references between its parts.
public enum DefinitionProblem: Diagnosable, Equatable {
    /// The file cannot be read.
    case unreadable(path: String, reason: String)
    /// The YAML itself is malformed.
    case syntax(SourceLocation, problem: String)
    /// A key that is not part of the format.
    case unknownKey(SourceLocation, key: String, allowed: [String], suggestion: String?)
    /// A value of the wrong kind, e.g. a list where a number was expected.
    case wrongType(SourceLocation, key: String, found: String, expected: String)
    /// A required key that is absent.
    case missingKey(SourceLocation, key: String, context: String)
    /// A value of the right kind that is not allowed.
    case invalidValue(SourceLocation, key: String, found: String, expected: String)
    /// Two questions (defined or derived) with the same id.
    case duplicateID(SourceLocation, id: String, firstLine: Int?)
    /// A reference to a question that does not exist.
    case unknownQuestion(SourceLocation, key: String, id: String, suggestion: String?)
    /// A reference to a code that is not one of the question's choices.
    case unknownCode(SourceLocation, key: String, question: String, code: Int, valid: [Int])
    /// A code of the global `missing` (or `not_asked`, `key`) list that is also a choice code of a question: there
    /// it is 無回答 (非該当) and the choice is not tabulated.
    case missingCodeIsChoice(SourceLocation, code: Int, question: String, label: String, key: String)
    /// A global `missing` or `not_asked` code that is the code of a real answer of a question (a choice whose label
    /// is not a no-answer label): there the choice wins.
    case globalCodeIsAnswer(SourceLocation, code: Int, question: String, label: String, key: String)
    /// A value of `missing` or `not_asked` that cannot be used as written, with the fix.
    case valueListMisuse(SourceLocation, key: String, found: String, expected: String, fix: String)
    /// A battery written or used in a way it cannot be (items without a column, items with choices of their own,
    /// a battery named where a question is needed…), with the fix.
    case batteryMisuse(SourceLocation, battery: String, found: String, expected: String, fix: String)

    public var severity: Severity {
        if case .missingCodeIsChoice = self { return .warning }
        if case .globalCodeIsAnswer = self { return .warning }
        return .error
    }

    public var location: SourceLocation {
        switch self {
        case .unreadable(let path, _): SourceLocation(path: path)
        case .syntax(let l, _), .unknownKey(let l, _, _, _), .wrongType(let l, _, _, _), .missingKey(let l, _, _),
             .invalidValue(let l, _, _, _), .duplicateID(let l, _, _), .unknownQuestion(let l, _, _, _),
             .unknownCode(let l, _, _, _, _), .missingCodeIsChoice(let l, _, _, _, _), .globalCodeIsAnswer(let l, _, _, _, _), .batteryMisuse(let l, _, _, _, _),
             .valueListMisuse(let l, _, _, _, _):
            l
        }
    }

    public var message: String {
        switch self {
        case .unreadable(_, let reason):
            "cannot read the survey definition: \(reason)"
        case .syntax(_, let problem):
            "the YAML is malformed: \(problem)"
        case .unknownKey(_, let key, let allowed, _):
            "found unknown key '\(Excerpt.of(key))'; expected one of \(Excerpt.list(allowed))"
        case .wrongType(_, let key, let found, let expected):
            "found \(Excerpt.of(found)) for '\(Excerpt.of(key))'; expected \(expected)"
        case .missingKey(_, let key, let context):
            "\(Excerpt.of(context)) has no '\(Excerpt.of(key))'; it is required"
        case .invalidValue(_, let key, let found, let expected):
            "found '\(Excerpt.of(found))' for '\(Excerpt.of(key))'; expected \(expected)"
        case .duplicateID(_, let id, let firstLine):
            "found the question id '\(Excerpt.of(id))' twice" + (firstLine.map { "; it is first defined on line \($0)" } ?? "")
        case .unknownQuestion(_, let key, let id, _):
            "found '\(Excerpt.of(id))' in '\(Excerpt.of(key))', which is not a question id"
        case .unknownCode(_, let key, let question, let code, let valid):
            "found code \(code) in '\(Excerpt.of(key))', which is not a choice of '\(Excerpt.of(question))'; expected one of \(Excerpt.list(valid.map(String.init)))"
        case .globalCodeIsAnswer(_, let code, let question, let label, let key):
            "the global \(key) code \(code) is also the code of the answer '\(Excerpt.of(label))' of '\(Excerpt.of(question))'; there it counts as that answer"
        case .missingCodeIsChoice(_, let code, let question, let label, let key):
            "the \(key) code \(code) is also the code of the choice '\(Excerpt.of(label))' of '\(Excerpt.of(question))'; there it is "
                + (key == "missing" ? "無回答" : "非該当") + " and the choice is not tabulated"
        case .valueListMisuse(_, let key, let found, let expected, _):
            "found \(Excerpt.of(found)) in '\(key)'; expected \(expected)"
        case .batteryMisuse(_, let battery, let found, let expected, _):
            "found \(found) in battery '\(Excerpt.of(battery))'; expected \(expected)"
        }
    }

    public var note: String? {
        switch self {
        case .unreadable(let path, _):
            path.hasSuffix("series.yaml") ? "series.yaml, beside the wave folders, must be a readable UTF-8 text file (or absent)"
                : "check the path; a survey folder must hold a survey.yaml that is a readable UTF-8 text file"
        case .syntax:
            "check indentation and that every 'key: value' has a space after the colon"
        case .unknownKey(_, _, _, let suggestion):
            suggestion.map { "did you mean '\(Excerpt.of($0))'?" } ?? "remove the key or check its spelling against the README's survey.yaml reference"
        case .wrongType, .invalidValue:
            "see the survey.yaml reference in the README for the form of this key"
        case .missingKey(_, let key, _):
            "add '\(key): …'"
        case .duplicateID:
            "give every question a unique id"
        case .unknownQuestion(_, _, _, let suggestion):
            suggestion.map { "did you mean '\(Excerpt.of($0))'?" } ?? "use the id of a question under 'questions:' or 'derived:'"
        case .unknownCode:
            "use codes listed under the question's 'choices:'"
        case .batteryMisuse(_, _, _, _, let fix):
            fix
        case .globalCodeIsAnswer(_, let code, let question, _, let key):
            "if \(code) means " + (key == "missing" ? "無回答" : "非該当") + " in '\(Excerpt.of(question))', list it in the question's own '\(key):', which replaces the global list there"
        case .missingCodeIsChoice(_, let code, let question, _, let key):
            "if \(code) is an answer of '\(Excerpt.of(question))', give it its own '\(key):' list without \(code) (e.g. '\(key): []'), which replaces the global one there"
        case .valueListMisuse(_, _, _, _, let fix):
            fix
        }
    }

    public var kind: String {
        switch self {
        case .unreadable: "unreadable-definition"
        case .syntax: "yaml-syntax"
        case .unknownKey: "unknown-key"
        case .wrongType: "wrong-type"
        case .missingKey: "missing-key"
        case .invalidValue: "invalid-value"
        case .duplicateID: "duplicate-id"
        case .unknownQuestion: "unknown-question"
        case .unknownCode: "unknown-code"
        case .missingCodeIsChoice: "missing-code-is-choice"
        case .globalCodeIsAnswer: "global-code-is-answer"
        case .valueListMisuse: "missing-value"
        case .batteryMisuse: "battery"
        }
    }
}
