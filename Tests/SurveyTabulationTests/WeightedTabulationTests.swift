import Foundation
import SurveyDefinition
import SurveyDiagnostics
import SurveyReports
import SurveyResponses
import SurveyStatistics
import SurveyTabulation
import SurveyTestSupport
import Testing

/// Weighted counts, percents and Kish's design effect against R's survey package (`svytable`, `svymean`, `svyby`
/// on `svydesign(ids = ~1, strata = ~district, weights = ~w)`: `Tests/SurveyStatisticsTests/Fixtures/
/// reference_weights.R`, its output `weighted_tables.csv` and data `weights.csv`).
struct WeightedTabulationTests {
    static func csv(_ name: String) throws -> [[String: String]] { try WeightsFixture.rows(name) }

    static func yaml(weights: String) -> String {
        WeightsFixture.yaml(file: "d.csv", settings: "districts: {question: district}\nbreaks: [sex]", weights: weights)
    }

    static func data() throws -> String { WeightsFixture.data(try WeightsFixture.rows(), withWeightColumn: false) }

    @Test("a row nobody is in weighs exactly 0 (無回答 is not base − answered's rounding)")
    func emptyRowsWeighNothing() throws {
        // Weights that are not binary fractions (as apistrat's pw, 44.21 per school), so sums round.
        var rows = try WeightsFixture.rows()
        for index in rows.indices { rows[index]["w_column"] = ["1": "44.21", "2": "20.36", "3": "15.1", "4": "7.77"][rows[index]["district"] ?? ""] }
        let responses = try loadWave(yaml: WeightsFixture.yaml(file: "d.csv", settings: "breaks: [sex, district]", weights: "weights: {column: ウェイト}"),
                                     csv: WeightsFixture.data(rows))
        var empty = 0
        for question in Tabulator.tabulate(responses).questions {
            for table in [question.total] + question.crossTabs.flatMap({ $0.groups.map(\.table) }) {
                for row in table.rows where row.count == 0 {
                    #expect(row.weightedCount == 0 && row.weightedPercent == 0, "\(question.question.id) \(row.label): \(row.weightedCount ?? -1)")
                    empty += 1
                }
            }
        }
        #expect(empty > 0)
    }

    @Test("weighted counts and percents overall and by sex, and Kish's n_eff and deff, match R at 1e-9")
    func matchesR() throws {
        let responses = try loadWave(yaml: Self.yaml(weights: "weights: {strata: {question: district, population: {1: 12400, 2: 8100, 3: 15300, 4: 30200}}}"),
                                     csv: try Self.data())
        let tabulation = Tabulator.tabulate(responses)
        let age = try #require(tabulation.questions.first { $0.question.id == "age" })
        let bySex = try #require(age.crossTabs.first { $0.axis.id == "sex" })
        var checked = 0
        for reference in try Self.csv("weighted_tables.csv") {
            let expected = try #require(Double(reference["value"]!))
            let actual: Double?
            switch (reference["measure"]!, reference["group"]!) {
            case ("count", let group), ("percent", let group):
                let table = group.isEmpty ? age.total : bySex.groups[Int(group)! - 1].table
                let row = table.rows[Int(reference["age"]!)! - 1]
                actual = reference["measure"] == "count" ? row.weightedCount : row.weightedPercent
            case ("effective_n", let group), ("design_effect", let group):
                let rate = group.isEmpty ? tabulation.responseRates[0]
                    : tabulation.responseRates.first { $0.breakID == "district" && "district\($0.value ?? 0)" == group }
                actual = reference["measure"] == "effective_n" ? rate?.effectiveSize : rate?.designEffect
            default:
                actual = nil
            }
            let value = try #require(actual, "\(reference)")
            #expect(RelativeError.of(value, expected) <= 1e-9, "\(reference): \(value)")
            checked += 1
        }
        #expect(checked == 28)
        // results.csv and summary.csv carry them, written as the shortest text that reads back exactly.
        let csv = TabulationCSV(tabulation)
        let results = String(decoding: csv.results.bytes.dropFirst(3), as: UTF8.self).split(separator: "\r\n")
        #expect(results.first == "question,break,break_value,break_label,kind,choice,label,count,base,percent,adj_residual,weighted_count,weighted_base,weighted_percent,design_z")
        #expect(results.contains { $0.hasPrefix("age,total,,,choice,1,若年,34,200,17,,11607.5,66000,17.58712121212121") })
        let summary = String(decoding: csv.summary.bytes.dropFirst(3), as: UTF8.self).split(separator: "\r\n")
        #expect(summary.first == "break,break_value,break_label,respondents,distributed,response_rate,effective_n,design_effect")
        #expect(summary.contains { $0.hasPrefix("district,4,北,20,,,20,1") })
        // The unweighted counts are unchanged by the weights.
        #expect(age.total.rows.prefix(3).map(\.count) == [34, 61, 105])
        #expect(age.total.weightedBase.map { RelativeError.of($0, 66000) <= 1e-12 } == true)
    }

    @Test("rao-scott rows match R's svychisq(statistic = \"F\") by strata; a multiple question's per choice as the row-level test")
    func raoScottRows() throws {
        let yaml = Self.yaml(weights: """
              - {id: agem, column: 年代, type: multiple, separator: ',', choices: {1: 若年, 2: 中年, 3: 高齢}}
            weights: {strata: {question: district, population: {1: 12400, 2: 8100, 3: 15300, 4: 30200}}}
            """).replacingOccurrences(of: "breaks: [sex]", with: "breaks: [sex, district]")
        let data = try Self.csv("weights.csv")
        let responses = try loadWave(yaml: yaml, csv: try Self.data())
        let tabulation = Tabulator.tabulate(responses)
        func test(_ question: String, by axis: String, choice: Int? = nil) throws -> RaoScottTest {
            let crossTab = try #require(tabulation.questions.first { $0.question.id == question }?.crossTabs.first { $0.axis.id == axis })
            return try #require(crossTab.tests.first { $0.method == .raoScott && $0.choice == choice }?.raoScott, "\(question) × \(axis)")
        }
        let pairs = ["sex,age": try test("age", by: "sex"), "district,age": try test("age", by: "district"),
                     "district,sex": try test("sex", by: "district")]
        var checked = 0
        for reference in try Self.csv("rao_scott.csv") where reference["design"] == "strata" {
            let actual = try #require(pairs["\(reference["row"]!),\(reference["column"]!)"])
            for (value, key) in [(actual.statistic, "f"), (actual.numeratorDF, "ndf"), (actual.denominatorDF, "ddf"), (actual.pValue, "p")] {
                #expect(RelativeError.of(value, Double(reference[key]!)!) <= 1e-9, "\(reference) \(key): \(value)")
            }
            checked += 1
        }
        #expect(checked == 3)
        // Each respondent "chooses" their age band: per choice, chosen / not chosen by sex, as the row-level test.
        let sex = data.map { Int($0["sex"]!)! - 1 }, age = data.map { Int($0["age"]!)! }, district = data.map { Int($0["district"]!)! }
        let weights = data.map { Double($0["strata_w"]!)! }
        for choice in 1...3 {
            let expected = try #require(RaoScottTest(rows: sex, columns: age.map { $0 == choice ? 0 : 1 }, weights: weights, strata: district))
            let actual = try test("agem", by: "sex", choice: choice)
            #expect(RelativeError.of(actual.statistic, expected.statistic) <= 1e-12 && RelativeError.of(actual.pValue, expected.pValue) <= 1e-12
                    && RelativeError.of(actual.numeratorDF, expected.numeratorDF) <= 1e-12, "choice \(choice)")
        }
        // tests.csv: F in statistic, numerator df in df, the denominator in df_denominator.
        let tests = String(decoding: TabulationCSV(tabulation).tests.bytes.dropFirst(3), as: UTF8.self).split(separator: "\r\n")
        #expect(tests.first?.hasSuffix(",p_adjusted,df_denominator") == true)
        let row = try #require(tests.first { $0.hasPrefix("age,sex,,rao-scott,") }).split(separator: ",", omittingEmptySubsequences: false)
        #expect(Double(row[4]) == pairs["sex,age"]?.statistic && Double(row[5]) == pairs["sex,age"]?.numeratorDF
                && Double(row[14]) == pairs["sex,age"]?.denominatorDF && Double(row[6]) == pairs["sex,age"]?.pValue)
    }

    @Test("a subset (--where) is a domain of the wave's design: its tests take n_h and d₂ from the whole wave")
    func subsetIsADomainOfTheWave() throws {
        let yaml = WeightsFixture.yaml(file: "d.csv", settings: "breaks: [district]",
                                       weights: "weights: {strata: {question: district, population: {1: 12400, 2: 8100, 3: 15300, 4: 30200}}}")
        let folder = try TemporaryFolder.create(prefix: "survey-subset", files: ["survey.yaml": yaml, "d.csv": try Self.data()])
        defer { try? FileManager.default.removeItem(at: folder) }
        var engine = DiagnosticsEngine()
        let women = RowCondition(question: "sex", test: .codes([2]), location: RowCondition.commandLine)
        let wave = try #require(Wave.load(folder: folder.path, subset: [women], diagnostics: &engine))
        #expect(!engine.hasErrors)
        let data = try WeightsFixture.rows()
        #expect(wave.responses.weightStrataSizes == [0] + (1...4).map { d in data.filter { $0["district"] == String(d) }.count })
        let age = try #require(Tabulator.tabulate(wave.responses).questions.first { $0.question.id == "age" }?.crossTabs.first)
        let actual = try #require(age.tests.first { $0.method == .raoScott }?.raoScott)
        // The whole wave's rows, the men outside the table: R's svychisq on the wave's design with them NA.
        let isWoman = data.map { $0["sex"] == "2" }
        let district = data.map { Int($0["district"]!)! }, ages = data.map { Int($0["age"]!)! - 1 }
        let weights = data.map { Double($0["strata_w"]!)! }
        let expected = try #require(RaoScottTest(rows: data.indices.map { isWoman[$0] ? district[$0] - 1 : -1 }, columns: ages,
                                                 weights: weights, strata: district))
        for (value, reference) in [(actual.statistic, expected.statistic), (actual.numeratorDF, expected.numeratorDF),
                                   (actual.denominatorDF, expected.denominatorDF), (actual.pValue, expected.pValue)] {
            #expect(RelativeError.of(value, reference) <= 1e-12, "\(value) vs \(reference)")
        }
        // The women alone as the design would be another test.
        let kept = data.indices.filter { isWoman[$0] }
        let alone = try #require(RaoScottTest(rows: kept.map { district[$0] - 1 }, columns: kept.map { ages[$0] },
                                              weights: kept.map { weights[$0] }, strata: kept.map { district[$0] }))
        #expect(RelativeError.of(actual.denominatorDF, alone.denominatorDF) > 0.1)
        // Each cell's design z the same way: district 1's 若年 against the other districts', the men outside.
        let cell = try #require(age.groups[0].table.rows.first { $0.kind == .choice(code: 1) }?.domainTest)
        let domain = try #require(DomainDifferenceTest(indicators: data.indices.map { isWoman[$0] ? (ages[$0] == 0 ? 1 : 0) : -1 },
                                                       domains: district.map { $0 == 1 ? 1 : 0 }, weights: weights, strata: district))
        #expect(RelativeError.of(cell.standardError, domain.standardError) <= 1e-12 && RelativeError.of(cell.difference, domain.difference) <= 1e-12)
    }

    @Test("every question type is weighted where it is counted, and nothing is weighted without weights")
    func everyType() throws {
        let yaml = """
            title: 型ごとのウェイト
            wave: 2023
            data:
              - file: d.csv
            breaks: [sex]
            weights: {column: W}
            questions:
              - id: sex
                column: 性別
                type: single
                choices: {1: 男性, 2: 女性}
              - id: q8
                type: multiple
                columns: [問8_1, 問8_2, 問8_3]
                choices: {1: 高齢化, 2: 担い手不足, 3: その他}
              - id: years
                column: 年数
                type: number
                bins: [5]
              - id: note
                column: 意見
                type: text
            """
        let csv = "性別,問8_1,問8_2,問8_3,年数,意見,W\n1,1,1,,3,あり,2\n1,,,,,,0.5\n2,,1,1,7,,3\n,1,,,12,あり,1.5\n"
        let responses = try loadWave(yaml: yaml, csv: csv)
        let tabulation = Tabulator.tabulate(responses)
        func total(_ id: String) throws -> FrequencyTable { try #require(tabulation.questions.first { $0.question.id == id }).total }
        // q8: chosen 1 by rows 1 and 4 (2 + 1.5), 2 by rows 1 and 3 (2 + 3), 3 by row 3; answered: rows 1, 3, 4; 無回答 row 2.
        #expect(try total("q8").rows.map(\.weightedCount) == [3.5, 5, 3, 0.5])
        #expect(try total("q8").rows.allSatisfy { $0.weightedBase == 7 })
        // years: class < 5 row 1, ≥ 5 rows 3 and 4; 無回答 row 2.
        #expect(try total("years").rows.map(\.weightedCount) == [2, 4.5, 0.5])
        #expect(try total("note").rows.map(\.weightedCount) == [3.5])
        let men = try #require(tabulation.questions.first { $0.question.id == "q8" }?.crossTabs.first?.groups.first?.table)
        #expect(men.rows.map(\.weightedCount) == [2, 2, 0, 0.5])
        #expect(men.rows.first?.weightedPercent == 80)
        #expect(tabulation.responseRates[0].effectiveSize == 49 / 15.5)

        let unweighted = Tabulator.tabulate(try loadWave(yaml: yaml.replacingOccurrences(of: "weights: {column: W}\n", with: ""), csv: csv))
        #expect(unweighted.questions.allSatisfy { question in
            ([question.total] + question.crossTabs.flatMap { $0.groups.map(\.table) }).allSatisfy { table in
                table.weightedBase == nil && table.rows.allSatisfy { $0.weightedCount == nil && $0.weightedPercent == nil }
            }
        })
        #expect(unweighted.responseRates.allSatisfy { $0.effectiveSize == nil && $0.designEffect == nil })
        let results = String(decoding: TabulationCSV(unweighted).results.bytes.dropFirst(3), as: UTF8.self)
        let lines = results.split(separator: "\r\n").dropFirst()
        #expect(!lines.isEmpty && lines.allSatisfy { $0.hasSuffix(",,,,") })
    }
}
