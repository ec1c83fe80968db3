import Foundation
import SurveyDiagnostics
import Testing
@_spi(Parts) @testable import SurveyIngest

/// Reading a file in parts on several threads gives exactly the records of an in-order read, or nothing.
@Suite struct ParallelReadingTests {
    /// Assembles one part's records from its fields (each part writes only its own sink).
    final class Sink: CSVFieldSink, @unchecked Sendable {
        var records: [CSVRecord] = []
        /// The highest column any field came with.
        var highestColumn = -1
        private var fields: [String] = []
        private var lines: [Int] = []

        override func field(_ column: Int, _ bytes: UnsafeRawBufferPointer, line: Int) {
            #expect(column == fields.count)
            highestColumn = max(highestColumn, column)
            fields.append(String(decoding: bytes, as: UTF8.self))
            lines.append(line)
        }

        /// Whether it moves its lines (a sink that does not is never given a part from a guessed cut).
        let shifts: Bool

        init(shifts: Bool = true) {
            self.shifts = shifts
            super.init()
        }

        override var shiftsLines: Bool { shifts }

        override func shiftLines(by delta: Int) {
            records = records.map { CSVRecord(fields: $0.fields, line: $0.line + delta, fieldLines: $0.fieldLines.map { $0 + delta }) }
        }

        override func endRecord(fieldCount: Int, line: Int) -> Bool {
            #expect(fieldCount == fields.count)
            records.append(CSVRecord(fields: fields, line: line, fieldLines: lines))
            fields = []
            lines = []
            return true
        }
    }

    /// Rows with quoted delimiters, doubled quotes, line breaks (LF and CRLF) inside quotes, and blank lines.
    static func awkwardText(rows: Int, seed: UInt64) -> String {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let cells = ["1", "", "\"a,b\"", "\"引用\"\"符\"\"\"", "\"一行目\n二行目\"", "\"x\r\ny\r\nz\"", "そう思う", "\"\"", " 7 "]
        var text = "\u{FEFF}ID,答え,\"意\"\"見\",備考\r\n"
        for row in 1...rows {
            text += "\(row),\(cells[next(cells.count)]),\(cells[next(cells.count)]),\(cells[next(cells.count)])"
            text += next(2) == 0 ? "\r\n" : "\n"
            if next(40) == 0 { text += "\r\n" }
        }
        return text
    }

    static func write(_ text: String) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("survey-parallel-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: file)
        return file
    }

    static func inOrder(_ file: URL, encoding: TextEncoding = .auto) -> (header: CSVHeader?, records: [CSVRecord], problems: [Diagnostic]) {
        var engine = DiagnosticsEngine()
        var records: [CSVRecord] = []
        let header = CSVReader.read(path: file.path, encoding: encoding, diagnostics: &engine) { records.append($0) }
        return (header, records, engine.diagnostics)
    }

    static func inParts(_ file: URL, parts: Int) -> (header: CSVHeader?, records: [[CSVRecord]], names: [String], highestColumn: Int) {
        var sinks: [Sink] = []
        var names: [String] = []
        let header = CSVReader.scanInParallel(
            path: file.path, parallelism: CSVParallelism(parts: parts, minimumPartBytes: 1),
            onHeader: { names = $0 },
            onParts: { sizes in
                sinks = sizes.map { _ in Sink() }
                return sinks
            })
        return (header, sinks.map(\.records), names, sinks.map(\.highestColumn).max() ?? -1)
    }

    /// Reads `file` in two parts: the header, the parts' records in order, and how often the header was read.
    static func inTwoParts(_ file: URL) -> (header: CSVHeader?, records: [CSVRecord], headerReads: Int) {
        var sinks: [Sink] = []
        var headerReads = 0
        let header = CSVReader.scanInParallel(path: file.path, parallelism: CSVParallelism(parts: 2, minimumPartBytes: 1),
                                              onHeader: { _ in headerReads += 1 },
                                              onParts: { sizes in
                                                  sinks = sizes.map { _ in Sink() }
                                                  return sinks
                                              })
        return (header, sinks.flatMap(\.records), headerReads)
    }

    @Test(arguments: [2, 3, 5, 8])
    func partsTogetherGiveTheRecordsOfAnInOrderRead(parts: Int) throws {
        let file = try Self.write(Self.awkwardText(rows: 3_000, seed: UInt64(parts)))
        defer { try? FileManager.default.removeItem(at: file) }
        let expected = Self.inOrder(file)
        let result = Self.inParts(file, parts: parts)
        let header = try #require(result.header)
        #expect(result.records.count == parts)
        expectSameRecords(result.records.flatMap { $0 }, expected.records)
        #expect(header == expected.header)
        #expect(result.names == ["ID", "答え", "意\"見", "備考"])
        #expect(header.recordCount == 3_000)
    }

    @Test func cutsFallAfterRecordEndingLineFeedsAndCountTheLines() throws {
        let bytes = Array(Self.awkwardText(rows: 2_000, seed: 7).utf8)
        bytes.withUnsafeBytes { buffer in
            let cuts = RecordBoundaries.cuts(in: buffer, from: 0, startLine: 1, parts: 6)
            #expect(cuts.count == 5)
            for cut in cuts {
                let before = bytes[..<cut.offset]
                #expect(before.last == UInt8(ascii: "\n"))
                #expect(before.filter { $0 == UInt8(ascii: "\"") }.count % 2 == 0)
                #expect(cut.line == 1 + before.filter { $0 == UInt8(ascii: "\n") }.count)
            }
        }
    }

    @Test func countsQuotesAndLineFeedsAsAByteLoopDoes() {
        var state: UInt64 = 42
        let bytes: [UInt8] = (0..<10_000).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return [0x22, 0x0A, 0x0D, 0x2C, 0x41, 0xE3, 0x80, 0xA2, 0x0B, 0x21][Int((state >> 40) % 10)]
        }
        bytes.withUnsafeBytes { buffer in
            for (from, to) in [(0, 10_000), (3, 9_999), (17, 18), (100, 4_321), (5_000, 5_000)] {
                let counted = RecordBoundaries.count(in: buffer, from: from, to: to)
                #expect(counted.quotes == bytes[from..<to].filter { $0 == 0x22 }.count)
                #expect(counted.lineFeeds == bytes[from..<to].filter { $0 == 0x0A }.count)
            }
        }
    }

    @Test(arguments: ["2999,1,1\r\n", "2999,1,\"x\"y,1\r\n", "2999,1,1,\"open\r\n"])
    func aFileWithAProblemIsLeftToTheInOrderRead(tail: String) throws {
        let file = try Self.write(Self.awkwardText(rows: 2_000, seed: 3) + tail)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(Self.inParts(file, parts: 2).header == nil)
    }

    /// Declines the record after `limit` records.
    final class DecliningSink: CSVFieldSink, @unchecked Sendable {
        var records = 0
        override func endRecord(fieldCount: Int, line: Int) -> Bool {
            records += 1
            return records < 100
        }
    }

    @Test func aSinkThatDeclinesARecordSendsTheFileToTheInOrderRead() throws {
        let file = try Self.write(Self.awkwardText(rows: 2_000, seed: 5))
        defer { try? FileManager.default.removeItem(at: file) }
        var sinks: [DecliningSink] = []
        let header = CSVReader.scanInParallel(path: file.path, parallelism: CSVParallelism(parts: 2, minimumPartBytes: 1),
                                              onParts: { sizes in
                                                  sinks = sizes.map { _ in DecliningSink() }
                                                  return sinks
                                              })
        #expect(header == nil)
        #expect(sinks.count == 2)
        #expect(sinks.allSatisfy { $0.records == 100 })
    }

    /// The awkward text in CP932 (as Excel writes it), without the BOM.
    static func writeCP932(_ text: String) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("survey-parallel-\(UUID().uuidString).csv")
        try #require(String(text.dropFirst()).data(using: .shiftJIS)).write(to: file)
        return file
    }

    @Test(arguments: [2, 3, 5])
    func cp932PartsAreCutOnTheirOwnBytesAndGiveTheRecordsOfAnInOrderRead(parts: Int) throws {
        let file = try Self.writeCP932(Self.awkwardText(rows: 3_000, seed: 11))
        defer { try? FileManager.default.removeItem(at: file) }
        let expected = Self.inOrder(file, encoding: .cp932)
        #expect(expected.header?.encoding == .cp932)
        #expect(expected.records.count == 3_000)
        var sinks: [Sink] = []
        let header = CSVReader.scanInParallel(path: file.path, encoding: .cp932,
                                              parallelism: CSVParallelism(parts: parts, minimumPartBytes: 1),
                                              onParts: { sizes in
                                                  sinks = sizes.map { _ in Sink() }
                                                  return sinks
                                              })
        #expect(header == expected.header)
        #expect(sinks.count == parts)
        expectSameRecords(sinks.flatMap(\.records), expected.records)
    }

    /// A guessed cut inside a quoted field (its middle line looks like a record): the first part ends inside
    /// quotes, and the parts are read again with counted cuts, giving the records of an in-order read.
    @Test func aGuessedCutInsideAQuotedFieldIsFoundAndTheFileIsCutAgain() throws {
        var rows = ""
        for row in 1...2_000 { rows += "\(row),\(row % 3)\r\n" }
        // As many bytes on either side of a quoted answer whose long first line holds the middle: the first line
        // feed past it is inside the quotes, and the line after it has one comma and no quote.
        var text = "\u{FEFF}ID,意見\r\n" + rows
        let middle = text.utf8.count
        text += "2001,\"" + String(repeating: "あ", count: 60) + "\nx,y\nz\"\r\n" + rows
        let bytes = Array(text.utf8)
        let cut = try #require(bytes.withUnsafeBytes { buffer in
            RecordBoundaries.likelyCuts(in: buffer, from: 3 + "ID,意見\r\n".utf8.count, parts: 2, delimiter: 0x2C, fieldCount: 2)
        })
        #expect(cut == [middle + 6 + 180 + 1], "the guess falls inside the quotes")
        let file = try Self.write(text)
        defer { try? FileManager.default.removeItem(at: file) }
        let expected = Self.inOrder(file)
        #expect(expected.records.count == 4_001)
        let read = Self.inTwoParts(file)
        #expect(read.headerReads == 2, "the parts are read a second time")
        #expect(read.header == expected.header)
        expectSameRecords(read.records, expected.records)
    }

    /// Random files with mixed line ends (CRLF, LF, lone CR, blank lines), tabs or commas, and quoted cells whose
    /// inner lines look like records (guessed cuts fall inside them): whenever the parts are read, they give the
    /// in-order read's records, lines and field lines, and the in-order read found no problem.
    @Test(arguments: Array(1...40))
    func partsAgreeWithTheInOrderReadOnMixedLineEnds(seed: Int) throws {
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let fields = 1 + next(4)
        let delimiter = next(3) == 0 ? "\t" : ","
        let ends = next(3) == 0 ? ["\r\n", "\n", "\r", "\r\n\r\n", "\n\n"] : ["\r\n", "\n", "\n\n"]
        let lookalike = Array(repeating: "z", count: fields).joined(separator: delimiter)
        let cells = ["1", "", "ab", "\"x\(delimiter)y\"", "\"q\"\"q\"", "あ", "\"a\n\(lookalike)\n\(lookalike)\nb\"",
                     "\"\n\(lookalike)\r\n\"", "\"\(lookalike)\n\"", "\"\n\n\(lookalike)\n\""]
        var text = (0..<fields).map { "h\($0)" }.joined(separator: delimiter) + "\n"
        for _ in 0..<(200 + next(1_000)) {
            text += (0..<fields).map { _ in cells[next(cells.count)] }.joined(separator: delimiter) + ends[next(ends.count)]
        }
        let file = try Self.write(text)
        defer { try? FileManager.default.removeItem(at: file) }
        let expected = Self.inOrder(file)
        for parts in [2, 3, 5] {
            let result = Self.inParts(file, parts: parts)
            guard let header = result.header else { continue }
            #expect(expected.problems.isEmpty, "parts \(parts)")
            #expect(header == expected.header, "parts \(parts)")
            expectSameRecords(result.records.flatMap { $0 }, expected.records)
        }
    }

    /// Sinks that cannot move their lines get counted cuts (the parts are made again), so their lines are exact.
    @Test func sinksThatKeepTheirLinesAreGivenCountedCuts() throws {
        let file = try Self.write(Self.awkwardText(rows: 2_000, seed: 21))
        defer { try? FileManager.default.removeItem(at: file) }
        let expected = Self.inOrder(file)
        var sinks: [Sink] = []
        var headerReads = 0
        let header = CSVReader.scanInParallel(path: file.path, parallelism: CSVParallelism(parts: 3, minimumPartBytes: 1),
                                              onHeader: { _ in headerReads += 1 },
                                              onParts: { sizes in
                                                  sinks = sizes.map { _ in Sink(shifts: false) }
                                                  return sinks
                                              })
        #expect(headerReads == 2)
        #expect(header == expected.header)
        expectSameRecords(sinks.flatMap(\.records), expected.records)
    }

    /// `auto` without a BOM decides from the first window in parts: a CP932 file whose first window is plain
    /// ASCII is first read as UTF-8, meets its first kanji in a part, and is read again in parts as CP932.
    @Test func aBOMlessFileThatTurnsOutCP932PastTheFirstWindowIsReadAsCP932() throws {
        var text = "ID,答え\r\n"
        for row in 1...260_000 { text += "\(row),\(row % 7)\r\n" }   // ~2.6 MB of ASCII after the header
        text = text.replacingOccurrences(of: "答え", with: "answer") + "260001,地域の行事\r\n"
        let file = try Self.writeCP932("\u{FEFF}" + text)   // (without the BOM, which CP932 cannot hold)
        defer { try? FileManager.default.removeItem(at: file) }
        let expected = Self.inOrder(file)
        #expect(expected.header?.encoding == .cp932)
        #expect(expected.records.last?.fields == ["260001", "地域の行事"])
        let read = Self.inTwoParts(file)
        #expect(read.headerReads == 2, "the parts are read a second time")
        #expect(read.header == expected.header)
        expectSameRecords(read.records, expected.records)
    }

    /// The same file in UTF-8 is read in parts as UTF-8, checked window by window (a kanji straddles the first
    /// window's end).
    @Test func aBOMlessUTF8FileIsReadInPartsAsUTF8() throws {
        var text = "ID,答え\r\n"
        let window = 2 << 20
        while text.utf8.count < window - 40 { text += "\(text.utf8.count),x\r\n" }
        text += "1,\(String(repeating: "a", count: window - 1 - text.utf8.count - 2))地域\r\n"
        for row in 1...50_000 { text += "\(row),意見\r\n" }
        #expect(Array(text.utf8)[window - 1] == 0xE5)   // 地 starts one byte before the window ends
        let file = try Self.write(text)
        defer { try? FileManager.default.removeItem(at: file) }
        let expected = Self.inOrder(file)
        #expect(expected.header?.encoding == .utf8)
        #expect(expected.problems.isEmpty)
        let parts = Self.inParts(file, parts: 2)
        #expect(parts.header == expected.header)
        expectSameRecords(parts.records.flatMap { $0 }, expected.records)
    }

    @Test func aCP932FileWithABadByteIsLeftToTheInOrderRead() throws {
        let good = try #require(String(Self.awkwardText(rows: 2_000, seed: 4).dropFirst()).data(using: .shiftJIS))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("survey-parallel-\(UUID().uuidString).csv")
        try (good + Data([0x32, 0x30, 0x30, 0x31, 0x2C, 0x82, 0x0A])).write(to: file)   // 2001, then a lead byte with no second byte
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(Self.inOrder(file, encoding: .cp932).problems.contains { $0.description.contains("CP932") })
        let header = CSVReader.scanInParallel(path: file.path, encoding: .cp932,
                                              parallelism: CSVParallelism(parts: 2, minimumPartBytes: 1),
                                              onParts: { $0.map { _ in Sink() } })
        #expect(header == nil)
    }

    /// A header ended by a lone CR with a quoted field opened after it on the same line: the quotes before the
    /// cut are not balanced, so the parts must not be trusted (the in-order read reports the open quote).
    @Test func aHeaderFollowedByAnOpenQuoteOnItsLineIsLeftToTheInOrderRead() throws {
        let file = try Self.write("A,B\r1,\"x\n" + String(repeating: "2,3\n", count: 500))
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(Self.inParts(file, parts: 2).header == nil)
        #expect(Self.inOrder(file, encoding: .utf8).problems.count == 1)
    }

    /// A record with more fields than the header never reaches the sink beyond the header's count.
    @Test func aRecordWithExtraFieldsStopsTheReadWithoutReachingTheSink() throws {
        let file = try Self.write("A,B\n" + String(repeating: "1,x\n", count: 300) + "3,z,extra\n" + String(repeating: "4,w\n", count: 300))
        defer { try? FileManager.default.removeItem(at: file) }
        let result = Self.inParts(file, parts: 2)
        #expect(result.header == nil)
        #expect(result.highestColumn == 1)
    }

    @Test func smallOrUTF16FilesAreLeftToTheInOrderRead() throws {
        let file = try Self.write(Self.awkwardText(rows: 50, seed: 1))
        defer { try? FileManager.default.removeItem(at: file) }
        let small = CSVReader.scanInParallel(path: file.path, parallelism: CSVParallelism(parts: 2, minimumPartBytes: 1 << 20),
                                             onParts: { $0.map { _ in Sink() } })
        #expect(small == nil)
        let utf16 = CSVReader.scanInParallel(path: file.path, encoding: .utf16, parallelism: CSVParallelism(parts: 2, minimumPartBytes: 1),
                                             onParts: { $0.map { _ in Sink() } })
        #expect(utf16 == nil)
    }
}

/// Checks that `found` equals `expected`, citing the count or the first record that differs (a failing `==` on
/// thousands of records takes minutes to describe).
func expectSameRecords(_ found: [CSVRecord], _ expected: [CSVRecord], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    #expect(found.count == expected.count, sourceLocation: sourceLocation)
    if let index = zip(found, expected).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
        #expect(found[index] == expected[index], "record \(index)", sourceLocation: sourceLocation)
    }
}
