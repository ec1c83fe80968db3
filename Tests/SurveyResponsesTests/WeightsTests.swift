import Foundation
import SurveyDefinition
import SurveyDiagnostics
import SurveyTestSupport
import Testing
@testable import SurveyResponses

/// Respondents' weights made as the wave loads (`weights:`), against R's survey package (the fixture
/// `Tests/SurveyStatisticsTests/Fixtures/weights.csv`, written by `reference_weights.R` beside it), and every error.
struct WeightsTests {
    /// The reference rows: the data columns and R's weights.
    static func reference() throws -> [[String: String]] { try WeightsFixture.rows() }

    /// The fixture's data as a wave's CSV (`ID,地区,性別,年代,ウェイト`).
    static func data(_ rows: [[String: String]]) -> String { WeightsFixture.data(rows) }

    static func yaml(_ weights: String) -> String { WeightsFixture.yaml(file: "a.csv", weights: weights) }

    /// Loads the wave with `weights` over `csv`.
    static func load(_ weights: String, csv: String) throws -> (weights: [Double]?, messages: [String]) {
        let fixture = try WaveFixture(yaml: yaml(weights), files: ["a.csv": Array(csv.utf8)])
        let loaded = fixture.load()
        return (loaded.wave?.responses.weights.map { Array($0) }, loaded.messages)
    }

    static func expectClose(_ actual: [Double]?, _ expected: [Double], _ label: String) {
        guard let actual, actual.count == expected.count else {
            Issue.record("\(label): \(actual?.count ?? -1) weights for \(expected.count) respondents")
            return
        }
        let largest = zip(actual, expected).map { RelativeError.of($0, $1) }.max() ?? 0
        #expect(largest <= 1e-9, "\(label): largest relative error \(largest)")
    }

    @Test("strata weights are population / respondents per district, as R's svydesign(strata = ~district, weights = ~w)")
    func strata() throws {
        let rows = try Self.reference()
        let result = try Self.load("""
            weights:
              strata:
                question: district
                population: {1: 12400, 2: 8100, 3: 15300, 4: 30200}
            """, csv: Self.data(rows))
        #expect(result.messages.isEmpty, "\(result.messages)")
        Self.expectClose(result.weights, rows.map { Double($0["strata_w"]!)! }, "strata")
    }

    @Test("a report's subset (--where) keeps its respondents' weights, made on the whole wave")
    func subsetKeepsTheWavesWeights() throws {
        let rows = try Self.reference()
        let fixture = try WaveFixture(yaml: Self.yaml("""
            weights:
              strata:
                question: district
                population: {1: 12400, 2: 8100, 3: 15300, 4: 30200}
            """), files: ["a.csv": Array(Self.data(rows).utf8)])
        var engine = DiagnosticsEngine()
        let women = RowCondition(question: "sex", test: .codes([2]), location: RowCondition.commandLine)
        let wave = Wave.load(folder: fixture.folder.path, subset: [women], diagnostics: &engine)
        try? FileManager.default.removeItem(at: fixture.folder)
        #expect(!engine.hasErrors, "\(engine.diagnostics.map(\.description))")
        let kept = rows.filter { $0["sex"] == "2" }
        Self.expectClose(wave?.responses.weights.map { Array($0) }, kept.map { Double($0["strata_w"]!)! }, "subset")
    }

    @Test("raking, and raking then trimming, match R's rake() and trimWeights(strict = TRUE)")
    func rake() throws {
        let rows = try Self.reference()
        let margins = "margins: {sex: {1: 32000, 2: 34000}, age: {1: 26000, 2: 22000, 3: 18000}}"
        let raked = try Self.load("weights:\n  rake:\n    \(margins)\n    tolerance: 1.0e-7\n", csv: Self.data(rows))
        #expect(raked.messages.isEmpty, "\(raked.messages)")
        Self.expectClose(raked.weights, rows.map { Double($0["rake_w"]!)! }, "rake")
        let trimmed = try Self.load("weights:\n  rake:\n    \(margins)\n    trim: [0.5, 2.0]\n", csv: Self.data(rows))
        #expect(trimmed.messages.isEmpty, "\(trimmed.messages)")
        Self.expectClose(trimmed.weights, rows.map { Double($0["rake_trimmed_w"]!)! }, "rake + trim")
    }

    @Test("a weight column is read as the respondents' weights, and is not a question of the report")
    func column() throws {
        let rows = try Self.reference()
        let fixture = try WaveFixture(yaml: Self.yaml("weights: {column: ウェイト}"), files: ["a.csv": Array(Self.data(rows).utf8)])
        let loaded = fixture.load()
        #expect(loaded.messages.isEmpty, "\(loaded.messages)")
        Self.expectClose(loaded.wave?.responses.weights.map { Array($0) }, rows.map { Double($0["w_column"]!)! }, "column")
        #expect(loaded.wave?.definition.allQuestions.map(\.id) == ["district", "sex", "age"])
    }

    @Test("a blank, zero or negative weight is an error at its row")
    func invalidWeights() throws {
        let csv = "ID,地区,性別,年代,ウェイト\n1,1,1,1,1.5\n2,1,2,1,\n3,2,1,2,0\n4,2,2,3,-2\n5,3,1,1,abc\n6,3,2,2,1e-300\n"
        let result = try Self.load("weights: {column: ウェイト}", csv: csv)
        #expect(result.weights == nil)
        // A cell that is no number is the number rule's error; the weights' own problems are listed with it, but for
        // blank cells, which cannot be told from it (NaN both). Without it, every one:
        #expect(result.messages == [
            "w/a.csv:6:5: error: found 'abc' in column 'ウェイト' (question 'weights.column'); expected a number or blank\nw/a.csv:6:5: note: key the number with digits only (no units), or leave the cell blank",
            "w/a.csv:4: error: found '0.0' in the weight column 'ウェイト'; expected a weight from 10^-15 to 10^15\nw/a.csv:4: note: every respondent needs a weight above 0 (at least 10^-15); correct the cell or remove the row",
            "w/a.csv:5: error: found '-2.0' in the weight column 'ウェイト'; expected a weight from 10^-15 to 10^15\nw/a.csv:5: note: every respondent needs a weight above 0 (at least 10^-15); correct the cell or remove the row",
            "w/a.csv:7: error: found '1e-300' in the weight column 'ウェイト'; expected a weight from 10^-15 to 10^15\nw/a.csv:7: note: every respondent needs a weight above 0 (at least 10^-15); correct the cell or remove the row",
        ])
        let clean = try Self.load("weights: {column: ウェイト}", csv: csv.replacingOccurrences(of: "abc", with: "2"))
        #expect(clean.weights == nil)
        #expect(clean.messages == [
            "w/a.csv:3: error: found '(blank or not a number)' in the weight column 'ウェイト'; expected a weight from 10^-15 to 10^15\nw/a.csv:3: note: every respondent needs a weight above 0 (at least 10^-15); correct the cell or remove the row",
            "w/a.csv:4: error: found '0.0' in the weight column 'ウェイト'; expected a weight from 10^-15 to 10^15\nw/a.csv:4: note: every respondent needs a weight above 0 (at least 10^-15); correct the cell or remove the row",
            "w/a.csv:5: error: found '-2.0' in the weight column 'ウェイト'; expected a weight from 10^-15 to 10^15\nw/a.csv:5: note: every respondent needs a weight above 0 (at least 10^-15); correct the cell or remove the row",
            // Weights this small lost every test: the squares that design-based variances sum underflow to 0.
            "w/a.csv:7: error: found '1e-300' in the weight column 'ウェイト'; expected a weight from 10^-15 to 10^15\nw/a.csv:7: note: every respondent needs a weight above 0 (at least 10^-15); correct the cell or remove the row",
        ])
    }

    @Test("a code with a population but no respondent is an error at the code; a code with respondents needs a population")
    func codesWithoutRespondentsOrPopulation() throws {
        let csv = "ID,地区,性別,年代,ウェイト\n1,1,1,1,1\n2,1,2,1,1\n3,2,1,2,1\n4,3,2,3,1\n"
        let result = try Self.load("""
            weights:
              strata:
                question: district
                population: {1: 100, 2: 200, 4: 300}
            """, csv: csv)
        #expect(result.weights == nil)
        #expect(result.messages == [
            "w/survey.yaml:22:17: error: found 1 respondents with code 3 (西) of 'district', which has no population in 'weights.strata.population'\nw/survey.yaml:22:17: note: add '3: <population>' to 'weights.strata.population'",
            "w/survey.yaml:22:34: error: found code 4 (北) of 'district' in 'weights.strata.population', but no respondent has it; a weight cannot stand for a group with nobody in the data\nw/survey.yaml:22:34: note: remove the code and its population, or weight by a derived question (under 'derived:') that groups it with a neighbouring code",
        ])
    }

    @Test("respondents without an answer to the strata question get the overall ratio, with a warning")
    func unansweredStratum() throws {
        let csv = "ID,地区,性別,年代,ウェイト\n1,1,1,1,1\n2,1,2,1,1\n3,2,1,2,1\n4,,2,3,1\n"
        let result = try Self.load("weights:\n  strata: {question: district, population: {1: 100, 2: 200}}\n", csv: csv)
        #expect(result.weights == [50, 50, 200, 100])
        #expect(result.messages == [
            "w/survey.yaml:20:22: warning: found 1 respondents with no answer to 'district', a weighting question; they are weighted by the whole population over the respondents who answered (100)\nw/survey.yaml:20:22: note: key the answer where the questionnaire shows it, or ignore this warning",
        ])
    }

    @Test("raking that cannot meet its margins is an error naming the margin furthest from its population")
    func notConverged() throws {
        // Every man is young and every woman old: sex and age margins that disagree cannot both hold.
        let csv = "ID,地区,性別,年代,ウェイト\n1,1,1,1,1\n2,1,1,1,1\n3,2,2,3,1\n4,3,2,3,1\n"
        let result = try Self.load("weights:\n  rake:\n    margins: {age: {1: 90, 3: 10}, sex: {1: 10, 2: 90}}\n", csv: csv)
        #expect(result.weights == nil)
        #expect(result.messages == [
            "w/survey.yaml:21:15: error: raking did not converge in 2 iterations: margin 'age' is furthest from its population, at code 1 (weighted 10, population 90)\nw/survey.yaml:21:15: note: raise 'max_iterations' or 'tolerance', or use fewer margins or group sparse codes (derived questions): a margin that cannot be met with the others has an empty cell behind it",
        ])
    }
}

/// `weights:` in survey.yaml: its keys and the definition's errors, each at its line and column.
struct WeightsDefinitionTests {
    static func problems(_ weights: String) -> [String] {
        var engine = DiagnosticsEngine()
        _ = DefinitionReader.parse(yaml: WeightsTests.yaml(weights), path: "survey.yaml", defaultSeries: "s", diagnostics: &engine)
        return engine.diagnostics.map(\.description)
    }

    @Test("the three ways read, with raking's defaults")
    func reads() throws {
        var engine = DiagnosticsEngine()
        let definition = try #require(DefinitionReader.parse(yaml: WeightsTests.yaml("""
            weights:
              rake:
                margins: {sex: {1: 48, 2: 52}, age: {1: 30, 2: 30, 3: 40}}
            """), path: "survey.yaml", defaultSeries: "s", diagnostics: &engine))
        guard case .rake(let raking)? = definition.weights?.method else { Issue.record("not raking"); return }
        #expect(raking.margins.map(\.question.value) == ["sex", "age"])
        #expect(raking.tolerance == 1e-7 && raking.maxIterations == 100 && raking.trim == nil)
        #expect(definition.codedQuestions.count == 3)
    }

    @Test("unknown questions and codes, bad values, two ways at once and margins with different totals are errors")
    func errors() {
        #expect(Self.problems("weights: {strata: {question: distrct, population: {1: 10}}}") == [
            "survey.yaml:19:30: error: found 'distrct' in 'weights.strata', which is not a question id\nsurvey.yaml:19:30: note: did you mean 'district'?",
        ])
        #expect(Self.problems("weights: {strata: {question: district, population: {1: 10, 7: 5}}}") == [
            "survey.yaml:19:60: error: found code 7 in 'weights.strata.population', which is not a choice of 'district'; expected one of 1, 2, 3, 4\nsurvey.yaml:19:60: note: use codes listed under the question's 'choices:'",
        ])
        #expect(Self.problems("weights: {strata: {question: district, population: {1: 0}}}") == [
            "survey.yaml:19:56: error: found '0' for 'weights.strata.population'; expected a number from 10^-15 to 10^15\nsurvey.yaml:19:56: note: see the survey.yaml reference in the README for the form of this key",
        ])
        #expect(Self.problems("weights: {rake: {margins: {sex: {1: 1e-300, 2: 2e-300}}}}") == [
            "survey.yaml:19:37: error: found '1e-300' for 'weights.rake.margins.sex'; expected a number from 10^-15 to 10^15\nsurvey.yaml:19:37: note: see the survey.yaml reference in the README for the form of this key",
            "survey.yaml:19:48: error: found '2e-300' for 'weights.rake.margins.sex'; expected a number from 10^-15 to 10^15\nsurvey.yaml:19:48: note: see the survey.yaml reference in the README for the form of this key",
        ])
        #expect(Self.problems("weights: {column: w, strata: {question: district, population: {1: 1}}}") == [
            "survey.yaml:19:10: error: found 'column and strata' for 'weights'; expected exactly one of column, strata, rake\nsurvey.yaml:19:10: note: see the survey.yaml reference in the README for the form of this key",
        ])
        #expect(Self.problems("weights: {rake: {margins: {sex: {1: 48, 2: 52}, age: {1: 30, 2: 30}}, trim: [2, 3]}}") == [
            "survey.yaml:19:77: error: found '2, 3' for 'weights.rake.trim'; expected [lower, upper], two bounds on weight / mean weight with lower ≤ 1 ≤ upper, e.g. [0.3, 3.0]\nsurvey.yaml:19:77: note: see the survey.yaml reference in the README for the form of this key",
            "survey.yaml:19:54: error: found 'a total of 60' for 'weights.rake.margins.age'; expected the same total as the first margin, 'sex' (100): every margin counts the same population\nsurvey.yaml:19:54: note: see the survey.yaml reference in the README for the form of this key",
        ])
        #expect(Self.problems("weights: {wieghts: 1}") == [
            "survey.yaml:19:11: error: found unknown key 'wieghts'; expected one of column, strata, rake\nsurvey.yaml:19:11: note: remove the key or check its spelling against the README's survey.yaml reference",
            "survey.yaml:19:10: error: found 'no way of weighting' for 'weights'; expected exactly one of column, strata, rake\nsurvey.yaml:19:10: note: see the survey.yaml reference in the README for the form of this key",
        ])
    }
}
