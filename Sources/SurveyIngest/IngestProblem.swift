import SurveyDiagnostics

/// What can be wrong with a data file as a file: its bytes, its quoting, its shape.
///
/// Problems with what the cells *mean* (codes, numbers) belong to the coding stage.
public enum IngestProblem: Diagnosable, Equatable {
    /// The file cannot be opened or read.
    case unreadable(path: String, reason: String)
    /// The file was cut short or rewritten while it was being read.
    case changedWhileRead(path: String)
    /// The file holds no header line at all.
    case empty(path: String)
    /// Bytes that are not valid in the file's encoding.
    case invalidEncoding(SourceLocation, encoding: ResolvedEncoding, byteOffset: Int, bytes: [UInt8])
    /// A quote where strict RFC 4180 allows none (inside an unquoted field, or after a closing quote).
    case strayQuote(SourceLocation, field: Int)
    /// A quoted field that is never closed; the location is where it opens.
    case unterminatedQuote(SourceLocation, field: Int)
    /// Two header cells with the same name.
    case duplicateHeader(SourceLocation, name: String, firstColumn: Int)
    /// A header line and nothing else.
    case noRows(SourceLocation)
    /// A row whose number of fields differs from the header's.
    case fieldCount(SourceLocation, found: Int, expected: Int)

    public var severity: Severity { .error }

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
        case .invalidEncoding(let location, _, _, _), .strayQuote(let location, _),
             .unterminatedQuote(let location, _), .duplicateHeader(let location, _, _),
             .noRows(let location), .fieldCount(let location, _, _):
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
        case .invalidEncoding(_, let encoding, let offset, let bytes):
            "found bytes \(bytes.map { hex($0) }.joined(separator: " ")) at byte offset \(offset) that are not valid \(encoding.rawValue)"
        case .strayQuote(_, let field):
            "found a '\"' inside field \(field) that is not quoted; expected quotes only around a whole field"
        case .unterminatedQuote(_, let field):
            "found a quoted field \(field) that opens here and is never closed; expected a closing '\"'"
        case .duplicateHeader(_, let name, let first):
            "found the column name '\(name)' twice; it is also column \(first)"
        case .noRows:
            "found a header but no rows of answers"
        case .fieldCount(_, let found, let expected):
            "found \(found) fields; expected \(expected) as in the header (line 1)"
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
        case .invalidEncoding(_, let encoding, _, _):
            encoding == .cp932
                ? "save the file again from Excel as 「CSV（コンマ区切り）」 or 「CSV UTF-8」, or set `encoding:` in survey.yaml"
                : "save the file again as UTF-8, or set `encoding: cp932` in survey.yaml if it came from Excel"
        case .strayQuote:
            "put the whole field in quotes and double every quote inside it (\"\"), as Excel does"
        case .unterminatedQuote:
            "add the missing closing quote; a text cell with a line break must be quoted as a whole"
        case .duplicateHeader:
            "rename one of the columns so that every column name is unique"
        case .fieldCount(_, let found, let expected):
            found > expected
                ? "a comma in an answer must be inside quotes; remove the extra cells or quote the answer"
                : "add the missing cells (empty is fine) so that every row has as many cells as the header"
        }
    }

    public var kind: String {
        switch self {
        case .unreadable: "unreadable-file"
        case .changedWhileRead: "file-changed"
        case .empty: "empty-file"
        case .invalidEncoding: "invalid-encoding"
        case .strayQuote: "stray-quote"
        case .unterminatedQuote: "unterminated-quote"
        case .duplicateHeader: "duplicate-header"
        case .noRows: "no-rows"
        case .fieldCount: "field-count"
        }
    }
}

private func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return "0x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
}
