import Foundation
import Testing

/// Hostile and careless definitions and data (issue 13): each is a located error of `survey check` (exit 1) or
/// correct output, never a trap, a hang or a file outside `--out`.
@Suite struct DataHardeningTests {
    /// A folder holding `city/2023/` with this `survey.yaml` and `data.csv`; removed by the caller.
    private func wave(yaml: String, csv: String) throws -> URL {
        let folder = try SurveyBinary.temporaryFolder()
        let wave = folder.appendingPathComponent("city/2023")
        try FileManager.default.createDirectory(at: wave, withIntermediateDirectories: true)
        try yaml.write(to: wave.appendingPathComponent("survey.yaml"), atomically: true, encoding: .utf8)
        try csv.write(to: wave.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
        return folder
    }

    private func errors(_ result: SurveyBinary.Result) -> [String] {
        result.stderr.components(separatedBy: "\n").filter { $0.contains(": error: ") }
    }

    static let numberYAML = """
        title: 調査
        wave: 2023
        fieldwork: {distributed: 2000}
        data:
          - file: data.csv
        questions:
          - id: q1
            column: 問1
            type: single
            choices: {1: はい, 2: いいえ}
          - id: q2
            column: 問2
            type: number
          - id: q3
            column: 問3
            type: scale
            choices: {1: a, 2: b}
            scores: {1: 1, 2: 2}
        """

    @Test func numberCellsBeyondTenToTheFifteenAreErrorsOfCheckAndReport() throws {
        let folder = try wave(yaml: Self.numberYAML, csv: "問1,問2,問3\n1,3,1\n2,1e19,2\n1,-1e308,1\n1,inf,2\n1,999999999999999,1\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let check = try SurveyBinary.run(["check", "city"], in: folder)
        #expect(check.status == 1)
        #expect(errors(check) == [
            "city/2023/data.csv:3:2: error: found '1e19' in column '問2' (question 'q2'); expected a number from -10^15 to 10^15 or blank",
            "city/2023/data.csv:4:2: error: found '-1e308' in column '問2' (question 'q2'); expected a number from -10^15 to 10^15 or blank",
            "city/2023/data.csv:5:2: error: found 'inf' in column '問2' (question 'q2'); expected a number from -10^15 to 10^15 or blank",
        ])
        let report = try SurveyBinary.run(["report", "city", "--out", "out"], in: folder)
        #expect(report.status == 1)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/city/2023/report.md").path))
    }

    @Test func theLargestValidNumbersAreReported() throws {
        let folder = try wave(yaml: Self.numberYAML.replacingOccurrences(of: "{1: 1, 2: 2}", with: "{1: 1e15, 2: -1e15}"),
                              csv: "問1,問2,問3\n1,1e15,1\n2,-1e15,2\n1,999999999999999,1\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try SurveyBinary.run(["report", "city", "--out", "out"], in: folder)
        #expect(report.status == 0)
        let markdown = try String(contentsOf: folder.appendingPathComponent("out/city/2023/report.md"), encoding: .utf8)
        #expect(markdown.contains("999999999999999"))
    }

    @Test func countsAndScoresBeyondTheirRangeAreDefinitionErrors() throws {
        let yaml = Self.numberYAML.replacingOccurrences(of: "{distributed: 2000}", with: "{distributed: 4611686018427388000}")
            .replacingOccurrences(of: "{1: 1, 2: 2}", with: "{1: 1e19, 2: 2}")
        let folder = try wave(yaml: yaml, csv: "問1,問2,問3\n1,3,1\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        for command in ["check", "report"] {
            let result = try SurveyBinary.run([command, "city"], in: folder)
            #expect(result.status == 1)
            #expect(errors(result) == [
                "city/2023/survey.yaml:3:26: error: found '4611686018427388000' for 'fieldwork.distributed'; expected a whole number from 1 to 1000000000",
                "city/2023/survey.yaml:18:17: error: found '1e19' for 'scores'; expected a number from -10^15 to 10^15",
            ])
        }
    }

    @Test func indicatorValuesBeyondAHundredPercentAreSeriesErrors() throws {
        let folder = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("shimin")
        try FileManager.default.copyItem(at: SurveyBinary.repositoryRoot.appendingPathComponent("Surveys/shimin"), to: target)
        try """
            indicators:
              - {id: x, question: q4, choices: [1], baseline: {value: 1e18}, target: {value: 1e18}, tolerance: 1e18}
            """.write(to: target.appendingPathComponent("series.yaml"), atomically: true, encoding: .utf8)
        let result = try SurveyBinary.run(["compare", "shimin", "--out", "out"], in: folder)
        #expect(result.status == 1)
        #expect(errors(result) == [
            "shimin/series.yaml:2:59: error: found '1e18' for 'baseline.value'; expected a number from 0 to 100 (percent)",
            "shimin/series.yaml:2:82: error: found '1e18' for 'target.value'; expected a number from 0 to 100 (percent)",
            "shimin/series.yaml:2:100: error: found '1e18' for 'tolerance'; expected a number from 0 to 100 (percent)",
        ])
    }

    @Test func aDerivedQuestionWithTooManyGroupsIsAnErrorNotATrap() throws {
        let groups = (1...65_536).map { "g\($0): [1]" }.joined(separator: ", ")
        let folder = try wave(yaml: """
            title: 調査
            wave: 2023
            data:
              - file: data.csv
            derived:
              - {id: area, from: q1, groups: {\(groups)}}
            questions:
              - {id: q1, column: 問1, type: single, choices: {1: はい, 2: いいえ}}
            """, csv: "問1\n1\n2\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        for command in ["check", "report"] {
            let result = try SurveyBinary.run([command, "city"], in: folder)
            #expect(result.status == 1)
            #expect(errors(result) == [
                "city/2023/survey.yaml:6:34: error: found '65536 groups' for 'groups'; expected at most 1000 groups in a derived question",
            ])
        }
    }

    /// Runs `survey` with its address space limited to `megabytes` (`ulimit -v`, through /bin/sh): a run that needs
    /// more fails to allocate and crashes instead of exiting with its status.
    private func runWithin(megabytes: Int, _ arguments: [String], in directory: URL) throws -> SurveyBinary.Result {
        let command = "ulimit -v \(megabytes * 1024) && exec \"$0\" \"$@\""
        return try SurveyBinary.run(program: URL(fileURLWithPath: "/bin/sh"), ["-c", command, SurveyBinary.executable.path] + arguments, in: directory)
    }

    static let thirtyScalesYAML = """
        title: 調査
        wave: 2023
        respondent_id: ID
        data:
          - file: data.csv
        questions:
        """ + (1...30).map { "\n  - {id: q\($0), column: Q\($0), type: scale, choices: {1: そう思う, 2: ややそう思う, 3: そう思わない}}" }.joined()

    @Test func problemsBeyondTheCapAreCountedNotKept() throws {
        let header = "ID," + (1...30).map { "Q\($0)" }.joined(separator: ",") + "\n"
        let row = "," + Array(repeating: "7", count: 30).joined(separator: ",") + "\n"
        let rows = (1...10_000).map { "\($0)" + row }.joined()
        let folder = try wave(yaml: Self.thirtyScalesYAML, csv: header + rows)
        defer { try? FileManager.default.removeItem(at: folder) }
        // 300,000 problems: ~450 MiB resident when every one was kept before the cap; now ~30 MiB.
        let run = try runWithin(megabytes: 300, ["check", "city"], in: folder)
        #expect(run.status == 1)
        #expect(run.stdout.contains("    error unknown-choice: 300000 (city/2023/data.csv:2:2, city/2023/data.csv:2:3, city/2023/data.csv:2:4, …)"))
    }

    @Test func oneLargeRespondentIDCostsNoMemory() throws {
        let header = "ID," + (1...30).map { "Q\($0)" }.joined(separator: ",") + "\n"
        let row = "," + Array(repeating: "1", count: 30).joined(separator: ",") + "\n"
        let folder = try wave(yaml: Self.thirtyScalesYAML, csv: header + "1" + row + "999999999" + row + "999999999" + row)
        defer { try? FileManager.default.removeItem(at: folder) }
        // 261 MB when the id bit set was sized by the largest id.
        let check = try runWithin(megabytes: 200, ["check", "city"], in: folder)
        #expect(check.status == 1)
        #expect(errors(check) == ["city/2023/data.csv:4:1: error: found respondent id '999999999' again; it is first used on line 3 of city/2023/data.csv"])
    }

    @Test func everyKindKeepsItsFirstLocationBeyondTheCap() throws {
        let header = "ID," + (1...30).map { "Q\($0)" }.joined(separator: ",") + "\n"
        let bad = (1...3).map { "\($0)," + Array(repeating: "7", count: 30).joined(separator: ",") + "\n" }.joined()
        let late = "1" + String(repeating: ",1", count: 30) + "\n"
        let folder = try wave(yaml: Self.thirtyScalesYAML, csv: header + bad + late)
        defer { try? FileManager.default.removeItem(at: folder) }
        let check = try SurveyBinary.run(["check", "city"], in: folder)
        #expect(check.status == 1)
        #expect(errors(check).count == 51)
        #expect(errors(check).last == "city/2023/data.csv:5:1: error: found respondent id '1' again; it is first used on line 2 of city/2023/data.csv")
        #expect(check.stdout.contains("    error unknown-choice: 90 (city/2023/data.csv:2:2, city/2023/data.csv:2:3, city/2023/data.csv:2:4, …)"))
        #expect(check.stdout.contains("    error duplicate-respondent-id: 1 (city/2023/data.csv:5:1)"))
    }

    @Test func aHugeCellIsQuotedShortAndOnOneLine() throws {
        let cell = "\"" + String(repeating: "あ", count: 100) + "\n\u{1B}[31m" + String(repeating: "x", count: 10_000_000) + "\""
        let folder = try wave(yaml: Self.numberYAML, csv: "問1,問2,問3\n1,\(cell),1\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let check = try SurveyBinary.run(["check", "city"], in: folder)
        #expect(check.status == 1)
        #expect(errors(check) == ["city/2023/data.csv:2:2: error: found '" + String(repeating: "あ", count: 80)
                                  + "…' in column '問2' (question 'q2'); expected a number or blank"])
        #expect(check.stderr.utf8.count < 2_000)
    }

    @Test func namesThatWouldLeaveTheOutputFolderAreErrorsAndNothingIsWritten() throws {
        let yaml = "series: ../../escaped\n" + Self.numberYAML.replacingOccurrences(of: "  - id: q2", with: "  - id: ../../../../escaped_q")
        let folder = try wave(yaml: yaml, csv: "問1,問2,問3\n1,3,1\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("a/b/out")
        let result = try SurveyBinary.run(["report", "city", "--out", out.path], in: folder)
        #expect(result.status == 1)
        #expect(errors(result).map { $0.components(separatedBy: "; expected").first ?? "" } == [
            "city/2023/survey.yaml:1:9: error: found '../../escaped' for 'series'",
            "city/2023/survey.yaml:12:9: error: found '../../../../escaped_q' for 'id'",
        ])
        let written = FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []
        #expect(written.filter { $0.contains("escaped") }.isEmpty)
    }
}
