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
        appendRow { row in
            for field in fields { row.append(field) }
        }
    }

    /// Appends the row that `build` writes field by field (no array of strings, numbers written as bytes).
    public mutating func appendRow(_ build: (inout Row) -> Void) {
        var row = Row(bytes: bytes)
        bytes = []
        build(&row)
        row.bytes.append(0x0D)
        row.bytes.append(0x0A)
        bytes = row.bytes
    }

    /// One row being written: each `append` adds a field, with its comma.
    public struct Row {
        fileprivate var bytes: [UInt8]
        private var isEmpty = true

        fileprivate init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        private mutating func startField() {
            if !isEmpty { bytes.append(0x2C) }
            isEmpty = false
        }

        /// Adds a text field, quoted when it holds a comma, quote or line break (by bytes, so a CRLF is found too).
        public mutating func append(_ field: String) {
            startField()
            var field = field
            field.withUTF8 { utf8 in
                guard utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
                    bytes.append(contentsOf: utf8)
                    return
                }
                bytes.append(0x22)
                for byte in utf8 {
                    bytes.append(byte)
                    if byte == 0x22 { bytes.append(0x22) }
                }
                bytes.append(0x22)
            }
        }

        /// Adds an integer in plain decimal digits.
        public mutating func append(_ integer: Int) {
            append(String(integer))
        }

        /// Adds an integer, or an empty field for nil.
        public mutating func append(_ integer: Int?) {
            if let integer { append(integer) } else { append("") }
        }

        /// Adds the shortest text that reads back as exactly this double (e.g. `33.333333333333336`; whole numbers below 1e15
        /// without a decimal point), empty for nil or a value that is not finite.
        public mutating func append(exact value: Double?) {
            guard let value, value.isFinite else { return append("") }
            if value == value.rounded(), abs(value) < 1e15 { return append(Int(value)) }
            append(value.description)
        }
    }
}
