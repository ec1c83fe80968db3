import Foundation
import SurveyDefinition
import SurveyStatistics
import Testing
@testable import SurveyTabulation

/// The p the report uses, its adjustment over the wave, and the one decision `isSignificant`.
@Suite struct MultipleTestingTests {
    private static let yaml = """
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
            type: single
            choices: {1: はい, 2: いいえ}
          - id: q2
            column: 問2
            type: single
            choices: {1: はい, 2: いいえ}
        """

    /// q1 differs strongly by sex (a reliable 2 × 2); q2 has a tiny 「いいえ」 column (not reliable, Fisher used).
    private static func csv() -> String {
        var lines = ["性別,問1,問2"]
        for i in 0..<60 { lines.append("1,\(i < 45 ? 1 : 2),\(i < 2 ? 2 : 1)") }
        for i in 0..<60 { lines.append("2,\(i < 20 ? 1 : 2),1") }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func tests(_ tabulation: WaveTabulation, _ id: String) throws -> [IndependenceTest] {
        try #require(tabulation.questions.first { $0.question.id == id }?.crossTabs.first).tests
    }

    @Test func usesFisherForAnUnreliableTwoByTwoAndAdjustsOverTheWave() throws {
        let tabulation = Tabulator.tabulate(try loadWave(yaml: Self.yaml, csv: Self.csv()))
        #expect(tabulation.multipleTesting == .benjaminiHochberg)
        let q1 = try Self.tests(tabulation, "q1")
        let q2 = try Self.tests(tabulation, "q2")
        #expect(q1.map(\.method) == [.chiSquare, .fisher])
        #expect(q1[0].isReliable && q1[0].exactP == nil && q1[0].reportedP == q1[0].pValue)
        #expect(q2[0].isReliable == false)
        #expect(q2[0].exactP == q2[1].fisherP && q2[0].exactMethod == "fisher" && q2[0].reportedP == q2[0].exactP)
        // Fisher rows accompany their chi-square row: the report does not use them.
        #expect(q1[1].reportedP == nil && q1[1].adjustedP == nil && !q1[1].isSignificant)
        // Two p's in the family: BH gives max(p₍₁₎·2, p₍₂₎) and p₍₂₎ (R: p.adjust(c(p1, p2), "BH")).
        let p = [try #require(q1[0].reportedP), try #require(q2[0].reportedP)]
        let expected = FalseDiscoveryRate.benjaminiHochberg(p)
        #expect(p[0] < p[1])
        #expect(expected[0] == min(p[0] * 2, p[1]) && expected[1] == p[1])
        #expect(q1[0].adjustedP == expected[0] && q2[0].adjustedP == expected[1])
        #expect(q1[0].isSignificant && !q2[0].isSignificant)
    }

    @Test func leavesPValuesUnadjustedWithMultipleTestingNone() throws {
        let yaml = Self.yaml.replacingOccurrences(of: "breaks: [sex]", with: "breaks: [sex]\nmultiple_testing: none")
        let tabulation = Tabulator.tabulate(try loadWave(yaml: yaml, csv: Self.csv()))
        #expect(tabulation.multipleTesting == MultipleTesting.none)
        for id in ["q1", "q2"] {
            for test in try Self.tests(tabulation, id) {
                #expect(test.adjustedP == nil)
                #expect(test.isSignificant == ((test.reportedP ?? 1) < 0.05))
            }
        }
    }

    @Test func adjustsEveryTestTheExampleReportUses() throws {
        let tabulation = try #require(exampleTabulation)
        let tests = tabulation.questions.flatMap(\.crossTabs).flatMap(\.tests)
        let used = tests.filter { $0.reportedP != nil }
        #expect(used.count > 100)
        for test in tests {
            #expect((test.adjustedP != nil) == (test.reportedP != nil))
            guard let p = test.reportedP, let adjusted = test.adjustedP else { continue }
            #expect(adjusted >= p && adjusted <= 1)
            #expect(test.isSignificant == (adjusted < 0.05))
        }
        // BH keeps the order of the p's.
        let sorted = used.sorted { $0.reportedP! < $1.reportedP! }
        #expect(zip(sorted, sorted.dropFirst()).allSatisfy { $0.adjustedP! <= $1.adjustedP! })
    }
}
