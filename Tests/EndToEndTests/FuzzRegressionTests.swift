import Foundation
import Testing

/// The inputs `make fuzz` found that once crashed the tool, kept as wave folders (`Fuzz/run.sh unpack`).
///
/// Each folder of `Fixtures/fuzz/` holds a `survey.yaml` and its data files, or a `series.yaml` (compared with
/// the example's two waves copied beside it), and `expected.txt`: the exit status (`exit 0` or `exit 1`), then
/// lines the output of `check` (or `compare`) must contain. `check` and `report` (or `compare`) must end with
/// that status, never a signal, and every error they print must be located (`path:line:column: error:` in the folder).
@Suite struct FuzzRegressionTests {
    static let fixtures = SurveyBinary.repositoryRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/fuzz")

    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }()

    @Test func everyCaseSaysWhatToExpect() throws {
        #expect(!Self.cases.isEmpty)
        for name in Self.cases {
            let expected = Self.fixtures.appendingPathComponent(name).appendingPathComponent("expected.txt")
            #expect(FileManager.default.fileExists(atPath: expected.path), "\(name) needs expected.txt")
        }
    }

    @Test(arguments: cases) func endsWithTheExpectedStatusAndLocatedErrors(name: String) throws {
        let scratch = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let source = Self.fixtures.appendingPathComponent(name)
        let lines = try String(contentsOf: source.appendingPathComponent("expected.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let status = try #require(lines.first.flatMap { Int32($0.replacingOccurrences(of: "exit ", with: "")) },
                                  "\(name): expected.txt starts with `exit 0` or `exit 1`")
        let folder = scratch.appendingPathComponent(name)
        try FileManager.default.copyItem(at: source, to: folder)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("expected.txt"))
        let runs: [[String]]
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("series.yaml").path) {
            for wave in ["2018", "2023"] {
                try FileManager.default.copyItem(at: SurveyBinary.repositoryRoot.appendingPathComponent("Surveys/shimin/\(wave)"),
                                                 to: folder.appendingPathComponent(wave))
            }
            runs = [["compare", name, "--out", "out"]]
        } else {
            runs = [["check", name], ["report", name, "--out", "out"]]
        }
        for arguments in runs {
            let result = try SurveyBinary.run(arguments, in: scratch)
            let output = result.stdout + result.stderr
            #expect(result.status == status, "\(name): survey \(arguments[0]) ended with \(result.status)\n\(output)")
            for line in lines.dropFirst() where arguments == runs[0] {
                #expect(output.contains(line), "\(name): survey \(arguments[0]) does not say '\(line)'\n\(output)")
            }
            let located = try Regex(#"^[^:]+:\d+:\d+: error: "#)
            for error in result.stderr.split(separator: "\n") where error.contains(": error: ") {
                #expect(error.hasPrefix("\(name)/") && error.contains(located), "\(name): an error without a location: \(error)")
            }
        }
    }
}
