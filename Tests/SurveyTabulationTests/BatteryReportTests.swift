import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SurveyDefinition
@testable import SurveyReports
@testable import SurveyTabulation
import Testing

/// A battery in the report: one table (items as rows), one stacked chart, and a sentence the table bears out.
@Suite struct BatteryReportTests {
    /// Four items over 40 respondents; `known` is how many of the 40 know (1) each item, the rest answer 3.
    static func wave(known: [Int], nets: Bool = true) throws -> WaveTabulation {
        let items = known.indices.map { "      - {id: q9_\($0 + 1), column: 問9_\($0 + 1), text: 取組\($0 + 1)}" }
        let yaml = """
            title: t
            wave: 2023
            data:
              - file: d.csv
            questions:
              - id: q9
                type: battery
                text: 次の取組を知っていますか。
                choices: {1: 知っている, 2: 聞いたことはある, 3: 知らない}
            \(nets ? "    nets: {知っている（計）: [1, 2]}\n" : "")    items:

            """ + items.joined(separator: "\n") + "\n"
        let header = known.indices.map { "問9_\($0 + 1)" }.joined(separator: ",")
        let rows = (0..<40).map { row in known.map { row < $0 ? "1" : "3" }.joined(separator: ",") }
        return Tabulator.tabulate(try loadWave(yaml: yaml, csv: ([header] + rows).joined(separator: "\n") + "\n"))
    }

    static func sentence(_ wave: WaveTabulation) throws -> [ReportClaim] {
        ReportDocument(wave).batteryClaims(try #require(wave.batteries.first))
    }

    @Test func theSentenceNamesTheHighestAndLowestItems() throws {
        let claims = try Self.sentence(try Self.wave(known: [20, 34, 8, 15]))
        #expect(claims == [.batteryRange(BatteryRange(measure: "知っている（計）",
                                                      highest: [PrintedShare(label: "取組2", percent: "85.0")],
                                                      lowest: [PrintedShare(label: "取組3", percent: "20.0")]))])
        #expect(claims.first?.sentence == "『知っている（計）』の割合は、『取組2』（85.0％）で最も高く、『取組3』（20.0％）で最も低くなっています。")
    }

    @Test func tiesAreNamedTogetherInItemOrder() throws {
        let claims = try Self.sentence(try Self.wave(known: [30, 10, 30, 10]))
        #expect(claims.first?.sentence == "『知っている（計）』の割合は、『取組1』と『取組3』（いずれも75.0％）で最も高く、『取組2』と『取組4』（いずれも25.0％）で最も低くなっています。")
        let equal = try Self.sentence(try Self.wave(known: [12, 12, 12, 12]))
        #expect(equal.first?.sentence == "『知っている（計）』の割合は、すべての項目で30.0％となっています。")
    }

    @Test func withoutNetsTheFirstChoiceIsCompared() throws {
        let claims = try Self.sentence(try Self.wave(known: [20, 34, 8, 15], nets: false))
        #expect(claims.first?.sentence == "『知っている』の割合は、『取組2』（85.0％）で最も高く、『取組3』（20.0％）で最も低くなっています。")
    }

    @Test func nothingIsSaidOfABaseUnderThirty() throws {
        var wave = try Self.wave(known: [20, 34, 8, 15])
        for index in wave.questions.indices { wave.questions[index].total.base = 29 }
        #expect(try Self.sentence(wave).isEmpty)
    }

    /// The claim agrees with the table beside it: the cited items hold the highest and lowest printed cell of the
    /// compared column, every other item lies between, and the cited percentages are the printed cells.
    @Test func theSentenceAgreesWithTheTable() throws {
        for known in [[20, 34, 8, 15], [30, 10, 30, 10], [1, 2, 39, 40], [12, 12, 12, 12]] {
            let wave = try Self.wave(known: known)
            let battery = try #require(wave.batteries.first)
            let document = ReportDocument(wave)
            let table = try #require(document.tables(of: battery).first)
            let column = try #require(table.header.firstIndex(of: "知っている（計）"))
            let printed = Dictionary(uniqueKeysWithValues: table.rows.map { ($0[0], $0[column]) })
            guard case .batteryRange(let range) = try #require(document.batteryClaims(battery).first) else {
                Issue.record("no range claim")
                continue
            }
            let values = printed.values.compactMap(Double.init)
            for share in range.highest {
                #expect(printed[share.label] == share.percent)
                #expect(Double(share.percent) == values.max())
            }
            for share in range.lowest {
                #expect(printed[share.label] == share.percent)
                #expect(Double(share.percent) == values.min())
            }
            #expect(range.highest.count == values.filter { $0 == values.max() }.count)
            #expect(range.lowest.count == values.filter { $0 == values.min() }.count)
        }
    }

    @Test func theTableHasAnItemPerRowWithNChoicesNetsAndNonresponse() throws {
        let csv = BatteryFixture.csv()
        let wave = Tabulator.tabulate(try loadWave(yaml: BatteryFixture.battery, csv: csv))
        let battery = try #require(wave.batteries.first)
        let document = ReportDocument(wave)
        let table = try #require(document.tables(of: battery).first)
        #expect(table.header == ["項目", "n", "知っている", "聞いたことはある", "知らない", "知っている（計）", "無回答"])
        #expect(table.rows.map(\.first) == ["地域福祉計画", "社会福祉協議会", "成年後見制度"])
        for (row, item) in zip(table.rows, battery.items) {
            #expect(row[1] == CountText.grouped(item.total.base))
            #expect(Array(row[2...]) == item.total.rows.map { document.percentCell($0, base: item.total.base) })
        }
        // The report: the battery's section with its table, chart and sentence, then each item's cross-tabs only.
        var charted = ReportDocument(wave)
        charted.batteryChart = Chart.svg(battery:)
        let blocks = charted.blocks
        let headings = blocks.compactMap { block -> String? in
            if case .heading(3, let text) = block { return text }
            return nil
        }
        #expect(headings.suffix(4) == ["1. 問9　取組の認知", "2. 問9_1　地域福祉計画", "3. 問9_2　社会福祉協議会", "4. 問9_3　成年後見制度"])
        #expect(blocks.contains(.table(table)))
        #expect(blocks.contains { if case .chart("q9.svg", _, "図　取組の認知") = $0 { return true }; return false })
        #expect(blocks.contains { if case .draft(let text) = $0 { return text.hasPrefix("『知っている（計）』の割合は、『社会福祉協議会』") }; return false })
        let simpleTables = blocks.filter { if case .table(let table) = $0 { return table.role == .simple }; return false }
        #expect(simpleTables.count == 3)  // district, age (回答者属性) and the battery: no 単純集計 per item
    }

    @Test func theChartHasOneStackedBarPerItem() throws {
        let wave = Tabulator.tabulate(try loadWave(yaml: BatteryFixture.battery, csv: BatteryFixture.csv()))
        let battery = try #require(wave.batteries.first)
        let svg = try #require(Chart.svg(battery: battery))
        #expect(Chart.svg(battery: battery) == svg)
        let root = try ChartTests.parse(svg)
        #expect(ChartTests.texts(root, class: "chart-title") == ["問9　取組の認知"])
        #expect(ChartTests.texts(root, class: "chart-legend-label") == ["知っている", "聞いたことはある", "知らない", "無回答"])
        let bars = ChartTests.elements(root, "g", class: "chart-bar")
        #expect(bars.count == 3)
        let labels = ChartTests.texts(root, class: "chart-label")
        #expect(labels == battery.items.map { "\($0.question.text) (n=\($0.total.base))" })
        for (bar, item) in zip(bars, battery.items) {
            let segments = ChartTests.elements(bar, "rect", class: "chart-segment")
            let widths = segments.compactMap { ChartTests.number($0, "width") }
            #expect(abs(widths.reduce(0, +) - Chart.stackWidth) < 0.01)
            let printed = ChartTests.texts(bar, class: "chart-percent")
            let expected = item.total.rows.filter { $0.kind != .net(label: "知っている（計）") && $0.count > 0 }
                .compactMap { PercentText.format($0) }
            #expect(Set(printed).isSubset(of: Set(expected)))
        }
    }
}
