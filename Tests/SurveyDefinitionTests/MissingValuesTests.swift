import SurveyDiagnostics
import Testing
@testable import SurveyDefinition

/// `missing` (無回答) and `not_asked` (非該当): codes of any sign and texts, globally and per question, and their misuse.
@Suite struct MissingValuesTests {
    static let yaml = """
        title: 調査
        wave: 2024
        data:
          - file: a.csv
        missing: [-9, 99, NA, 不明, "No answer"]
        not_asked: [-1, Not applicable]
        questions:
          - id: sex
            column: sex
            type: single
            choices: {1: 男性, 2: 女性}
          - id: q1
            column: q1
            type: single
            choices: {1: はい, 2: いいえ, 8: わからない}
            missing: [8, "Don't know"]
          - id: age
            column: age
            type: number
            missing: [0, 999]
          - id: years
            column: years
            type: number
          - id: q2
            columns: [q2_1, q2_2]
            type: multiple
            choices: {1: a, 2: b}
          - id: q3
            column: q3
            type: text
        """

    @Test func readsCodesOfAnySignAndTexts() throws {
        let result = parse(Self.yaml)
        #expect(result.messages.isEmpty)
        let definition = try #require(result.definition)
        #expect(definition.missing.map(\.value) == [.code(-9), .code(99), .text("NA"), .text("不明"), .text("No answer")])
        #expect(definition.notAsked.map(\.value) == [.code(-1), .text("Not applicable")])
        #expect(definition.missingCodes == [-9, 99])
        #expect(definition.missing[2].location.line == 5)
        #expect(definition.missing[2].location.column == 19)
    }

    @Test func aQuestionsOwnListReplacesTheGlobalOne() throws {
        let definition = try #require(parse(Self.yaml).definition)
        // The global codes and texts.
        #expect(definition.question("sex")?.missing == [.code(-9), .code(99), .text("NA"), .text("不明"), .text("No answer")])
        #expect(definition.question("sex")?.notAsked == [.code(-1), .text("Not applicable")])
        // Its own list instead; a listed choice code takes the choice out and its label with it.
        #expect(definition.question("q1")?.missing == [.code(8), .text("Don't know"), .text("わからない")])
        #expect(definition.question("q1")?.choices.map(\.code) == [1, 2])
        #expect(definition.question("q1")?.notAsked == [.code(-1), .text("Not applicable")])
        #expect(definition.question("age")?.missing == [.code(0), .code(999)])
        // A number question takes only the global texts: 99 years is a number.
        #expect(definition.question("years")?.missing == [.text("NA"), .text("不明"), .text("No answer")])
        #expect(definition.question("years")?.notAsked == [.text("Not applicable")])
        #expect(definition.question("q2")?.missing == [.code(-9), .code(99), .text("NA"), .text("不明"), .text("No answer")])
        #expect(definition.question("q3")?.missing == [.text("NA"), .text("不明"), .text("No answer")])
    }

    @Test func anEmptyListTurnsTheGlobalOneOff() throws {
        let yaml = Self.yaml.replacingOccurrences(of: "    type: number\n  - id: q2", with: "    type: number\n    missing: []\n  - id: q2")
        let definition = try #require(parse(yaml).definition)
        #expect(definition.question("years")?.missing == [])
    }

    @Test func aValueInBothListsIsAnError() {
        let global = parse(Self.yaml.replacingOccurrences(of: "not_asked: [-1, Not applicable]", with: "not_asked: [-1, NA]"))
        #expect(global.definition == nil)
        #expect(global.messages == [
            "survey.yaml:6:17: error: found 'NA' (also in 'missing' on line 5) in 'not_asked'; expected a value either 無回答 (missing) or 非該当 (not_asked), not both\n"
                + "survey.yaml:6:17: note: remove 'NA' from one of the lists; a question's own 'missing:' or 'not_asked:' replaces the global list there",
        ])
        let own = parse(Self.yaml.replacingOccurrences(of: "missing: [0, 999]", with: "missing: [0, 999]\n    not_asked: [999]"))
        #expect(own.messages == [
            "survey.yaml:21:17: error: found '999' (also in 'missing' for 'age' on line 20) in 'not_asked'; expected a value either 無回答 (missing) or 非該当 (not_asked), not both\n"
                + "survey.yaml:21:17: note: remove '999' from one of the lists; a question's own 'missing:' or 'not_asked:' replaces the global list there",
        ])
        // Against the global list: the question's own not_asked meets the global missing.
        let mixed = parse(Self.yaml.replacingOccurrences(of: "    choices: {1: 男性, 2: 女性}", with: "    choices: {1: 男性, 2: 女性}\n    not_asked: [-9]"))
        #expect(mixed.messages.first?.hasPrefix("survey.yaml:12:17: error: found '-9' (also in 'missing' for 'sex' on line 5) in 'not_asked'") == true)
    }

    @Test func aFlagValueInAFlagQuestionsListIsAnError() {
        let result = parse(Self.yaml.replacingOccurrences(of: "choices: {1: a, 2: b}", with: "choices: {1: a, 2: b}\n    missing: [0, -9]"))
        #expect(result.messages == [
            "survey.yaml:28:15: error: found 0 for the flag question 'q2' in 'missing'; expected a value that is not a flag (1 is chosen, 0 not chosen)\n"
                + "survey.yaml:28:15: note: remove 0: a flag column's 0 or blank is not chosen, and a question with no flag chosen is 無回答",
        ])
    }

    @Test func anEmptyValueOrAListInTheListIsAnError() {
        let result = parse(Self.yaml.replacingOccurrences(of: "missing: [-9, 99, NA, 不明, \"No answer\"]", with: "missing: [-9, \"\", [1]]"))
        #expect(result.messages == [
            "survey.yaml:5:15: error: found an empty value in 'missing'; expected a code such as -1 or 99, or a text such as NA\n"
                + "survey.yaml:5:15: note: remove it: a blank cell is 無回答 already",
            "survey.yaml:5:19: error: found a list for 'missing'; expected a code such as -1 or 99, or a text such as NA\n"
                + "survey.yaml:5:19: note: see the survey.yaml reference in the README for the form of this key",
        ])
    }
}
