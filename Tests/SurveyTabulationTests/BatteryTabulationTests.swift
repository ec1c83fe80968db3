import SurveyDefinition
import Testing
@testable import SurveyTabulation

@Suite struct BatteryTabulationTests {
    @Test func aBatteryIsItsItemsTabulatedAsScales() throws {
        let csv = BatteryFixture.csv()
        let asBattery = Tabulator.tabulate(try loadWave(yaml: BatteryFixture.battery, csv: csv))
        let asScales = Tabulator.tabulate(try loadWave(yaml: BatteryFixture.separate, csv: csv))
        let battery = try #require(asBattery.batteries.first)
        #expect(asBattery.batteries.count == 1)
        #expect(battery.items.map(\.question.id) == ["q9_1", "q9_2", "q9_3"])
        #expect(asBattery.questions.map(\.question.id) == asScales.questions.map(\.question.id))
        for (item, scale) in zip(battery.items, asScales.questions.suffix(3)) {
            #expect(item.question.type == .scale)
            #expect(item.total == scale.total)
            #expect(item.totalSummary == scale.totalSummary)
            #expect(item.crossTabs.map(\.axis.id) == ["district", "age"])
            for (byAxis, expected) in zip(item.crossTabs, scale.crossTabs) {
                #expect(byAxis.groups.map(\.table) == expected.groups.map(\.table))
                #expect(byAxis.axisNonresponse == expected.axisNonresponse)
                #expect(byAxis.tests.map(\.pValue) == expected.tests.map(\.pValue))
                #expect(byAxis.tests.map(\.adjustedP) == expected.tests.map(\.adjustedP))
                #expect(byAxis.tests.map(\.method) == expected.tests.map(\.method))
            }
        }
        #expect(asBattery.battery(holding: "q9_2")?.battery.id == "q9")
        #expect(asBattery.battery(holding: "district") == nil)
    }

    @Test func itemsAreComparedByTheFirstNetElseTheFirstChoice() throws {
        let csv = BatteryFixture.csv()
        let tabulation = Tabulator.tabulate(try loadWave(yaml: BatteryFixture.battery, csv: csv))
        let battery = try #require(tabulation.batteries.first)
        #expect(battery.leadingRow == .net(label: "知っている（計）"))
        let rows = battery.leadingRows.compactMap { $0 }
        #expect(rows.count == 3)
        for (row, item) in zip(rows, battery.items) {
            let known = item.total.rows.filter { $0.kind == .choice(code: 1) || $0.kind == .choice(code: 2) }.map(\.count).reduce(0, +)
            #expect(row.count == known)
            #expect(row.base == item.total.base)
        }
        #expect(rows[1].count > rows[0].count && rows[0].count > rows[2].count)

        let withoutNets = BatteryFixture.battery.replacingOccurrences(of: "    nets: {知っている（計）: [1, 2]}\n", with: "")
        let plain = try #require(Tabulator.tabulate(try loadWave(yaml: withoutNets, csv: csv)).batteries.first)
        #expect(plain.leadingRow == .choice(code: 1))
        #expect(plain.leadingRows.map { $0?.label } == ["知っている", "知っている", "知っている"])
    }
}
