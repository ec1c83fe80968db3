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

/// One data row as raw UTF-8 bytes, valid only during the `CSVReader.scan` callback that receives it.
///
/// Lets a consumer code the cells straight from the bytes, without a `String` per field.
public struct CSVRawRecord {
    /// The physical line (1-based; the header is line 1) on which the record starts.
    public let line: Int
    private let arena: UnsafeRawBufferPointer
    private let start: Int
    private let ends: UnsafeBufferPointer<Int>
    private let lines: UnsafeBufferPointer<Int>

    init(line: Int, arena: UnsafeRawBufferPointer, start: Int, ends: UnsafeBufferPointer<Int>, lines: UnsafeBufferPointer<Int>) {
        self.line = line
        self.arena = arena
        self.start = start
        self.ends = ends
        self.lines = lines
    }

    /// The number of fields.
    public var count: Int { ends.count }

    /// The unquoted bytes of field `index` (0-based), exactly as written.
    @inline(__always)
    public func field(_ index: Int) -> UnsafeRawBufferPointer {
        let from = index == 0 ? start : ends[index - 1]
        return UnsafeRawBufferPointer(rebasing: arena[from..<ends[index]])
    }

    /// The physical line on which field `index` starts.
    public func fieldLine(_ index: Int) -> Int { lines[index] }

    /// Field `index` as text.
    public func string(_ index: Int) -> String { String(decoding: field(index), as: UTF8.self) }

    /// The record as strings, to keep beyond the callback.
    public func record() -> CSVRecord {
        CSVRecord(fields: (0..<count).map(string), line: line, fieldLines: Array(lines))
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

/// Takes the fields of each data record as libcsv ends them, without a record being assembled.
///
/// For readers that code every cell at once (see `CSVReader.scanInParallel`). A class rather than a protocol so
/// that the parser can call it per field without retaining it. The bytes of a field are valid only during the
/// call that receives them.
///
/// By default libcsv's field callback calls `field(_:_:line:)` (a dynamic call per field). A subclass on a hot
/// path passes its own `FieldCallback` instead: a C function that finds the field's column and line with
/// `CSVSinkContext.nextField()` and the sink in `CSVSinkContext.sink`, so that its field code can be inlined
/// into the callback itself. Such a callback can reach state of its own without touching the sink object at
/// all through `CSVSinkContext.state` (the `state` given at init).
@_spi(Parts) open class CSVFieldSink: @unchecked Sendable {
    /// libcsv's field callback: the field's bytes (nil when empty), their count, and a pointer to the
    /// `CSVSinkContext` of the part being read.
    public typealias FieldCallback = @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void

    /// The callback libcsv calls per field of this sink's part.
    public let fieldCallback: FieldCallback
    /// Passed to `fieldCallback` as `CSVSinkContext.state` (owned by the sink).
    public let state: UnsafeMutableRawPointer?

    /// A sink whose fields arrive through `fieldCallback` (by default, through `field(_:_:line:)`), which finds
    /// `state` in its context.
    public init(fieldCallback: FieldCallback = CSVFieldSink.callingField, state: UnsafeMutableRawPointer? = nil) {
        self.fieldCallback = fieldCallback
        self.state = state
    }

    /// Field `column` (0-based) of the current record, which starts on physical `line`.
    open func field(_ column: Int, _ bytes: UnsafeRawBufferPointer, line: Int) {}

    /// The current record ended after `fieldCount` fields (as many as the header has); it started on
    /// physical `line`. Returns false to stop reading.
    open func endRecord(fieldCount: Int, line: Int) -> Bool { false }

    /// Whether this sink moves the lines it keeps in `shiftLines(by:)` (false by default): only then may its part
    /// start at a guessed cut, with lines counted from a provisional first line.
    open var shiftsLines: Bool { false }

    /// The part was read from a provisional first line: every line given to this sink is `delta` lines further
    /// down. Called once, after every part was read without a problem, on sinks that say `shiftsLines`.
    open func shiftLines(by delta: Int) {}

    /// The default callback: passes each field within the header's count to `field(_:_:line:)`.
    public static var callingField: FieldCallback { callSinkField }
}

/// `CSVFieldSink.callingField`, a C function (libcsv calls it with no thunk in between).
@c(survey_csv_sink_field)
private func callSinkField(_ bytes: UnsafeMutableRawPointer?, _ length: Int, _ data: UnsafeMutableRawPointer?) {
    guard let context = data?.assumingMemoryBound(to: CSVSinkContext.self),
          let (column, line) = context.pointee.nextField() else { return }
    Unmanaged<CSVFieldSink>.fromOpaque(context.pointee.sink)._withUnsafeGuaranteedRef {
        $0.field(column, UnsafeRawBufferPointer(start: bytes, count: bytes == nil ? 0 : length), line: line)
    }
}

/// What a sink's field callback receives as libcsv's data pointer: its sink and where the record stands.
///
/// The parser of the part keeps the lines current; the callback advances the column with `nextField()`.
@_spi(Parts) public struct CSVSinkContext {
    /// The sink (unretained: `scanInParallel` keeps it alive while libcsv runs).
    public let sink: UnsafeMutableRawPointer
    /// The sink's own state (`CSVFieldSink.state`).
    public let state: UnsafeMutableRawPointer?
    /// The parser of the part (unretained), for libcsv's record callback.
    let parser: UnsafeMutableRawPointer
    /// The header's number of fields: the most a record can pass to the sink.
    @usableFromInline let fieldLimit: Int
    /// The field of the current record that libcsv ends next (0-based).
    @usableFromInline var column = 0
    /// The physical line being fed to libcsv (1-based).
    @usableFromInline var currentLine: Int
    /// The physical line the current record starts on.
    @usableFromInline var recordStartLine: Int
    /// The physical line on which the previous field of the record ended (where the next one starts).
    @usableFromInline var lastFieldEndLine: Int

    init(sink: UnsafeMutableRawPointer, state: UnsafeMutableRawPointer?, parser: UnsafeMutableRawPointer,
         fieldLimit: Int, line: Int) {
        self.sink = sink
        self.state = state
        self.parser = parser
        self.fieldLimit = fieldLimit
        currentLine = line
        recordStartLine = line
        lastFieldEndLine = line
    }

    /// The column of the field libcsv ends next (0-based), and whether the header has such a column.
    @inlinable public var nextColumn: (column: Int, withinHeader: Bool) { (column, column < fieldLimit) }

    /// The column and starting line of the field libcsv has just ended, moving on to the next field; nil for a
    /// field past the header's count (the record then stops the reading when it ends).
    @inlinable @inline(__always)
    public mutating func nextField() -> (column: Int, line: Int)? {
        let column = self.column
        let line = column == 0 ? recordStartLine : lastFieldEndLine
        self.column = column &+ 1
        lastFieldEndLine = currentLine
        return column < fieldLimit ? (column, line) : nil
    }
}

extension CSVFieldSink {
    /// Passes fields of `record` (read in order by `CSVReader.scan`) to this sink as a part's parser passes them,
    /// then ends the record, so that one sink codes a file read in order and the parts of one read in parallel.
    ///
    /// `columns` pairs each column of the sink (its `CSVSinkContext` column, below `columnCount`) with the record's
    /// field that goes there: a sink may take a field twice or not at all. Returns `endRecord`'s answer.
    package func take(_ record: CSVRawRecord, columns: [(sink: Int, field: Int)], columnCount: Int) -> Bool {
        let opaque = Unmanaged.passUnretained(self).toOpaque()
        var context = CSVSinkContext(sink: opaque, state: state, parser: opaque, fieldLimit: columnCount, line: record.line)
        let callback = fieldCallback
        withUnsafeMutablePointer(to: &context) { context in
            for (column, field) in columns {
                let bytes = record.field(field), line = record.fieldLine(field)
                context.pointee.column = column
                context.pointee.recordStartLine = line
                context.pointee.lastFieldEndLine = line
                context.pointee.currentLine = line
                callback(bytes.isEmpty ? nil : UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count,
                         UnsafeMutableRawPointer(context))
            }
        }
        return endRecord(fieldCount: columnCount, line: record.line)
    }
}
