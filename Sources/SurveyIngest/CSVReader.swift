import CLibCSV
import Foundation
import SurveyDiagnostics

/// Reads a delimited text file with libcsv in strict mode, record by record, citing physical lines.
///
/// The file is memory-mapped and fed to libcsv one physical line at a time, so
/// every record and field knows the line it starts on even after quoted line
/// breaks. CP932 and UTF-16 are converted to UTF-8 in bounded chunks first.
/// Problems go to the diagnostics engine; reading continues past rows with the
/// wrong number of fields and stops at the first quoting or encoding error
/// (after which no row boundary can be trusted).
public enum CSVReader {
    /// Reads `path`, calling `body` with the header and then each well-formed data record.
    ///
    /// - Parameters:
    ///   - path: the file to read.
    ///   - displayPath: how diagnostics name the file (defaults to `path`).
    ///   - encoding: the declared encoding (`auto` detects it).
    ///   - headerRows: 1, or 2 for a header on two rows (`TwoRowHeader`: SurveyMonkey), whose names it gives.
    ///   - diagnostics: where problems are recorded.
    ///   - onHeader: receives the column names before any record.
    ///   - body: receives each data record in file order.
    /// - Returns: the header, or nil when the file could not be read at all.
    @discardableResult
    public static func read(
        path: String,
        displayPath: String? = nil,
        encoding: TextEncoding = .auto,
        headerRows: Int = 1,
        diagnostics: inout DiagnosticsEngine,
        onHeader: ([String]) -> Void = { _ in },
        body: (CSVRecord) -> Void
    ) -> CSVHeader? {
        scan(path: path, displayPath: displayPath, encoding: encoding, headerRows: headerRows, diagnostics: &diagnostics,
             onHeader: onHeader) { raw in body(raw.record()) }
    }

    /// Reads `path` like `read`, but hands each data record over as raw UTF-8 bytes, without a `String` per field.
    ///
    /// The record and its byte views are valid only during the call to `body`. Diagnostics,
    /// locations and the returned header are exactly those of `read`.
    @discardableResult
    public static func scan(
        path: String,
        displayPath: String? = nil,
        encoding: TextEncoding = .auto,
        headerRows: Int = 1,
        diagnostics: inout DiagnosticsEngine,
        onHeader: ([String]) -> Void = { _ in },
        body: (CSVRawRecord) -> Void
    ) -> CSVHeader? {
        let shownPath = displayPath ?? path
        let file: MappedFile
        do throws(FileOpeningFailure) {
            file = try MappedFile(path: path)
        } catch {
            diagnostics.emit(IngestProblem.unreadable(path: shownPath, reason: error.reason))
            return nil
        }
        defer { file.close() }
        return scan(file, shownPath: shownPath, encoding: encoding, headerRows: headerRows, diagnostics: &diagnostics,
                    onHeader: onHeader, body: body)
    }

    /// The column names of `path`'s header, read as `scan` reads them and stopping after the first window of the
    /// file (UTF-16: the whole file, converted in one go); nil when the file cannot be read. Problems are left to the
    /// full reading, which reports them.
    public static func header(path: String, encoding: TextEncoding = .auto, headerRows: Int = 1) -> [String]? {
        guard let file = try? MappedFile(path: path) else { return nil }
        defer { file.close() }
        var ignored = DiagnosticsEngine()
        var names: [String]?
        _ = scan(file, shownPath: path, encoding: encoding, headerRows: headerRows, diagnostics: &ignored, onHeader: { names = $0 },
                 body: { _ in }, headerOnly: true)
        return names
    }

    /// `scan` of a file already opened (the tests change it in between); `headerOnly` stops after the window that
    /// holds the header.
    static func scan(
        _ file: some ByteSource,
        shownPath: String,
        encoding: TextEncoding,
        headerRows: Int = 1,
        diagnostics: inout DiagnosticsEngine,
        onHeader: ([String]) -> Void,
        body: (CSVRawRecord) -> Void,
        headerOnly: Bool = false
    ) -> CSVHeader? {
        withoutActuallyEscaping(onHeader) { onHeader in
            let bytes = file.bytes
            let resolved = encoding.resolve(bytes: bytes, release: file.release)
            let plan = ReadingPlan(bytes: bytes, declared: encoding, encoding: resolved)
            let parser = RecordParser(path: shownPath, validateUTF8: plan.validatesUTF8, delimiter: plan.delimiter.delimiter,
                                      headerRows: headerRows, onHeader: onHeader)
            let content = UnsafeRawBufferPointer(rebasing: bytes[plan.bomLength...])
            var transcoder: Transcoder?
            if let name = resolved.iconvName {
                transcoder = Transcoder(from: name)
                guard transcoder != nil else {
                    diagnostics.emit(IngestProblem.unreadable(path: shownPath, reason: "iconv cannot convert \(name)"))
                    return nil
                }
            }
            defer { transcoder?.close() }
            parser.consume(content, range: 0..<content.count, encoding: resolved, bomLength: plan.bomLength,
                           transcoder: transcoder, parsed: {
                file.release(upTo: plan.bomLength + $0.upperBound)
                if file.cutShort || (headerOnly && parser.headerNames != nil) { parser.halt() }
            }, body: body)
            parser.finish(body: body)
            if !parser.stopped { parser.reportBlankColumns() }
            // Whatever was read of a file that changed meanwhile may mix two versions: only that is reported.
            if file.changed {
                diagnostics.emit(IngestProblem.changedWhileRead(path: shownPath))
                return nil
            }
            if plan.delimiter.close, parser.headerNames != nil {
                diagnostics.emit(IngestProblem.delimiterChoice(SourceLocation(path: shownPath, line: 1), plan.delimiter))
            }
            diagnostics.emit(contentsOf: parser.problems.map(Diagnostic.init))
            guard let names = parser.headerNames else {
                if parser.problems.isEmpty { diagnostics.emit(IngestProblem.empty(path: shownPath)) }
                return nil
            }
            if parser.recordCount == 0 && !parser.stopped && parser.fieldCountErrors == 0 {
                diagnostics.emit(IngestProblem.noRows(SourceLocation(path: shownPath, line: 1)))
            }
            return CSVHeader(names: names, delimiter: parser.delimiter, encoding: resolved, recordCount: parser.recordCount)
        }
    }
}

/// The state libcsv's callbacks write into while one file is parsed.
///
/// Fields are appended to one byte arena (no `String` per field); a completed row is a range of
/// field ends in it, handed to the consumer as a `CSVRawRecord` once libcsv returns.
///
/// Its state is only ever touched from the one thread that parses, inside libcsv's callbacks, so the
/// dynamic exclusivity checks of class properties (a third of the time per field) are turned off.
final class RecordParser {
    let path: String
    let validateUTF8: Bool
    @exclusivity(unchecked) private(set) var problems: [IngestProblem] = []
    @exclusivity(unchecked) private(set) var headerNames: [String]?
    @exclusivity(unchecked) private(set) var delimiter: UInt8 = UInt8(ascii: ",")
    @exclusivity(unchecked) private(set) var recordCount = 0
    @exclusivity(unchecked) private(set) var fieldCountErrors = 0
    @exclusivity(unchecked) private(set) var stopped = false
    /// Whether a lone CR (not followed by LF) ended a line: RecordBoundaries' line counts, which know only LF, are off.
    @exclusivity(unchecked) private(set) var sawLoneCR = false
    /// The delimiter the reader chose (`DelimiterChoice`), or nil to decide from the header line alone.
    private let chosenDelimiter: UInt8?
    /// The file offset of the next byte fed (UTF-8 input only: there fed bytes are the file's bytes).
    @exclusivity(unchecked) private var fileOffset = 0

    /// libcsv's state, read per byte: on cache lines of its own, apart from the other parts' parsers.
    private let parser: UnsafeMutablePointer<csv_parser> = {
        let parser = UnsafeMutablePointer<csv_parser>.allocateOnOwnCacheLines(capacity: 1)
        parser.initialize(to: csv_parser())
        return parser
    }()
    @exclusivity(unchecked) private var parserReady = false
    /// Whether libcsv is told that no byte is a space (`noSpace`) rather than using its own test.
    @exclusivity(unchecked) private var noSpaceInstalled = true
    /// With `validateUTF8`: whether lines are checked one by one (for the header, and from the first window
    /// that holds a bad byte on, so that it is reported at its line and column); valid windows are checked whole.
    @exclusivity(unchecked) private var checksLines: Bool
    /// With `validateUTF8`: where the next character to check begins.
    @exclusivity(unchecked) private var validatedEnd = 0
    /// The physical line being fed to libcsv (1-based).
    @exclusivity(unchecked) private var currentLine = 1
    /// The physical line the next byte fed is on.
    var nextLine: Int { currentLine }
    @exclusivity(unchecked) private var atRecordStart = true
    @exclusivity(unchecked) private var recordStartLine = 1
    /// The bytes of the current record so far, to locate an unterminated quote.
    @exclusivity(unchecked) private var recordBytes: [UInt8] = []
    /// A line not yet ended by LF in the chunks seen so far.
    @exclusivity(unchecked) private var pendingLine: [UInt8] = []
    /// The unquoted bytes of every field since the last delivery.
    @exclusivity(unchecked) private var arena = GrowingBuffer<UInt8>()
    /// Per field: the arena offset where it ends (it starts where the previous field ends, or at 0).
    @exclusivity(unchecked) private var fieldEnds = GrowingBuffer<Int>()
    /// Per field: the physical line it starts on.
    @exclusivity(unchecked) private var fieldLines = GrowingBuffer<Int>()
    /// Index in `fieldEnds` of the first field of the row being parsed.
    @exclusivity(unchecked) private var rowStartField = 0
    @exclusivity(unchecked) private var lastFieldEndLine = 1
    /// Completed rows since the last delivery: their first field and line.
    @exclusivity(unchecked) private var completed: [(firstField: Int, endField: Int, line: Int)] = []

    private let onHeader: ([String]) -> Void
    /// How many rows the header takes: 1, or 2 for a `TwoRowHeader` (SurveyMonkey).
    private let headerRows: Int
    /// The first row of a two-row header, and its line, until the second is read.
    @exclusivity(unchecked) private var firstHeaderRow: (names: [String], line: Int)?

    /// libcsv's data pointer when the data fields go straight to a sink (set by `continuation(startingAt:sink:)`):
    /// the sink, this parser and the record's lines.
    @exclusivity(unchecked) private var sinkContext: UnsafeMutablePointer<CSVSinkContext>?

    /// The sink of `sinkContext`, unretained, so that calling it costs no retain (`scanInParallel` keeps it alive).
    private var sink: Unmanaged<CSVFieldSink>? {
        sinkContext.map { Unmanaged<CSVFieldSink>.fromOpaque($0.pointee.sink) }
    }

    init(path: String, validateUTF8: Bool, delimiter: UInt8? = nil, headerRows: Int = 1,
         onHeader: @escaping ([String]) -> Void = { _ in }) {
        self.path = path
        self.headerRows = headerRows
        self.validateUTF8 = validateUTF8
        chosenDelimiter = delimiter
        checksLines = validateUTF8
        self.onHeader = onHeader
    }

    deinit {
        if parserReady { csv_free(parser) }
        parser.deallocate()
        sinkContext?.deallocate()
        arena.free()
        fieldEnds.free()
        fieldLines.free()
    }

    /// A parser for a later part of the same file, starting at physical line `line` on a record boundary,
    /// that knows the header and delimiter this one has read and sends every data field to `sink` as
    /// libcsv ends it, instead of assembling records.
    ///
    /// A record with the wrong number of fields, or a sink that declines a record, stops the reading (the
    /// caller then reads the file in order, which reports it); `problems` stays empty in both cases.
    func continuation(startingAt line: Int, sink: CSVFieldSink) -> RecordParser {
        let next = RecordParser(path: path, validateUTF8: validateUTF8, delimiter: delimiter)
        next.headerNames = headerNames
        let context = UnsafeMutablePointer<CSVSinkContext>.allocateOnOwnCacheLines(capacity: 1)
        context.initialize(to: CSVSinkContext(sink: Unmanaged.passUnretained(sink).toOpaque(), state: sink.state,
                                              parser: Unmanaged.passUnretained(next).toOpaque(),
                                              fieldLimit: headerNames?.count ?? 0, line: line))
        next.sinkContext = context
        next.delimiter = delimiter
        next.prepareParser(delimiter: delimiter)
        next.currentLine = line
        next.recordStartLine = line
        next.lastFieldEndLine = line
        return next
    }

    /// Feeds whole lines of `bytes` until the header has been read: the offset after its last line, or nil
    /// when there is none or a data record came with it (a line ended by CR alone).
    func consumeHeader(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var start = 0
        var delivered = false
        while start < bytes.count, headerNames == nil, !stopped {
            guard let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start) else { return nil }
            let end = base.distance(to: UnsafeRawPointer(found)) + 1
            consume(UnsafeRawBufferPointer(rebasing: bytes[start..<end])) { _ in delivered = true }
            start = end
        }
        // libcsv's state 0 (ROW_NOT_BEGUN): no field open, so the header's quotes are balanced even when a lone
        // CR ended it and something followed on the same line.
        let atRecordBoundary = parser.pointee.pstate == 0 && openFieldCount == 0 && pendingLine.isEmpty
        // A blank header cell needs every record's look at its column (`checkBlankColumns`): read in order.
        return headerNames != nil && !delivered && !stopped && problems.isEmpty && blankColumns.isEmpty && atRecordBoundary ? start : nil
    }

    /// Fields of the row being parsed so far.
    private var openFieldCount: Int { fieldEnds.count - rowStartField }

    /// Splits a chunk of UTF-8 bytes into physical lines and feeds each complete one.
    func consume(_ chunk: UnsafeRawBufferPointer, body: (CSVRawRecord) -> Void) {
        var start = 0
        let count = chunk.count
        let chunkHoldsSpaces = Self.holdsSpaces(chunk)
        let chunkHoldsCR = chunk.baseAddress.map { memchr($0, 0x0D, count) != nil } ?? false
        while start < count, !stopped {
            guard let base = chunk.baseAddress else { return }
            let remaining = count - start
            if let found = memchr(base + start, Int32(UInt8(ascii: "\n")), remaining) {
                let end = base.distance(to: UnsafeRawPointer(found)) + 1
                if pendingLine.isEmpty {
                    feedLines(UnsafeRawBufferPointer(rebasing: chunk[start..<end]), mayHoldSpaces: chunkHoldsSpaces,
                              mayHoldCR: chunkHoldsCR, body: body)
                } else {
                    pendingLine.append(contentsOf: chunk[start..<end])
                    let line = pendingLine
                    pendingLine.removeAll(keepingCapacity: true)
                    line.withUnsafeBytes { feedLines($0, mayHoldSpaces: Self.holdsSpaces($0), mayHoldCR: true, body: body) }
                }
                start = end
            } else {
                pendingLine.append(contentsOf: chunk[start..<count])
                start = count
            }
        }
    }

    /// Feeds `content[range]` (the file's bytes after the BOM) window by window — UTF-8 as it is, CP932
    /// converted by `transcoder` in windows that end at line feeds, UTF-16 converted in one go — and tells
    /// `parsed` each window's range once it is parsed, so that the mapped file can give its pages back.
    /// A byte that cannot be converted ends the reading with a problem where the reader stands.
    func consume(_ content: UnsafeRawBufferPointer, range: Range<Int>, encoding: ResolvedEncoding, bomLength: Int,
                 transcoder: Transcoder?, parsed: (Range<Int>) -> Void, body: (CSVRawRecord) -> Void) {
        guard let transcoder else {
            fileOffset = bomLength + range.lowerBound
            var start = range.lowerBound
            while start < range.upperBound, !stopped {
                let end = min(start + MappedFile.window, range.upperBound)
                if validateUTF8, !(checksLines && start > range.lowerBound) {
                    // One pass over the window instead of a call per line; a character may run past its end.
                    let scan = UTF8Validation.scan(content, from: max(start, validatedEnd), until: end)
                    checksLines = scan.invalid != nil
                    validatedEnd = scan.next
                }
                consume(UnsafeRawBufferPointer(rebasing: content[start..<end]), body: body)
                parsed(start..<end)
                start = end
            }
            return
        }
        let input = UnsafeRawBufferPointer(rebasing: content[range])
        let baseOffset = bomLength + range.lowerBound
        do throws(TranscodingFailure) {
            if encoding == .cp932 {
                var start = range.lowerBound
                try transcoder.convert(input, baseOffset: baseOffset, window: MappedFile.window, reached: { offset in
                    parsed(start..<(range.lowerBound + offset))
                    start = range.lowerBound + offset
                    return !stopped
                }) { chunk in
                    if !stopped { consume(chunk, body: body) }
                }
            } else {
                try transcoder.convert(input, baseOffset: baseOffset) { chunk in
                    if !stopped { consume(chunk, body: body) }
                }
                parsed(range)
            }
        } catch {
            if !stopped { failAtPendingLine(encoding: encoding, byteOffset: error.byteOffset, bytes: error.bytes) }
        }
    }

    /// Feeds the last line (if it has no LF) and ends the parse, reporting an unterminated quote.
    func finish(body: (CSVRawRecord) -> Void) {
        guard !stopped else { return }
        if !pendingLine.isEmpty {
            let line = pendingLine
            pendingLine.removeAll()
            line.withUnsafeBytes { feedLines($0, mayHoldSpaces: Self.holdsSpaces($0), mayHoldCR: true, body: body) }
        }
        guard parserReady, !stopped else { return }
        let callbacks = libcsvCallbacks()
        if csv_fini(parser, callbacks.field, callbacks.row, callbacks.data) != 0 {
            let opening = openingOfCurrentField()
            fail(.unterminatedQuote(opening.location, field: opening.field, character: opening.character))
        }
        deliver(body: body)
        if !stopped { acceptPendingHeaderRow() }
    }

    /// Records a problem that ends the reading of this file.
    func fail(_ problem: IngestProblem) {
        problems.append(problem)
        stopped = true
    }

    /// Ends the reading of this file without a problem of its own (the caller reports why).
    func halt() {
        stopped = true
    }

    /// Ends the reading with bytes that could not be converted, which stand after the converted text not yet fed (the
    /// start of a line): that text is parsed first, so that the problem cites the line and field it stands in.
    private func failAtPendingLine(encoding: ResolvedEncoding, byteOffset: Int, bytes: [UInt8]) {
        let line = pendingLine
        pendingLine.removeAll()
        // What follows the last line break (a lone CR) of the pending text is the bad bytes' own line.
        let lineStart = (line.lastIndex(of: 0x0D).map { $0 + 1 }) ?? 0
        let character = String(decoding: line[lineStart...], as: UTF8.self).unicodeScalars.count + 1
        line.withUnsafeBytes { feedLines($0, mayHoldSpaces: Self.holdsSpaces($0), mayHoldCR: true) { _ in } }
        guard !stopped else { return }
        fail(.invalidEncoding(SourceLocation(path: path, line: currentLine, column: currentFieldNumber), encoding: encoding,
                              byteOffset: byteOffset, bytes: bytes, character: character))
    }

    /// The number (1-based) of the field being parsed.
    private var currentFieldNumber: Int {
        (sinkContext.map { $0.pointee.column } ?? openFieldCount) + 1
    }

    /// Whether `bytes` hold a space or a tab, the only bytes libcsv's own space test would trim.
    private static func holdsSpaces(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        return memchr(base, 0x20, bytes.count) != nil || memchr(base, 0x09, bytes.count) != nil
    }

    /// Tells libcsv that no byte is a space (so nothing is trimmed) when `mayHoldSpaces`; for lines without a
    /// space or tab its built-in test is used instead, which then trims nothing either and costs no call per byte.
    private func setSpaceTest(mayHoldSpaces: Bool) {
        guard mayHoldSpaces != noSpaceInstalled else { return }
        csv_set_space_func(parser, mayHoldSpaces ? noSpace : nil)
        noSpaceInstalled = mayHoldSpaces
    }

    /// Feeds a line ended by LF (or the file's last bytes), split after each lone CR inside it: a lone CR (old Mac,
    /// some Excel exports) ends a line too, for locations as for libcsv. `mayHoldCR`: the bytes may hold a CR at all.
    private func feedLines(_ line: UnsafeRawBufferPointer, mayHoldSpaces: Bool, mayHoldCR: Bool, body: (CSVRawRecord) -> Void) {
        guard mayHoldCR, let base = line.baseAddress else {
            feed(line, mayHoldSpaces: mayHoldSpaces, body: body)
            return
        }
        // A CR right before the final LF is a CRLF line end; any other CR is lone.
        let count = line.count
        let limit = count >= 2 && line[count - 1] == 0x0A && line[count - 2] == 0x0D ? count - 2 : count
        var start = 0
        while start < count, !stopped {
            guard start < limit, let found = memchr(base + start, 0x0D, limit - start) else {
                feed(UnsafeRawBufferPointer(rebasing: line[start..<count]), mayHoldSpaces: mayHoldSpaces, body: body)
                return
            }
            let end = base.distance(to: UnsafeRawPointer(found)) + 1
            if end < count || line[count - 1] != 0x0A { sawLoneCR = true }
            feed(UnsafeRawBufferPointer(rebasing: line[start..<end]), mayHoldSpaces: mayHoldSpaces, body: body)
            start = end
        }
    }

    /// Feeds one physical line (ended by LF, CRLF or a lone CR, or the file's last bytes) to libcsv.
    private func feed(_ line: UnsafeRawBufferPointer, mayHoldSpaces: Bool, body: (CSVRawRecord) -> Void) {
        let lineOffset = fileOffset
        fileOffset &+= line.count
        if checksLines, let bad = UTF8Validation.firstInvalidOffset(in: line) {
            failAtBadUTF8(line, bad: bad, lineOffset: lineOffset, body: body)
            return
        }
        if !parserReady { prepareParser(headerLine: line) }
        if atRecordStart {
            atRecordStart = false
            // A record that a lone CR started on an earlier line is under way: this line, blank or not, belongs to it.
            if !recordUnderWay {
                if isBlank(line) {
                    atRecordStart = true
                    currentLine += 1
                    return
                }
                recordStartLine = currentLine
                lastFieldEndLine = currentLine
                recordBytes.removeAll(keepingCapacity: true)
            }
        }
        if sinkContext == nil { recordBytes.append(contentsOf: line) }
        setSpaceTest(mayHoldSpaces: mayHoldSpaces)
        let callbacks = libcsvCallbacks()
        let parsed = csv_parse(parser, line.baseAddress, line.count, callbacks.field, callbacks.row, callbacks.data)
        if parsed < line.count {
            failAtStrayQuote(line, at: parsed)
            return
        }
        if line.last == 0x0A || line.last == 0x0D { currentLine += 1 }
        deliver(body: body)
    }

    /// Ends the reading at the quote at `line[offset]` that libcsv refused. A quote that closes a quoted field
    /// opened on an earlier line is cited where that field opens (the opening quote is the likelier mistake).
    private func failAtStrayQuote(_ line: UnsafeRawBufferPointer, at offset: Int) {
        let prefix = String(decoding: UnsafeRawBufferPointer(rebasing: line[0..<offset]), as: UTF8.self)
        let character = prefix.unicodeScalars.count + 1
        if sinkContext == nil, line[offset] != 0x22 || (offset > 0 && line[offset - 1] == 0x22) {
            let opening = openingOfCurrentField()
            if opening.location.line ?? currentLine < currentLine {
                // libcsv stops at the byte after the closing quote.
                let following = String(decoding: UnsafeRawBufferPointer(rebasing: line[offset..<min(offset + 1, line.count)]),
                                       as: UTF8.self)
                fail(.quoteClosedLater(opening.location, field: opening.field, character: opening.character,
                                       closingLine: currentLine, following: following))
                return
            }
        }
        fail(.strayQuote(SourceLocation(path: path, line: currentLine, column: currentFieldNumber), field: currentFieldNumber,
                         character: character))
    }

    /// Ends the reading at the byte `line[bad]` that is not UTF-8, citing the field it stands in: the valid bytes before
    /// it are parsed first (they may end records or hold a problem of their own, reported instead).
    private func failAtBadUTF8(_ line: UnsafeRawBufferPointer, bad: Int, lineOffset: Int, body: (CSVRawRecord) -> Void) {
        let prefix = UnsafeRawBufferPointer(rebasing: line[0..<bad])
        let character = String(decoding: prefix, as: UTF8.self).unicodeScalars.count + 1
        if !parserReady { prepareParser(headerLine: line) }
        if atRecordStart, !recordUnderWay {
            atRecordStart = false
            recordStartLine = currentLine
            lastFieldEndLine = currentLine
            recordBytes.removeAll(keepingCapacity: true)
        }
        if sinkContext == nil { recordBytes.append(contentsOf: prefix) }
        let callbacks = libcsvCallbacks()
        let parsed = csv_parse(parser, prefix.baseAddress, prefix.count, callbacks.field, callbacks.row, callbacks.data)
        if parsed < prefix.count {
            failAtStrayQuote(prefix, at: parsed)
            return
        }
        deliver(body: body)
        let location = SourceLocation(path: path, line: currentLine, column: currentFieldNumber)
        let rest = UnsafeRawBufferPointer(rebasing: line[bad...])
        let ends = rest.last == 0x0A || rest.last == 0x0D
        if !ends, UTF8Validation.isCutCharacter(rest, at: 0) {
            fail(.cutCharacter(location, byteOffset: lineOffset + bad, bytes: Array(rest)))
        } else {
            fail(.invalidEncoding(location, encoding: .utf8, byteOffset: lineOffset + bad,
                                  bytes: Array(line[bad..<min(bad + 2, line.count)]), character: character))
        }
    }

    /// libcsv's callbacks and data pointer for the bytes fed next: the sink's field callback and its context (told
    /// the current lines first), or this parser's own, which assemble records.
    private func libcsvCallbacks() -> (field: CSVFieldSink.FieldCallback, row: RowCallback, data: UnsafeMutableRawPointer) {
        if let sink, let sinkContext {
            sinkContext.pointee.currentLine = currentLine
            sinkContext.pointee.recordStartLine = recordStartLine
            return (sink._withUnsafeGuaranteedRef(\.fieldCallback), sinkRowCallback, UnsafeMutableRawPointer(sinkContext))
        }
        return (fieldCallback, rowCallback, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Whether libcsv is inside a record (a field begun or ended since the last record ended).
    private var recordUnderWay: Bool {
        parser.pointee.pstate != 0 || (sinkContext.map { $0.pointee.column > 0 } ?? (openFieldCount > 0))
    }

    private func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
        line.allSatisfy { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }
    }

    private func prepareParser(headerLine: UnsafeRawBufferPointer) {
        if let chosenDelimiter {
            prepareParser(delimiter: chosenDelimiter)
            return
        }
        prepareParser(delimiter: DelimiterChoice(text: headerLine, wholeText: true).delimiter)
    }

    private func prepareParser(delimiter: UInt8) {
        self.delimiter = delimiter
        csv_init(parser, UInt8(CSV_STRICT | CSV_STRICT_FINI))
        csv_set_delim(parser, delimiter)
        // No byte counts as space: nothing around an unquoted field is trimmed, so no answer loses characters.
        csv_set_space_func(parser, noSpace)
        parserReady = true
    }

    fileprivate func endField(_ bytes: UnsafeRawBufferPointer) {
        fieldLines.append(openFieldCount == 0 ? recordStartLine : lastFieldEndLine)
        arena.append(bytes)
        fieldEnds.append(arena.count)
        lastFieldEndLine = currentLine
    }

    fileprivate func endRow() {
        if let sink, let sinkContext {
            // Fields past the header's count were not passed on (`CSVSinkContext.nextField`): such a record stops here.
            let fieldCount = sinkContext.pointee.column
            if fieldCount == sinkContext.pointee.fieldLimit,
               sink._withUnsafeGuaranteedRef({ $0.endRecord(fieldCount: fieldCount, line: recordStartLine) }) {
                recordCount += 1
            } else {
                stopped = true
            }
            sinkContext.pointee.column = 0
            startNextRecordOnCurrentLine()
            sinkContext.pointee.recordStartLine = recordStartLine
            return
        }
        completed.append((rowStartField, fieldEnds.count, recordStartLine))
        rowStartField = fieldEnds.count
        startNextRecordOnCurrentLine()
    }

    /// A record ended: the next one starts on the line being fed (after a lone CR), or on the next line, where
    /// `feed` sets its line again.
    private func startNextRecordOnCurrentLine() {
        atRecordStart = true
        recordStartLine = currentLine
        lastFieldEndLine = currentLine
    }

    private func deliver(body: (CSVRawRecord) -> Void) {
        guard !completed.isEmpty else { return }
        let arenaBytes = UnsafeRawBufferPointer(arena.buffer)
        let ends = fieldEnds.buffer
        let lines = fieldLines.buffer
        for row in completed {
            let record = CSVRawRecord(
                line: row.line, arena: arenaBytes,
                start: row.firstField == 0 ? 0 : ends[row.firstField - 1],
                ends: UnsafeBufferPointer(rebasing: ends[row.firstField..<row.endField]),
                lines: UnsafeBufferPointer(rebasing: lines[row.firstField..<row.endField]))
            accept(record, body: body)
        }
        // Keep the fields of a row still open (after a lone CR ended the previous one on this line).
        let kept = rowStartField
        let keptBytes = kept == 0 ? 0 : fieldEnds[kept - 1]
        arena.removeFirst(keptBytes)
        fieldEnds.removeFirst(kept)
        for index in 0..<fieldEnds.count { fieldEnds[index] -= keptBytes }
        fieldLines.removeFirst(kept)
        rowStartField = 0
        completed.removeAll(keepingCapacity: true)
    }

    private func accept(_ record: CSVRawRecord, body: (CSVRawRecord) -> Void) {
        guard let names = headerNames else {
            acceptHeader(record)
            return
        }
        if record.count != names.count {
            fieldCountErrors += 1
            let column = min(record.count, names.count) + 1
            let line = record.count > names.count
                ? record.fieldLine(names.count) : (record.count > 0 ? record.fieldLine(record.count - 1) : record.line)
            problems.append(.fieldCount(SourceLocation(path: path, line: line, column: column),
                                        found: record.count, expected: names.count))
            return
        }
        recordCount += 1
        if !blankColumns.isEmpty { checkBlankColumns(record) }
        body(record)
    }

    /// Header columns whose name is blank (0-based), and whether a record had a value there.
    @exclusivity(unchecked) private var blankColumns: [(column: Int, hasData: Bool)] = []
    @exclusivity(unchecked) private var headerLine = 1

    /// A value under a blank header is an error (the first per column); such a column is not read.
    private func checkBlankColumns(_ record: CSVRawRecord) {
        for index in blankColumns.indices where !blankColumns[index].hasData {
            let column = blankColumns[index].column
            if !record.field(column).isEmpty {
                blankColumns[index].hasData = true
                problems.append(.blankHeaderOverData(SourceLocation(path: path, line: record.fieldLine(column), column: column + 1),
                                                     value: record.string(column)))
            }
        }
    }

    /// Warnings for the blank header cells whose column was empty in every record (ignored, as Excel's trailing
    /// `ID,q1,,` columns are); called once the file is read.
    func reportBlankColumns() {
        for (column, hasData) in blankColumns where !hasData {
            problems.append(.blankHeaderIgnored(SourceLocation(path: path, line: headerLine, column: column + 1)))
        }
    }

    private func acceptHeader(_ record: CSVRawRecord) {
        let cells = (0..<record.count).map { record.string($0).trimmingCharacters(in: .whitespaces) }
        guard headerRows == 2 else {
            acceptHeader(names: cells, line: record.line, nameLines: Array(repeating: record.line, count: cells.count))
            return
        }
        guard let first = firstHeaderRow else {
            firstHeaderRow = (cells, record.line)
            return
        }
        firstHeaderRow = nil
        if cells.count != first.names.count {
            let line = record.count > 0 ? record.fieldLine(min(record.count, first.names.count) - 1) : record.line
            problems.append(.fieldCount(SourceLocation(path: path, line: line, column: min(record.count, first.names.count) + 1),
                                        found: cells.count, expected: first.names.count))
        }
        // Only the first row's columns: a second row with more cells was reported above.
        let columns = TwoRowHeader.columns(first: first.names, second: cells).prefix(first.names.count)
        acceptHeader(names: columns.map(\.name), line: first.line,
                     nameLines: columns.map { $0.label == nil ? first.line : record.line })
    }

    /// Takes `names` as the header that starts on `line`; a duplicate name is cited on the line of `nameLines`.
    private func acceptHeader(names: [String], line: Int, nameLines: [Int]) {
        var firstColumn: [String: Int] = [:]
        headerLine = line
        for (index, name) in names.enumerated() {
            if name.isEmpty {
                blankColumns.append((index, false))
            } else if let first = firstColumn[name] {
                problems.append(.duplicateHeader(SourceLocation(path: path, line: nameLines[index], column: index + 1),
                                                 name: name, firstColumn: first))
            } else {
                firstColumn[name] = index + 1
            }
        }
        headerNames = names
        onHeader(names)
    }

    /// A two-row header whose second row never came (a file of one line): its first row is the header.
    private func acceptPendingHeaderRow() {
        guard let first = firstHeaderRow else { return }
        firstHeaderRow = nil
        acceptHeader(names: first.names, line: first.line, nameLines: Array(repeating: first.line, count: first.names.count))
    }

    /// Where the field being parsed opened (its line, its number and the character of its line where it opens):
    /// re-parses the current record's bytes to find the byte after the last delimiter. Line breaks are LF, CRLF and
    /// lone CRs, as for `feedLines`.
    private func openingOfCurrentField() -> (location: SourceLocation, field: Int, character: Int) {
        let target = openFieldCount
        let offset = FieldLocator.startOffset(ofField: target, in: recordBytes, delimiter: delimiter)
        var newlines = 0
        var lineStart = 0
        for index in 0..<offset {
            let byte = recordBytes[index]
            if byte == 0x0A || (byte == 0x0D && (index + 1 >= recordBytes.count || recordBytes[index + 1] != 0x0A)) {
                newlines += 1
                lineStart = index + 1
            }
        }
        let character = String(decoding: recordBytes[lineStart..<offset], as: UTF8.self).unicodeScalars.count + 1
        return (SourceLocation(path: path, line: recordStartLine + newlines, column: target + 1), target + 1, character)
    }
}

/// A growable buffer of plain values without Swift's exclusivity checks or copy-on-write, for per-field hot paths.
///
/// Not copy-on-write: copies share the storage, and exactly one owner frees it (`free()`), once: a `RecordParser`
/// its arena (in `deinit`), a `PartCoder` its columns (when they are appended to a store, or in `deinit`), a
/// `ColumnBlock` a column's block it took over (in `deinit`). Package-internal: not part of the library's API.
@_spi(Parts) public struct GrowingBuffer<Element: BitwiseCopyable> {
    @usableFromInline var base: UnsafeMutablePointer<Element>
    @usableFromInline var capacity: Int
    @usableFromInline var stored = 0
    /// Bytes between the allocation and `base` (see `init(capacity:stagger:)`).
    @usableFromInline let offset: Int

    /// An empty buffer with room for `capacity` elements (memory never written is never resident).
    ///
    /// Buffers filled side by side, a row at a time (a part's columns), should each have their own `stagger`
    /// (0, 1, 2, …): the storage then starts `stagger` cache lines into a page. Large allocations all start at
    /// the same offset in a page, so without it the k-th element of every column maps to the same set of the
    /// level-1 cache, which holds only 8 lines of a set: with ~40 columns each store missed the cache (at 1M rows a
    /// part's coding took ~0.1 s more).
    public init(capacity: Int = 1024, stagger: Int = 0) {
        self.capacity = max(capacity, 16)
        offset = (stagger % 64 + 64) % 64 * 64
        base = Self.allocate(self.capacity, offset: offset)
    }

    @usableFromInline static func allocate(_ capacity: Int, offset: Int) -> UnsafeMutablePointer<Element> {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: capacity * MemoryLayout<Element>.stride + offset,
                                                   alignment: max(16, MemoryLayout<Element>.alignment))
        return (raw + offset).bindMemory(to: Element.self, capacity: capacity)
    }

    /// Number of elements.
    @inlinable public var count: Int { stored }

    /// The elements (valid until the next mutation).
    @inlinable public var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: stored) }

    @inlinable public subscript(index: Int) -> Element {
        get { base[index] }
        set { base[index] = newValue }
    }

    @inlinable @inline(__always)
    mutating func reserve(_ needed: Int) {
        if needed > capacity { grow(to: needed) }
    }

    /// Doubles the storage until `needed` elements fit (kept out of line: it runs rarely).
    @usableFromInline @inline(never)
    mutating func grow(to needed: Int) {
        var grown = capacity * 2
        while grown < needed { grown *= 2 }
        let larger = Self.allocate(grown, offset: offset)
        larger.update(from: base, count: stored)
        free()
        base = larger
        capacity = grown
    }

    /// The storage, for a writer that fills elements past `count` itself (valid until the buffer grows or is freed).
    @inlinable public var baseAddress: UnsafeMutablePointer<Element> { base }

    /// Elements that fit without growing.
    @inlinable public var reservedCount: Int { capacity }

    /// Makes room for `needed` elements in all (copying the first `count`).
    public mutating func reserveCapacity(_ needed: Int) { reserve(needed) }

    /// Takes the first `newCount` elements as written (through `baseAddress`; at most `reservedCount`).
    @inlinable public mutating func setCount(_ newCount: Int) {
        assert(newCount <= capacity)
        stored = Swift.min(newCount, capacity)
    }

    /// Appends one element.
    @inlinable @inline(__always)
    public mutating func append(_ value: Element) {
        reserve(stored &+ 1)
        base[stored] = value
        stored &+= 1
    }

    /// Appends bytes.
    @inlinable @inline(__always)
    public mutating func append(_ bytes: UnsafeRawBufferPointer) where Element == UInt8 {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(stored &+ bytes.count)
        UnsafeMutableRawPointer(base + stored).copyMemory(from: source, byteCount: bytes.count)
        stored &+= bytes.count
    }

    /// Drops the first `k` elements, moving the rest to the front.
    public mutating func removeFirst(_ k: Int) {
        if k > 0, k < stored { memmove(base, base + k, (stored - k) * MemoryLayout<Element>.stride) }
        stored -= min(k, stored)
    }

    /// Releases the storage.
    public func free() { (UnsafeMutableRawPointer(base) - offset).deallocate() }
}

/// Finds where a field of a record starts by letting libcsv count the fields, one byte at a time.
///
/// Used only on the error path (an unterminated quote), where the record is already known to be broken.
private enum FieldLocator {
    final class Counter { var fields = 0 }

    static func startOffset(ofField target: Int, in bytes: [UInt8], delimiter: UInt8) -> Int {
        guard target > 0 else { return 0 }
        var parser = csv_parser()
        csv_init(&parser, UInt8(CSV_STRICT))
        csv_set_delim(&parser, delimiter)
        csv_set_space_func(&parser, noSpace)
        defer { csv_free(&parser) }
        let counter = Counter()
        let context = Unmanaged.passUnretained(counter).toOpaque()
        let count: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { _, _, data in
            guard let data else { return }
            Unmanaged<Counter>.fromOpaque(data).takeUnretainedValue().fields += 1
        }
        for index in bytes.indices {
            var byte = bytes[index]
            _ = csv_parse(&parser, &byte, 1, count, nil, context)
            if counter.fields >= target { return index + 1 }
        }
        return 0
    }
}

// libcsv calls these per character, field and record: C functions, called with no thunk in between (closures
// converted to C function pointers were each a jump through a thunk).

/// libcsv's space test: no character is a space, so unquoted fields keep their spaces.
@c(survey_csv_no_space)
private func noSpace(_ character: UInt8) -> Int32 { 0 }

/// libcsv's field callback when the parser assembles records itself: `data` is the parser.
@c(survey_csv_field)
private func fieldCallback(_ bytes: UnsafeMutableRawPointer?, _ length: Int, _ data: UnsafeMutableRawPointer?) {
    guard let data else { return }
    // The parser outlives every csv_parse call that reaches this callback, so no retain is needed per field.
    Unmanaged<RecordParser>.fromOpaque(data)._withUnsafeGuaranteedRef {
        $0.endField(UnsafeRawBufferPointer(start: bytes, count: bytes == nil ? 0 : length))
    }
}

/// libcsv's record callback: the character that ended the record, and the data pointer.
private typealias RowCallback = @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void

/// libcsv's record callback when the parser assembles records itself: `data` is the parser.
@c(survey_csv_record)
private func rowCallback(_ terminator: Int32, _ data: UnsafeMutableRawPointer?) {
    guard let data else { return }
    Unmanaged<RecordParser>.fromOpaque(data)._withUnsafeGuaranteedRef { $0.endRow() }
}

/// libcsv's record callback when fields go to a sink: `data` is the part's `CSVSinkContext`.
@c(survey_csv_sink_record)
private func sinkRowCallback(_ terminator: Int32, _ data: UnsafeMutableRawPointer?) {
    guard let context = data?.assumingMemoryBound(to: CSVSinkContext.self) else { return }
    Unmanaged<RecordParser>.fromOpaque(context.pointee.parser)._withUnsafeGuaranteedRef { $0.endRow() }
}
