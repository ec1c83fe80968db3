import SurveyDiagnostics

/// What can be wrong with a data file as a file: its bytes, its quoting, its shape.
///
/// Problems with what the cells *mean* (codes, numbers) belong to the coding stage. The column of every location is
/// the field's number (1 = Excel's column A), as everywhere in data files; a character position in the line, where
/// it helps, is in the message.
public enum IngestProblem: Diagnosable, Equatable {
    /// The file cannot be opened or read.
    case unreadable(path: String, reason: String)
    /// The file was cut short or rewritten while it was being read.
    case changedWhileRead(path: String)
    /// The file holds no header line at all.
    case empty(path: String)
    /// Bytes that are not valid in the file's encoding; `character` is their position in the line (1-based).
    case invalidEncoding(SourceLocation, encoding: ResolvedEncoding, byteOffset: Int, bytes: [UInt8], character: Int)
    /// UTF-8 text whose last character is cut short by the end of the file (a truncated copy).
    case cutCharacter(SourceLocation, byteOffset: Int, bytes: [UInt8])
    /// A quote where strict RFC 4180 allows none (inside an unquoted field, or after a closing quote on the line
    /// where the quoted field opened); `character` is its position in the line.
    case strayQuote(SourceLocation, field: Int, character: Int)
    /// A quoted field that opens at the location (`character` in its line) and whose closing quote, on line
    /// `closingLine`, is followed by `following` instead of a delimiter or a line end.
    case quoteClosedLater(SourceLocation, field: Int, character: Int, closingLine: Int, following: String)
    /// A quoted field that is never closed; the location is where it opens (`character` in its line).
    case unterminatedQuote(SourceLocation, field: Int, character: Int)
    /// Two header cells with the same name.
    case duplicateHeader(SourceLocation, name: String, firstColumn: Int)
    /// A value in a column whose header cell is blank.
    case blankHeaderOverData(SourceLocation, value: String)
    /// A column whose header cell is blank and that is empty in every record: ignored (a warning).
    case blankHeaderIgnored(SourceLocation)
    /// A header line and nothing else.
    case noRows(SourceLocation)
    /// A row whose number of fields differs from the header's.
    case fieldCount(SourceLocation, found: Int, expected: Int)
    /// The delimiter was chosen where the other one was plausible too (a warning).
    case delimiterChoice(SourceLocation, DelimiterChoice)

    public var severity: Severity {
        switch self {
        case .delimiterChoice, .blankHeaderIgnored: .warning
        default: .error
        }
    }

    /// Whether the problem is bytes not valid in the file's encoding.
    var isInvalidEncoding: Bool {
        if case .invalidEncoding = self { true } else { false }
    }

    /// Whether the problem is a quoted field never closed.
    var isUnterminatedQuote: Bool {
        if case .unterminatedQuote = self { true } else { false }
    }

    public var location: SourceLocation {
        switch self {
        case .unreadable(let path, _), .empty(let path), .changedWhileRead(let path): SourceLocation(path: path)
        case .invalidEncoding(let location, _, _, _, _), .cutCharacter(let location, _, _), .strayQuote(let location, _, _),
             .quoteClosedLater(let location, _, _, _, _), .unterminatedQuote(let location, _, _),
             .duplicateHeader(let location, _, _), .noRows(let location), .blankHeaderOverData(let location, _), .blankHeaderIgnored(let location), .fieldCount(let location, _, _),
             .delimiterChoice(let location, _):
            location
        }
    }

    public var message: String {
        switch self {
        case .unreadable(_, let reason):
            "cannot read the file: \(reason)"
        case .changedWhileRead:
            "the file changed while it was read (it was cut short or written over); what was read cannot be trusted"
        case .empty:
            "the file is empty; expected a header line naming the columns"
        case .invalidEncoding(_, let encoding, let offset, let bytes, let character):
            "found bytes \(hex(bytes)) at byte offset \(offset) (character \(character) of the line) that are not valid \(encoding.rawValue)"
        case .cutCharacter(_, let offset, let bytes):
            "the last line ends in the middle of a UTF-8 character (bytes \(hex(bytes)) at byte offset \(offset)); the file was cut short"
        case .strayQuote(_, let field, let character):
            "found a '\"' inside field \(field) (character \(character) of the line) that is not quoted; expected quotes only around a whole field"
        case .quoteClosedLater(_, let field, let character, let closingLine, let following):
            "found a quoted field \(field) that opens here (character \(character) of the line) and closes on line \(closingLine), "
                + "where '\(following)' follows its closing quote; expected a delimiter or the end of the line after a closing quote"
        case .unterminatedQuote(_, let field, let character):
            "found a quoted field \(field) that opens here (character \(character) of the line) and is never closed; expected a closing '\"'"
        case .duplicateHeader(_, let name, let first):
            "found the column name '\(name)' twice; it is also column \(first)"
        case .blankHeaderOverData(let location, let value):
            "found '\(Excerpt.of(value))' in column \(letters(location)), whose header cell is blank; expected a name in the header above every column that holds answers"
        case .blankHeaderIgnored(let location):
            "column \(letters(location)) has a blank header cell and no values; it is ignored"
        case .noRows:
            "found a header but no rows of answers"
        case .fieldCount(_, let found, let expected):
            "found \(found) fields; expected \(expected) as in the header (line 1)"
        case .delimiterChoice(_, let choice):
            "read the file as \(DelimiterChoice.name(choice.delimiter))-separated: over its first \(choice.records) lines, "
                + "\(DelimiterChoice.name(choice.delimiter))s give \(fields(choice.chosenFields)), "
                + "\(DelimiterChoice.name(choice.other))s \(fields(choice.otherFields))"
        }
    }

    public var note: String? {
        switch self {
        case .unreadable:
            "check the path in survey.yaml's `data:` list: it must name a CSV file that exists and can be read"
        case .changedWhileRead:
            "run again once nothing writes to the file; to replace a data file, copy the new one beside it and rename it over the old"
        case .empty, .noRows:
            "export the sheet again with its header row and data rows"
        case .cutCharacter:
            "copy or export the file again whole: its end is missing"
        case .invalidEncoding(_, let encoding, _, _, _):
            encoding == .cp932
                ? "save the file again from Excel as 「CSV（コンマ区切り）」 or 「CSV UTF-8」, or set `encoding:` in survey.yaml"
                : "save the file again as UTF-8, or set `encoding: cp932` in survey.yaml if it came from Excel"
        case .strayQuote:
            "put the whole field in quotes and double every quote inside it (\"\"), as Excel does"
        case .quoteClosedLater:
            "add the missing closing quote on the line where the field opens, or double every quote inside it (\"\")"
        case .unterminatedQuote:
            "add the missing closing quote; a text cell with a line break must be quoted as a whole"
        case .duplicateHeader:
            "rename one of the columns so that every column name is unique"
        case .blankHeaderOverData:
            "type a name into the column's header cell (and name it in survey.yaml if it is a question), or delete the column"
        case .blankHeaderIgnored:
            nil
        case .fieldCount(_, let found, let expected):
            found > expected
                ? "a comma in an answer must be inside quotes; remove the extra cells or quote the answer"
                : "add the missing cells (empty is fine) so that every row has as many cells as the header"
        case .delimiterChoice:
            "check the columns; if they are wrong, save the sheet again as 「CSV UTF-8（コンマ区切り）」 or as tab-separated text"
        }
    }

    public var kind: String {
        switch self {
        case .unreadable: "unreadable-file"
        case .changedWhileRead: "file-changed"
        case .empty: "empty-file"
        case .invalidEncoding: "invalid-encoding"
        case .cutCharacter: "cut-character"
        case .strayQuote: "stray-quote"
        case .quoteClosedLater: "quote-closed-later"
        case .unterminatedQuote: "unterminated-quote"
        case .duplicateHeader: "duplicate-header"
        case .blankHeaderOverData: "blank-header"
        case .blankHeaderIgnored: "blank-header-column"
        case .noRows: "no-rows"
        case .fieldCount: "field-count"
        case .delimiterChoice: "delimiter-choice"
        }
    }
}

private func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789ABCDEF")
    return bytes.map { "0x" + String(digits[Int($0 >> 4)]) + String(digits[Int($0 & 0x0F)]) }.joined(separator: " ")
}

/// "2 fields" or "1 to 3 fields".
private func fields(_ range: ClosedRange<Int>) -> String {
    range.lowerBound == range.upperBound ? "\(range.lowerBound) field\(range.lowerBound == 1 ? "" : "s") on each"
        : "\(range.lowerBound) to \(range.upperBound) fields"
}

/// A column as the planner finds it: Excel's letters and the field's number, `C (field 3)`.
private func letters(_ location: SourceLocation) -> String {
    let column = location.column ?? 1
    return "\(SourceLocation.columnLetters(column)) (field \(column))"
}
