import Foundation
import Testing

/// `survey check` on a series folder validates its series.yaml against the waves.
@Suite struct SeriesCheckTests {
    @Test func locatesEverySeriesProblem() throws {
        let folder = try SurveyBinary.exampleSeries("""
            match:
              - wave: 2018
                question: q8x
              - wave: 2018
                question: q8
                choices: {1: 1, 6: 4}
            indicators:
              - id: kouken
                question: q20
                choices: [1, 2, 7]
                baseline: {wave: 2018}
                target: {value: 50.0}
              - id: isolation
                question: q4
                choices: [4]
                baseline: {value: 9.5, year: 2016}
                target: {value: 12.0}
                direction: down
                tolerance: 0
              - id: participation
                question: q8
                choices: [1, 2]
                baseline: {wave: 2018}
                target: {value: 30.0}
            """)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try SurveyBinary.run(["check", "shimin"], in: folder)
        #expect(result.status == 1)
        let problems = result.stderr.components(separatedBy: "\n").filter { $0.hasPrefix("shimin/series.yaml:") }
        #expect(problems == [
            "shimin/series.yaml:3:15: error: found 'q8x' in 'match.question', which is not a question id",
            "shimin/series.yaml:3:15: note: did you mean 'q8'?",
            "shimin/series.yaml:6:14: error: found code 6 in 'match.choices', which is not a choice of 'q8'; expected one of 1, 2, 3, 4, 5",
            "shimin/series.yaml:6:14: note: use codes listed under the question's 'choices:'",
            "shimin/series.yaml:10:14: error: found code 7 in 'indicators.choices', which is not a choice of 'q20'; expected one of 1, 2, 3",
            "shimin/series.yaml:10:14: note: use codes listed under the question's 'choices:'",
            "shimin/series.yaml:11:22: warning: indicator 'kouken': found baseline wave 2018, which has no question 'q20' (asked in 2023)",
            "shimin/series.yaml:11:22: note: name a wave that asked it (baseline: {wave: 2023}) or give the value from another source (baseline: {value: 45.0, year: 2018}); without a baseline the indicator can only be 達成 or 判定不可",
            "shimin/series.yaml:17:21: warning: indicator 'isolation': found target 12.0, which is not below the baseline 9.5 although direction is down",
            "shimin/series.yaml:17:21: note: a 'down' indicator improves as it falls: set a target below the baseline, or direction: up if higher is better",
            "shimin/series.yaml:19:16: error: indicator 'isolation': found tolerance 0.0; expected more than 0 points",
            "shimin/series.yaml:19:16: note: give the points within which a change counts as 現状維持, e.g. tolerance: 3.0 (the default)",
            "shimin/series.yaml:24:21: warning: indicator 'participation': found target 30.0, which is not above the baseline 34.3 although direction is up",
            "shimin/series.yaml:24:21: note: an 'up' indicator improves as it rises: set a target above the baseline, or direction: down if lower is better",
        ])
        #expect(result.stdout.contains("shimin/series.yaml: matches: 2, indicators: 3, checked against waves 2013, 2018, 2023\n  errors: 4, warnings: 3"))
    }

    @Test func theExampleSeriesWarnsOnlyAboutItsBaselineWithoutTheQuestion() throws {
        let result = try SurveyBinary.run(["check", "Surveys/shimin"])
        #expect(result.status == 0)
        let problems = result.stderr.components(separatedBy: "\n").filter { $0.hasPrefix("Surveys/shimin/series.yaml:") }
        #expect(problems.count == 2)
        #expect(problems.first?.hasSuffix(": warning: indicator 'kouken': found baseline wave 2018, which has no question 'q20' (asked in 2023)") == true)
        #expect(result.stdout.contains("Surveys/shimin/series.yaml: matches: 2, indicators: 5, checked against waves 2013, 2018, 2023\n  errors: 0, warnings: 1"))
    }
}
