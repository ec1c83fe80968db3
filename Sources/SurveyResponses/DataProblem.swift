import SurveyDefinition
import SurveyDiagnostics

/// What can be wrong with the answers in the data files, measured against the survey definition.
public enum DataProblem: Diagnosable, Equatable {
    /// A column named in `survey.yaml` is not in a data file's header.
    case missingColumn(SourceLocation, column: String, file: String, suggestion: String?)
    /// A coded cell holding neither a choice code, a choice label, nor a missing code.
    case unknownChoice(SourceLocation, question: String, column: String, value: String, valid: [Choice])
    /// A flag cell of a multiple question that is neither chosen (1) nor not chosen (0 or blank).
    case invalidFlag(SourceLocation, question: String, column: String, value: String)
    /// A number question's cell that is not a number.
    case notANumber(SourceLocation, question: String, column: String, value: String)
    /// A number question's cell holding a number beyond ±10^15 (or infinity).
    case numberOutOfRange(SourceLocation, question: String, column: String, value: String)
    /// A respondent id seen before.
    case duplicateRespondentID(SourceLocation, id: String, firstLine: Int, firstFile: String)
    /// A row whose every answer is blank; it is not counted as a respondent.
    case blankRow(SourceLocation)
    /// A single-answer cell with two or more codes; counted as 無回答.
    case doubleMarked(SourceLocation, question: String, column: String, value: String)
    /// More answers than `max`; the lowest codes are kept.
    case tooManyAnswers(SourceLocation, question: String, found: Int, max: Int, kept: [Int])
    /// An answer from a respondent outside the question's `asked_if`.
    case ineligibleAnswer(SourceLocation, question: String, condition: String)
    /// `filter:` (or `--where`) keeps none of the wave's respondents.
    case filterKeepsNobody(SourceLocation, respondents: Int)

    public var severity: Severity {
        switch self {
        case .missingColumn, .unknownChoice, .invalidFlag, .notANumber, .numberOutOfRange, .duplicateRespondentID, .filterKeepsNobody: .error
        case .blankRow, .doubleMarked, .tooManyAnswers, .ineligibleAnswer: .warning
        }
    }

    public var location: SourceLocation {
        switch self {
        case .missingColumn(let l, _, _, _), .unknownChoice(let l, _, _, _, _), .invalidFlag(let l, _, _, _),
             .notANumber(let l, _, _, _), .numberOutOfRange(let l, _, _, _), .duplicateRespondentID(let l, _, _, _), .blankRow(let l),
             .doubleMarked(let l, _, _, _), .tooManyAnswers(let l, _, _, _, _), .ineligibleAnswer(let l, _, _),
             .filterKeepsNobody(let l, _):
            l
        }
    }

    public var message: String {
        switch self {
        case .missingColumn(_, let column, let file, _):
            "found no column '\(Excerpt.of(column))' in \(file); expected it in the header line"
        case .unknownChoice(_, let question, let column, let value, let valid):
            "found '\(Excerpt.of(value))' in column '\(Excerpt.of(column))' (question '\(Excerpt.of(question))'); expected one of "
                + Excerpt.list(valid.map { "\($0.code) (\(Excerpt.of($0.label)))" }) + ", or blank for 無回答"
        case .invalidFlag(_, let question, let column, let value):
            "found '\(Excerpt.of(value))' in flag column '\(Excerpt.of(column))' (question '\(Excerpt.of(question))'); expected 1 or the choice's label (chosen), or 0 / blank (not chosen)"
        case .notANumber(_, let question, let column, let value):
            "found '\(Excerpt.of(value))' in column '\(Excerpt.of(column))' (question '\(Excerpt.of(question))'); expected a number or blank"
        case .numberOutOfRange(_, let question, let column, let value):
            "found '\(Excerpt.of(value))' in column '\(Excerpt.of(column))' (question '\(Excerpt.of(question))'); expected a number from -10^15 to 10^15 or blank"
        case .duplicateRespondentID(_, let id, let line, let file):
            "found respondent id '\(Excerpt.of(id))' again; it is first used on line \(line) of \(file)"
        case .blankRow:
            "found a row with every answer blank; it is not counted as a respondent"
        case .doubleMarked(_, let question, let column, let value):
            "found '\(Excerpt.of(value))' in single-answer column '\(Excerpt.of(column))' (question '\(Excerpt.of(question))'); counted as 無回答"
        case .tooManyAnswers(_, let question, let found, let max, let kept):
            "found \(found) answers to question '\(Excerpt.of(question))', which allows \(max); kept \(kept.map(String.init).joined(separator: ", "))"
        case .ineligibleAnswer(_, let question, let condition):
            "found an answer to question '\(Excerpt.of(question))' from a respondent outside its asked_if (\(condition)); it is not counted"
        case .filterKeepsNobody(_, let respondents):
            "the filter keeps none of the \(respondents) respondents read"
        }
    }

    public var note: String? {
        switch self {
        case .missingColumn(_, _, _, let suggestion):
            suggestion.map { "did you mean '\(Excerpt.of($0))'? correct the column name in survey.yaml or in the file's header" }
                ?? "correct the column name in survey.yaml or add the column to the file"
        case .unknownChoice:
            "correct the cell, or add the code to the question's 'choices' in survey.yaml"
        case .invalidFlag:
            "key chosen answers as 1 and leave the others blank or 0"
        case .notANumber:
            "key the number with digits only (no units), or leave the cell blank"
        case .numberOutOfRange:
            "a number this large is a keying or export error (e.g. a cell shown as 1E+19); correct it or leave the cell blank"
        case .duplicateRespondentID:
            "give every respondent a unique id, or remove the duplicated row"
        case .blankRow:
            "delete the empty line from the sheet, or ignore this warning"
        case .doubleMarked:
            "this is the usual rule for a double-marked paper answer; key one code if the questionnaire shows which was meant"
        case .tooManyAnswers:
            "this is the usual keying rule; check the questionnaire if another choice was meant"
        case .ineligibleAnswer:
            "check the respondent's answer to the filter question, or clear this answer"
        case .filterKeepsNobody:
            "check the codes and bounds against the data (`survey check` tabulates the wave without the filter if you remove it)"
        }
    }

    public var kind: String {
        switch self {
        case .missingColumn: "missing-column"
        case .unknownChoice: "unknown-choice"
        case .invalidFlag: "invalid-flag"
        case .notANumber: "not-a-number"
        case .numberOutOfRange: "number-out-of-range"
        case .duplicateRespondentID: "duplicate-respondent-id"
        case .blankRow: "blank-row"
        case .doubleMarked: "double-marked"
        case .tooManyAnswers: "too-many-answers"
        case .ineligibleAnswer: "ineligible-answer"
        case .filterKeepsNobody: "filter-keeps-nobody"
        }
    }
}

/// Where the keying rules (`ResponseCoder.codeSingle` and the others) send the problems of a cell: a file's
/// `DiagnosticsEngine`, or a list that `PartCoder` keeps until its record ends.
package protocol DataProblemSink {
    mutating func report(_ problem: DataProblem)
}

extension DiagnosticsEngine: DataProblemSink {
    package mutating func report(_ problem: DataProblem) { emit(problem) }
}

extension Array: DataProblemSink where Element == DataProblem {
    package mutating func report(_ problem: DataProblem) { append(problem) }
}
