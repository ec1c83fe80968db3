import Foundation
import Testing

/// The ingest layer against hostile and careless data files, through the real binary (issue 13).
@Suite struct IngestHardeningTests {
    /// A wave folder `w` under a fresh temporary folder, whose one data file is `data.csv` (`encoding` as given).
    private func makeWave(encoding: String = "auto", id: String = "ID", column: String = "Q1") throws -> (root: URL, wave: URL) {
        let root = try SurveyBinary.temporaryFolder()
        let wave = root.appendingPathComponent("w")
        try FileManager.default.createDirectory(at: wave, withIntermediateDirectories: true)
        try """
            title: 調査
            wave: 2023
            data:
              - file: data.csv
                encoding: \(encoding)
            respondent_id: \(id)
            questions:
              - id: q1
                column: \(column)
                type: single
                choices: {1: はい, 2: いいえ}
            """.write(to: wave.appendingPathComponent("survey.yaml"), atomically: true, encoding: .utf8)
        return (root, wave)
    }

    /// `survey check w` in `root`, failing the test if it ends by a signal or takes longer than `seconds`.
    private func check(_ root: URL, seconds: Double = 60) throws -> SurveyBinary.Result {
        let started = Date()
        let result = try SurveyBinary.run(["check", "w"], in: root)
        #expect(Date().timeIntervalSince(started) < seconds)
        return result
    }

    private func errors(_ result: SurveyBinary.Result) -> [String] {
        result.stderr.components(separatedBy: "\n").filter { $0.contains(": error: ") }
    }

    @Test(arguments: ["fifo", "folder", "device"])
    func aDataPathThatIsNoRegularFileIsAnImmediateErrorSayingWhatItIs(kind: String) throws {
        let (root, wave) = try makeWave()
        defer { try? FileManager.default.removeItem(at: root) }
        let data = wave.appendingPathComponent("data.csv")
        let expected: String
        switch kind {
        case "fifo":
            #expect(mkfifo(data.path, 0o600) == 0)
            expected = "a FIFO (named pipe)"
        case "folder":
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: false)
            expected = "a folder"
        default:
            try FileManager.default.createSymbolicLink(atPath: data.path, withDestinationPath: "/dev/zero")
            expected = "a character device"
        }
        // Before: a FIFO waited for a writer forever, and /dev/zero was read until memory ran out.
        let result = try check(root, seconds: 20)
        #expect(result.status == 1)
        #expect(errors(result) == ["w/data.csv: error: cannot read the file: it is \(expected), not a regular file"])
    }

    /// `cp new.csv data.csv` while `check` reads data.csv: the file is cut short and written again under the
    /// mapping. Before, a read past the new end killed the process with SIGBUS (status 135); now every run ends
    /// with 0 (it read one whole version) or 1 saying the file changed while it was read.
    @Test func aDataFileWrittenOverWhileItIsReadNeverKillsTheProcess() throws {
        let (root, wave) = try makeWave()
        defer { try? FileManager.default.removeItem(at: root) }
        let data = wave.appendingPathComponent("data.csv")
        let rows = (1...2_000_000).map { "\($0),\($0 % 2 + 1)\n" }
        let head = "ID,Q1\n" + rows.prefix(100).joined()
        let full = Data((head + rows.dropFirst(100).joined()).utf8)
        try full.write(to: data)
        let stop = Atomic(false)
        let writer = Thread {
            while !stop.value {
                // What cp does: cut the file to nothing, then write it again (here a clean prefix first).
                guard let handle = try? FileHandle(forWritingTo: data) else { continue }
                try? handle.truncate(atOffset: 0)
                try? handle.write(contentsOf: Data(head.utf8))
                usleep(2_000)
                try? handle.write(contentsOf: full.dropFirst(head.utf8.count))
                try? handle.close()
                usleep(UInt32.random(in: 1_000...20_000))
            }
        }
        writer.start()
        defer { stop.value = true }
        for _ in 0..<6 {
            let result = try check(root)
            #expect(result.status == 0 || result.status == 1, "ended by status \(result.status): \(result.stderr)")
        }
        stop.value = true
        Thread.sleep(forTimeInterval: 0.1)
    }
}

/// A flag shared with a thread.
private final class Atomic<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
