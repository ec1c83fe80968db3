import Foundation
import SurveyReports
import SurveyTabulation
import Testing

/// Every sentence of the example's report is a claim, and every claim holds in the printed tables.
@Suite struct ReportClaimTests {
    /// The draft paragraphs are exactly the claims' sentences, one sentence per claim: a question's claims, a
    /// battery's range, and for a battery's item only the claims on its groups (its whole is in the battery's table).
    @Test func everyDraftSentenceIsAClaim() throws {
        let tabulation = try #require(exampleTabulation)
        let document = ReportDocument(tabulation)
        func claims(_ tab: QuestionTabulation) -> [ReportClaim] {
            let all = document.claims(of: tab)
            return tabulation.battery(holding: tab.question.id) == nil ? all : all.filter(\.isAboutGroups)
        }
        var section: [ReportClaim]?
        var drafts = 0
        for block in document.blocks {
            if case .heading(3, let text) = block {
                if let battery = tabulation.batteries.first(where: { text.hasSuffix(". " + $0.reportHeading) }) {
                    section = document.batteryClaims(battery)
                } else {
                    section = tabulation.questions.first { text.hasSuffix(". " + $0.question.reportHeading) }.map(claims)
                }
            }
            guard case .draft(let text) = block else { continue }
            let claims = try #require(section, "a draft before any question: \(text)")
            #expect(text == claims.map(\.sentence).joined())
            #expect(text.components(separatedBy: "。").count - 1 == claims.count, "\(text)")
            drafts += 1
        }
        let batteries = tabulation.batteries.filter { !document.batteryClaims($0).isEmpty }.count
        #expect(batteries == 1)
        #expect(drafts == tabulation.questions.filter { !claims($0).isEmpty }.count + batteries)
        #expect(drafts > 20)
    }

    /// Each claim quotes printed cells, and a group cited is the most extreme marked one of its table.
    @Test func everyClaimHoldsInTheTables() throws {
        let tabulation = try #require(exampleTabulation)
        let document = ReportDocument(tabulation)
        var differences = 0, trends = 0
        for question in tabulation.questions where question.question.type != .text {
            let tables = document.tables(of: question)
            let claims = document.claims(of: question)
            let simple = try #require(tables.first { $0.caption == "単純集計" })
            let nets = Set(question.question.nets.map(\.label))
            let answers = simple.rows.filter { !["無回答", "全体"].contains($0[0]) && !nets.contains($0[0]) }
            let place = question.question.id
            for claim in claims {
                switch claim {
                case .leading(let shares), .tied(let shares):
                    for share in shares {
                        #expect(answers.contains { $0[0] == share.label && $0[2] == share.percent }, "\(place) \(share)")
                    }
                    let quoted = Set(shares.map(\.label))
                    let lowest = try #require(shares.last.flatMap { Double($0.percent) })
                    for row in answers where !quoted.contains(row[0]) {
                        #expect((Double(row[2]) ?? 0) <= lowest, "\(place): \(row[0]) \(row[2]) is not quoted")
                    }
                    #expect(zip(shares, shares.dropFirst()).allSatisfy { Double($0.percent)! >= Double($1.percent)! })
                    if case .tied = claim { #expect(Set(shares.map(\.percent)).count == 1) }
                case .nets(let shares):
                    for share in shares { #expect(simple.rows.contains { $0[0] == share.label && $0[2] == share.percent }, "\(place) \(share)") }
                case .numberSummary(let mean, let median, _):
                    let summary = try #require(tables.first { $0.caption.hasPrefix("数値の要約") })
                    #expect(summary.rows[0][1] == mean && summary.rows[0][5] == median)
                case .choiceDifference(let difference):
                    differences += 1
                    for (side, mark) in [(difference.above, "▲"), (difference.below, "▼")] {
                        guard let side else { continue }
                        var large = true
                        for group in side.groups {
                            let gap = try Self.check(group, of: difference, mark: mark, in: tables, place: place)
                            large = large && gap >= 10 - 1e-9
                        }
                        #expect(side.isLarge == large, "\(place) \(difference.choice) 大きく")
                    }
                case .trend(let trend):
                    trends += 1
                    let crossTab = try #require(question.crossTabs.first { "\($0.axis.axisName)別" == trend.caption || $0.axis.axisName == trend.caption })
                    #expect(crossTab.axis.isOrdered)
                    // The example's ordered axes: 年齢 (a question) and 居住年数（区分） (bins of 問1, in 年).
                    let along = ["age": "年齢が高くなるほど", "years": "居住年数が長くなるほど"][crossTab.axis.id]
                    #expect(trend.along == along && claim.sentence.hasPrefix(trend.along), "\(place) \(crossTab.axis.id)")
                    let table = try #require(tables.first { $0.caption == trend.caption })
                    let shown = table.rows.dropFirst().filter { (Int($0[1].replacingOccurrences(of: ",", with: "")) ?? 0) >= 30 }
                    for (choices, rising) in [(trend.rising, true), (trend.falling, false)] {
                        for choice in choices {
                            let code = try #require(question.question.choices.first { $0.label == choice.choice }?.code)
                            // The test the report follows: design-trend in a weighted wave, else trend.
                            let test = try #require(crossTab.trendTest(choice: code))
                            #expect(test.method == (tabulation.definition.weights == nil ? .trend : .designTrend))
                            #expect(test.isSignificant && (test.slope ?? 0 > 0) == rising, "\(place) \(choice.choice)")
                            let column = try #require(table.header.firstIndex(of: choice.choice))
                            let strip = { (cell: String) in cell.replacingOccurrences(of: "▲", with: "").replacingOccurrences(of: "▼", with: "") }
                            #expect(shown.first?[0] == choice.first.label && strip(shown.first![column]) == choice.first.percent)
                            #expect(shown.last?[0] == choice.last.label && strip(shown.last![column]) == choice.last.percent)
                            let change = Self.value(choice.last.percent) - Self.value(choice.first.percent)
                            #expect(rising ? change >= 5 - 1e-9 : change <= -5 + 1e-9, "\(place) \(choice.choice): \(change)")
                        }
                    }
                case .numberByGroup(let groups):
                    let crossTab = try #require(question.crossTabs.first { "\($0.axis.axisName)別" == groups.caption || $0.axis.axisName == groups.caption })
                    #expect(crossTab.kruskalWallisTest?.isSignificant == true)
                    #expect(crossTab.kruskalWallisTest?.method == (tabulation.definition.weights == nil ? .kruskalWallis : .designKruskalWallis))
                    let table = try #require(tables.first { $0.caption == groups.caption + "（平均・中央値）" })
                    let means = table.rows.dropFirst().filter { (Int($0[1].replacingOccurrences(of: ",", with: "")) ?? 0) >= 30 }
                    #expect(means.contains { $0[0] == groups.highest.label && $0[2] == groups.highest.percent })
                    #expect(means.contains { $0[0] == groups.lowest.label && $0[2] == groups.lowest.percent })
                    #expect(means.allSatisfy { Self.value($0[2]) <= Self.value(groups.highest.percent) && Self.value($0[2]) >= Self.value(groups.lowest.percent) })
                case .batteryRange:
                    Issue.record("\(place): a question's claims never compare a battery's items (BatteryReportTests checks those)")
                }
            }
            // A table with a citable mark has a group in the sentences.
            let cited = Set(claims.flatMap { claim -> [String] in
                guard case .choiceDifference(let difference) = claim else { return [] }
                return ((difference.above?.groups ?? []) + (difference.below?.groups ?? [])).map(\.caption)
            })
            for table in tables where table.rows.first?.first == "全体" && table.header.count > 2 && !cited.contains(table.caption) {
                let whole = table.rows[0]
                for row in table.rows.dropFirst() where (Int(row[1].replacingOccurrences(of: ",", with: "")) ?? 0) >= 30 {
                    for (cell, total) in zip(row.dropFirst(2), whole.dropFirst(2)) where cell.hasSuffix("▲") || cell.hasSuffix("▼") {
                        let gap = abs(Self.value(String(cell.dropLast())) - Self.value(total))
                        #expect(gap < 5 - 1e-9, "\(place) \(table.caption) \(row[0]): \(cell) against \(total) is not cited")
                    }
                }
            }
        }
        #expect(differences > 20)
        #expect(trends > 10)
    }

    /// Checks one cited group; returns its gap from 全体 in points.
    static func check(_ group: ChoiceDifference.Group, of difference: ChoiceDifference, mark: String, in tables: [ReportTable],
                      place: String) throws -> Double {
        let context = "\(place) \(group.caption) \(group.label) 『\(difference.choice)』"
        let table = try #require(tables.first { $0.caption == group.caption }, "\(context)")
        let column = try #require(table.header.firstIndex(of: difference.choice), "\(context)")
        #expect(table.rows[0][0] == "全体" && table.rows[0][column] == difference.total, "\(context)")
        let row = try #require(table.rows.first { $0[0] == group.label }, "\(context)")
        #expect(row[column] == group.percent + mark, "\(context): printed \(row[column])")
        #expect((Int(row[1].replacingOccurrences(of: ",", with: "")) ?? 0) >= 30, "\(context): n \(row[1])")
        let value = Self.value(group.percent)
        let gap = abs(value - Self.value(difference.total))
        #expect(gap >= 5 - 1e-9, "\(context): a difference under 5 points")
        // The most extreme group among those with the same mark and n ≥ 30.
        for other in table.rows.dropFirst() where other[column].hasSuffix(mark) && (Int(other[1].replacingOccurrences(of: ",", with: "")) ?? 0) >= 30 {
            let otherValue = Self.value(String(other[column].dropLast()))
            #expect(mark == "▲" ? otherValue <= value : otherValue >= value, "\(context): \(other[0]) \(other[column]) is more extreme")
        }
        return gap
    }

    static func value(_ printed: String) -> Double {
        printed == ReportDocument.nobodyMark ? 0 : Double(printed) ?? .nan
    }
}
