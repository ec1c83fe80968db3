/// A CSV file as Excel opens it cleanly: UTF-8 with BOM, CRLF line ends, RFC 4180 quoting.
///
/// Cells are typed. A text cell that Excel would read as a formula (it begins with `=`, `+`, `-`, `@`, a tab or a
/// carriage return) gets a leading `'` (OWASP's rule against CSV injection); numbers the tool writes stay numbers.
public struct CSVDocument: Sendable {
    /// The file's bytes so far, BOM first.
    public private(set) var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Starts a document with its header row.
    public init(header: [String]) {
        append(header)
    }

    /// Appends a row of text cells; fields holding a comma, quote or line break are quoted, quotes doubled.
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

        /// Adds a text cell: `'` first when Excel would read it as a formula, quoted when it holds a comma, quote or
        /// line break (by bytes, so a CRLF is found too).
        public mutating func append(_ text: String) {
            appendField(text, neutralised: true)
        }

        /// Adds a number the caller formatted (`-1.96`, `1,665`, `12.3▲`), written as it is unless Excel could read it
        /// as a formula: then it is written as text. A plain decimal number and the tool's `-` for "none" are safe.
        public mutating func append(number text: String) {
            appendField(text, neutralised: !CSVDocument.isSafeNumber(text))
        }

        /// Adds an integer in plain decimal digits.
        public mutating func append(_ integer: Int) {
            appendField(String(integer), neutralised: false)
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
            appendField(value.description, neutralised: false)
        }

        private mutating func appendField(_ field: String, neutralised: Bool) {
            startField()
            var field = field
            field.withUTF8 { utf8 in
                let prefix = neutralised && CSVDocument.startsFormula(utf8)
                guard prefix || utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
                    bytes.append(contentsOf: utf8)
                    return
                }
                let quoted = utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
                if quoted { bytes.append(0x22) }
                if prefix { bytes.append(0x27) }
                for byte in utf8 {
                    bytes.append(byte)
                    if byte == 0x22 { bytes.append(0x22) }
                }
                if quoted { bytes.append(0x22) }
            }
        }
    }

    /// Whether a spreadsheet would start a formula at this cell: it begins with `=`, `+`, `-`, `@`, a tab or a CR.
    static func startsFormula(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = utf8.first else { return false }
        return first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 || first == 0x09 || first == 0x0D
    }

    /// A cell that is a number however a spreadsheet reads it: `-`, or an optional sign, digits (`,` only between
    /// digits), an optional fraction and exponent, e.g. `-1.96`, `+5.2`, `1,665`, `2.5e-07`.
    static func isSafeNumber(_ text: String) -> Bool {
        if text == "-" { return true }
        var rest = Substring(text).utf8[...]
        func skip(_ allowed: (UInt8) -> Bool) -> Bool {
            guard let byte = rest.first, allowed(byte) else { return false }
            rest = rest.dropFirst()
            return true
        }
        func digits() -> Bool {
            guard skip({ (0x30...0x39).contains($0) }) else { return false }
            while skip({ (0x30...0x39).contains($0) }) {}
            return true
        }
        _ = skip { $0 == 0x2B || $0 == 0x2D }
        guard digits() else { return false }
        while skip({ $0 == 0x2C }) { guard digits() else { return false } }
        if skip({ $0 == 0x2E }) { guard digits() else { return false } }
        if skip({ $0 == 0x65 || $0 == 0x45 }) {
            _ = skip { $0 == 0x2B || $0 == 0x2D }
            guard digits() else { return false }
        }
        return rest.isEmpty
    }
}
