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
