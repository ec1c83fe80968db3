import Foundation
import Testing

/// The Markdown report must convert cleanly to Word with pandoc, as planners paste it into the plan.
///
/// Runs where pandoc is installed (`.ci/run` installs it; locally `apt-get install pandoc`).
let pandocExecutable: URL? = ["/usr/bin/pandoc", "/usr/local/bin/pandoc"].map(URL.init(fileURLWithPath:))
    .first { FileManager.default.isExecutableFile(atPath: $0.path) }

@Suite(.enabled(if: pandocExecutable != nil, "pandoc is not installed"))
struct PandocConversionTests {
    private func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = pandocExecutable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    @Test func convertsTheReportToWordWithEveryTable() throws {
        let folder = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let wave = SurveyBinary.repositoryRoot.appendingPathComponent("Reports/shimin/2023")
        let markdown = try String(contentsOf: wave.appendingPathComponent("report.md"), encoding: .utf8)
        let docx = folder.appendingPathComponent("report.docx")
        let toWord = try run(["-f", "gfm", "-t", "docx", "--resource-path", wave.path, "-o", docx.path, wave.appendingPathComponent("report.md").path])
        #expect(toWord.status == 0)
        #expect(toWord.stderr.isEmpty, "pandoc warned: \(toWord.stderr)")
        let back = try run(["-f", "docx", "-t", "html", docx.path])
        #expect(back.status == 0)
        let tablesInMarkdown = markdown.components(separatedBy: "\n").filter { $0.hasPrefix("|---") }.count
        let tablesInWord = back.stdout.components(separatedBy: "<table").count - 1
        #expect(tablesInMarkdown > 50)
        #expect(tablesInWord == tablesInMarkdown)
        // The 参考値 mark and the text survive as written; escapes are undone.
        #expect(back.stdout.contains("21※"))
        #expect(back.stdout.contains("あいさつをする程度"))
        #expect(!back.stdout.contains("\\*"))
    }
}
