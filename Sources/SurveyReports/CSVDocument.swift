/// A CSV file as Excel opens it cleanly: UTF-8 with BOM, CRLF line ends, RFC 4180 quoting.
public struct CSVDocument: Sendable {
    private var text = ""

    /// Starts a document with its header row.
    public init(header: [String]) {
        append(header)
    }

    /// Appends a row; fields holding a comma, quote or line break are quoted, quotes doubled.
    public mutating func append(_ fields: [String]) {
        text += fields.map(Self.quoted).joined(separator: ",") + "\r\n"
    }

    /// The file's bytes, BOM first.
    public var bytes: [UInt8] {
        [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    }

    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Locale-independent number text for machine-readable files.
enum NumberText {
    /// The shortest text that reads back as exactly this double (e.g. `33.333333333333336`), empty for nil.
    static func exact(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }

    /// An integer, empty for nil.
    static func integer(_ value: Int?) -> String {
        value.map(String.init) ?? ""
    }
}
