/// A CSV file as Excel opens it cleanly: UTF-8 with BOM, CRLF line ends, RFC 4180 quoting.
public struct CSVDocument: Sendable {
    /// The file's bytes so far, BOM first.
    public private(set) var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Starts a document with its header row.
    public init(header: [String]) {
        append(header)
    }

    /// Appends a row; fields holding a comma, quote or line break are quoted, quotes doubled.
    public mutating func append(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(0x2C) }
            bytes.append(contentsOf: Self.quoted(field).utf8)
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }

    static func quoted(_ field: String) -> String {
        // By bytes: cheaper than by characters, and a CRLF (one character) is found too.
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
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
