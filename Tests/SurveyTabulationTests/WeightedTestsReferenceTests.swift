import Foundation
import SurveyReports
import SurveyStatistics
import SurveyTabulation
import SurveyTestSupport
import Testing

/// The design-based trend and Kruskal–Wallis tests of the example's weighted 2023 wave against R's survey package
/// (`Fixtures/reference_weighted_tests.R`: svyglm(I(y == c) ~ score, design) and svyranktest on the strata design).
struct WeightedTestsReferenceTests {
    static func references() throws -> [(quantity: String, question: String, axis: String, choice: Int?, value: Double)] {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent(
            "Tests/SurveyTabulationTests/Fixtures/reference_weighted_tests.csv"), encoding: .utf8)
        return try text.split(whereSeparator: \.isNewline).dropFirst().map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return (f[0], f[1], f[2], Int(f[3]), try #require(Double(f[4])))
        }
    }

    @Test("design-trend slope and SE match R's svyglm at 1e-9 (q4, q7, district, q14 by age; q4 by years); z and p follow")
    func trendsMatchR() throws {
        let tabulation = try #require(exampleTabulation)
        var checked = 0
        let references = try Self.references()
        for reference in references where reference.quantity == "slope" {
            let question = try #require(tabulation.questions.first { $0.question.id == reference.question })
            let crossTab = try #require(question.crossTabs.first { $0.axis.id == reference.axis })
            let code = question.question.choices[try #require(reference.choice) - 1].code
            let row = try #require(crossTab.tests.first { $0.method == .designTrend && $0.choice == code }, "\(reference)")
            let test = try #require(row.designTrend)
            let se = try #require(references.first { $0.quantity == "se" && $0.question == reference.question && $0.axis == reference.axis
                && $0.choice == reference.choice }).value
            let place = "\(reference.question) × \(reference.axis) choice \(code)"
            #expect(RelativeError.of(test.slope, reference.value) <= 1e-9, "\(place) slope \(test.slope) vs \(reference.value)")
            #expect(RelativeError.of(test.standardError, se) <= 1e-9, "\(place) se \(test.standardError) vs \(se)")
            #expect(RelativeError.of(row.pValue, NormalDistribution.twoSidedP(reference.value / se)) <= 1e-9)
            // The unweighted trend row stays, as the record.
            let unweighted = try #require(crossTab.tests.first { $0.method == .trend && $0.choice == code })
            #expect(unweighted.yieldsToDesignTest && unweighted.reportedP == nil && unweighted.adjustedP == nil)
            #expect(row.reportedP == row.pValue && row.adjustedP != nil && crossTab.trendTest(choice: code)?.method == .designTrend)
            #expect(row.n == unweighted.n)
            checked += 1
        }
        #expect(checked == 32)
    }

    /// R ranks tied answers by averaging cumsum(w) − w/2 over them in row order; survey by the mid-point of their
    /// weight (DesignKruskalWallisTest's doc comment). Against R's own code with mid-ranks: 1e-9; against R's own
    /// svyranktest: within 1 % on the example (its answers are whole numbers, ties across districts' weights).
    @Test("design-kruskal-wallis F, df and p match R's svyranktest with mid-ranks at 1e-9 (q1, q2 by every axis); R's own within 1 %")
    func kruskalWallisMatchesR() throws {
        let tabulation = try #require(exampleTabulation)
        let references = try Self.references()
        func value(_ quantity: String, _ question: String, _ axis: String) throws -> Double {
            try #require(references.first { $0.quantity == quantity && $0.question == question && $0.axis == axis }).value
        }
        var checked = 0
        for reference in references where reference.quantity == "mid_chisq" {
            let question = try #require(tabulation.questions.first { $0.question.id == reference.question })
            let crossTab = try #require(question.crossTabs.first { $0.axis.id == reference.axis })
            let row = try #require(crossTab.tests.first { $0.method == .designKruskalWallis })
            let test = try #require(row.designKruskalWallis)
            let place = "\(reference.question) × \(reference.axis)"
            let ndf = try value("kw_ndf", reference.question, reference.axis)
            #expect(RelativeError.of(test.wald, reference.value) <= 1e-9, "\(place) X² \(test.wald) vs \(reference.value)")
            #expect(RelativeError.of(test.statistic, reference.value / ndf) <= 1e-9)
            let ddf = try value("mid_ddf", reference.question, reference.axis), ownDDF = try value("kw_ddf", reference.question, reference.axis)
            #expect(Double(test.numeratorDF) == ndf && Double(test.denominatorDF) == ddf && ddf == ownDDF)
            let p = try value("mid_p", reference.question, reference.axis), own = try value("kw_chisq", reference.question, reference.axis)
            #expect(RelativeError.of(test.pValue, p) <= 1e-9, "\(place) p")
            #expect(RelativeError.of(test.wald, own) <= 0.01, "\(place) R's own")
            let unweighted = try #require(crossTab.tests.first { $0.method == .kruskalWallis })
            #expect(unweighted.yieldsToDesignTest && unweighted.reportedP == nil && row.reportedP == row.pValue && row.adjustedP != nil)
            #expect(crossTab.kruskalWallisTest?.method == .designKruskalWallis && row.n == unweighted.n)
            checked += 1
        }
        #expect(checked == 9)
    }

    @Test("tests.csv: design-trend and design-kruskal-wallis rows beside the unweighted ones, which keep no p_adjusted")
    func testsCSV() throws {
        let tabulation = try #require(exampleTabulation)
        let lines = String(decoding: TabulationCSV(tabulation).tests.bytes.dropFirst(3), as: UTF8.self).split(separator: "\r\n").map(String.init)
        let q2 = try #require(tabulation.questions.first { $0.question.id == "q2" }?.crossTabs.first { $0.axis.id == "district" })
        let design = try #require(q2.tests.first { $0.method == .designKruskalWallis }?.designKruskalWallis)
        let row = try #require(lines.first { $0.hasPrefix("q2,district,,design-kruskal-wallis,") })
        let fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(Double(fields[4]) == design.statistic && fields[5] == "9" && Double(fields[6]) == design.pValue && fields[14] == "\(design.denominatorDF)")
        #expect(!fields[13].isEmpty)
        let unweighted = try #require(lines.first { $0.hasPrefix("q2,district,,kruskal-wallis,") })
        #expect(unweighted.split(separator: ",", omittingEmptySubsequences: false)[13].isEmpty)
        let q4 = try #require(tabulation.questions.first { $0.question.id == "q4" }?.crossTabs.first { $0.axis.id == "age" })
        let trend = try #require(q4.tests.first { $0.method == .designTrend && $0.choice == 4 }?.designTrend)
        let trendRow = try #require(lines.first { $0.hasPrefix("q4,age,4,design-trend,") })
        let trendFields = trendRow.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(Double(trendFields[4]) == trend.z && trendFields[5].isEmpty && Double(trendFields[6]) == trend.pValue && trendFields[14].isEmpty)
        #expect(lines.contains { $0.hasPrefix("q4,age,4,trend,") && $0.split(separator: ",", omittingEmptySubsequences: false)[13].isEmpty })
    }

    @Test("survey crosstab prints the design-based rows after the unweighted ones, with their BH-adjusted p")
    func crossTabText() throws {
        let tabulation = try #require(exampleTabulation)
        let q2 = try #require(tabulation.questions.first { $0.question.id == "q2" })
        let byDistrict = CrossTabText(question: q2, crossTab: try #require(q2.crossTabs.first { $0.axis.id == "district" })).text
        #expect(byDistrict.contains("\nKruskal–Wallis: H = 20.435, df = 9, p = 0.0154, n = 1596\n"))
        #expect(byDistrict.contains("\nweighted Kruskal–Wallis (design-based): F = 2.390, df = 9, 1577, p = 0.0109, n = 1596, BH-adjusted p = 0.0248 (significant)"))
        let q4 = try #require(tabulation.questions.first { $0.question.id == "q4" })
        let byAge = CrossTabText(question: q4, crossTab: try #require(q4.crossTabs.first { $0.axis.id == "age" })).text
        #expect(byAge.contains("\nchoice 3: trend (Cochran–Armitage): χ² = 6.497, p = 0.0108, falling along age\n"))
        #expect(byAge.contains("\nchoice 3: weighted trend (design-based slope): z = -1.133, p = 0.2570, falling along age, BH-adjusted p = 0.3966\n"))
    }

    @Test("the report names the design-based tests: Kruskal–Wallis line, 報告書の見方, and no unweighted trend or rank test behind a sentence")
    func reportText() throws {
        let tabulation = try #require(exampleTabulation)
        let markdown = MarkdownRenderer.render(ReportDocument(tabulation).blocks)
        #expect(markdown.contains("検定：\("ウェイトを考慮したクラスカル・ウォリス検定（デザインベースの順位検定）") F = 2.39、自由度 (9, 1577)、p = 0.011"))
        #expect(!markdown.contains("検定：クラスカル・ウォリス検定 H ="))
        #expect(markdown.contains("年齢などの傾向検定と数値の設問の検定（クラスカル・ウォリス検定）も、ウェイトと抽出のデザインを考慮した検定（デザインベースの検定）によります。"))
        #expect(!markdown.contains("コクラン・アーミテージ"))
    }
}
