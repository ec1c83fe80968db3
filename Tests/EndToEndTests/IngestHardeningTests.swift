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

    /// `survey check w` in `root`; a run that takes longer than `seconds` is killed and fails the test (a hang
    /// must not hang the suite).
    private func check(_ root: URL, seconds: Double = 60) throws -> SurveyBinary.Result {
        let process = Process()
        process.executableURL = SurveyBinary.executable
        process.arguments = ["check", "w"]
        process.currentDirectoryURL = root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let outData = Atomic(Data()), errData = Atomic(Data())
        let reading = DispatchGroup()
        for (pipe, box) in [(out, outData), (err, errData)] {
            reading.enter()
            DispatchQueue.global().async {
                box.value = pipe.fileHandleForReading.readDataToEndOfFile()
                reading.leave()
            }
        }
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            Issue.record("survey check did not end within \(seconds) s")
        }
        process.waitUntilExit()
        reading.wait()
        return SurveyBinary.Result(status: process.terminationStatus, stdout: String(decoding: outData.value, as: UTF8.self),
                                   stderr: String(decoding: errData.value, as: UTF8.self))
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

    /// Writes `bytes` as the wave's data file and checks the wave.
    private func check(data bytes: [UInt8], encoding: String = "auto", id: String = "ID", column: String = "Q1") throws
        -> SurveyBinary.Result {
        let (root, wave) = try makeWave(encoding: encoding, id: id, column: column)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data(bytes).write(to: wave.appendingPathComponent("data.csv"))
        return try check(root)
    }

    @Test func invalidUTF8GivesItsRealByteOffsetAndField() throws {
        let result = try check(data: Array("ID,Q1\n1,1\n2,".utf8) + [0xFF] + Array("\n".utf8), encoding: "utf-8")
        #expect(result.status == 1)
        // Before: "at byte offset -1", and the column was a character position.
        #expect(errors(result) == [
            "w/data.csv:3:2: error: found bytes 0xFF 0x0A at byte offset 12 (character 3 of the line) that are not valid UTF-8",
        ])
    }

    @Test func loneCRLineEndsCiteEachRecordAtItsOwnLine() throws {
        let result = try check(data: Array("ID,Q1\r1,1\r2,3\r3,2\r".utf8))
        #expect(result.status == 1)
        // Before: every record was cited at line 1.
        #expect(errors(result) == [
            "w/data.csv:3:2: error: found '3' in column 'Q1' (question 'q1'); expected one of 1 (はい), 2 (いいえ), or blank for 無回答",
        ])
    }

    @Test func utf16WithoutABOMKeepsTheFirstHeaderCharacter() throws {
        let bytes = Array("ID\tQ1\r\n1\t1\r\n2\t2\r\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        // Before: the header read 'D' for 'ID', and the respondent id column was missing.
        let result = try check(data: bytes, encoding: "utf-16")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("respondents: 2 (data.csv 2)"))
    }

    @Test func theRowsDecideBetweenCommaAndTabAndTheChoiceIsSaid() throws {
        let result = try check(data: Array("ID\tQ1 (a, b)\n1\t1\n2\t2\n".utf8), column: "Q1 (a, b)")
        // Before: comma on the tie, so 'ID\tQ1 (a' and ' b)' were the columns.
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains(
            "w/data.csv:1: warning: read the file as tab-separated: over its first 3 lines, tabs give 2 fields on each, commas 1 to 2 fields"))
        #expect(result.stdout.contains("respondents: 2 (data.csv 2)"))
    }

    @Test func aUTF8FileCutMidCharacterSaysSoAtItsLastLine() throws {
        let bytes = Array("ID,Q1,意見\n1,1,はい\n2,2,いい".utf8) + [0xE3, 0x81]
        let result = try check(data: bytes)
        // Before: read as CP932, with an error blaming line 1.
        #expect(result.status == 1)
        #expect(errors(result) == [
            "w/data.csv:3:3: error: the last line ends in the middle of a UTF-8 character (bytes 0xE3 0x81 at byte offset \(bytes.count - 2)); "
                + "the file was cut short",
        ])
    }

    @Test func aQuoteOpenedInTheHeaderIsCitedAtLineOne() throws {
        let result = try check(data: Array("ID,\"Q1\n1,\"1\n2,2\n".utf8))
        #expect(result.status == 1)
        // Before: cited at line 2, where the quote closes.
        #expect(errors(result).map { String($0.prefix(while: { $0 != " " })) } == ["w/data.csv:1:2:"])
    }

    @Test func quoteEncodingAndShapeErrorsAllCiteTheFieldNumber() throws {
        let stray = try check(data: Array("ID,Q1\n1,1\n2,a\"b\n".utf8))
        #expect(errors(stray).map { String($0.prefix(while: { $0 != " " })) } == ["w/data.csv:3:2:"])
        let cp932 = try check(data: Array("ID,Q1\r\n1,1\r\n2,".utf8) + [0x85, 0x40] + Array("\r\n".utf8), encoding: "cp932")
        #expect(errors(cp932).map { String($0.prefix(while: { $0 != " " })) } == ["w/data.csv:3:2:"])
        let shape = try check(data: Array("ID,Q1\n1,1\n2,1,3\n".utf8))
        #expect(errors(shape).map { String($0.prefix(while: { $0 != " " })) } == ["w/data.csv:3:3:"])
    }

    @Test(arguments: ["shift_jis", "sjis", "Shift-JIS", "windows-31j"])
    func encodingNamesPeopleTypeAreAccepted(name: String) throws {
        let text = "回答者ID,問1\r\n1,1\r\n2,2\r\n"
        let bytes = Array(try #require(text.data(using: .shiftJIS)))
        let result = try check(data: bytes, encoding: name, id: "回答者ID", column: "問1")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("respondents: 2 (data.csv 2)"))
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
