import Foundation
import SurveyReports
import SurveyStatistics
import SurveyTabulation
import SurveyTestSupport
import Testing

/// With weights the report prints weighted percentages beside the unweighted n (the convention of weighted Japanese
/// reports), in tables, charts, sentences and `survey crosstab`; R's `svymean` of the fixture gives the percentages
/// (`Tests/SurveyStatisticsTests/Fixtures/weighted_tables.csv`, from `reference_weights.R`).
struct WeightedReportTests {
    static let strata = "weights: {strata: {question: district, population: {1: 12400, 2: 8100, 3: 15300, 4: 30200}}}"

    /// R's weighted percent of age band `age` (overall when `group` is empty, else among sex `group`), as printed.
    static func printedR(group: String, age: Int) throws -> String {
        let reference = try #require(try WeightedTabulationTests.csv("weighted_tables.csv").first {
            $0["measure"] == "percent" && $0["group"] == group && $0["age"] == String(age)
        })
        return PercentText.decimal(try #require(Double(reference["value"]!)), places: 1)
    }

    static func tabulation() throws -> WaveTabulation {
        Tabulator.tabulate(try loadWave(yaml: WeightedTabulationTests.yaml(weights: strata), csv: try WeightedTabulationTests.data()))
    }

    @Test("単純集計 and the cross-tab print R's weighted percents, the counts and n unweighted")
    func tablesPrintWeightedPercents() throws {
        let tabulation = try Self.tabulation()
        let age = try #require(tabulation.questions.first { $0.question.id == "age" })
        let tables = ReportDocument(tabulation).tables(of: age)
        let simple = try #require(tables.first { $0.caption == "単純集計" })
        #expect(simple.rows.prefix(3).map { $0[1] } == ["34", "61", "105"])
        #expect(simple.rows.prefix(3).map { $0[2] } == [try Self.printedR(group: "", age: 1), try Self.printedR(group: "", age: 2),
                                                         try Self.printedR(group: "", age: 3)])
        #expect(simple.rows.prefix(3).map { $0[2] } == ["17.6", "31.9", "50.6"])
        #expect(simple.rows.last == ["全体", "200", "100.0"])
        let bySex = try #require(tables.first { $0.caption == "性別" })
        for (row, sex) in zip(bySex.rows.dropFirst(), ["1", "2"]) {
            let unweighted = try #require(age.crossTabs.first?.groups[Int(sex)! - 1].table.base)
            #expect(row[1] == CountText.grouped(unweighted))
            for band in 1...3 {
                let cell = row[1 + band].replacingOccurrences(of: "▲", with: "").replacingOccurrences(of: "▼", with: "")
                #expect(cell == (try Self.printedR(group: sex, age: band)), "sex \(sex), age \(band)")
            }
        }
        // survey crosstab prints the same cells.
        let text = CrossTabText(question: age, crossTab: try #require(age.crossTabs.first)).text.split(separator: "\n")
        #expect(text[3] == "全体\t200\t17.6\t31.9\t50.6\t0.0")
        let men = try Self.printedR(group: "1", age: 1)
        #expect(text[4].hasPrefix("男性\t") && text[4].contains("\t" + men))
    }

    @Test("the chart draws and labels the weighted shares; the draft quotes them")
    func chartsAndSentencesUseWeightedPercents() throws {
        let tabulation = try Self.tabulation()
        let age = try #require(tabulation.questions.first { $0.question.id == "age" })
        let svg = try #require(Chart.svg(for: age, firstAxis: nil))
        for printed in ["17.6", "31.9", "50.6"] { #expect(svg.contains(">\(printed)<"), "\(printed)") }
        #expect(!svg.contains(">17.0<"))  // 34/200 unweighted
        // Segment widths: the weighted shares of the 560 px bar (0.17587… × 560 = 98.5 px), not 34/200 (95.2 px).
        #expect(svg.contains("width=\"98.5\""))
        let claims = ReportDocument(tabulation).claims(of: age)
        #expect(claims.first?.sentence == "『高齢』が50.6％と最も多く、次いで『中年』が31.9％となっています。")
    }

    @Test("the reported share: counts exactly as before without weights, the weighted sums with them, rounded half up")
    func reportedShareRounding() throws {
        for base in 1...60 {
            for count in 0...base {
                #expect(PercentText.scaled(.counts(count, of: base), by: 1000) == PercentText.tenths(count: count, base: base))
            }
        }
        #expect(PercentText.scaled(.weighted(3, of: 8), by: 1000) == 375)
        #expect(PercentText.scaled(.weighted(3, of: 8), by: 100) == 38)  // 37.5: half up
        #expect(PercentText.scaled(.weighted(0, of: 8), by: 1000) == 0)
        #expect(PercentText.scaled(.weighted(1, of: 0), by: 1000) == nil)
        #expect(PercentText.scaled(.weighted(-1, of: 8), by: 1000) == nil)
        #expect(PercentText.scaled(.weighted(.infinity, of: 8), by: 1000) == nil)
        #expect(PercentText.scaled(.weighted(1e300, of: 1e-300), by: 1000) == nil)
        var row = try #require(try Self.tabulation().questions.first { $0.question.id == "age" }?.total.rows.first)
        #expect(row.reportedShare == .weighted(11607.5, of: 66000) && PercentText.format(row) == "17.6")
        row.weightedCount = nil
        row.weightedBase = nil
        #expect(row.reportedShare == .counts(34, of: 200) && PercentText.format(row) == "17.0" && row.reportedPercent == 17)
    }

    @Test("each cell's design-based z is R's svyglm slope over its SE (strata design), through the tabulation")
    func cellsMatchR() throws {
        let yaml = WeightedTabulationTests.yaml(weights: Self.strata).replacingOccurrences(of: "breaks: [sex]", with: "breaks: [sex, district]")
        let tabulation = Tabulator.tabulate(try loadWave(yaml: yaml, csv: try WeightedTabulationTests.data()))
        let age = try #require(tabulation.questions.first { $0.question.id == "age" })
        var checked = 0
        for reference in try WeightedTabulationTests.csv("domain_difference.csv") where reference["design"] == "strata" {
            let crossTab = try #require(age.crossTabs.first { $0.axis.id == reference["row"] })
            let group = try #require(Int(reference["group"]!)), category = try #require(Int(reference["category"]!))
            let row = crossTab.groups[group - 1].table.rows[category - 1]
            let test = try #require(row.domainTest, "\(reference)")
            #expect(RelativeError.scaled(test.difference, Double(reference["difference"]!)!, floor: 1e-15) <= 1e-9, "\(reference)")
            #expect(RelativeError.of(test.standardError, Double(reference["se"]!)!) <= 1e-9, "\(reference)")
            #expect(row.cellStatistic == test.z && row.adjustedResidual != nil && row.adjustedResidual != test.z)
            checked += 1
        }
        #expect(checked == 2 * 3 + 4 * 3)
        // The Rao–Scott rows are the tests the report uses: in the BH family, the chi-square rows out of it.
        let bySex = try #require(age.crossTabs.first { $0.axis.id == "sex" })
        #expect(bySex.reportedTest(choice: nil)?.method == .raoScott)
        #expect(bySex.tests.first { $0.method == .chiSquare }.map { $0.yieldsToDesignTest && $0.reportedP == nil && $0.adjustedP == nil } == true)
        let raoScott = try #require(bySex.tests.first { $0.method == .raoScott })
        #expect(raoScott.reportedP == raoScott.pValue && raoScott.adjustedP != nil)
        // Unweighted, the chi-square row is the one used and there is no design-based z.
        let plain = Tabulator.tabulate(try loadWave(yaml: WeightedTabulationTests.yaml(weights: ""), csv: try WeightedTabulationTests.data()))
        let plainAge = try #require(plain.questions.first { $0.question.id == "age" }?.crossTabs.first)
        #expect(plainAge.reportedTest(choice: nil)?.method == .chiSquare && plainAge.tests.allSatisfy { !$0.yieldsToDesignTest })
        #expect(plainAge.groups.allSatisfy { $0.table.rows.allSatisfy { $0.domainTest == nil && $0.cellStatistic == $0.adjustedResidual } })
    }

    @Test("with weights a mark follows the design-based z, not the residual, and never points against the printed direction")
    func marksFollowTheDesignBasedZ() throws {
        let tabulation = try Self.tabulation()
        let age = try #require(tabulation.questions.first { $0.question.id == "age" })
        var row = try #require(age.crossTabs.first?.groups.first?.table.rows.first)  // men, 若年: 21.9 % against 17.6 %
        let total = age.total.rows[0]
        // A z of about +3.5 (a domain of 10 with 9 choosing against 10 with 1), whatever the residual says.
        let strong = try #require(DomainDifferenceTest(indicators: [1, 1, 1, 1, 1, 1, 1, 1, 1, 0] + [1] + Array(repeating: 0, count: 9),
                                                       domains: Array(repeating: 1, count: 10) + Array(repeating: 0, count: 10),
                                                       weights: Array(repeating: 1, count: 20)))
        #expect(strong.z > 1.96)
        row.domainTest = strong
        row.adjustedResidual = 0
        #expect(CellMark.of(row, total: total, significant: true) == .above)
        #expect(CellMark.of(row, total: total, significant: false) == nil)
        // A large residual without a design-based z marks nothing.
        row.domainTest = nil
        row.adjustedResidual = 5
        #expect(CellMark.of(row, total: total, significant: true) == nil)
        // Rule 4: a positive z on a printed percentage below 全体's gets no mark.
        row.domainTest = strong
        var below = total
        below.weightedCount = (total.weightedBase ?? 0) * 0.9
        #expect(CellMark.of(row, total: below, significant: true) == nil)
    }
}

/// Strata with a single respondent in a weighted wave (R's `survey.lonely.psu = "adjust"`, `LonelyStratumTests`):
/// the table is tested; only when every stratum of the wave is lonely (d₂ = 0) is the test left out, and the test
/// line says so. A table's single respondent in a stratum of several is not lonely: the design is the wave's.
struct LonelyStratumReportTests {
    static let yaml = """
        title: 一人だけの層
        wave: 2023
        data:
          - file: d.csv
        respondent_id: ID
        breaks: [sex]
        questions:
          - {id: district, column: 地区, type: single, choices: {1: 中央, 2: 東, 3: 西}}
          - {id: sex, column: 性別, type: single, choices: {1: 男性, 2: 女性}}
          - {id: few, column: 少数, type: single, choices: {1: はい, 2: いいえ}}
          - {id: many, column: 多数, type: single, choices: {1: はい, 2: いいえ}}
        weights: {strata: {question: district, population: {1: 1000, 2: 2000, 3: 3000}}}
        """

    /// 25 respondents, 8 per district and one without a district (a stratum of its own); `few` answered by one
    /// respondent per district (alone in each stratum of its tables, not of the wave), `many` by everyone but one of
    /// district 3's: only the respondent without a district is alone in a stratum.
    static func csv() -> String {
        var lines = ["ID,地区,性別,少数,多数"]
        for id in 1...25 {
            let district = id == 25 ? "" : String((id - 1) / 8 + 1)
            let few = [1: "1", 10: "2", 17: "1"][id] ?? ""
            let many = id == 24 ? "" : String(1 + (id * 7 % 5) % 2)
            lines.append("\(id),\(district),\(1 + id % 2),\(few),\(many)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("a lonely stratum still gets the Rao–Scott test, a table's lone respondent in a stratum of several is not lonely; 報告書の見方 says how")
    func testLines() throws {
        let tabulation = Tabulator.tabulate(try loadWave(yaml: Self.yaml, csv: Self.csv()))
        let document = ReportDocument(tabulation)
        let drafts = document.blocks.compactMap { block -> String? in if case .paragraph(let text) = block { return text }; return nil }
        func crossTab(_ id: String) throws -> CrossTab {
            try #require(tabulation.questions.first { $0.question.id == id }?.crossTabs.first { $0.axis.id == "sex" })
        }
        // many × sex: the one respondent without a district is alone in stratum 0; tested, d₂ = d₁·(N − H) over the
        // wave's 25 respondents in 4 strata.
        let many = try #require(try crossTab("many").tests.first { $0.method == .raoScott }?.raoScott)
        #expect(many.n == 24 && RelativeError.of(many.denominatorDF, many.numeratorDF * Double(25 - 4)) <= 1e-12)
        // few × sex: three respondents, each alone in the table's stratum but one of 8 in the wave's: tested.
        let few = try #require(try crossTab("few").tests.first { $0.method == .raoScott }?.raoScott)
        #expect(few.n == 3 && RelativeError.of(few.denominatorDF, few.numeratorDF * Double(25 - 4)) <= 1e-12)
        #expect(drafts.filter { $0.hasPrefix("検定：Rao–Scott補正カイ二乗検定") }.count == 3)  // district, few and many by sex
        let guide = document.blocks.compactMap { block -> [String]? in if case .list(let items) = block { return items }; return nil }.joined()
        #expect(guide.contains { $0.contains("回答者が1人だけの層は、層の平均の代わりに全体の平均を中心として分散に加えています。Rのsurveyパッケージの lonely.psu = \"adjust\" と同じ方法です") })
    }

    @Test("the example's q5 by 地区: empty cells close a cycle, and the test line names that cause only")
    func emptyCellsLine() throws {
        let tabulation = try #require(exampleTabulation)
        let q5 = try #require(tabulation.questions.first { $0.question.id == "q5" }?.crossTabs.first { $0.axis.id == "district" })
        #expect(q5.tests.first { $0.method == .chiSquare }?.designTestUnavailable == .emptyCellsCloseACycle)
        #expect(!q5.tests.contains { $0.method == .raoScott })
        let drafts = ReportDocument(tabulation).blocks.compactMap { block -> String? in if case .paragraph(let text) = block { return text }; return nil }
        #expect(drafts.contains("検定：回答者のいない組み合わせ（0人のセル）の配置から、ウェイトを考慮した検定の分散を推定できないため、検定は行っていません。"))
        #expect(!drafts.contains { $0.contains("1人だけ") })
    }

    @Test("every stratum of the wave lonely (N = H, d₂ = 0): no Rao–Scott test, and the test line says why")
    func everyStratumLonely() throws {
        // Four respondents, one per district and one without a district.
        let csv = "ID,地区,性別,少数,多数\n1,1,1,1,1\n2,2,2,2,2\n3,3,1,1,2\n4,,2,2,1\n"
        let tabulation = Tabulator.tabulate(try loadWave(yaml: Self.yaml, csv: csv))
        let many = try #require(tabulation.questions.first { $0.question.id == "many" }?.crossTabs.first { $0.axis.id == "sex" })
        #expect(many.tests.contains { $0.method == .chiSquare } && !many.tests.contains { $0.method == .raoScott })
        let drafts = ReportDocument(tabulation).blocks.compactMap { block -> String? in if case .paragraph(let text) = block { return text }; return nil }
        #expect(many.tests.first { $0.method == .chiSquare }?.designTestUnavailable == .everyStratumLonely)
        #expect(drafts.contains("検定：どの層（地区）も回答者が1人だけで、ウェイトを考慮した検定の分散を推定できないため、検定は行っていません。"))
        #expect(!drafts.contains { $0.hasPrefix("検定：Rao–Scott補正カイ二乗検定") })
    }
}
