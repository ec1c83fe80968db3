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
    ///   - diagnostics: where problems are recorded.
    ///   - onHeader: receives the column names before any record.
    ///   - body: receives each data record in file order.
    /// - Returns: the header, or nil when the file could not be read at all.
    @discardableResult
    public static func read(
        path: String,
        displayPath: String? = nil,
        encoding: TextEncoding = .auto,
        diagnostics: inout DiagnosticsEngine,
        onHeader: ([String]) -> Void = { _ in },
        body: (CSVRecord) -> Void
    ) -> CSVHeader? {
        let shownPath = displayPath ?? path
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            diagnostics.emit(IngestProblem.unreadable(path: shownPath, reason: describe(error)))
            return nil
        }
        return withoutActuallyEscaping(onHeader) { onHeader in data.withUnsafeBytes { bytes in
            let resolved = encoding.resolve(bytes: bytes)
            let parser = RecordParser(path: shownPath, validateUTF8: encoding == .utf8, onHeader: onHeader)
            let content = UnsafeRawBufferPointer(rebasing: bytes[resolved.bomLength...])
            if let name = resolved.iconvName {
                guard let transcoder = Transcoder(from: name) else {
                    diagnostics.emit(IngestProblem.unreadable(path: shownPath, reason: "iconv cannot convert \(name)"))
                    return nil
                }
                defer { transcoder.close() }
                do throws(TranscodingFailure) {
                    try transcoder.convert(content, baseOffset: resolved.bomLength) { chunk in
                        parser.consume(chunk, body: body)
                    }
                } catch {
                    if !parser.stopped {
                        parser.fail(.invalidEncoding(
                            parser.currentLocation(), encoding: resolved,
                            byteOffset: error.byteOffset, bytes: error.bytes))
                    }
                }
            } else {
                parser.consume(content, body: body)
            }
            parser.finish(body: body)
            diagnostics.emit(contentsOf: parser.problems.map(Diagnostic.init))
            guard let names = parser.headerNames else {
                if parser.problems.isEmpty { diagnostics.emit(IngestProblem.empty(path: shownPath)) }
                return nil
            }
            if parser.recordCount == 0 && !parser.stopped && parser.fieldCountErrors == 0 {
                diagnostics.emit(IngestProblem.noRows(SourceLocation(path: shownPath, line: 1)))
            }
            return CSVHeader(names: names, delimiter: parser.delimiter, encoding: resolved, recordCount: parser.recordCount)
        } }
    }

    private static func describe(_ error: Error) -> String {
        let nsError = error as NSError
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoSuchFileError {
            return "no such file"
        }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue))
        }
        return nsError.localizedDescription
    }
}

/// The state libcsv's callbacks write into while one file is parsed.
final class RecordParser {
    let path: String
    let validateUTF8: Bool
    private(set) var problems: [IngestProblem] = []
    private(set) var headerNames: [String]?
    private(set) var delimiter: UInt8 = UInt8(ascii: ",")
    private(set) var recordCount = 0
    private(set) var fieldCountErrors = 0
    private(set) var stopped = false

    private var parser = csv_parser()
    private var parserReady = false
    /// The physical line being fed to libcsv (1-based).
    private var currentLine = 1
    private var atRecordStart = true
    private var recordStartLine = 1
    /// The bytes of the current record so far, to locate an unterminated quote.
    private var recordBytes: [UInt8] = []
    /// A line not yet ended by LF in the chunks seen so far.
    private var pendingLine: [UInt8] = []
    private var fields: [String] = []
    private var fieldLines: [Int] = []
    private var lastFieldEndLine = 1
    private var completed: [CSVRecord] = []

    private let onHeader: ([String]) -> Void

    init(path: String, validateUTF8: Bool, onHeader: @escaping ([String]) -> Void = { _ in }) {
        self.path = path
        self.validateUTF8 = validateUTF8
        self.onHeader = onHeader
    }

    deinit {
        if parserReady { csv_free(&parser) }
    }

    /// Splits a chunk of UTF-8 bytes into physical lines and feeds each complete one.
    func consume(_ chunk: UnsafeRawBufferPointer, body: (CSVRecord) -> Void) {
        var start = 0
        let count = chunk.count
        while start < count, !stopped {
            guard let base = chunk.baseAddress else { return }
            let remaining = count - start
            if let found = memchr(base + start, Int32(UInt8(ascii: "\n")), remaining) {
                let end = base.distance(to: UnsafeRawPointer(found)) + 1
                if pendingLine.isEmpty {
                    feed(UnsafeRawBufferPointer(rebasing: chunk[start..<end]), body: body)
                } else {
                    pendingLine.append(contentsOf: chunk[start..<end])
                    let line = pendingLine
                    pendingLine.removeAll(keepingCapacity: true)
                    line.withUnsafeBytes { feed($0, body: body) }
                }
                start = end
            } else {
                pendingLine.append(contentsOf: chunk[start..<count])
                start = count
            }
        }
    }

    /// Feeds the last line (if it has no LF) and ends the parse, reporting an unterminated quote.
    func finish(body: (CSVRecord) -> Void) {
        guard !stopped else { return }
        if !pendingLine.isEmpty {
            let line = pendingLine
            pendingLine.removeAll()
            line.withUnsafeBytes { feed($0, body: body) }
        }
        guard parserReady, !stopped else { return }
        let result = withUnsafeMutablePointer(to: &self.parser) { pointer in
            csv_fini(pointer, fieldCallback, rowCallback, Unmanaged.passUnretained(self).toOpaque())
        }
        if result != 0 {
            fail(.unterminatedQuote(openingOfCurrentField(), field: fields.count + 1))
        }
        deliver(body: body)
    }

    /// Records a problem that ends the reading of this file.
    func fail(_ problem: IngestProblem) {
        problems.append(problem)
        stopped = true
    }

    /// The place reached so far: the current line and the column after what is pending on it.
    func currentLocation() -> SourceLocation {
        let column = String(decoding: pendingLine, as: UTF8.self).unicodeScalars.count + 1
        return SourceLocation(path: path, line: currentLine, column: column)
    }

    private func feed(_ line: UnsafeRawBufferPointer, body: (CSVRecord) -> Void) {
        if validateUTF8, let bad = UTF8Validation.firstInvalidOffset(in: line) {
            let prefix = String(decoding: UnsafeRawBufferPointer(rebasing: line[0..<bad]), as: UTF8.self)
            let location = SourceLocation(path: path, line: currentLine, column: prefix.unicodeScalars.count + 1)
            fail(.invalidEncoding(location, encoding: .utf8, byteOffset: -1,
                                  bytes: Array(line[bad..<min(bad + 2, line.count)])))
            return
        }
        if !parserReady { prepareParser(headerLine: line) }
        if atRecordStart {
            if isBlank(line) {
                currentLine += 1
                return
            }
            atRecordStart = false
            recordStartLine = currentLine
            lastFieldEndLine = currentLine
            recordBytes.removeAll(keepingCapacity: true)
        }
        recordBytes.append(contentsOf: line)
        let parsed = withUnsafeMutablePointer(to: &self.parser) { pointer in
            csv_parse(pointer, line.baseAddress, line.count, fieldCallback, rowCallback,
                      Unmanaged.passUnretained(self).toOpaque())
        }
        if parsed < line.count {
            let prefix = String(decoding: UnsafeRawBufferPointer(rebasing: line[0..<parsed]), as: UTF8.self)
            let location = SourceLocation(path: path, line: currentLine, column: prefix.unicodeScalars.count + 1)
            fail(.strayQuote(location, field: fields.count + 1))
            return
        }
        if line.last == UInt8(ascii: "\n") { currentLine += 1 }
        deliver(body: body)
    }

    private func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
        line.allSatisfy { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }
    }

    private func prepareParser(headerLine: UnsafeRawBufferPointer) {
        let tabs = headerLine.reduce(0) { $0 + ($1 == 0x09 ? 1 : 0) }
        let commas = headerLine.reduce(0) { $0 + ($1 == 0x2C ? 1 : 0) }
        delimiter = tabs > commas ? 0x09 : 0x2C
        csv_init(&parser, UInt8(CSV_STRICT | CSV_STRICT_FINI))
        csv_set_delim(&parser, delimiter)
        // No byte counts as space: nothing around an unquoted field is trimmed, so no answer loses characters.
        csv_set_space_func(&parser, noSpace)
        parserReady = true
    }

    fileprivate func endField(_ bytes: UnsafeRawBufferPointer) {
        fieldLines.append(fields.isEmpty ? recordStartLine : lastFieldEndLine)
        fields.append(String(decoding: bytes, as: UTF8.self))
        lastFieldEndLine = currentLine
    }

    fileprivate func endRow() {
        let record = CSVRecord(fields: fields, line: recordStartLine, fieldLines: fieldLines)
        fields.removeAll(keepingCapacity: true)
        fieldLines.removeAll(keepingCapacity: true)
        atRecordStart = true
        completed.append(record)
    }

    private func deliver(body: (CSVRecord) -> Void) {
        for record in completed {
            guard let names = headerNames else {
                acceptHeader(record)
                continue
            }
            if record.fields.count != names.count {
                fieldCountErrors += 1
                let column = min(record.fields.count, names.count) + 1
                let line = record.fields.count > names.count
                    ? record.fieldLines[names.count] : (record.fieldLines.last ?? record.line)
                problems.append(.fieldCount(SourceLocation(path: path, line: line, column: column),
                                            found: record.fields.count, expected: names.count))
                continue
            }
            recordCount += 1
            body(record)
        }
        completed.removeAll(keepingCapacity: true)
    }

    private func acceptHeader(_ record: CSVRecord) {
        let names = record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var firstColumn: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            if let first = firstColumn[name] {
                problems.append(.duplicateHeader(SourceLocation(path: path, line: record.line, column: index + 1),
                                                 name: name, firstColumn: first))
            } else {
                firstColumn[name] = index + 1
            }
        }
        headerNames = names
        onHeader(names)
    }

    /// Where the field being parsed opened: re-parses the current record's bytes to find the byte after the last delimiter.
    private func openingOfCurrentField() -> SourceLocation {
        let target = fields.count
        let offset = FieldLocator.startOffset(ofField: target, in: recordBytes, delimiter: delimiter)
        let before = recordBytes[0..<offset]
        let newlines = before.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        let column = String(decoding: recordBytes[lineStart..<offset], as: UTF8.self).unicodeScalars.count + 1
        return SourceLocation(path: path, line: recordStartLine + newlines, column: column)
    }
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

private let noSpace: @convention(c) (UInt8) -> Int32 = { _ in 0 }

private let fieldCallback: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { bytes, length, data in
    guard let data else { return }
    let parser = Unmanaged<RecordParser>.fromOpaque(data).takeUnretainedValue()
    parser.endField(UnsafeRawBufferPointer(start: bytes, count: bytes == nil ? 0 : length))
}

private let rowCallback: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { _, data in
    guard let data else { return }
    Unmanaged<RecordParser>.fromOpaque(data).takeUnretainedValue().endRow()
}
