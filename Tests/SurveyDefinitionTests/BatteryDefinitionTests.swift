import SurveyDiagnostics
import Testing
@testable import SurveyDefinition

/// A wave with a district axis and a battery of three awareness items (lines numbered in the tests).
let withBattery = """
    title: 市民意識調査
    wave: 2023
    data:
      - file: responses.csv
    breaks: [district]
    questions:
      - id: district
        column: 地区
        type: single
        choices: {1: 中央, 2: 東}
      - id: q23
        type: battery
        text: 次の取組や制度を知っていますか。
        label: 取組の認知
        choices: {1: 知っている, 2: 聞いたことはある, 3: 知らない}
        nets: {知っている（計）: [1, 2]}
        items:
          - {id: q23_1, column: 問23_1, text: 地域福祉計画}
          - {id: q23_2, column: 問23_2, text: 社会福祉協議会, label: 社協}
          - {id: q23_3, column: 問23_3}
      - id: q24
        column: 問24
        type: single
        choices: {1: はい, 2: いいえ}
    """

@Suite struct BatteryDefinitionTests {
    @Test func aBatteryIsReadAsScaleItemsInItsPlace() throws {
        let result = parse(withBattery)
        #expect(result.messages.isEmpty)
        let definition = try #require(result.definition)
        #expect(definition.questions.map(\.id) == ["district", "q23_1", "q23_2", "q23_3", "q24"])
        let battery = try #require(definition.batteries.first)
        #expect(definition.batteries.count == 1)
        #expect(battery.id == "q23")
        #expect(battery.text == "次の取組や制度を知っていますか。")
        #expect(battery.label == "取組の認知")
        #expect(battery.itemIDs == ["q23_1", "q23_2", "q23_3"])
        #expect(battery.nets == [Net(label: "知っている（計）", codes: [1, 2])])
        #expect(battery.location == SourceLocation(path: "survey.yaml", line: 11, column: 5))
        for item in definition.questions[1...3] {
            #expect(item.type == .scale)
            #expect(item.isOrdered)
            #expect(item.choices == battery.choices)
            #expect(item.nets == battery.nets)
            #expect(definition.battery(holding: item.id)?.id == "q23")
        }
        #expect(definition.questions[1].column?.value == "問23_1")
        #expect(definition.questions[1].column?.location == SourceLocation(path: "survey.yaml", line: 18, column: 29))
        #expect(definition.questions[1].text == "地域福祉計画")
        #expect(definition.questions[1].label == nil)
        #expect(definition.questions[2].label == "社協")
        #expect(definition.questions[3].text == "q23_3")
        #expect(definition.battery(holding: "q24") == nil)
    }

    @Test func itemsMayBeAxesAndShareOrderScoresAndEligibility() throws {
        let yaml = withBattery
            .replacingOccurrences(of: "breaks: [district]", with: "breaks: [district, q23_1]")
            .replacingOccurrences(of: "    nets: {知っている（計）: [1, 2]}\n",
                                  with: "    nets: {知っている（計）: [1, 2]}\n    ordered: false\n    scores: {1: 2, 2: 1, 3: 0}\n    asked_if: {district: [1]}\n")
        let result = parse(yaml)
        #expect(result.messages.isEmpty)
        let items = try #require(result.definition).questions[1...3]
        #expect(items.allSatisfy { !$0.isOrdered && $0.scores.map(\.score) == [2, 1, 0] && $0.askedIf.map(\.codes) == [[1]] })
    }

    @Test func anItemWithoutAColumnIsLocatedAtTheItem() {
        let result = parse(withBattery.replacingOccurrences(of: "{id: q23_3, column: 問23_3}", with: "{id: q23_3, text: 成年後見制度}"))
        #expect(result.definition == nil)
        #expect(result.messages == [
            "survey.yaml:20:9: error: item 'q23_3' of battery 'q23' has no 'column'; it is required\n"
                + "survey.yaml:20:9: note: add 'column: …'",
        ])
    }

    @Test func duplicateItemIDsAndColumnsAreErrors() {
        let yaml = withBattery.replacingOccurrences(of: "{id: q23_3, column: 問23_3}", with: "{id: q23_1, column: 問23_2}")
        let result = parse(yaml)
        #expect(result.definition == nil)
        #expect(result.messages == [
            "survey.yaml:20:29: error: found the column '問23_2' for both 'q23_2' and 'q23_1' in battery 'q23'; expected one column per item\n"
                + "survey.yaml:20:29: note: each item's answers are in a column of their own; check the item's column against the data's header",
            "survey.yaml:20:9: error: found the question id 'q23_1' twice; it is first defined on line 18\n"
                + "survey.yaml:20:9: note: give every question a unique id",
        ])
    }

    @Test func anItemWithChoicesOfItsOwnIsAnError() {
        let yaml = withBattery.replacingOccurrences(of: "{id: q23_3, column: 問23_3}",
                                                    with: "{id: q23_3, column: 問23_3, choices: {1: 利用した, 2: 利用していない}}")
        let result = parse(yaml)
        #expect(result.definition == nil)
        #expect(result.messages == [
            "survey.yaml:20:36: error: found 'choices' on the item 'q23_3' in battery 'q23'; expected 'choices' only on the battery: its items answer on the battery's one set of choices\n"
                + "survey.yaml:20:36: note: declare 'choices' once on the battery; an item with other choices is a question of its own, outside the battery",
        ])
        let nets = parse(withBattery.replacingOccurrences(of: "{id: q23_3, column: 問23_3}", with: "{id: q23_3, column: 問23_3, nets: {計: [1]}}"))
        #expect(errorLines(nets.messages) == [
            "survey.yaml:20:36: error: found 'nets' on the item 'q23_3' in battery 'q23'; expected 'nets' only on the battery: 'nets' is shared by all its items",
        ])
    }

    @Test func aColumnOnTheBatteryAndUnknownKeysAreErrors() {
        let yaml = withBattery
            .replacingOccurrences(of: "    label: 取組の認知\n", with: "    label: 取組の認知\n    column: 問23\n    unit: 件\n")
            .replacingOccurrences(of: "{id: q23_3, column: 問23_3}", with: "{id: q23_3, colum: 問23_3}")
        let result = parse(yaml)
        #expect(result.definition == nil)
        #expect(result.messages == [
            "survey.yaml:15:5: error: found 'column' on the battery in battery 'q23'; expected a 'column' on each item\n"
                + "survey.yaml:15:5: note: give each item its own column: items: [{id: q23_1, column: …, text: …}, …]",
            "survey.yaml:16:5: error: found 'unit' in battery 'q23'; expected the keys of a battery: id, type, text, label, choices, nets, scores, ordered, asked_if, missing, not_asked, items\n"
                + "survey.yaml:16:5: note: remove 'unit': a battery's items are scale questions",
            "survey.yaml:22:21: error: found unknown key 'colum'; expected one of id, column, text, label\n"
                + "survey.yaml:22:21: note: did you mean 'column'?",
            "survey.yaml:22:9: error: item 'q23_3' of battery 'q23' has no 'column'; it is required\n"
                + "survey.yaml:22:9: note: add 'column: …'",
        ])
    }

    @Test func aBatteryNeedsChoicesAndTwoItems() {
        let yaml = withBattery
            .replacingOccurrences(of: "    choices: {1: 知っている, 2: 聞いたことはある, 3: 知らない}\n", with: "")
            .replacingOccurrences(of: "      - {id: q23_2, column: 問23_2, text: 社会福祉協議会, label: 社協}\n      - {id: q23_3, column: 問23_3}\n", with: "")
        let result = parse(yaml)
        #expect(errorLines(result.messages) == [
            "survey.yaml:11:5: error: battery 'q23' has no 'choices'; it is required",
            "survey.yaml:15:11: error: found code 1 in 'nets', which is not a choice of 'q23'; expected one of ",
            "survey.yaml:15:11: error: found code 2 in 'nets', which is not a choice of 'q23'; expected one of ",
            "survey.yaml:17:7: error: found 1 item in battery 'q23'; expected two or more items",
        ])
        let noItems = parse(withBattery.replacingOccurrences(of: "    items:\n", with: "    itemz:\n"))
        #expect(errorLines(noItems.messages) == [
            "survey.yaml:17:5: error: found unknown key 'itemz'; expected one of id, type, text, label, choices, nets, scores, ordered, asked_if, missing, not_asked, items",
            "survey.yaml:11:5: error: battery 'q23' has no 'items'; it is required",
        ])
    }

    @Test func aBatteryIsNotAQuestionForReferences() {
        let yaml = withBattery
            .replacingOccurrences(of: "breaks: [district]", with: "breaks: [district, q23]")
            .replacingOccurrences(of: "    column: 問24\n", with: "    column: 問24\n    asked_if: {q23: [1]}\n")
        let result = parse(yaml)
        #expect(result.messages == [
            "survey.yaml:23:21: error: found 'q23' in 'asked_if' in battery 'q23'; expected a question id, and a battery is not a question\n"
                + "survey.yaml:23:21: note: name one of its items instead: q23_1, q23_2, q23_3",
            "survey.yaml:5:20: error: found 'q23' in 'breaks' in battery 'q23'; expected a question id, and a battery is not a question\n"
                + "survey.yaml:5:20: note: name one of its items instead: q23_1, q23_2, q23_3",
        ])
    }

    @Test func aBatteryIDIsUniqueAndSafe() {
        let duplicate = parse(withBattery.replacingOccurrences(of: "  - id: q24", with: "  - id: q23"))
        #expect(errorLines(duplicate.messages) == [
            "survey.yaml:21:5: error: found the question id 'q23' twice; it is first defined on line 11",
        ])
        let unsafe = parse(withBattery.replacingOccurrences(of: "  - id: q23\n", with: "  - id: ../q23\n"))
        #expect(errorLines(unsafe.messages).first?.hasPrefix("survey.yaml:11:9: error: found '../q23' for 'id'; expected a name usable as a file name") == true)
        let items = parse(withBattery.replacingOccurrences(of: "    column: 問24\n", with: "    column: 問24\n    items: [{id: a, column: b}]\n"))
        #expect(errorLines(items.messages).contains { $0.hasPrefix("survey.yaml:23:12: error: found 'single' for 'items'; expected 'items' only on a battery (type: battery)") })
    }
}
