import Foundation
import Testing

@Suite struct CompareCommandTests {
    @Test func reportsSeriesProblemsWithTheirLocationAndWritesNothing() throws {
        let folder = try SurveyBinary.exampleSeries("""
            match:
              - {wave: 2019, question: q8}
            indicators:
              - {id: x, question: q88, choices: [1], baseline: {wave: 2018}, target: {value: 50}}
            """)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try SurveyBinary.run(["compare", "shimin", "--out", "out"], in: folder)
        #expect(result.status == 1)
        let errors = result.stderr.components(separatedBy: "\n").filter { $0.contains(": error: ") }
        #expect(errors == [
            "shimin/series.yaml:2:12: error: found '2019' for 'wave'; expected one of the series' waves: 2013, 2018, 2023",
            "shimin/series.yaml:4:23: error: found 'q88' in 'indicators.question', which is not a question id",
        ])
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/shimin/compare/comparison.csv").path))
    }

    @Test func needsTwoWaves() throws {
        let result = try SurveyBinary.run(["compare", "Surveys/shimin/2023"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("found no series with two or more waves under 'Surveys/shimin/2023'"))
    }

    @Test func writesTheComparisonFiles() throws {
        let folder = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try SurveyBinary.run(["compare", "Surveys/shimin", "--out", folder.path])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Surveys/shimin: compared 2013, 2018, 2023; wrote "))
        let indicators = String(decoding: try Data(contentsOf: folder.appendingPathComponent("shimin/compare/indicators.csv")).dropFirst(3), as: UTF8.self)
        #expect(indicators.hasPrefix("indicator,name,wave,value,baseline,target,progress,status,tolerance,baseline_z,baseline_p_value,baseline_ci_low,baseline_ci_high,previous_z,previous_p_value,previous_ci_low,previous_ci_high,weighted\r\n"))
        #expect(indicators.contains("participation,地域活動に参加している市民の割合,2013,37.2,34.3,45.0,,参考,3.0,,,,,,,,,0\r\n"))
        // 2023 is weighted: its value is the weighted share, and the line says so.
        #expect(indicators.split(separator: "\r\n").contains { $0.hasPrefix("participation,地域活動に参加している市民の割合,2023,25.0,34.3,45.0,") && $0.hasSuffix(",1") })
        let report = try String(contentsOf: folder.appendingPathComponent("shimin/compare/report.md"), encoding: .utf8)
        #expect(report.contains("> 『ほとんどつきあいはない』は18.2％で、前回調査（平成30年度調査）の9.5％から8.7ポイント増加しています。"))
        #expect(report.contains("| ほとんどつきあいはない | 6.8 | 9.5 | 18.2 | +8.7▲ |"))
    }
}
