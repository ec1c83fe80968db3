import Foundation
import Testing

@Suite struct CheckCommandTests {
    @Test func passesOnTheExampleSurvey() throws {
        let result = try SurveyBinary.run(["check", "Surveys/shimin/2023"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Surveys/shimin/2023: 地域福祉に関する市民意識調査 令和5年度調査 (series shimin, wave 2023)\n  respondents: "))
        #expect(result.stdout.contains("\n  by district: 中央 "))
        #expect(result.stdout.contains("\n  errors: 0, warnings: "))
        #expect(!result.stderr.contains(": error: "))
    }

    @Test func checksEveryWaveUnderSurveysByDefault() throws {
        let result = try SurveyBinary.run(["check"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Surveys/shimin/2018: "))
        #expect(result.stdout.contains("Surveys/shimin/2023: "))
    }

    @Test func reportsEveryProblemOfABrokenWaveAndExitsOne() throws {
        let folder = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let wave = folder.appendingPathComponent("city/2023")
        try FileManager.default.createDirectory(at: wave, withIntermediateDirectories: true)
        try """
            title: 調査
            wave: 2023
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
            """.write(to: wave.appendingPathComponent("survey.yaml"), atomically: true, encoding: .utf8)
        try "問1,問2\n1,3\n5,x\n2,4\n3,\n".write(to: wave.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
        let result = try SurveyBinary.run(["check", "city"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.components(separatedBy: "\n").filter { $0.contains(": error: ") } == [
            "city/2023/data.csv:3:1: error: found '5' in column '問1' (question 'q1'); expected one of 1 (はい), 2 (いいえ), or blank for 無回答",
            "city/2023/data.csv:3:2: error: found 'x' in column '問2' (question 'q2'); expected a number or blank",
            "city/2023/data.csv:5:1: error: found '3' in column '問1' (question 'q1'); expected one of 1 (はい), 2 (いいえ), or blank for 無回答",
        ])
        #expect(result.stdout.contains("  errors: 3, warnings: 0"))
        #expect(result.stdout.contains("    error unknown-choice: 2 (city/2023/data.csv:3:1, city/2023/data.csv:5:1)"))
    }

    @Test func rejectsAPathWithoutSurveysAsAUsageError() throws {
        let folder = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try SurveyBinary.run(["check", "nowhere"], in: folder)
        #expect(result.status == 64)
        #expect(result.stderr.contains("found no file or folder 'nowhere'; expected a wave, series or survey folder such as 'Surveys'"))
    }
}
