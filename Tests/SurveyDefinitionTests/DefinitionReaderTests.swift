import SurveyDiagnostics
import Testing
@testable import SurveyDefinition

/// Parses definition text and returns the definition (nil on errors) and every diagnostic, rendered.
func parse(_ yaml: String) -> (definition: SurveyDefinition?, messages: [String]) {
    var engine = DiagnosticsEngine()
    let definition = DefinitionReader.parse(yaml: yaml, path: "survey.yaml", defaultSeries: "shimin", diagnostics: &engine)
    return (definition, engine.diagnostics.map(\.description))
}

let minimal = """
    title: 市民意識調査
    wave: 2023
    label: 令和5年度調査
    data:
      - file: responses.csv
    missing: [9]
    derived:
      - id: area
        text: 圏域
        from: district
        groups: {北部: [1, 2], 南部: [3]}
    breaks: [district, area]
    districts:
      question: district
      distributed: {1: 400, 2: 350, 3: 300}
    questions:
      - id: district
        column: 地区
        text: お住まいの地区
        type: single
        choices: {1: 中央, 2: 東, 3: 西}
      - id: q5
        column: 問5
        type: scale
        choices: {1: そう思う, 2: ややそう思う, 3: あまりそう思わない, 4: そう思わない}
        nets: {そう思う（計）: [1, 2], そう思わない（計）: [3, 4]}
        scores: {1: 4, 2: 3, 3: 2, 4: 1}
      - id: q6
        column: 問6
        type: single
        asked_if: {q5: [4]}
        choices: {1: 機会がない, 2: その他}
      - id: q8
        type: multiple
        columns: [問8_1, 問8_2]
        choices: {1: 高齢化, 2: 担い手不足}
        max: 1
      - id: q12
        column: 問12
        type: number
        unit: 年
        bins: [5, 10]
    """

@Suite struct DefinitionReaderTests {
    @Test func readsEveryKey() throws {
        let result = parse(minimal)
        #expect(result.messages.isEmpty)
        let definition = try #require(result.definition)
        #expect(definition.series == "shimin")
        #expect(definition.wave == 2023)
        #expect(definition.label == "令和5年度調査")
        #expect(definition.dataFiles.map(\.file) == ["responses.csv"])
        #expect(definition.dataFiles.first?.encoding == "auto")
        #expect(definition.missingCodes == [9])
        #expect(definition.breaks.map(\.value) == ["district", "area"])
        #expect(definition.districts?.distributed.map(\.count) == [400, 350, 300])
        #expect(definition.questions.map(\.id) == ["district", "q5", "q6", "q8", "q12"])
        #expect(definition.questions[1].nets == [Net(label: "そう思う（計）", codes: [1, 2]), Net(label: "そう思わない（計）", codes: [3, 4])])
        #expect(definition.questions[1].scores.map(\.score) == [4, 3, 2, 1])
        #expect(definition.questions[2].askedIf.map(\.codes) == [[4]])
        #expect(definition.questions[3].columns.map(\.value) == ["問8_1", "問8_2"])
        #expect(definition.questions[3].maxAnswers == 1)
        #expect(definition.questions[4].bins == [5, 10])
        #expect(definition.allQuestions.last?.choices == [Choice(code: 1, label: "北部"), Choice(code: 2, label: "南部")])
        #expect(definition.questions[1].location == SourceLocation(path: "survey.yaml", line: 22, column: 5))
    }

    @Test func suggestsTheKeyMeantByATypo() {
        let result = parse(minimal.replacingOccurrences(of: "label: 令和5年度調査", with: "lable: 令和5年度調査"))
        #expect(result.messages == [
            "survey.yaml:3:1: error: found unknown key 'lable'; expected one of series, title, wave, label, plan, fieldwork, data, respondent_id, missing, not_asked, districts, derived, breaks, multiple_testing, questions, attribute_tables, filter, weights\n"
                + "survey.yaml:3:1: note: did you mean 'label'?",
        ])
    }

    @Test func reportsWrongType() {
        let result = parse(minimal.replacingOccurrences(of: "missing: [9]", with: "missing: {a: 1}"))
        #expect(result.messages.first?.hasPrefix("survey.yaml:6:10: error: found a mapping for 'missing'; expected a list such as [1, 2]") == true)
    }

    @Test func reportsUnknownQuestionType() {
        let result = parse(minimal.replacingOccurrences(of: "type: scale", with: "type: scal"))
        #expect(result.messages.first?.hasPrefix("survey.yaml:24:11: error: found 'scal' for 'type'; expected one of single, multiple, scale, number, text, battery (did you mean 'scale'?)") == true)
    }

    @Test func reportsDuplicateIDs() {
        let result = parse(minimal.replacingOccurrences(of: "- id: q6", with: "- id: q5"))
        #expect(result.messages.contains {
            $0.hasPrefix("survey.yaml:28:5: error: found the question id 'q5' twice; it is first defined on line 22")
        })
    }

    @Test func reportsUnknownQuestionsInReferences() {
        let yaml = minimal
            .replacingOccurrences(of: "asked_if: {q5: [4]}", with: "asked_if: {q55: [4]}")
            .replacingOccurrences(of: "from: district", with: "from: distric")
            .replacingOccurrences(of: "breaks: [district, area]", with: "breaks: [district, sex]")
            .replacingOccurrences(of: "  question: district", with: "  question: q99")
        let result = parse(yaml)
        #expect(result.definition == nil)
        #expect(result.messages.map { $0.components(separatedBy: "\n")[0] } == [
            "survey.yaml:10:11: error: found 'distric' in 'from', which is not a question id",
            "survey.yaml:31:21: error: found 'q55' in 'asked_if', which is not a question id",
            "survey.yaml:12:20: error: found 'sex' in 'breaks', which is not a question id",
            "survey.yaml:14:13: error: found 'q99' in 'districts', which is not a question id",
        ])
        #expect(result.messages[0].hasSuffix("note: did you mean 'district'?"))
        #expect(result.messages[1].hasSuffix("note: did you mean 'q5'?"))
    }

    @Test func reportsUnknownCodesInNetsAndConditions() {
        let yaml = minimal
            .replacingOccurrences(of: "そう思わない（計）: [3, 4]", with: "そう思わない（計）: [3, 5]")
            .replacingOccurrences(of: "asked_if: {q5: [4]}", with: "asked_if: {q5: [7]}")
        let result = parse(yaml)
        #expect(result.messages.map { $0.components(separatedBy: "\n")[0] } == [
            "survey.yaml:26:11: error: found code 5 in 'nets', which is not a choice of 'q5'; expected one of 1, 2, 3, 4",
            "survey.yaml:31:20: error: found code 7 in 'asked_if', which is not a choice of 'q5'; expected one of 1, 2, 3, 4",
        ])
    }

    @Test func warnsWhenAGlobalMissingCodeIsAChoice() throws {
        let result = parse(minimal.replacingOccurrences(of: "choices: {1: 機会がない, 2: その他}", with: "choices: {1: 機会がない, 2: その他, 9: 無回答}"))
        let definition = try #require(result.definition)
        #expect(result.messages == ["survey.yaml:28:5: warning: the missing code 9 is also the code of the choice '無回答' of 'q6'; there it is 無回答 and the choice is not tabulated\n"
            + "survey.yaml:28:5: note: if 9 is an answer of 'q6', give it its own 'missing:' list without 9 (e.g. 'missing: []'), which replaces the global one there"])
        // The choice is taken out; its label is 無回答 as its code is.
        #expect(definition.question("q6")?.choices.map(\.code) == [1, 2])
        #expect(definition.question("q6")?.missing == [.code(9), .text("無回答")])
    }

    /// A global `missing: [9]` with a 第9地区: the district stays an answer (a global code never takes out a real
    /// answer), with a warning saying how to make 9 無回答 there.
    @Test func aGlobalMissingCodeLeavesARealAnswer() throws {
        let result = parse(minimal.replacingOccurrences(of: "choices: {1: 中央, 2: 東, 3: 西}", with: "choices: {1: 中央, 2: 東, 3: 西, 9: 第9地区}"))
        let definition = try #require(result.definition)
        #expect(result.messages == ["survey.yaml:17:5: warning: the global missing code 9 is also the code of the answer '第9地区' of 'district'; there it counts as that answer\n"
            + "survey.yaml:17:5: note: if 9 means 無回答 in 'district', list it in the question's own 'missing:', which replaces the global list there"])
        #expect(definition.question("district")?.choices.map(\.code) == [1, 2, 3, 9])
        #expect(definition.question("district")?.missing == [])
        #expect(definition.question("q5")?.missing == [.code(9)])
    }

    @Test func reportsMissingRequiredKeys() {
        let result = parse(minimal.replacingOccurrences(of: "    column: 問6\n", with: ""))
        #expect(result.messages.first?.hasPrefix("survey.yaml:28:5: error: question 'q6' has no 'column'; it is required") == true)
    }

    @Test func reportsFlagColumnsNotMatchingChoices() {
        let result = parse(minimal.replacingOccurrences(of: "columns: [問8_1, 問8_2]", with: "columns: [問8_1]"))
        #expect(result.messages.first?.hasPrefix("survey.yaml:35:14: error: found '1 columns' for 'columns'; expected one flag column per choice (2)") == true)
    }

    /// `written_in:` names the choices of a multiple question whose flag column holds written-in text.
    @Test func readsWrittenInChoices() throws {
        let result = parse(minimal.replacingOccurrences(of: "max: 1", with: "max: 1\n    written_in: [2]"))
        #expect(result.messages == [])
        #expect(try #require(result.definition).question("q8")?.writtenIn == [2])
    }

    @Test func reportsWrittenInMisuseWhereItIsWritten() {
        let unknown = parse(minimal.replacingOccurrences(of: "max: 1", with: "max: 1\n    written_in: [2, 5]"))
        #expect(unknown.messages.map { $0.components(separatedBy: "\n")[0] } == [
            "survey.yaml:38:21: error: found code 5 in 'written_in', which is not a choice of 'q8'; expected one of 1, 2",
        ])
        let onSingle = parse(minimal.replacingOccurrences(of: "column: 問6", with: "column: 問6\n    written_in: [2]"))
        #expect(onSingle.messages.map { $0.components(separatedBy: "\n")[0] } == [
            "survey.yaml:30:17: error: found 'single' for 'written_in'; expected 'written_in' only on multiple questions",
        ])
        let oneCell = parse(minimal.replacingOccurrences(of: "columns: [問8_1, 問8_2]", with: "column: 問8\n    separator: \",\"")
            .replacingOccurrences(of: "max: 1", with: "max: 1\n    written_in: [2]"))
        #expect(oneCell.messages.map { $0.components(separatedBy: "\n")[0] } == [
            "survey.yaml:39:17: error: found 'a one-cell answer ('column')' for 'written_in'; expected 'written_in' only with flag 'columns' (a column per choice)",
        ])
    }

    @Test func reportsYAMLSyntaxWithLine() {
        let result = parse("title: x\nwave: [2023\n")
        #expect(result.definition == nil)
        #expect(result.messages.first?.hasPrefix("survey.yaml:3:1: error: the YAML is malformed:") == true)
    }

    @Test func reportsBinsOutOfOrder() {
        let result = parse(minimal.replacingOccurrences(of: "bins: [5, 10]", with: "bins: [10, 5]"))
        #expect(result.messages.first?.hasPrefix("survey.yaml:42:11: error: found '10, 5' for 'bins'; expected class limits in increasing order") == true)
    }

    @Test func readsOrderAndMultipleTesting() throws {
        let plain = try #require(parse(minimal).definition)
        #expect(plain.multipleTesting == .benjaminiHochberg)
        #expect(plain.questions.map(\.isOrdered) == [false, true, false, false, false]) // a scale is ordered by default
        #expect(plain.allQuestions.last?.isOrdered == false)
        let yaml = minimal
            .replacingOccurrences(of: "missing: [9]", with: "missing: [9]\nmultiple_testing: none")
            .replacingOccurrences(of: "text: お住まいの地区", with: "text: お住まいの地区\n    ordered: true")
            .replacingOccurrences(of: "scores: {1: 4, 2: 3, 3: 2, 4: 1}", with: "scores: {1: 4, 2: 3, 3: 2, 4: 1}\n    ordered: false")
            .replacingOccurrences(of: "groups: {北部: [1, 2], 南部: [3]}", with: "groups: {北部: [1, 2], 南部: [3]}\n    ordered: true")
        let result = parse(yaml)
        #expect(result.messages.isEmpty)
        let definition = try #require(result.definition)
        #expect(definition.multipleTesting == MultipleTesting.none)
        #expect(definition.questions.map(\.isOrdered) == [true, false, false, false, false])
        #expect(definition.allQuestions.last?.isOrdered == true)
    }

    @Test func reportsBadOrderAndMultipleTesting() {
        let yaml = minimal
            .replacingOccurrences(of: "missing: [9]", with: "missing: [9]\nmultiple_testing: bhh")
            .replacingOccurrences(of: "text: お住まいの地区", with: "text: お住まいの地区\n    ordered: yes")
            .replacingOccurrences(of: "bins: [5, 10]", with: "bins: [5, 10]\n    ordered: true")
        let result = parse(yaml)
        #expect(result.definition == nil)
        #expect(result.messages.map { $0.components(separatedBy: "\n")[0] } == [
            "survey.yaml:21:14: error: found 'yes' for 'ordered'; expected true or false",
            "survey.yaml:45:14: error: found 'number' for 'ordered'; expected 'ordered' only on single or scale questions (the axes of trend tests)",
            "survey.yaml:7:19: error: found 'bhh' for 'multiple_testing'; expected one of bh, none (did you mean 'bh'?)",
        ])
    }

    @Test func readsTheReportKeys() throws {
        let yaml = minimal
            .replacingOccurrences(of: "label: 令和5年度調査", with: "label: 令和5年度調査\nattribute_tables: true\nfieldwork:\n  population_size: 98000")
            .replacingOccurrences(of: "    unit: 年", with: "    unit: 年\n    label: 居住年数\n    attribute: true")
        let result = parse(yaml)
        #expect(result.messages.isEmpty)
        let definition = try #require(result.definition)
        #expect(definition.attributeTables)
        #expect(definition.fieldwork.populationSize == 98000)
        #expect(definition.questions[4].label == "居住年数")
        #expect(definition.questions[4].isAttribute)
        #expect(definition.questions[0].label == nil && !definition.questions[0].isAttribute)
        #expect(!parse(minimal).definition!.attributeTables)
    }

    @Test func reportsABadAttributeFlagAndPopulationSize() {
        let result = parse(minimal
            .replacingOccurrences(of: "    unit: 年", with: "    unit: 年\n    attribute: maybe")
            .replacingOccurrences(of: "label: 令和5年度調査", with: "label: 令和5年度調査\nfieldwork: {population_size: 0}"))
        #expect(result.definition == nil)
        #expect(result.messages.contains { $0.hasPrefix("survey.yaml:4:30: error: found '0' for 'fieldwork.population_size'; expected a whole number from 1 to 1000000000") }, "\(result.messages)")
        #expect(result.messages.contains { $0.hasPrefix("survey.yaml:43:16: error: found 'maybe' for 'attribute'; expected true or false") })
    }

    @Test func attachesUnitsAsReportsPrintThem() {
        #expect(Question.withUnit("5", unit: "年") == "5年")
        #expect(Question.withUnit("1", unit: "hours") == "1 hours")
        #expect(Question.withUnit("2", unit: nil) == "2")
        #expect(Question.withUnit("3", unit: "％") == "3％")
    }
}

/// The first line of each error among rendered diagnostics (the note lines dropped).
func errorLines(_ messages: [String]) -> [String] {
    messages.compactMap { $0.components(separatedBy: "\n").first }.filter { $0.contains(": error: ") }
}

@Suite struct DefinitionRangeTests {
    @Test func rejectsNumbersBeyondTheirDocumentedRange() {
        let yaml = minimal
            .replacingOccurrences(of: "scores: {1: 4, 2: 3, 3: 2, 4: 1}", with: "scores: {1: 1e19, 2: inf, 3: nan, 4: 1}")
            .replacingOccurrences(of: "distributed: {1: 400, 2: 350, 3: 300}", with: "distributed: {1: 4611686018427388000, 2: 350, 3: 300}")
            .replacingOccurrences(of: "bins: [5, 10]", with: "bins: [5, 1e16]")
        let result = parse(yaml)
        #expect(result.definition == nil)
        #expect(errorLines(result.messages) == [
            "survey.yaml:15:20: error: found '4611686018427388000' for 'districts.distributed'; expected a whole number from 0 to 1000000000",
            "survey.yaml:27:17: error: found '1e19' for 'scores'; expected a number from -10^15 to 10^15",
            "survey.yaml:27:26: error: found 'inf' for 'scores'; expected a number from -10^15 to 10^15",
            "survey.yaml:27:34: error: found 'nan' for 'scores'; expected a number from -10^15 to 10^15",
            "survey.yaml:42:15: error: found '1e16' for 'bins'; expected a number from -10^15 to 10^15",
        ])
    }

    @Test func rejectsAWaveOrCodeBeyondItsRange() {
        let yaml = minimal.replacingOccurrences(of: "wave: 2023", with: "wave: 99999")
            .replacingOccurrences(of: "missing: [9]", with: "missing: [9, 1000000000]")
        #expect(errorLines(parse(yaml).messages) == [
            "survey.yaml:2:7: error: found '99999' for 'wave'; expected a whole number from 0 to 9999",
            "survey.yaml:6:14: error: found '1000000000' for 'missing'; expected a code from -999999999 to 999999999, or a text",
        ])
    }

    @Test func rejectsIndicatorValuesOutsideZeroToAHundred() {
        var engine = DiagnosticsEngine()
        let series = SeriesReader.parse(yaml: """
            indicators:
              - id: x
                question: q1
                choices: [1]
                baseline: {value: 1e18}
                target: {value: 101}
                tolerance: -1
            """, path: "series.yaml", diagnostics: &engine)
        #expect(series == nil)
        #expect(errorLines(engine.diagnostics.map(\.description)) == [
            "series.yaml:5:23: error: found '1e18' for 'baseline.value'; expected a number from 0 to 100 (percent)",
            "series.yaml:6:21: error: found '101' for 'target.value'; expected a number from 0 to 100 (percent)",
            "series.yaml:7:16: error: found '-1' for 'tolerance'; expected a number from 0 to 100 (percent)",
        ])
    }
}

@Suite struct DefinitionLimitTests {
    /// `minimal` with question district's choices, or derived area's groups, replaced.
    func yaml(choices: String? = nil, groups: String? = nil) -> String {
        var text = minimal
        if let choices { text = text.replacingOccurrences(of: "choices: {1: 中央, 2: 東, 3: 西}", with: "choices: {\(choices)}") }
        if let groups { text = text.replacingOccurrences(of: "groups: {北部: [1, 2], 南部: [3]}", with: "groups: {\(groups)}") }
        return text
    }

    @Test func aDerivedQuestionHasAtMostAThousandGroups() {
        let groups = (1...65_536).map { "g\($0): [1]" }.joined(separator: ", ")
        #expect(errorLines(parse(yaml(groups: groups)).messages) == [
            "survey.yaml:11:13: error: found '65536 groups' for 'groups'; expected at most 1000 groups in a derived question",
        ])
        let thousand = (1...1_000).map { "g\($0): [1]" }.joined(separator: ", ")
        #expect(parse(yaml(groups: thousand)).definition?.derived.first?.groups.count == 1_000)
    }

    @Test func manyChoicesAreReadInLinearTimeAndLimitedToAThousand() {
        let choices = (1...20_000).map { "\($0): c\($0)" }.joined(separator: ", ")
        let clock = ContinuousClock()
        var messages: [String] = []
        let elapsed = clock.measure { messages = parse(yaml(choices: choices)).messages }
        #expect(errorLines(messages).first == "survey.yaml:21:14: error: found '20000 choices' for 'choices'; expected at most 1000 choices in a single question")
        #expect(elapsed < .seconds(5))   // 133 s when every key was found by its index
    }

    @Test func aMultipleQuestionHasAtMostSixtyFourChoices() {
        let text = minimal.replacingOccurrences(of: "columns: [問8_1, 問8_2]\n    choices: {1: 高齢化, 2: 担い手不足}",
                                                with: "column: 問8\n    choices: {\((1...65).map { "\($0): c\($0)" }.joined(separator: ", "))}")
        #expect(errorLines(parse(text).messages) == [
            "survey.yaml:36:14: error: found '65 choices' for 'choices'; expected at most 64 choices in a multiple question",
        ])
    }

    @Test func aCodeListedManyTimesIsReportedOnce() {
        let text = minimal.replacingOccurrences(of: "asked_if: {q5: [4]}", with: "asked_if: {q5: [\(Array(repeating: "7", count: 10_000).joined(separator: ", "))]}")
        #expect(errorLines(parse(text).messages) == [
            "survey.yaml:31:20: error: found code 7 in 'asked_if', which is not a choice of 'q5'; expected one of 1, 2, 3, 4",
        ])
    }
}

@Suite struct SafeNameTests {
    @Test func idsAndSeriesThatWouldLeaveTheOutputFolderAreErrors() {
        let yaml = minimal.replacingOccurrences(of: "title: 市民意識調査", with: "series: ../../escaped\ntitle: 市民意識調査")
            .replacingOccurrences(of: "  - id: q12", with: "  - id: ../../../../escaped_q")
            .replacingOccurrences(of: "  - id: area", with: "  - id: .area")
        let result = parse(yaml)
        #expect(result.definition == nil)
        let allowed = "a name usable as a file name: 1 to 64 characters, none of / \\ : * ? \" < > | or control characters, not starting with '.'"
        #expect(errorLines(result.messages) == [
            "survey.yaml:1:9: error: found '../../escaped' for 'series'; expected \(allowed) (it starts with '.')",
            "survey.yaml:9:9: error: found '.area' for 'id'; expected \(allowed) (it starts with '.')",
            "survey.yaml:39:9: error: found '../../../../escaped_q' for 'id'; expected \(allowed) (it starts with '.')",
            "survey.yaml:13:20: error: found 'area' in 'breaks', which is not a question id",
        ])
    }

    @Test func explainsWhatMakesANameUnsafe() {
        #expect(DefinitionLimits.unsafeNameReason("問1_地区") == nil)
        #expect(DefinitionLimits.unsafeNameReason("q1-2 (a)") == nil)
        #expect(DefinitionLimits.unsafeNameReason("") == "it is empty")
        #expect(DefinitionLimits.unsafeNameReason("a/b") == "it holds '/'")
        #expect(DefinitionLimits.unsafeNameReason("a\\b") == "it holds '\\'")
        #expect(DefinitionLimits.unsafeNameReason("a\u{0}b") == "it holds a control character")
        #expect(DefinitionLimits.unsafeNameReason("a\nb") == "it holds a control character")
        #expect(DefinitionLimits.unsafeNameReason(" q1") == "it starts or ends with a space")
        #expect(DefinitionLimits.unsafeNameReason(String(repeating: "問", count: 64)) == nil)
        #expect(DefinitionLimits.unsafeNameReason(String(repeating: "問", count: 65)) == "it is longer than 64 characters (200 bytes)")
        #expect(DefinitionLimits.unsafeNameReason(String(repeating: "😀", count: 60)) == "it is longer than 64 characters (200 bytes)")
    }
}
