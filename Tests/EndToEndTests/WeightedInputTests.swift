import Foundation
import Testing

/// Careless and hostile input on the weighted paths (`weights:`), through the real binary.
@Suite struct WeightedInputTests {
    /// Writes a wave folder `name` under `folder`: its survey.yaml and one data file, d.csv.
    static func wave(_ name: String, in folder: URL, yaml: String, csv: String) throws {
        let wave = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: wave, withIntermediateDirectories: true)
        try yaml.write(to: wave.appendingPathComponent("survey.yaml"), atomically: true, encoding: .utf8)
        try csv.write(to: wave.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
    }

    /// A file of `out` as text, without its BOM and with LF line ends.
    static func text(_ path: String, in out: URL) throws -> String {
        String(decoding: try Data(contentsOf: out.appendingPathComponent(path)), as: UTF8.self)
            .replacingOccurrences(of: "\u{FEFF}", with: "").replacingOccurrences(of: "\r\n", with: "\n")
    }

    static let sexQuestion = "questions:\n  - id: sex\n    column: 性別\n    type: single\n    choices: {1: 男性, 2: 女性}\n"

    @Test func trimBoundsTooNarrowAreAnErrorAtTrim() throws {
        // Raked to 30 men and 70 women, two of each: weights 15, 15, 35, 35 (0.6 and 1.4 times their mean of 25), all
        // outside [0.99, 1.01]: nothing inside takes what trimming cuts off. The weights were used untrimmed, silently.
        let folder = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.wave("w", in: folder, yaml: """
            title: T
            wave: 2023
            data:
              - file: d.csv
            weights:
              rake:
                margins: {sex: {1: 30, 2: 70}}
                trim: [0.99, 1.01]

            """ + Self.sexQuestion, csv: "性別\n1\n1\n2\n2\n")
        let check = try SurveyBinary.run(["check", "w"], in: folder)
        #expect(check.status == 1)
        #expect(check.stderr.contains("""
            w/survey.yaml:8:11: error: found trim [0.99, 1.01], but the raked weights, from 0.6 to 1.4 times their mean, cannot all be brought within it with their total kept: too few weights lie inside to take what is cut off
            w/survey.yaml:8:11: note: widen 'trim' (lower further below 1, upper further above; e.g. [0.3, 3.0]) or remove it
            """))
        let report = try SurveyBinary.run(["report", "w", "--out", "out"], in: folder)
        #expect(report.status == 1 && report.stderr.contains("w/survey.yaml:8:11: error: found trim [0.99, 1.01]"))
        let written = (try? FileManager.default.subpathsOfDirectory(atPath: folder.appendingPathComponent("out").path)) ?? []
        #expect(!written.contains { $0.hasSuffix(".csv") || $0.hasSuffix(".md") })
    }

    @Test func weightsAndPopulationsBelow1e15AreErrors() throws {
        // Weights of 1e-300 (a population of 1e-300, or such a weight cell) were accepted, and every design-based test,
        // mark and effective sample size vanished: the squares that the variances sum underflow to 0.
        let folder = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let head = "title: T\nwave: 2023\ndata:\n  - file: d.csv\n"
        try Self.wave("strata", in: folder, yaml: head + "weights:\n  strata: {question: sex, population: {1: 1e-300, 2: 2}}\n" + Self.sexQuestion,
                      csv: "性別\n1\n1\n2\n2\n")
        try Self.wave("column", in: folder, yaml: head + "weights:\n  column: W\n" + Self.sexQuestion,
                      csv: "性別,W\n1,1e-300\n1,1\n2,0\n2,1\n")
        let result = try SurveyBinary.run(["check", "strata", "column"], in: folder)
        #expect(result.status == 1)
        let errors = result.stderr.components(separatedBy: "\n").filter { $0.contains(": error: ") }
        #expect(errors == [
            "strata/survey.yaml:6:43: error: found '1e-300' for 'weights.strata.population'; expected a number from 10^-15 to 10^15",
            "column/d.csv:2: error: found '1e-300' in the weight column 'W'; expected a weight from 10^-15 to 10^15",
            "column/d.csv:4: error: found '0.0' in the weight column 'W'; expected a weight from 10^-15 to 10^15",
        ])
    }

    @Test func theWeightsProblemsAreListedWithTheDataErrors() throws {
        // An unknown choice in one cell hid every problem of the weights (a weight of 0, a code without a population)
        // until it was corrected: `survey check` then found the next.
        let folder = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let head = "title: T\nwave: 2023\ndata:\n  - file: d.csv\n"
        try Self.wave("strata", in: folder, yaml: head + "weights:\n  strata: {question: sex, population: {1: 40}}\n" + Self.sexQuestion,
                      csv: "性別,問1\n1,\n7,\n2,\n")
        try Self.wave("column", in: folder, yaml: head + "weights:\n  column: W\n" + Self.sexQuestion, csv: "性別,W\n1,1\n7,1\n2,0\n")
        let result = try SurveyBinary.run(["check", "strata", "column"], in: folder)
        #expect(result.status == 1)
        let errors = result.stderr.components(separatedBy: "\n").filter { $0.contains(": error: ") }
        #expect(errors == [
            "strata/d.csv:3:1: error: found '7' in column '性別' (question 'sex'); expected one of 1 (男性), 2 (女性), or blank for 無回答",
            "strata/survey.yaml:6:39: error: found 1 respondents with code 2 (女性) of 'sex', which has no population in 'weights.strata.population'",
            "column/d.csv:3:1: error: found '7' in column '性別' (question 'sex'); expected one of 1 (男性), 2 (女性), or blank for 無回答",
            "column/d.csv:4: error: found '0.0' in the weight column 'W'; expected a weight from 10^-15 to 10^15",
        ])
    }

    @Test func hexadecimalCellsAreNoNumbers() throws {
        // Swift's Double("0x10") is 16: a weight of 0x10 weighed 16 and a sex of 0x1 was 男性, in silence.
        let folder = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.wave("w", in: folder, yaml: "title: T\nwave: 2023\ndata:\n  - file: d.csv\nweights:\n  column: W\n" + Self.sexQuestion,
                      csv: "性別,W\n1,0x10\n0x1,1\n2,1\n")
        let result = try SurveyBinary.run(["check", "w"], in: folder)
        #expect(result.status == 1)
        let errors = result.stderr.components(separatedBy: "\n").filter { $0.contains(": error: ") }
        #expect(errors == [
            "w/d.csv:2:2: error: found '0x10' in column 'W' (question 'weights.column'); expected a number or blank",
            "w/d.csv:3:1: error: found '0x1' in column '性別' (question 'sex'); expected one of 1 (男性), 2 (女性), or blank for 無回答",
        ])
    }

    @Test func aWeightingQuestionNobodyAnsweredIsOneError() throws {
        // Every respondent blank in the strata question gave one error per code, each noting to remove the code and
        // its population; removing them all gave the next error ('no code').
        let folder = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.wave("w", in: folder, yaml: "title: T\nwave: 2023\ndata:\n  - file: d.csv\nweights:\n  strata: {question: sex, population: {1: 40, 2: 60}}\n"
                      + Self.sexQuestion + "  - id: q1\n    column: 問1\n    type: number\n", csv: "性別,問1\n,1\n,2\n,3\n")
        let result = try SurveyBinary.run(["check", "w"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("""
            w/survey.yaml:6:22: error: found no answer to 'sex', a weighting question, from any of the 3 respondents; its codes cannot be weighted
            w/survey.yaml:6:22: note: check that the question's column is the one holding the answers (and the filter, if any), or weight by another question
            """))
        #expect(!result.stderr.contains("but no respondent has it"))
    }

    @Test func aWeightedMeanOfEqualAnswersIsNoChange() throws {
        // Σwy/Σw of 7 and 7 weighted 0.3 and 1.4 rounds to 6.999999999999999 with a standard error of 6e-16: the
        // comparison printed 「7.00」 and tested a change of −9e-16 (z = −1.5; other weights gave z = 21, 「増加」).
        let folder = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let series = folder.appendingPathComponent("s")
        let questions = "questions:\n  - id: q4\n    column: 問4\n    type: number\n"
        try Self.wave("2022", in: series, yaml: "title: T\nwave: 2022\ndata:\n  - file: d.csv\n" + questions, csv: "問4\n7\n7\n")
        try Self.wave("2023", in: series, yaml: "title: T\nwave: 2023\ndata:\n  - file: d.csv\nweights:\n  column: W\n" + questions,
                      csv: "問4,W\n7,0.3\n7,1.4\n")
        let result = try SurveyBinary.run(["compare", "s", "--out", "out"], in: folder)
        #expect(result.status == 0)
        let out = folder.appendingPathComponent("out")
        let comparison = try Self.text("s/compare/comparison.csv", in: out)
        #expect(comparison.contains("q4,mean,,平均,2023,2,2,,,,,,,7.0,0.0,,,1,0.0\n"))
        let report = try Self.text("s/compare/report.md", in: out)
        #expect(report.contains("> 平均は7で、前回調査（2022年度調査）の7と比べています（検定できる回答数がありません）。"))
    }
}
