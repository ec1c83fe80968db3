import Foundation
import SurveyDefinition
import SurveyDiagnostics
import SurveyTestSupport
import Testing
@testable import SurveyResponses

/// A temporary wave folder holding `survey.yaml` and data files.
struct WaveFixture {
    let folder: URL

    init(yaml: String, files: [String: [UInt8]]) throws {
        folder = try TemporaryFolder.create(prefix: "survey-wave", files: files.merging(["survey.yaml": Array(yaml.utf8)]) { $1 })
    }

    /// The wave's definition, which must read without problems.
    func definition() throws -> SurveyDefinition {
        var problems = DiagnosticsEngine()
        let definition = DefinitionReader.read(path: folder.appendingPathComponent("survey.yaml").path, diagnostics: &problems)
        #expect(!problems.hasErrors, "\(problems.diagnostics.map(\.description))")
        return try #require(definition)
    }

    /// Loads the wave; diagnostics cite files as `w/…`.
    ///
    /// The folder is named by its full path (tests run in parallel, so the current directory is never changed).
    func load() -> (wave: Wave?, messages: [String], engine: DiagnosticsEngine) {
        var engine = DiagnosticsEngine()
        let wave = Wave.load(folder: folder.path, diagnostics: &engine)
        let prefix = folder.path + "/"
        let messages = engine.diagnostics.map { $0.description.replacingOccurrences(of: prefix, with: "w/") }
        try? FileManager.default.removeItem(at: folder)
        return (wave, messages, engine)
    }
}

let definitionText = """
    title: テスト調査
    wave: 2023
    data:
      - file: a.csv
    respondent_id: ID
    missing: [9]
    derived:
      - id: area
        from: district
        groups: {北部: [1, 2], 南部: [3]}
    questions:
      - id: district
        column: 地区
        type: single
        choices: {1: 中央, 2: 東, 3: 西}
      - id: q1
        column: 問1
        type: single
        choices: {1: はい, 2: いいえ}
      - id: q2
        column: 問2
        type: single
        asked_if: {q1: [2]}
        choices: {1: 理由A, 2: 理由B}
      - id: q3
        type: multiple
        columns: [問3_1, 問3_2, 問3_3]
        choices: {1: 高齢化, 2: 担い手不足, 3: 交流の減少}
        max: 2
      - id: q4
        column: 問4
        separator: ","
        type: multiple
        choices: {1: "家族・親族", 2: "近所の人, 友人", 3: 市役所}
      - id: q5
        column: 問5
        type: number
      - id: q6
        column: 問6
        type: text
    """

let header = "ID,地区,問1,問2,問3_1,問3_2,問3_3,問4,問5,問6\r\n"

@Suite struct ResponseCodingTests {
    @Test func codesCodesLabelsFullWidthDigitsAndBothMultipleLayouts() throws {
        let rows = [
            "1,1,1,,1,0,,\"1,3\",12,ok",
            "2,東,２,1,○,TRUE,,\"家族・親族,近所の人, 友人\",3.5,",
            "3, 3 ,9,,,,,,,",
            "4,3,2,2,1.0,,,市役所,,",
        ]
        let fixture = try WaveFixture(yaml: definitionText, files: ["a.csv": Array((header + rows.joined(separator: "\r\n") + "\r\n").utf8)])
        let result = fixture.load()
        #expect(result.messages.isEmpty)
        let table = try #require(result.wave?.responses)
        #expect(table.count == 4)
        #expect(table.columns["district"]?.choices == [1, 2, 3, 3])
        #expect(table.columns["q1"]?.choices == [1, 2, 0, 2])
        #expect(table.columns["area"]?.choices == [1, 1, 2, 2])
        #expect(table.columns["q3"]?.selections == [0b001, 0b011, 0, 0b001])
        #expect(table.columns["q4"]?.selections == [0b101, 0b011, 0, 0b100])
        #expect(table.columns["q5"]?.numbers?.map { $0.isNaN ? -1 : $0 } == [12, 3.5, -1, -1])
        #expect(table.columns["q6"]?.texts == [true, false, false, false])
        #expect(table.eligibility["q2"] == [false, true, false, true])
        #expect(table.sources.map(\.line) == [2, 3, 4, 5])
    }

    @Test func reportsEveryBadCellWithLocation() throws {
        let rows = [
            "1,4,1,,1,,,,12,",
            "2,1,1,,x,,,\"1,7\",twelve,",
            "1,1,1,,1,,,,,",
        ]
        let fixture = try WaveFixture(yaml: definitionText, files: ["a.csv": Array((header + rows.joined(separator: "\r\n")).utf8)])
        let result = fixture.load()
        #expect(result.messages.map { $0.components(separatedBy: "\n")[0] } == [
            "w/a.csv:2:2: error: found '4' in column '地区' (question 'district'); expected one of 1 (中央), 2 (東), 3 (西), or blank for 無回答",
            "w/a.csv:3:5: error: found 'x' in flag column '問3_1' (question 'q3'); expected 1 or the choice's label (chosen), or 0 / blank (not chosen)",
            "w/a.csv:3:8: error: found '7' in column '問4' (question 'q4'); expected one of 1 (家族・親族), 2 (近所の人, 友人), 3 (市役所), or blank for 無回答",
            "w/a.csv:3:9: error: found 'twelve' in column '問5' (question 'q5'); expected a number or blank",
            "w/a.csv:4:1: error: found respondent id '1' again; it is first used on line 2 of w/a.csv",
        ])
        #expect(result.engine.hasErrors)
    }

    @Test func warnsAboutDoubleMarksExtraAnswersIneligibleAnswersAndBlankRows() throws {
        let rows = [
            "1,1,1・2,,1,1,1,,,",
            "2,1,1,1,,,,,,",
            ",,,,,,,,,",
            "3,2,2,1,,,,,,",
        ]
        let fixture = try WaveFixture(yaml: definitionText, files: ["a.csv": Array((header + rows.joined(separator: "\r\n") + "\r\n").utf8)])
        let result = fixture.load()
        #expect(result.messages == [
            "w/a.csv:2:3: warning: found '1・2' in single-answer column '問1' (question 'q1'); counted as 無回答\n"
                + "w/a.csv:2:3: note: this is the usual rule for a double-marked paper answer; key one code if the questionnaire shows which was meant",
            "w/a.csv:2:5: warning: found 3 answers to question 'q3', which allows 2; kept 1, 2\n"
                + "w/a.csv:2:5: note: this is the usual keying rule; check the questionnaire if another choice was meant",
            "w/a.csv:4: warning: found a row with every answer blank; it is not counted as a respondent\n"
                + "w/a.csv:4: note: delete the empty line from the sheet, or ignore this warning",
            "w/a.csv:3:4: warning: found an answer to question 'q2' from a respondent outside its asked_if (q1 = 2); it is not counted\n"
                + "w/a.csv:3:4: note: check the respondent's answer to the filter question, or clear this answer",
        ])
        let table = try #require(result.wave?.responses)
        #expect(table.count == 3)
        #expect(table.columns["q3"]?.selections?.first == 0b011)
        #expect(table.columns["q1"]?.choices?.first == 0)
        #expect(!result.engine.hasErrors)
    }

    @Test func reportsAbsentColumnsWithTheDefinitionLineAndNearestHeader() throws {
        let fixture = try WaveFixture(yaml: definitionText, files: ["a.csv": Array("ID,地区,問１,問2,問3_1,問3_2,問3-3,問4,問5,問6\r\n1,1,1,,,,,,,\r\n".utf8)])
        let result = fixture.load()
        #expect(result.wave == nil)
        #expect(result.messages == [
            "w/survey.yaml:27:27: error: found no column '問3_3' in w/a.csv; expected it in the header line\n"
                + "w/survey.yaml:27:27: note: did you mean '問3-3'? correct the column name in survey.yaml or in the file's header",
        ])
    }

    @Test func readsSeveralFilesInOrder() throws {
        var yaml = definitionText.replacingOccurrences(of: "  - file: a.csv", with: "  - file: a.csv\n  - file: b.csv\n    encoding: cp932")
        yaml = yaml.replacingOccurrences(of: "respondent_id: ID\n", with: "respondent_id: ID\n")
        let cp932Row: [UInt8] = Array("2,".utf8) + [0x93, 0x8C] + Array(",1,,,,,,,\r\n".utf8) // 東 in CP932
        let fixture = try WaveFixture(yaml: yaml, files: [
            "a.csv": Array((header + "1,1,1,,,,,,,\r\n").utf8),
            "b.csv": Array(try #require(header.data(using: .shiftJIS))) + cp932Row,
        ])
        let result = fixture.load()
        #expect(result.messages.isEmpty)
        #expect(result.wave?.responses.columns["district"]?.choices == [1, 2])
        #expect(result.wave?.responses.respondentsPerFile == [1, 1])
    }
}
