import Foundation
@testable import SurveyResponses
import SurveyStatistics
import SurveyTabulation
import SurveyTestSupport
import Testing

/// With strata weights, tabulation counts each group per stratum and weighs the counts (`StratumCounts`); without
/// `stratumWeights` it sums every respondent's weight. Both must give the same weighted figures.
struct StratumCountsTests {
    static let yaml = """
        title: 層別のウェイト
        wave: 2023
        data:
          - file: d.csv
        respondent_id: ID
        districts: {question: district}
        breaks: [sex, district]
        weights: {strata: {question: district, population: {1: 12400, 2: 8100, 3: 15300, 4: 30200}}}
        questions:
          - id: district
            column: 地区
            type: single
            choices: {1: 中央, 2: 東, 3: 西, 4: 北}
          - id: sex
            column: 性別
            type: single
            choices: {1: 男性, 2: 女性}
          - id: q1
            column: 問1
            type: scale
            choices: {1: 満足, 2: やや満足, 3: やや不満, 4: 不満}
            scores: {1: 4, 2: 3, 3: 2, 4: 1}
          - id: q2
            type: multiple
            columns: [問2_1, 問2_2, 問2_3]
            choices: {1: 高齢化, 2: 担い手不足, 3: その他}
          - id: q3
            column: 問3
            type: number
            bins: [5, 20]
          - id: q4
            column: 問4
            type: number
          - id: q5
            column: 問5
            type: single
            asked_if: {q1: [3, 4]}
            choices: {1: 時間がない, 2: きっかけがない, 3: その他}
        """

    /// `count` random respondents: some districts blank (the 無回答 stratum), q3 whole numbers, q4 decimals.
    static func csv(count: Int, random: inout SplitMix64) -> String {
        var lines = ["ID,地区,性別,問1,問2_1,問2_2,問2_3,問3,問4,問5"]
        func maybe(_ value: String, blank: Double) -> String { Double.random(in: 0..<1, using: &random) < blank ? "" : value }
        for id in 1...count {
            var cells = ["\(id)"]
            cells.append(maybe("\(Int.random(in: 1...4, using: &random))", blank: 0.03))
            cells.append(maybe("\(Int.random(in: 1...2, using: &random))", blank: 0.05))
            cells.append(maybe("\(Int.random(in: 1...4, using: &random))", blank: 0.05))
            for _ in 0..<3 { cells.append(maybe("1", blank: 0.6)) }
            cells.append(maybe("\(Int.random(in: 0...40, using: &random))", blank: 0.1))
            cells.append(maybe(String(format: "%.2f", Double.random(in: 0...100, using: &random)), blank: 0.1))
            cells.append(maybe("\(Int.random(in: 1...3, using: &random))", blank: 0.1))
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("strata weights: counts per stratum give every weighted figure that summing each weight gives, at 1e-12 (seeded)")
    func countsPerStratumAgreeWithWeightSums() throws {
        var random = SplitMix64(seed: 20_261_203)
        var compared = 0
        for round in 0..<6 {
            let responses = try loadWave(yaml: Self.yaml, csv: Self.csv(count: [40, 120, 300][round % 3], random: &random))
            #expect(responses.stratumWeights != nil)
            var summed = responses
            summed.stratumWeights = nil
            let counted = Tabulator.tabulate(responses), each = Tabulator.tabulate(summed)
            func close(_ a: Double?, _ b: Double?, _ what: @autoclosure () -> String) {
                guard let a, let b else { return #expect(a == nil && b == nil, "\(what()): \(String(describing: a)) vs \(String(describing: b))") }
                #expect(abs(a - b) <= 1e-12 * Swift.max(abs(a), abs(b), 1) || RelativeError.of(a, b) <= 1e-12, "\(what()): \(a) vs \(b)")
                compared += 1
            }
            for (x, y) in zip(counted.questions, each.questions) {
                let id = x.question.id
                var tables = [(x.total, y.total, "total")]
                for (cx, cy) in zip(x.crossTabs, y.crossTabs) {
                    for (gx, gy) in zip(cx.groups, cy.groups) { tables.append((gx.table, gy.table, "\(cx.axis.id)=\(gx.value.code)")) }
                    #expect(cx.tests.count == cy.tests.count, "\(id) by \(cx.axis.id)")
                    for (tx, ty) in zip(cx.tests, cy.tests) {
                        #expect(tx.method == ty.method)
                        close(tx.statistic, ty.statistic, "\(id) by \(cx.axis.id) \(tx.method) statistic")
                        close(tx.pValue, ty.pValue, "\(id) by \(cx.axis.id) \(tx.method) p")
                        close(tx.raoScott?.numeratorDF, ty.raoScott?.numeratorDF, "\(id) by \(cx.axis.id) ndf")
                    }
                    #expect(cx.tests.contains { $0.method == .designKruskalWallis } == (id == "q3" || id == "q4"), "\(id) by \(cx.axis.id)")
                    for (gx, gy) in zip(cx.groups, cy.groups) {
                        close(gx.summary?.weighted?.mean, gy.summary?.weighted?.mean, "\(id) \(gx.value.code) mean")
                        close(gx.summary?.weighted?.standardError, gy.summary?.weighted?.standardError, "\(id) \(gx.value.code) se")
                        #expect(gx.summary?.weighted?.median == gy.summary?.weighted?.median, "\(id) \(gx.value.code) median")
                        #expect(gx.summary?.weighted?.q1 == gy.summary?.weighted?.q1 && gx.summary?.weighted?.q3 == gy.summary?.weighted?.q3)
                    }
                }
                close(x.totalSummary?.weighted?.mean, y.totalSummary?.weighted?.mean, "\(id) mean")
                close(x.totalSummary?.weighted?.standardError, y.totalSummary?.weighted?.standardError, "\(id) se")
                #expect(x.totalSummary?.weighted?.median == y.totalSummary?.weighted?.median, "\(id) median")
                for (tx, ty, name) in tables {
                    close(tx.weightedBase, ty.weightedBase, "\(id) \(name) base")
                    for (rx, ry) in zip(tx.rows, ty.rows) {
                        close(rx.weightedCount, ry.weightedCount, "\(id) \(name) \(rx.label)")
                        close(rx.domainTest?.z, ry.domainTest?.z, "\(id) \(name) \(rx.label) z")
                    }
                }
            }
        }
        #expect(compared > 1_000)
    }
}
