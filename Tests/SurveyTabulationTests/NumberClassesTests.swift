import Foundation
import SurveyDefinition
import SurveyTestSupport
import Testing
@testable import SurveyTabulation

/// Classes of number questions: `bins`, one class per whole value, or Sturges' classes on R's `pretty` limits.
@Suite struct NumberClassesTests {
    static func question(unit: String = "人", bins: [Double] = []) throws -> Question {
        var question = try #require(exampleWave?.definition.question("q2"))
        question.unit = unit
        question.bins = bins
        return question
    }

    static func classes(_ values: [Double], unit: String = "人", bins: [Double] = []) throws -> NumberClasses {
        NumberClasses(question: try question(unit: unit, bins: bins)) { visit in values.forEach(visit) }
    }

    /// R 4.2.2: `pretty(range(x), n = nclass.Sturges(x), min.n = 1)`, the breaks of `hist(x)`.
    @Test func prettyBreaksAreR() {
        let cases: [(low: Double, high: Double, n: Int, breaks: [Double])] = [
            (0.3, 47.2, 8, [0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50]),
            (0, 80, 12, [0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80]),
            (1.5, 3.75, 3, [1, 2, 3, 4]),
            (0, 1, 11, [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]),
            (-3.2, 30, 6, [-5, 0, 5, 10, 15, 20, 25, 30]),
            (0.001, 0.0042, 3, [0.001, 0.002, 0.003, 0.004, 0.005]),
            (120_000, 987_654, 3, [0, 500_000, 1_000_000]),
            (0, 80, 8, [0, 10, 20, 30, 40, 50, 60, 70, 80]),
            (0.5, 9.5, 4, [0, 2, 4, 6, 8, 10]),
        ]
        for c in cases {
            #expect(NumberClasses.prettyBreaks(c.low, c.high, classCount: c.n) == c.breaks, "\(c)")
        }
    }

    @Test func wholeNumbersOverAFewValuesAreOneClassEach() throws {
        let classes = try Self.classes([1, 2, 2, 3, 5, 1])
        #expect(classes.rule == .values && classes.valuesAreWhole)
        #expect(classes.labels == ["1人", "2人", "3人", "4人", "5人"])
        #expect(classes.limits == [2, 3, 4, 5])
    }

    @Test func fewLargeWholeNumbersShareAnOpenLastClass() throws {
        // 1 of 20 answers (5 %) is 10 or more: 1…9 one class each, then 「10人以上」.
        let classes = try Self.classes(Array(repeating: [1, 2, 3, 4], count: 4).flatMap { $0 } + [5, 6, 7, 15])
        #expect(classes.rule == .values)
        #expect(classes.labels == ["1人", "2人", "3人", "4人", "5人", "6人", "7人", "8人", "9人", "10人以上"])
        #expect(classes.limits == [2, 3, 4, 5, 6, 7, 8, 9, 10])
    }

    @Test func wideWholeNumbersGetSturgesClassesNamedByWholeValues() throws {
        let classes = try Self.classes((0...80).map(Double.init), unit: "年")
        #expect(classes.rule == .sturges && classes.valuesAreWhole)
        #expect(classes.limits == [10, 20, 30, 40, 50, 60, 70])
        #expect(classes.labels == ["10年未満", "10～19年", "20～29年", "30～39年", "40～49年", "50～59年", "60～69年", "70年以上"])
    }

    @Test func otherNumbersGetSturgesClasses() throws {
        let classes = try Self.classes([0.5, 1.25, 2.5, 3.75, 9.5, 4.4, 6.1, 7.7], unit: "時間")
        #expect(classes.rule == .sturges && !classes.valuesAreWhole)
        #expect(classes.limits == [2, 4, 6, 8])
        #expect(classes.labels == ["2時間未満", "2～4時間未満", "4～6時間未満", "6～8時間未満", "8時間以上"])
    }

    @Test func oneValueIsOneClassAndNoAnswersNone() throws {
        #expect(try Self.classes([2.5, 2.5]).labels == ["2.5人"])
        #expect(try Self.classes([7]).labels == ["7人"])
        let none = try Self.classes([])
        #expect(none.labels.isEmpty && none.limits.isEmpty && !none.valuesAreWhole)
    }

    @Test func binsOfWholeNumbersAreNamedByTheirValues() throws {
        let whole = try Self.classes([1, 2, 6], bins: [2, 3, 4, 5])
        #expect(whole.rule == .bins)
        #expect(whole.labels == ["2人未満", "2人", "3人", "4人", "5人以上"])
        #expect(try Self.classes([1, 12, 33], unit: "年", bins: [5, 10, 20, 30]).labels == ["5年未満", "5～9年", "10～19年", "20～29年", "30年以上"])
        // Not whole answers, or a limit that is not whole: the classes are half-open intervals.
        #expect(try Self.classes([1.5], bins: [2, 3]).labels == ["2人未満", "2～3人未満", "3人以上"])
        #expect(try Self.classes([1], bins: [2.5, 3]).labels == ["2.5人未満", "2.5～3人未満", "3人以上"])
    }

    /// A number question without `bins` gets classes in every table, counted alike by the sweep and the
    /// row-index reference.
    @Test func aNumberQuestionWithoutBinsIsTabulatedInClasses() throws {
        let yaml = """
            title: t
            wave: 2023
            data:
              - file: d.csv
            breaks: [sex]
            questions:
              - id: sex
                column: 性別
                type: single
                choices: {1: 男性, 2: 女性}
              - id: q1
                column: 問1
                type: number
                unit: 人
            """
        let csv = "性別,問1\n1,1\n1,2\n2,2\n2,4\n,3\n1,\n"
        let responses = try loadWave(yaml: yaml, csv: csv)
        let question = try #require(responses.definition.question("q1"))
        let axes = [try #require(responses.definition.question("sex"))]
        let fast = Tabulator.tabulate(question, in: responses, axes: axes)
        let slow = RowTabulator.tabulate(question, in: responses, axes: axes)
        #expect(fast.numberClasses == slow.numberClasses)
        #expect(fast.total.rows.map(\.label) == ["1人", "2人", "3人", "4人", "無回答"])
        #expect(fast.total.rows.map(\.count) == [1, 2, 1, 1, 1])
        #expect(fast.total == slow.total)
        let bySex = try #require(fast.crossTabs.first)
        #expect(bySex.groups.map { $0.table.rows.map(\.count) } == [[1, 1, 0, 0, 1], [0, 1, 0, 1, 0]])
        #expect(bySex.groups.map(\.table) == slow.crossTabs.first?.groups.map(\.table))
        #expect(bySex.tests.map(\.method) == [.kruskalWallis])
    }
}
