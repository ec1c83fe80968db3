import Foundation
import SurveyDiagnostics
import Testing
@testable import SurveyIngest

/// Files larger than the reader's window: records, lines and problems across window boundaries.
@Suite struct WindowedReadingTests {
    /// Rows of a quoted two-line answer (without a BOM, so `auto` scans it all).
    static func largeFile(rows: Int, tail: String = "") -> [UInt8] {
        var text = "ID,答え,意見\r\n"
        text.reserveCapacity(rows * 40)
        for row in 1...rows { text += "\(row),\(row % 5),\"一行目,\r\n二行目\"\r\n" }
        return Array((text + tail).utf8)
    }

    @Test func readsEveryRecordWithItsPhysicalLineAcrossAWindowBoundary() throws {
        let rows = 230_000   // about 9.5 MB: past the first 8 MiB window
        let result = try readCSV(Self.largeFile(rows: rows, tail: "x,1\r\n"))
        #expect(result.header?.encoding == .utf8)
        #expect(result.header?.recordCount == rows)
        #expect(result.records.count == rows)
        for index in [0, 1, rows / 2, rows - 1] {
            let record = result.records[index]
            #expect(record.fields == [String(index + 1), String((index + 1) % 5), "一行目,\r\n二行目"])
            #expect(record.line == 2 + 2 * index)
            #expect(record.fieldLines == [record.line, record.line, record.line])
        }
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.description.hasPrefix("data.csv:\(2 + 2 * rows):3: error: found 2 fields") == true)
    }

    @Test func cp932IsConvertedWindowByWindowAtLineFeedsAsInOneGo() throws {
        let text = "ID,答え\r\n1,とても長い一行目の答え、まだ続く\r\n2,\"一行目\n二行目\"\r\n\n3,短い\r\n4,最後の行に改行なし"
        let bytes = try #require(text.data(using: .shiftJIS))
        let transcoder = try #require(Transcoder(from: "CP932"))
        defer { transcoder.close() }
        var whole: [UInt8] = []
        try bytes.withUnsafeBytes { buffer in
            try transcoder.convert(buffer, baseOffset: 0) { whole += $0 }
        }
        #expect(whole == Array(text.utf8))
        for window in [1, 2, 3, 7, 16, 1_000] {
            var windowed: [UInt8] = []
            var reached: [Int] = []
            try bytes.withUnsafeBytes { buffer in
                try transcoder.convert(buffer, baseOffset: 0, window: window, reached: { reached.append($0); return true }) { windowed += $0 }
            }
            #expect(windowed == whole, "window \(window)")
            #expect(reached.last == bytes.count)
            #expect(reached.dropLast().allSatisfy { bytes[$0 - 1] == 0x0A }, "window \(window)")
        }
    }

    @Test func readsALargeCP932FileInOrderAcrossWindows() throws {
        let rows = 120_000   // about 3 MB in CP932: past the first 2 MiB window
        let text = String(decoding: Self.largeFile(rows: rows), as: UTF8.self)
        let result = try readCSV(Array(try #require(text.data(using: .shiftJIS))), encoding: .cp932)
        #expect(result.header?.encoding == .cp932)
        #expect(result.records.count == rows)
        #expect(result.records.last?.fields == [String(rows), String(rows % 5), "一行目,\r\n二行目"])
        #expect(result.records.last?.line == 2 + 2 * (rows - 1))
        #expect(result.diagnostics.isEmpty)
    }

    /// A bad byte past the first converted window is cited at its line, column and offset in the file.
    @Test func reportsAnInvalidCP932BytePastTheFirstWindowWhereItStands() throws {
        let rows = 120_000
        let good = Array(try #require(String(decoding: Self.largeFile(rows: rows), as: UTF8.self).data(using: .shiftJIS)))
        let result = try readCSV(good + utf8("x,") + [0x85, 0x40] + utf8("\r\n"), encoding: .cp932)
        #expect(result.records.count == rows)
        let line = 2 + 2 * rows
        #expect(result.diagnostics.map(\.description) == [
            "data.csv:\(line):2: error: found bytes 0x85 0x40 at byte offset \(good.count + 2) (character 3 of the line) that are not valid CP932\n"
                + "data.csv:\(line):2: note: save the file again from Excel as 「CSV（コンマ区切り）」 or 「CSV UTF-8」, or set `encoding:` in survey.yaml",
        ])
    }

    /// Declared UTF-8 is checked window by window; a bad byte past the first window is still cited at its line
    /// and column, and a character across a window's end is not one.
    @Test func reportsAnInvalidUTF8BytePastTheFirstWindowWhereItStands() throws {
        let rows = 120_000   // about 5 MB: a kanji crosses some window's end
        let good = Self.largeFile(rows: rows)
        let result = try readCSV(good + utf8("x,") + [0xE5, 0x9C] + utf8(",1\r\n"), encoding: .utf8)
        #expect(result.records.count == rows)
        let line = 2 + 2 * rows
        #expect(result.diagnostics.first?.description.hasPrefix(
            "data.csv:\(line):2: error: found bytes 0xE5 0x9C at byte offset \(good.count + 2) (character 3 of the line)") == true)
        let clean = try readCSV(good, encoding: .utf8)
        #expect(clean.records.count == rows)
        #expect(clean.diagnostics.isEmpty)
    }

    /// libcsv's own space test is used for windows without a space or tab: nothing may be trimmed either way.
    @Test func spacesAroundFieldsAreKeptInWindowsWithAndWithoutSpaces() throws {
        let rows = 120_000   // about 5 MB: several windows without spaces, then spaced cells near the end
        let tail = "x, 7 ,\t a \r\n" + "y,8,\"b c\"\r\n" + "z,9, \"q\"\r\n"
        let result = try readCSV(Self.largeFile(rows: rows, tail: tail))
        #expect(result.records.count == rows + 2)
        #expect(result.records.suffix(2).map(\.fields) == [["x", " 7 ", "\t a "], ["y", "8", "b c"]])
        // A space before a quote makes the field unquoted, so the quote is stray (libcsv's own test would skip the space).
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.description.contains("not quoted") == true)
    }

    @Test func rawRecordsMatchStringRecords() throws {
        let text = "a,b\r\n1,\"x\r\ny\"\r\n,\"\"\r\n"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("survey-raw-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        var engine = DiagnosticsEngine()
        var raw: [[String]] = []
        var lines: [Int] = []
        CSVReader.scan(path: folder.path, diagnostics: &engine) { record in
            raw.append((0..<record.count).map { String(decoding: record.field($0), as: UTF8.self) })
            lines.append(record.line)
        }
        #expect(raw == [["1", "x\r\ny"], ["", ""]])
        #expect(lines == [2, 4])
        #expect(engine.diagnostics.isEmpty)
    }
}
