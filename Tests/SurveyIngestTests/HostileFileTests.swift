import Foundation
import SurveyDiagnostics
import SurveyTestSupport
import Testing
@_spi(Parts) @testable import SurveyIngest

/// A fresh temporary folder for one test (removed by the caller).
private func temporaryFolder() throws -> URL {
    try TemporaryFolder.create(prefix: "survey-hostile")
}

/// `rows` rows of two small columns after a header: some 9 bytes a row.
private func csvText(rows: Int) -> String {
    "ID,Q1\n" + (1...rows).map { "\($0),\($0 % 2 + 1)\n" }.joined()
}

/// Reading a file that is cut short or written over while it is mapped: never a signal, always the one error.
@Suite struct FileChangedWhileReadTests {
    @Test func aPageReadPastTheNewEndIsZerosAndTheFileCountsAsChanged() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("data.csv").path
        try Data(repeating: UInt8(ascii: "x"), count: 1 << 20).write(to: URL(fileURLWithPath: path))
        let file = try MappedFile(path: path)
        defer { file.close() }
        #expect(!file.changed)
        #expect(truncate(path, 100) == 0)
        // Without the guard this read is SIGBUS (the page lies wholly past the file's new end).
        let byte = file.bytes[900_000]
        #expect(byte == 0)
        #expect(file.cutShort)
        #expect(file.changed)
    }

    @Test func aFileCutShortWhileItIsReadIsOneErrorNamingIt() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("data.csv").path
        try Data(csvText(rows: 600_000).utf8).write(to: URL(fileURLWithPath: path))
        let file = try MappedFile(path: path)
        defer { file.close() }
        #expect(truncate(path, 4096) == 0)
        var engine = DiagnosticsEngine()
        var records = 0
        let header = CSVReader.scan(file, shownPath: "data.csv", encoding: .auto, diagnostics: &engine,
                                    onHeader: { _ in }) { _ in records += 1 }
        #expect(header == nil)
        #expect(engine.diagnostics.map(\.description) == [
            "data.csv: error: the file changed while it was read (it was cut short or written over); what was read cannot be trusted\n"
                + "data.csv: note: run again once nothing writes to the file; to replace a data file, copy the new one beside it and rename it over the old",
        ])
    }

    @Test func aFileWrittenOverInPlaceWhileItIsReadIsReported() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("data.csv").path
        let text = csvText(rows: 1_000)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let file = try MappedFile(path: path)
        defer { file.close() }
        // Same size, new contents and a new modification time: no page is lost, but the text may mix two versions.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.write(contentsOf: Data(text.replacingOccurrences(of: ",1\n", with: ",2\n").utf8))
        try handle.close()
        var times = [timespec(tv_sec: 1_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        var engine = DiagnosticsEngine()
        _ = CSVReader.scan(file, shownPath: "data.csv", encoding: .cp932, diagnostics: &engine,
                           onHeader: { _ in }) { _ in }
        #expect(engine.diagnostics.map(\.kind) == ["file-changed"])
    }

    @Test func aFileLeftAloneIsNotChanged() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("data.csv").path
        try Data(csvText(rows: 300_000).utf8).write(to: URL(fileURLWithPath: path))
        var engine = DiagnosticsEngine()
        var records = 0
        CSVReader.scan(path: path, diagnostics: &engine) { _ in records += 1 }
        #expect(engine.diagnostics.isEmpty)
        #expect(records == 300_000)
    }
}

/// Only regular files are read: anything else is an immediate error saying what it is.
@Suite struct DataPathKindTests {
    private func problems(reading path: String) -> [String] {
        var engine = DiagnosticsEngine()
        CSVReader.scan(path: path, displayPath: "data.csv", diagnostics: &engine) { _ in }
        return engine.diagnostics.map(\.description)
    }

    private func unreadable(_ reason: String) -> [String] {
        ["data.csv: error: cannot read the file: \(reason)\n"
            + "data.csv: note: check the path in survey.yaml's `data:` list: it must name a CSV file that exists and can be read"]
    }

    @Test func aFIFOWithoutAWriterIsRefusedAtOnce() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("data.csv").path
        #expect(mkfifo(path, 0o600) == 0)
        // Opening it for reading would block until a writer came: the read must not wait.
        #expect(problems(reading: path) == unreadable("it is a FIFO (named pipe), not a regular file"))
    }

    @Test func aFolderIsRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(problems(reading: folder.path) == unreadable("it is a folder, not a regular file"))
    }

    @Test func aDeviceIsRefused() {
        #expect(problems(reading: "/dev/zero") == unreadable("it is a character device, not a regular file"))
        #expect(problems(reading: "/dev/null") == unreadable("it is a character device, not a regular file"))
    }

    @Test func aMissingFileSaysSo() {
        #expect(problems(reading: "/nonexistent/survey/data.csv") == unreadable("no such file"))
    }

    @Test func aParallelReadOfAFIFOGivesNilAtOnce() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("data.csv").path
        #expect(mkfifo(path, 0o600) == 0)
        let header = CSVReader.scanInParallel(path: path, parallelism: CSVParallelism(parts: 2, minimumPartBytes: 1)) { _ in [] }
        #expect(header == nil)
    }
}
