import Foundation
import Testing

@Suite struct ReportCommandTests {
    /// The committed Reports/ are golden files: a fresh run must reproduce them byte for byte.
    @Test func reproducesTheCommittedReports() throws {
        let folder = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try SurveyBinary.run(["report", "Surveys", "--out", folder.path])
        #expect(result.status == 0)
        let golden = SurveyBinary.repositoryRoot.appendingPathComponent("Reports")
        let files = try FileManager.default.subpathsOfDirectory(atPath: golden.path).filter { $0.hasSuffix(".csv") }.sorted()
        #expect(files.count >= 8)
        for file in files {
            let expected = try Data(contentsOf: golden.appendingPathComponent(file))
            let actual = try Data(contentsOf: folder.appendingPathComponent(file))
            #expect(actual == expected, "Reports/\(file) differs from a fresh run; re-record with `make report` only on purpose")
        }
    }

    @Test func writesExcelFriendlyCSV() throws {
        let folder = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try SurveyBinary.run(["report", "Surveys/shimin/2023", "--out", folder.path])
        let bytes = try Data(contentsOf: folder.appendingPathComponent("shimin/2023/results.csv"))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("question,break,break_value,break_label,kind,choice,label,count,base,percent,adj_residual\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let tests = String(decoding: try Data(contentsOf: folder.appendingPathComponent("shimin/2023/tests.csv")).dropFirst(3), as: UTF8.self)
        #expect(tests.hasPrefix("question,break,choice,test,statistic,df,p_value,cramers_v,n,min_expected,low_expected_share\r\n"))
    }

    @Test func refusesAWaveWithErrorsAndWritesNothingForIt() throws {
        let folder = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let wave = folder.appendingPathComponent("s/2023")
        try FileManager.default.createDirectory(at: wave, withIntermediateDirectories: true)
        try "title: t\nwave: 2023\ndata:\n  - file: d.csv\nquestions:\n  - id: q1\n    column: 問1\n    type: single\n    choices: {1: a}\n"
            .write(to: wave.appendingPathComponent("survey.yaml"), atomically: true, encoding: .utf8)
        try "問1\n7\n".write(to: wave.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let result = try SurveyBinary.run(["report", "s", "--out", "out"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("s/2023/d.csv:2:1: error: found '7' in column '問1' (question 'q1'); expected one of 1 (a), or blank for 無回答"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/s/2023/results.csv").path))
    }

    @Test func printsOneCrossTabWithItsTest() throws {
        let result = try SurveyBinary.run(["crosstab", "Surveys/shimin/2023", "q4", "--by", "area"])
        #expect(result.status == 0)
        let lines = result.stdout.components(separatedBy: "\n")
        #expect(lines.first?.hasPrefix("q4 ") == true)
        #expect(lines.contains { $0.hasPrefix("全体\t1665\t") })
        #expect(lines.contains { $0.hasPrefix("χ² = ") && $0.contains("df = 6") })
    }

    @Test func crosstabNamesTheValidChoicesForABadQuestion() throws {
        let result = try SurveyBinary.run(["crosstab", "Surveys/shimin/2023", "q99", "--by", "area"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("found no question 'q99'; expected one of district, sex, age, q1,"))
    }
}
