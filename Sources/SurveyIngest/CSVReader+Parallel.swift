import Dispatch
import Foundation
import SurveyDiagnostics

/// How a large UTF-8 or CP932 file is split between threads.
public struct CSVParallelism: Sendable, Equatable {
    /// The most parts read at once.
    public var parts: Int
    /// The fewest bytes per part; smaller files are read in fewer parts (one part means in order).
    public var minimumPartBytes: Int

    /// Parts up to `parts`, each of at least `minimumPartBytes` bytes.
    public init(parts: Int, minimumPartBytes: Int) {
        self.parts = parts
        self.minimumPartBytes = minimumPartBytes
    }

    /// One part per active core, each of at least 256 KiB (some 1,500 rows of a long questionnaire).
    public static var automatic: CSVParallelism {
        CSVParallelism(parts: max(1, ProcessInfo.processInfo.activeProcessorCount), minimumPartBytes: 256 << 10)
    }
}

extension CSVReader {
    /// Reads a clean UTF-8 or CP932 file in several parts at once, each on its own thread, or returns nil.
    ///
    /// The header is read first (and passed to `onHeader`); the rest is cut after line feeds that end
    /// records (see `RecordBoundaries`). `onParts` is told the size in bytes of each part and returns a
    /// sink per part, which then takes that part's fields in file order (different parts concurrently),
    /// exactly the fields, columns and lines that `scan` gives — the lines of a later part counted from a
    /// provisional first line when the cuts were guessed (only for sinks that say `CSVFieldSink.shiftsLines`), and
    /// moved down by `CSVFieldSink.shiftLines(by:)` once every part has been read.
    ///
    /// The file may be read in parts up to three times (a BOM-less file guessed UTF-8 that turns out CP932, guessed
    /// cuts that turn out wrong or sinks that cannot move their lines): `onHeader` and `onParts` are then called
    /// again, and only the last sinks count.
    ///
    /// Nil means the file was not (wholly) read this way: it is UTF-16, too small to split, or
    /// it has any problem at all (a record with the wrong number of fields, bad quoting, a sink that
    /// declined a record), after which the parts cannot be trusted. The sinks' work must then be dropped
    /// and the file read with `scan`, which reports the problems in order; nothing is emitted here.
    @_spi(Parts) public static func scanInParallel(
        path: String,
        displayPath: String? = nil,
        encoding: TextEncoding = .auto,
        headerRows: Int = 1,
        parallelism: CSVParallelism = .automatic,
        onHeader: ([String]) -> Void = { _ in },
        onParts: ([Int]) -> [CSVFieldSink]
    ) -> CSVHeader? {
        var encoding = encoding
        var guessingCuts = true
        // At most three reads: a UTF-8 guess that turns out CP932, then guessed cuts that turn out wrong.
        for _ in 0..<3 {
            switch readInParts(path: path, displayPath: displayPath, encoding: encoding, headerRows: headerRows, parallelism: parallelism,
                               guessingCuts: guessingCuts, onHeader: onHeader, onParts: onParts) {
            case .read(let header): return header
            case .notUTF8: encoding = .cp932
            case .needsCountedCuts: guessingCuts = false
            }
        }
        return nil
    }

    /// What one read in parts gave: the header (nil: read the file in order), or a reason to read it in parts again.
    private enum PartsRead {
        case read(CSVHeader?)
        /// A BOM-less `auto` file guessed UTF-8 from its first window holds a byte that is not UTF-8: it is CP932.
        case notUTF8
        /// A part before a guessed cut ended inside quotes (the cut was not between records), or a sink cannot move
        /// its lines (`CSVFieldSink.shiftsLines`).
        case needsCountedCuts
    }

    /// One read in parts, with cuts guessed (`RecordBoundaries.likelyCuts`, when every sink moves its lines) or
    /// counted.
    private static func readInParts(
        path: String,
        displayPath: String?,
        encoding: TextEncoding,
        headerRows: Int,
        parallelism: CSVParallelism,
        guessingCuts: Bool,
        onHeader: ([String]) -> Void,
        onParts: ([Int]) -> [CSVFieldSink]
    ) -> PartsRead {
        guard parallelism.parts > 1, encoding != .utf16 else { return .read(nil) }
        let shownPath = displayPath ?? path
        guard let file = try? MappedFile(path: path) else { return .read(nil) }
        defer { file.close() }
        let bytes = file.bytes
        guard bytes.count >= 2 * parallelism.minimumPartBytes else { return .read(nil) }
        let resolved: ResolvedEncoding
        var guessedUTF8 = false
        // The in-order read reports a character cut short at the end (guessed UTF-8 or not).
        guard !UTF8Validation.endsWithCutCharacter(bytes) else { return .read(nil) }
        if encoding == .auto, byteOrderMark(bytes) == nil, bytes.count > MappedFile.window {
            // Decided from the first window, not from a serial pass over the whole file: the parts validate the
            // rest of a UTF-8 guess window by window, and a bad byte anywhere makes the file CP932 (read again).
            guessedUTF8 = UTF8Validation.scan(bytes, from: 0, until: MappedFile.window).invalid == nil
            resolved = guessedUTF8 ? .utf8 : .cp932
        } else {
            resolved = encoding.resolve(bytes: bytes)
        }
        guard resolved.iconvName == nil || resolved == .cp932 else { return .read(nil) }
        let plan = ReadingPlan(bytes: bytes, declared: encoding, encoding: resolved, guessedUTF8: guessedUTF8)
        // A close call between comma and tab is said by the in-order read.
        guard !plan.delimiter.close else { return .read(nil) }
        let content = UnsafeRawBufferPointer(rebasing: bytes[plan.bomLength...])
        return withoutActuallyEscaping(onHeader) { onHeader -> PartsRead in
            let first = RecordParser(path: shownPath, validateUTF8: plan.validatesUTF8, delimiter: plan.delimiter.delimiter,
                                     headerRows: headerRows, onHeader: onHeader)
            guard let headerEnd = readHeader(content, encoding: resolved, into: first) else { return .read(nil) }
            // The header leaves libcsv outside any field, so its quotes are balanced and the cuts can start after it.
            // Lines after it as the parser counts them (a lone CR ends a line too).
            let linesAfterHeader = first.nextLine
            let parts = min(parallelism.parts, (content.count - headerEnd) / max(parallelism.minimumPartBytes, 1))
            // Likely cuts cost nothing before the parts start; the parts' first lines are then known only once each
            // part before has been read (they start at a provisional line 1 and are moved down below). Otherwise,
            // cuts from counting quotes and line feeds up to each target.
            let likely = guessingCuts ? first.headerNames.flatMap { names in
                RecordBoundaries.likelyCuts(in: content, from: headerEnd, parts: parts, delimiter: first.delimiter,
                                            fieldCount: names.count)
            } : nil
            let cuts = likely.map { $0.map { RecordBoundaries.Cut(offset: $0, line: 1) } }
                ?? RecordBoundaries.cuts(in: content, from: headerEnd, startLine: linesAfterHeader, parts: parts)
            guard !cuts.isEmpty else { return .read(nil) }

            let starts = [headerEnd] + cuts.map(\.offset)
            let ends = cuts.map(\.offset) + [content.count]
            let lines = [linesAfterHeader] + cuts.map(\.line)
            let sinks = onParts(zip(starts, ends).map { $1 - $0 })
            guard sinks.count == starts.count else { return .read(nil) }
            if likely != nil, !sinks.allSatisfy(\.shiftsLines) { return .needsCountedCuts }
            let parsers = zip(lines, sinks).map { first.continuation(startingAt: $0, sink: $1) }
            let context = PartsContext(file: file, content: content, parsers: parsers)
            let bomLength = plan.bomLength
            withExtendedLifetime(sinks) {
                DispatchQueue.concurrentPerform(iterations: parsers.count) { part in
                    let parser = context.parsers[part]
                    // A part converts its own range: CP932 never splits a character at a line feed.
                    let transcoder = resolved.iconvName.flatMap(Transcoder.init(from:))
                    defer { transcoder?.close() }
                    if let name = resolved.iconvName, transcoder == nil {
                        parser.fail(.unreadable(path: parser.path, reason: "iconv cannot convert \(name)"))
                        return
                    }
                    parser.consume(context.content, range: starts[part]..<ends[part], encoding: resolved, bomLength: bomLength,
                                   transcoder: transcoder,
                                   parsed: {
                                       context.file.release((bomLength + $0.lowerBound)..<(bomLength + $0.upperBound))
                                       if context.file.cutShort { parser.halt() }
                                   },
                                   body: { _ in })
                    parser.finish { _ in }
                }
            }
            // A file that changed while it was read: read again in order, which says so if it is still changing.
            if file.changed { return .read(nil) }
            // What the whole-file check gives a file with a bad UTF-8 byte anywhere: CP932.
            if guessedUTF8, parsers.contains(where: { $0.problems.contains(where: \.isInvalidEncoding) }) { return .notUTF8 }
            // A part before the last that ends inside quotes: a guessed cut fell inside a quoted field.
            if likely != nil, parsers.dropLast().contains(where: { $0.problems.contains(where: \.isUnterminatedQuote) }) {
                return .needsCountedCuts
            }
            guard parsers.allSatisfy({ $0.problems.isEmpty && !$0.stopped }), let names = first.headerNames else { return .read(nil) }
            // Counted cuts know lines by LF only: after a lone CR in a part before the last, the later parts' lines are off.
            if likely == nil, parsers.dropLast().contains(where: \.sawLoneCR) { return .read(nil) }
            let records = parsers.reduce(0) { $0 + $1.recordCount }
            guard records > 0 else { return .read(nil) }
            if likely != nil {
                // Every part ended outside quotes, so every cut is between records: each part starts where the one
                // before it ended.
                var line = parsers[0].nextLine
                for part in 1..<parsers.count {
                    sinks[part].shiftLines(by: line - lines[part])
                    line += parsers[part].nextLine - lines[part]
                }
            }
            return .read(CSVHeader(names: names, delimiter: first.delimiter, encoding: resolved, recordCount: records))
        }
    }
}

extension CSVReader {
    /// Reads the header record at the start of `content` into `parser`: the offset after it, or nil.
    fileprivate static func readHeader(_ content: UnsafeRawBufferPointer, encoding: ResolvedEncoding,
                                       into parser: RecordParser) -> Int? {
        guard let name = encoding.iconvName else { return parser.consumeHeader(content) }
        guard let end = RecordBoundaries.firstRecordEnd(in: content), let transcoder = Transcoder(from: name) else { return nil }
        defer { transcoder.close() }
        var header: [UInt8] = []
        do throws(TranscodingFailure) {
            try transcoder.convert(UnsafeRawBufferPointer(rebasing: content[..<end]), baseOffset: 0) { header += $0 }
        } catch {
            return nil
        }
        return header.withUnsafeBytes { parser.consumeHeader($0) } == header.count ? end : nil
    }
}

/// What the threads of `scanInParallel` share: each touches only its own parser.
private final class PartsContext: @unchecked Sendable {
    let file: MappedFile
    let content: UnsafeRawBufferPointer
    let parsers: [RecordParser]

    init(file: MappedFile, content: UnsafeRawBufferPointer, parsers: [RecordParser]) {
        self.file = file
        self.content = content
        self.parsers = parsers
    }
}
