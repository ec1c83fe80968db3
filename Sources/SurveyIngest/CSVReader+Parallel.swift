import Dispatch
import Foundation
import SurveyDiagnostics

/// How a large UTF-8 file is split between threads.
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
    /// Reads a clean UTF-8 file in several parts at once, each on its own thread, or returns nil.
    ///
    /// The header is read first (and passed to `onHeader`); the rest is cut after line feeds that end
    /// records (see `RecordBoundaries`). `onParts` is told the size in bytes of each part and returns a
    /// sink per part, which then takes that part's fields in file order (different parts concurrently),
    /// exactly the fields, columns and lines that `scan` gives.
    ///
    /// Nil means the file was not (wholly) read this way: it is CP932 or UTF-16, too small to split, or
    /// it has any problem at all (a record with the wrong number of fields, bad quoting, a sink that
    /// declined a record), after which the parts cannot be trusted. The sinks' work must then be dropped
    /// and the file read with `scan`, which reports the problems in order; nothing is emitted here.
    public static func scanInParallel(
        path: String,
        displayPath: String? = nil,
        encoding: TextEncoding = .auto,
        parallelism: CSVParallelism = .automatic,
        onHeader: ([String]) -> Void = { _ in },
        onParts: ([Int]) -> [CSVFieldSink]
    ) -> CSVHeader? {
        guard parallelism.parts > 1, encoding != .utf16 else { return nil }
        let shownPath = displayPath ?? path
        guard let file = try? MappedFile(path: path) else { return nil }
        defer { file.close() }
        let bytes = file.bytes
        guard bytes.count >= 2 * parallelism.minimumPartBytes else { return nil }
        let resolved = encoding.resolve(bytes: bytes)
        guard resolved.iconvName == nil || resolved == .cp932 else { return nil }
        let content = UnsafeRawBufferPointer(rebasing: bytes[resolved.bomLength...])

        let first = RecordParser(path: shownPath, validateUTF8: encoding == .utf8)
        guard let headerEnd = withoutActuallyEscaping(onHeader, do: { onHeader in
            first.onHeader = onHeader
            defer { first.onHeader = { _ in } }
            return readHeader(content, encoding: resolved, into: first)
        }) else { return nil }
        // The header holds an even number of quotes (it parsed cleanly), so the cuts can start after it.
        let headerLines = RecordBoundaries.count(in: content, from: 0, to: headerEnd).lineFeeds
        let parts = min(parallelism.parts, (content.count - headerEnd) / max(parallelism.minimumPartBytes, 1))
        let cuts = RecordBoundaries.cuts(in: content, from: headerEnd, startLine: 1 + headerLines, parts: parts)
        guard !cuts.isEmpty else { return nil }

        let starts = [headerEnd] + cuts.map(\.offset)
        let ends = cuts.map(\.offset) + [content.count]
        let lines = [1 + headerLines] + cuts.map(\.line)
        let sinks = onParts(zip(starts, ends).map { $1 - $0 })
        guard sinks.count == starts.count else { return nil }
        let parsers = zip(lines, sinks).map { first.continuation(startingAt: $0, sink: $1) }
        let context = PartsContext(file: file, content: content, parsers: parsers)
        let bomLength = resolved.bomLength
        withExtendedLifetime(sinks) {
            DispatchQueue.concurrentPerform(iterations: parsers.count) { part in
                let parser = context.parsers[part]
                let range = starts[part]..<ends[part]
                if let name = resolved.iconvName {
                    transcode(UnsafeRawBufferPointer(rebasing: context.content[range]), from: name, startingAt: range.lowerBound,
                              bomLength: bomLength, encoding: resolved, file: context.file, into: parser)
                } else {
                    var start = range.lowerBound
                    while start < range.upperBound, !parser.stopped {
                        let end = min(start + MappedFile.window, range.upperBound)
                        parser.consume(UnsafeRawBufferPointer(rebasing: context.content[start..<end])) { _ in }
                        context.file.release((bomLength + start)..<(bomLength + end))
                        start = end
                    }
                }
                parser.finish { _ in }
            }
        }
        guard parsers.allSatisfy({ $0.problems.isEmpty && !$0.stopped }), let names = first.headerNames else { return nil }
        let records = parsers.reduce(0) { $0 + $1.recordCount }
        guard records > 0 else { return nil }
        return CSVHeader(names: names, delimiter: first.delimiter, encoding: resolved, recordCount: records)
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

    /// Converts one part of a CP932 file to UTF-8 window by window and feeds it to the part's parser;
    /// a byte that cannot be converted stops the part (the file is then read in order, which reports it).
    fileprivate static func transcode(_ part: UnsafeRawBufferPointer, from name: String, startingAt start: Int,
                                      bomLength: Int, encoding: ResolvedEncoding, file: MappedFile, into parser: RecordParser) {
        guard let transcoder = Transcoder(from: name) else {
            parser.fail(.unreadable(path: parser.path, reason: "iconv cannot convert \(name)"))
            return
        }
        defer { transcoder.close() }
        do throws(TranscodingFailure) {
            var released = start
            try transcoder.convert(part, baseOffset: bomLength + start, window: MappedFile.window, reached: { offset in
                file.release((bomLength + released)..<(bomLength + start + offset))
                released = start + offset
            }) { chunk in
                if !parser.stopped { parser.consume(chunk) { _ in } }
            }
        } catch {
            parser.fail(.invalidEncoding(parser.currentLocation(), encoding: encoding,
                                         byteOffset: error.byteOffset, bytes: error.bytes))
        }
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
