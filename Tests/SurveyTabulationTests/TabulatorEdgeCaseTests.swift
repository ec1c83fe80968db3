import Foundation
import SurveyDefinition
import SurveyDiagnostics
import SurveyResponses
import SurveyStatistics
import Testing
@testable import SurveyTabulation

private let yaml = """
    title: t
    wave: 2023
    data:
      - file: d.csv
    breaks: [district, sex]
    questions:
      - id: district
        column: 地区
        type: single
        choices: {1: 中央, 2: 東, 3: 西}
      - id: sex
        column: 性別
        type: single
        choices: {1: 男性, 2: 女性}
      - id: q1
        column: 問1
        type: single
        choices: {1: はい, 2: いいえ, 3: わからない}
      - id: q2
        column: 問2
        type: single
        choices: {1: はい, 2: いいえ}
      - id: q3
        column: 問3
        type: number
        unit: 年
        bins: [5, 10]
    """

// Nobody lives in 西 (district 3); nobody answers q1 = 3; q2 is never answered.
private let csv = """
    地区,性別,問1,問2,問3
    1,1,1,,3
    1,2,2,,7
    1,1,1,,10
    2,2,2,,
    2,2,2,,12.5
    2,1,1,,4.99
    ,1,1,,5
    """

@Suite struct TabulatorEdgeCaseTests {
    @Test func keepsEmptyGroupsAndUnchosenChoicesWithEmptyPercents() throws {
        let tabulation = Tabulator.tabulate(try loadWave(yaml: yaml, csv: csv))
        let q1 = try #require(tabulation.questions.first { $0.question.id == "q1" })
        #expect(q1.total.rows.map(\.count) == [4, 3, 0, 0])
        #expect(q1.total.rows[2].percent == 0)
        let byDistrict = try #require(q1.crossTabs.first { $0.axis.id == "district" })
        #expect(byDistrict.axisNonresponse == 1)
        #expect(byDistrict.groups.map(\.table.base) == [3, 3, 0])
        #expect(byDistrict.groups[2].table.rows.map(\.count) == [0, 0, 0, 0])
        #expect(byDistrict.groups[2].table.rows.allSatisfy { $0.percent == nil })
        // 2 × 2 after dropping 西 and わからない: a chi-square row and a Fisher row.
        #expect(byDistrict.tests.map(\.method) == [.chiSquare, .fisher])
        #expect(byDistrict.tests[0].chiSquare?.degreesOfFreedom == 1)
        #expect(byDistrict.groups[2].table.rows[0].adjustedResidual == nil)
    }

    @Test func hasNoTestRowForAnAllNonresponseQuestion() throws {
        let tabulation = Tabulator.tabulate(try loadWave(yaml: yaml, csv: csv))
        let q2 = try #require(tabulation.questions.first { $0.question.id == "q2" })
        #expect(q2.total.rows.last?.kind == .nonresponse)
        #expect(q2.total.rows.last?.count == 7)
        #expect(q2.crossTabs.allSatisfy { $0.tests.isEmpty })
    }

    @Test func classifiesNumbersIntoHalfOpenClasses() throws {
        let tabulation = Tabulator.tabulate(try loadWave(yaml: yaml, csv: csv))
        let q3 = try #require(tabulation.questions.first { $0.question.id == "q3" })
        #expect(q3.total.rows.map(\.label) == ["5年未満", "5～10年未満", "10年以上", "無回答"])
        #expect(q3.total.rows.map(\.count) == [2, 2, 2, 1])
        let summary = try #require(q3.totalSummary)
        #expect(summary.n == 6)
        #expect(summary.missing == 1)
        // R: quantile(c(3, 7, 10, 12.5, 4.99, 5)) → 3, 4.9925, 6, 9.25, 12.5
        #expect(try #require(summary.q1).isApproximately(4.9925))
        #expect(try #require(summary.median).isApproximately(6))
        #expect(try #require(summary.q3).isApproximately(9.25))
    }

    @Test func neverCrossesAQuestionWithItself() throws {
        let tabulation = Tabulator.tabulate(try loadWave(yaml: yaml, csv: csv))
        let district = try #require(tabulation.questions.first { $0.question.id == "district" })
        #expect(district.crossTabs.map(\.axis.id) == ["sex"])
    }
}

extension Double {
    /// Equal within a relative tolerance of 1e-12.
    func isApproximately(_ other: Double) -> Bool {
        abs(self - other) <= 1e-12 * max(abs(self), abs(other))
    }
}
