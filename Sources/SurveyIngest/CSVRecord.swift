/// One data row as read from the file, with where each of its fields stands.
public struct CSVRecord: Sendable, Equatable {
    /// The fields, unquoted, exactly as written (no trimming).
    public var fields: [String]
    /// The physical line (1-based; the header is line 1) on which the record starts.
    public var line: Int
    /// For each field, the physical line on which it starts (differs from `line` after a quoted line break).
    public var fieldLines: [Int]

    /// Creates a record.
    public init(fields: [String], line: Int, fieldLines: [Int]) {
        self.fields = fields
        self.line = line
        self.fieldLines = fieldLines
    }
}

/// What the reader learned about a file: its column names, delimiter and encoding.
public struct CSVHeader: Sendable, Equatable {
    /// The column names, in file order, as written.
    public var names: [String]
    /// `,` or tab, detected from the header line.
    public var delimiter: UInt8
    /// The encoding the file was read in.
    public var encoding: ResolvedEncoding
    /// How many data records were read (those with the wrong number of fields excluded).
    public var recordCount: Int

    /// Creates a header description.
    public init(names: [String], delimiter: UInt8, encoding: ResolvedEncoding, recordCount: Int = 0) {
        self.names = names
        self.delimiter = delimiter
        self.encoding = encoding
        self.recordCount = recordCount
    }
}
