import Foundation
import SurveyDefinition
import SurveyDiagnostics
import SurveyReports
import SurveyResponses
import SurveyTabulation
import SurveyTestSupport
import Testing
@testable import SurveyWaves

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The example's waves, oldest first.
private let exampleWaves = ["2013", "2018", "2023"]

/// The example series compared, once: 2013, 2018 and 2023 (the R references of the pairwise tests are 2018 → 2023,
/// at indices 1 and 2).
private let example: SeriesComparison? = {
    var engine = DiagnosticsEngine()
    var input: [(wave: Wave, tabulation: WaveTabulation)] = []
    for key in exampleWaves {
        guard let wave = Wave.load(folder: root.appendingPathComponent("Surveys/shimin/\(key)").path, diagnostics: &engine) else { return nil }
        input.append((wave, Tabulator.tabulate(wave.responses)))
    }
    guard let series = SeriesReader.read(path: root.appendingPathComponent("Surveys/shimin/series.yaml").path, diagnostics: &engine) else { return nil }
    let comparison = SeriesComparison.compare(input, series: series, id: "shimin", diagnostics: &engine)
    return engine.hasErrors ? nil : comparison
}()

private func fixture(_ name: String) throws -> [[String: String]] {
    let text = try String(contentsOf: root.appendingPathComponent("Tests/SurveyWavesTests/Fixtures/\(name)"), encoding: .utf8)
    var lines = text.split(whereSeparator: \.isNewline).map(String.init)
    let header = lines.removeFirst().split(separator: ",").map(String.init)
    return lines.map { line in Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init))) }
}

private func number(_ row: [String: String], _ name: String) throws -> Double {
    guard let value = row[name].flatMap(Double.init) else { throw CocoaError(.coderValueNotFound) }
    return value
}

@Suite struct CompareReferenceTests {
    /// The change from the unweighted 2018 wave to the weighted 2023 wave: 2023's weighted share and its design-based
    /// SE as R's svymean on the strata design, 2018's binomial SE, and the difference's SE √(se1² + se2²), z, p and
    /// interval (Fixtures/reference_weighted_compare.R); the unweighted counts as R's keying (prop_test_compare.csv).
    @Test func changesToTheWeightedWaveMatchRSurvey() throws {
        let comparison = try #require(example)
        let counts = try fixture("prop_test_compare.csv")
        #expect(counts.count == 10)
        let references = Dictionary(uniqueKeysWithValues: try fixture("weighted_compare.csv").map { ($0["item"] ?? "", $0) })
        for reference in counts {
            let question = try #require(comparison.questions.first { $0.id == reference["question"] })
            let kind: RowKind = reference["choice"] == "nonresponse" ? .nonresponse : .choice(code: Int(reference["choice"] ?? "") ?? -1)
            let row = try #require(question.rows.first { $0.kind == kind })
            let earlier = try #require(row.cells[1]), later = try #require(row.cells[2])
            #expect(earlier.count == Int(reference["x1"] ?? ""))
            #expect(earlier.base == Int(reference["n1"] ?? ""))
            #expect(later.count == Int(reference["x2"] ?? ""))
            #expect(later.base == Int(reference["n2"] ?? ""))
            let weighted = try #require(references["\(reference["question"] ?? ""):\(reference["choice"] ?? "")"])
            try expectChange(earlier: earlier, later: later, weighted)
        }
        // Text questions by the share of respondents who wrote anything (counts: R on the non-blank cells).
        let q22 = try #require(comparison.questions.first { $0.id == "q22" }?.rows.first { $0.kind == .text })
        let text = try #require(try fixture("text_compare.csv").first)
        #expect([q22.cells[1]?.count, q22.cells[1]?.base, q22.cells[2]?.count, q22.cells[2]?.base].map { $0.map(String.init) } ==
                [text["x1"], text["n1"], text["x2"], text["n2"]])
        try expectChange(earlier: try #require(q22.cells[1]), later: try #require(q22.cells[2]), try #require(references["q22:text"]))
        // comparison.csv says which lines are weighted and gives each line's standard error in points.
        let csv = String(decoding: ComparisonCSV(comparison).overall.bytes, as: UTF8.self)
        #expect(csv.contains("question,kind,choice,label,wave,count,base,percent,diff_points,z,p_value,ci_low,ci_high,value,difference,t,df,weighted,standard_error\r\n"))
        let q4 = try #require(comparison.questions.first { $0.id == "q4" }?.rows.first)
        let line = "q4,choice,1,\(q4.label),2023,\(q4.cells[2]!.count),\(q4.cells[2]!.base),\(q4.cells[2]!.percent!),"
        #expect(csv.contains(line) && csv.contains(",1,\(100 * q4.cells[2]!.standardError!)\r\n"), "\(line)")
        #expect(csv.contains("q4,choice,1,\(q4.label),2018,") && csv.contains(",0,\(100 * q4.cells[1]!.standardError!)\r\n"))
        // The report says which wave is weighted, how changes to it are tested, that mixing weighted and unweighted
        // waves mixes in the weighting, and on the weighting question itself that its change is the sample's make-up.
        let markdown = MarkdownRenderer.render(ComparisonReport(comparison).blocks)
        #expect(markdown.contains("- 令和5年度調査はウェイト付き集計です。"))
        #expect(markdown.contains("- ウェイトの有無が調査によって異なるため、令和5年度調査とウェイトのない調査との差には"))
        let district = try #require(comparison.questions.first { $0.id == "district" })
        #expect(district.notes.contains { $0.hasPrefix("令和5年度調査はこの設問（またはその元の設問）でウェイトを付けているため") })
        #expect(!q4.label.isEmpty && !(comparison.questions.first { $0.id == "q4" }?.notes.contains { $0.contains("ウェイト") } ?? true))
        #expect(markdown.contains("（標本設計に基づく標準誤差によるz検定、p \\< 0.001）"))
        // The note on number questions names both tests, as the printed changes to the weighted wave use the z-test.
        #expect(markdown.contains("- 数値で答える設問は平均値と中央値を比べ、平均値の差を検定しています（ウェイトのない調査どうしはウェルチのt検定、ウェイト付きの調査を含む比較は下記のz検定）。"))
        #expect(!markdown.contains("平均値の差をウェルチのt検定で検定しています。"))
    }

    /// The question the weighted 2023 wave is weighted by (district, strata) and the one derived from it (area):
    /// 2023's shares are the population's, so no change, test or trend is measured between it and the unweighted
    /// waves, nor written about; the change between the two unweighted waves stays; other questions keep theirs.
    @Test func theWeightingQuestionHasNoChangeOrTrendAcrossWeightedAndUnweightedWaves() throws {
        let comparison = try #require(example)
        let markdown = MarkdownRenderer.render(ComparisonReport(comparison).blocks)
        for id in ["district", "area"] {
            let question = try #require(comparison.questions.first { $0.id == id })
            #expect(question.rows.count >= 4)
            for row in question.rows {
                let (earlier, middle, later) = (try #require(row.cells[0]), try #require(row.cells[1]), try #require(row.cells[2]))
                #expect(!earlier.isWeightingMargin && !middle.isWeightingMargin && later.isWeightingMargin)
                #expect(middle.change?.fromWave == 0 && later.change == nil && row.trend == nil, "\(id) \(row.label)")
            }
            #expect(question.notes.contains { $0.hasSuffix("実際の変化ではないため、差・検定・経年の傾向は示していません。") })
            let section = try #require(markdown.components(separatedBy: "\n### ").first { $0.hasPrefix(Question.heading(name: question.name, text: question.text) + "\n") })
            #expect(!section.contains("\n> "), "no draft sentence on \(id)")
            #expect(!section.contains("▲") && !section.contains("▼") && !section.contains("増加傾向") && !section.contains("減少傾向"))
        }
        // Questions the weights are not made from keep their changes and trends.
        let q4 = try #require(comparison.questions.first { $0.id == "q4" })
        #expect(q4.rows.allSatisfy { $0.cells[2]?.change != nil && $0.cells[2]?.isWeightingMargin == false })
        #expect(q4.rows.contains { $0.trend?.isSignificant == true })
    }

    private func expectChange(earlier: WaveCell, later: WaveCell, _ reference: [String: String],
                              sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        #expect(earlier.weighted == nil && later.weighted != nil, sourceLocation: sourceLocation)
        let pairs: [(Double?, String)] = [
            (earlier.percent.map { $0 / 100 }, "p1"), (earlier.standardError, "se1"), (later.weighted?.estimate, "p2"),
            (later.weighted?.standardError, "se2"), (later.change?.designTest?.difference, "difference"),
            (later.change?.designTest?.standardError, "se"), (later.change?.z, "z"), (later.change?.pValue, "p_value"),
            (later.change?.intervalPoints.map { $0.low / 100 }, "ci_low"), (later.change?.intervalPoints.map { $0.high / 100 }, "ci_high"),
        ]
        for (actual, key) in pairs {
            let value = try #require(actual, "\(key)", sourceLocation: sourceLocation)
            #expect(RelativeError.ofLarger(value, try number(reference, key)) < 1e-9, "\(reference) \(key): \(value)", sourceLocation: sourceLocation)
        }
        #expect(later.change?.test == nil && later.change?.isDesignBased == true, sourceLocation: sourceLocation)
        #expect(later.change?.isBeyondSamplingError == ((later.change?.pValue ?? 1) < 0.05), sourceLocation: sourceLocation)
    }

    /// Number questions by mean and median: 2018's mean and s/√n, 2023's weighted mean (svymean) with its design-based
    /// SE, the z-test of the difference and its interval, 2023's weighted median (svyquantile); the counts and 2018's
    /// median as R's keying (welch_compare.csv).
    @Test func numberQuestionsMatchRSurvey() throws {
        let comparison = try #require(example)
        let rows = try fixture("welch_compare.csv")
        let weighted = try fixture("weighted_means_compare.csv")
        #expect(rows.map { $0["question"] } == ["q1", "q2"] && weighted.map { $0["question"] } == ["q1", "q2"])
        for (reference, design) in zip(rows, weighted) {
            let question = try #require(comparison.questions.first { $0.id == reference["question"] })
            #expect(question.type == .number)
            let earlier = try #require(question.numbers[1]), later = try #require(question.numbers[2])
            #expect(earlier.summary.n == Int(reference["n1"] ?? ""))
            #expect(later.summary.n == Int(reference["n2"] ?? ""))
            let change = try #require(later.change)
            #expect(change.test == nil)
            let test = try #require(change.designTest)
            for (actual, key) in [(earlier.mean, "mean1"), (earlier.standardError, "se1"), (later.mean, "mean2"), (later.standardError, "se2"),
                                  (change.meanDifference, "difference"), (test.z, "z"), (test.pValue, "p_value"), (test.lower, "ci_low"),
                                  (test.upper, "ci_high"), (later.median, "median2")] as [(Double?, String)] {
                let value = try #require(actual, "\(key)")
                #expect(RelativeError.ofLarger(value, try number(design, key)) < 1e-9, "\(design) \(key): \(value)")
            }
            #expect(earlier.summary.median == Double(reference["median1"] ?? ""))
            #expect(change.isBeyondSamplingError == (test.pValue < 0.05))
            // 無回答 of a number question is compared like a choice.
            #expect(question.rows.map(\.kind) == [.nonresponse])
        }
    }

    /// A difference is printed at the precision of the two figures beside it, as their difference: whole medians
    /// (q1: 17 → 13, q2: 2 → 2) give a whole difference, not 「-4.00」「±0.00」; means (two decimals) the difference of
    /// the printed means.
    @Test func numberDifferencesHaveThePrecisionOfTheirFigures() throws {
        let comparison = try #require(example)
        let markdown = MarkdownRenderer.render(ComparisonReport(comparison).blocks)
        for (id, unit) in [("q1", "年"), ("q2", "人")] {
            let question = try #require(comparison.questions.first { $0.id == id })
            let (earlier, later) = (try #require(question.numbers[1]), try #require(question.numbers[2]))
            let (oldMedian, newMedian) = (try #require(earlier.median), try #require(later.median))
            #expect(oldMedian == oldMedian.rounded() && newMedian == newMedian.rounded())
            let medianDifference = Int(newMedian - oldMedian)
            let medianText = medianDifference == 0 ? "±0" : (medianDifference > 0 ? "+" : "") + String(medianDifference)
            let medians = [0, 1, 2].map { PercentText.number(question.numbers[$0]!.median!) }
            #expect(markdown.contains("| 中央値（\(unit)） | \(medians.joined(separator: " | ")) | \(medianText) | - | - |"), "\(id)")
            let means = [0, 1, 2].map { PercentText.decimal(question.numbers[$0]!.mean!, places: 2) }
            let printed = (Double(means[2])! - Double(means[1])!) * 100
            let hundredths = Int(printed.rounded())
            let meanText = (hundredths > 0 ? "+" : hundredths < 0 ? "-" : "±") + PercentText.decimal(Double(abs(hundredths)) / 100, places: 2)
            #expect(markdown.contains("| 平均（\(unit)） | \(means.joined(separator: " | ")) | \(meanText)"), "\(id) \(meanText)")
        }
    }

    /// The trend across the three waves per choice and 無回答: R's prop.trend.test over the wave order (χ², p) and the
    /// weighted least-squares slope of the share, from the raw files (Fixtures/reference_trend.R).
    @Test func trendsMatchRPropTrendTest() throws {
        let comparison = try #require(example)
        let rows = try fixture("trend_compare.csv")
        #expect(rows.count == 13)
        // 2023 is weighted: its share enters with Rao & Scott's effective counts (weighted_trend_compare.csv).
        let design = try fixture("weighted_trend_compare.csv")
        #expect(design.count == 13)
        let csv = String(decoding: ComparisonCSV(comparison).trend.bytes, as: UTF8.self)
        #expect(csv.contains("question,kind,choice,label,waves,statistic,p_value,slope_points,weighted\r\n"))
        for (counts, reference) in zip(rows, design) {
            #expect(counts["question"] == reference["question"] && counts["kind"] == reference["kind"] && counts["choice"] == reference["choice"])
            let question = try #require(comparison.questions.first { $0.id == reference["question"] })
            let kind: RowKind = reference["kind"] == "nonresponse" ? .nonresponse : .choice(code: Int(reference["choice"] ?? "") ?? -1)
            let row = try #require(question.rows.first { $0.kind == kind })
            let trend = try #require(row.trend, "\(reference)")
            #expect(trend.waveIndices == [0, 1, 2])
            #expect(trend.isDesignBased)
            #expect(trend.waveIndices.map { row.cells[$0]?.count ?? -1 }.map(String.init).joined(separator: ";") == counts["x"])
            #expect(trend.waveIndices.map { row.cells[$0]?.base ?? -1 }.map(String.init).joined(separator: ";") == counts["n"])
            #expect(RelativeError.ofLarger(trend.test.statistic, try number(reference, "statistic")) < 1e-9, "\(reference)")
            #expect(RelativeError.ofLarger(trend.test.pValue, try number(reference, "p_value")) < 1e-9, "\(reference)")
            #expect(RelativeError.ofLarger(trend.slopePoints, try number(reference, "slope_points")) < 1e-9, "\(reference)")
            let line = "\(question.id),\(reference["kind"] ?? ""),\(reference["choice"] ?? ""),\(row.label),2013;2018;2023,\(trend.test.statistic),"
            #expect(csv.contains(line), "\(line)")
        }
        // Two waves give no trend (the pairwise test is the same χ²): 問17 was not asked in 2013.
        let q17 = try #require(comparison.questions.first { $0.id == "q17" })
        #expect(q17.rows.allSatisfy { $0.trend == nil })
        #expect(!csv.contains("\nq17,"))
        // The report: a column per row and the strongest significant trend quoted with the printed shares.
        let markdown = MarkdownRenderer.render(ComparisonReport(comparison).blocks)
        #expect(markdown.contains("| ほとんどつきあいはない | 6.8 | 9.5 | 18.2 | +8.7▲ | +6.2～+11.1 | 増加傾向 |"))
        #expect(markdown.contains("3回の調査を通じてみると、『ほとんどつきあいはない』は6.8％→9.5％→18.2％と増加傾向にあります（傾向検定、p \\< 0.001）。"))
        #expect(markdown.contains("| 名前も活動内容も知っている | 20.1 | 19.3 | 18.9 | -0.4 | -3.2～+2.3（誤差の範囲内） | 誤差の範囲内 |"))
    }

    /// Indicators within each district (counts from R on the raw files) and area (the sum of its districts), their
    /// baseline the district's own share in the baseline wave, and the report's table of them.
    @Test func indicatorsByDistrictMatchRAndAreasSumTheirDistricts() throws {
        let comparison = try #require(example)
        let rows = try fixture("indicators_by_district.csv")
        #expect(rows.count == 30)
        func entry(_ axis: String, _ value: Int, _ indicator: String) throws -> IndicatorBreak {
            try #require(comparison.indicatorsByBreak.first { $0.axis == axis && $0.value == value && $0.result.indicator.id == indicator })
        }
        for reference in rows {
            let district = try entry("district", Int(reference["district"] ?? "") ?? -1, "participation")
            let value = try #require(district.result.values.first { String($0.wave) == reference["wave"] })
            #expect(value.count == Int(reference["x"] ?? "") && value.base == Int(reference["n"] ?? ""), "\(reference)")
        }
        // 北部 = 北浜, 東原, 緑ケ丘 (codes 5, 6, 7).
        let north = try entry("area", 1, "participation")
        #expect(north.label == "北部")
        for (index, value) in north.result.values.enumerated() {
            let parts = try [5, 6, 7].map { try entry("district", $0, "participation").result.values[index] }
            #expect(value.count == parts.reduce(0) { $0 + ($1.count ?? 0) } && value.base == parts.reduce(0) { $0 + ($1.base ?? 0) })
        }
        // The baseline within a district is the district's 2018 share; an external baseline (minsei, the city's 2016
        // value) is none within a district, so only 達成 or 判定不可 there.
        let chuo = try entry("district", 1, "participation")
        #expect(chuo.result.baselineTenths == chuo.result.values[1].tenths)
        #expect(chuo.result.values.map(\.status).prefix(2) == [.beforeBaseline, .baseline])
        let minsei = try entry("district", 1, "minsei")
        #expect(minsei.result.baselineTenths == nil)
        #expect(minsei.result.values.allSatisfy { [.beforeBaseline, .notJudgeable, .achieved].contains($0.status) })
        let csv = String(decoding: ComparisonCSV(comparison).indicatorsByBreak.bytes, as: UTF8.self)
        #expect(csv.contains("indicator,name,break,break_value,break_label,wave,count,base,value,baseline,target,progress,status,tolerance,baseline_z,"))
        let chuo2018 = try #require(chuo.result.values[1].tenths)
        #expect(csv.contains("participation,地域活動に参加している市民の割合,district,1,中央,2018,\(chuo.result.values[1].count ?? -1),\(chuo.result.values[1].base ?? -1),"
                             + "\(TenthsText.format(chuo2018)),\(TenthsText.format(chuo2018)),45.0,,基準,3.0,"))
        let markdown = MarkdownRenderer.render(ComparisonReport(comparison).blocks)
        #expect(markdown.contains("### 地区・圏域別の成果指標"))
        #expect(markdown.contains("| 地区・圏域 | 平成25年度調査 | 平成30年度調査 | 令和5年度調査 | 判定 |"))
        #expect(markdown.contains("| 中央 | 34.0％ |"))
    }

    /// Every question of every wave is in the report exactly once: a compared section, or the one-wave list.
    @Test func everyQuestionOfEveryWaveAppearsExactlyOnce() throws {
        let comparison = try #require(example)
        var engine = DiagnosticsEngine()
        let series = try #require(SeriesReader.read(path: root.appendingPathComponent("Surveys/shimin/series.yaml").path, diagnostics: &engine))
        var expected = Set<String>()
        for key in exampleWaves {
            let wave = try #require(Wave.load(folder: root.appendingPathComponent("Surveys/shimin/\(key)").path, diagnostics: &engine))
            let mapping = WaveMapping(definition: wave.definition, matches: series.matches)
            for question in wave.definition.allQuestions { expected.insert(mapping.questions[question.id]?.common ?? question.id) }
        }
        #expect(comparison.waves.map(\.key) == [2013, 2018, 2023])
        let listed = comparison.questions.map(\.id) + comparison.unmatched.map(\.id)
        #expect(Set(listed) == expected)
        #expect(listed.count == expected.count, "a question listed twice")
        #expect(comparison.questions.contains { $0.id == "q1" } && comparison.questions.contains { $0.id == "q22" })
        let markdown = MarkdownRenderer.render(ComparisonReport(comparison).blocks)
        // Read as text: the Markdown escapes the '_' of names such as 問23_1.
        let lines = markdown.split(separator: "\n").map { $0.replacingOccurrences(of: "\\_", with: "_") }
        for question in comparison.questions {
            let heading = "### " + Question.heading(name: question.name, text: question.text)
            #expect(lines.filter { $0 == heading }.count == 1, "\(question.id)")
        }
        for entry in comparison.unmatched {
            let item = "- " + Question.heading(name: entry.name, text: entry.text)
            #expect(lines.filter { $0.hasPrefix(item + "（") }.count == 1, "\(entry.id)")
            #expect(lines.filter { $0.hasPrefix("### " + Question.heading(name: entry.name, text: entry.text)) }.isEmpty)
        }
    }

    /// 「誤差の範囲内」 stands beside every interval that includes 0, and no ▲/▼ does.
    @Test func intervalsIncludingZeroReadAsWithinSamplingError() throws {
        let comparison = try #require(example)
        let markdown = MarkdownRenderer.render(ComparisonReport(comparison).blocks)
        let q4 = try #require(markdown.components(separatedBy: "### 問4")[1].components(separatedBy: "###").first)
        #expect(q4.contains("| ほとんどつきあいはない | 6.8 | 9.5 | 18.2 | +8.7▲ | +6.2～+11.1 |"))
        #expect(q4.contains("| あいさつをする程度 | 42.0 | 45.1 | 49.3 | +4.2▲ | +0.6～+7.7 |"))
        for line in markdown.split(separator: "\n") where line.contains("（誤差の範囲内）") {
            #expect(!line.contains("▲") && !line.contains("▼"), "\(line)")
        }
    }

    @Test func indicatorStatusesMatchTheIndependentEvaluation() throws {
        let comparison = try #require(example)
        // 2023 is weighted: its values and statuses are those of weighted_indicators_compare.csv.
        let weighted = try fixture("weighted_indicators_compare.csv")
        #expect(weighted.count == 5)
        for reference in weighted {
            let result = try #require(comparison.indicators.first { $0.indicator.id == reference["indicator"] })
            let value = try #require(result.values.first { $0.wave == 2023 })
            #expect(value.weighted != nil && value.tenths == Int(reference["value"] ?? ""), "\(reference)")
            #expect(result.baselineTenths == Int(reference["baseline"] ?? ""), "\(reference)")
            #expect(value.status.rawValue == reference["status"], "\(reference)")
        }
        for reference in try fixture("indicators_compare.csv") where reference["wave"] != "2023" {
            let result = try #require(comparison.indicators.first { $0.indicator.id == reference["indicator"] })
            let value = try #require(result.values.first { String($0.wave) == reference["wave"] })
            #expect(value.tenths == Int(reference["value"] ?? ""))
            #expect(result.baselineTenths == Int(reference["baseline"] ?? ""))
            #expect(value.status.rawValue == reference["status"])
        }
    }

    @Test func baselineWaveIsBaseAndMissingDataIsNotJudgeable() throws {
        let comparison = try #require(example)
        let participation = try #require(comparison.indicators.first { $0.indicator.id == "participation" })
        // 2013 precedes the baseline wave 2018: shown as 参考, not judged, and not tested against the baseline.
        #expect(participation.values.map(\.status) == [.beforeBaseline, .baseline, .worsened])
        #expect(participation.values.first?.baselineChange == nil)
        let kouken = try #require(comparison.indicators.first { $0.indicator.id == "kouken" })
        // The baseline wave lacks the question, but the target is met: 達成, and the reading says there is no baseline.
        #expect(kouken.values.map(\.status) == [.notJudgeable, .notJudgeable, .achieved])
        let markdown = MarkdownRenderer.render(ComparisonReport(comparison).blocks)
        #expect(markdown.contains("成年後見制度を知っている市民の割合は令和5年度調査で56.2％となり、目標値（50.0％）に達しているため「達成」と判定されます（基準値とする平成30年度調査にこの設問がないため、基準値はありません）。"))
    }

    /// Each indicator's change against its baseline wave and the previous wave: 2023's weighted share against 2018's,
    /// design-based (Fixtures/reference_weighted_compare.R); the counts as R's keying (indicator_tests_compare.csv).
    @Test func indicatorChangesMatchRSurvey() throws {
        let comparison = try #require(example)
        let rows = try fixture("indicator_tests_compare.csv")
        #expect(rows.count == 4)
        let references = Dictionary(uniqueKeysWithValues: try fixture("weighted_compare.csv").map { ($0["item"] ?? "", $0) })
        for reference in rows {
            let result = try #require(comparison.indicators.first { $0.indicator.id == reference["indicator"] })
            let value = try #require(result.values.last)
            #expect(value.count == Int(reference["x2"] ?? "") && value.base == Int(reference["n2"] ?? ""))
            let change = try #require(reference["against"] == "baseline" ? value.baselineChange : value.previousChange)
            let design = try #require(references[reference["indicator"] ?? ""])
            #expect(RelativeError.ofLarger(try #require(value.weighted?.estimate), try number(design, "p2")) < 1e-9)
            #expect(RelativeError.ofLarger(try #require(change.z), try number(design, "z")) < 1e-9, "\(design)")
            #expect(RelativeError.ofLarger(try #require(change.pValue), try number(design, "p_value")) < 1e-9, "\(design)")
            let interval = try #require(change.intervalPoints)
            #expect(RelativeError.ofLarger(interval.low, 100 * (try number(design, "ci_low"))) < 1e-9, "\(design)")
            #expect(RelativeError.ofLarger(interval.high, 100 * (try number(design, "ci_high"))) < 1e-9, "\(design)")
            if reference["against"] == "baseline" { #expect(value.previousChange?.z == change.z) }
        }
        // An external baseline (minsei: 55.0 % from 2016) has no test against it; the reading says so, and that the
        // change from the previous wave is within sampling error.
        let minsei = try #require(comparison.indicators.first { $0.indicator.id == "minsei" })
        #expect(minsei.values.last?.baselineChange == nil)
        let markdown = MarkdownRenderer.render(ComparisonReport(comparison).blocks)
        #expect(markdown.contains("「現状維持」と判定されます。基準値が調査外の値のため、この変化が標本誤差を超えるかは検定できません。前回調査（平成30年度調査）からの変化は誤差の範囲内です（95％信頼区間 -4.0～+3.1ポイント、p = 0.804）。"))
        #expect(markdown.contains("| 民生委員・児童委員を知っている市民の割合 | 55.0％（2016年） | 58.8％ | 58.2％ | 57.7％ | 70.0％（2028年） | ±3.0ポイント | 現状維持 |"))
        // Each indicator's own tolerance is printed (meibo's is 2.0).
        #expect(markdown.contains("| 避難行動要支援者名簿を知っている市民の割合 | 8.6％ | - | 8.6％ | 10.6％ | 20.0％（2028年） | ±2.0ポイント | 現状維持 |"))
        #expect(!markdown.contains("既定3.0"))
        let csv = String(decoding: ComparisonCSV(comparison).indicators.bytes, as: UTF8.self)
        #expect(csv.contains("indicator,name,wave,value,baseline,target,progress,status,tolerance,baseline_z,baseline_p_value,baseline_ci_low,baseline_ci_high,previous_z,previous_p_value,previous_ci_low,previous_ci_high"))
    }

    /// 改善 by more than the tolerance but within sampling error (a small sample) says so in the table and the reading.
    @Test func statusWithinSamplingErrorSaysSo() throws {
        let indicator = Indicator(id: "i", name: "指標", question: "q", choices: [1], baseline: .wave(2018), target: 60,
                                  targetYear: nil, direction: .up, tolerance: 3, location: SourceLocation(path: "series.yaml"))
        var later = IndicatorValue(wave: 2023, count: 24, base: 60, status: .improved, progress: nil)
        later.baselineChange = Change(fromWave: 0, previousCount: 20, previousBase: 60, count: 24, base: 60)
        later.previousChange = later.baselineChange
        let result = IndicatorResult(indicator: indicator, baselineTenths: 333, baselineWave: 2018, values: [
            IndicatorValue(wave: 2018, count: 20, base: 60, status: .baseline, progress: nil), later,
        ])
        let comparison = SeriesComparison(series: "s", title: "t", waves: [WaveInfo(key: 2018, label: "A", respondents: 60),
                                                                          WaveInfo(key: 2023, label: "B", respondents: 60)],
                                          questions: [], unmatched: [], indicators: [result])
        #expect(later.baselineChange?.isWithinSamplingError == true)
        let markdown = MarkdownRenderer.render(ComparisonReport(comparison).blocks)
        #expect(markdown.contains("| 改善（誤差の範囲内） |"))
        #expect(markdown.contains("「改善」と判定されます。基準値からの変化は誤差の範囲内です（95％信頼区間"))
    }

    @Test func listsQuestionsOfOnlyOneWaveAndNotesChangedChoices() throws {
        let comparison = try #require(example)
        #expect(comparison.unmatched.map(\.id) == ["q20", "q21", "q23_1", "q23_2", "q23_3", "q23_4", "q23_5", "q23_6"])
        let q8 = try #require(comparison.questions.first { $0.id == "q8" })
        #expect(q8.notes == ["選択肢が変更されたため、平成25年度調査・平成30年度調査の回答を読み替えて比較しています（「ほとんど参加していない」「参加したことがない」→「参加していない」）。"])
        // A question some waves lack is compared across the others, with a note naming those without it.
        let q17 = try #require(comparison.questions.first { $0.id == "q17" })
        #expect(q17.waveIndices == [1, 2])
        #expect(q17.notes == ["平成25年度調査にはこの設問がないため、比較に含めていません。"])
        #expect(q8.rows.map(\.label) == ["積極的に参加している", "ときどき参加している", "参加していない", "どのような活動があるか知らない", "無回答"])
        // Margins: every common choice of an unchanged question sums to the same base in both waves.
        let q4 = try #require(comparison.questions.first { $0.id == "q4" })
        #expect(q4.breaks.contains { $0.axis == "district" })
    }
}

@Suite struct IndicatorStatusTests {
    private func indicator(target: Double, direction: Indicator.Direction, tolerance: Double = 3) -> Indicator {
        Indicator(id: "i", name: "i", question: "q", choices: [1], baseline: .value(30, year: nil), target: target,
                  targetYear: nil, direction: direction, tolerance: tolerance, location: SourceLocation(path: "series.yaml"))
    }

    @Test(arguments: [
        (500, 300, "達成"),      // target met exactly
        (331, 300, "改善"),      // better by 3.1 points
        (330, 300, "現状維持"),  // better by exactly the tolerance
        (270, 300, "現状維持"),
        (269, 300, "悪化"),
    ])
    func upward(value: Int, baseline: Int, expected: String) {
        let (status, _) = IndicatorResult.status(value: value, baseline: baseline, indicator: indicator(target: 50, direction: .up))
        #expect(status.rawValue == expected)
    }

    @Test func targetMetWithoutABaselineIsAchieved() {
        let rule = indicator(target: 50, direction: .up)
        #expect(IndicatorResult.status(value: 581, baseline: nil, indicator: rule).0 == .achieved)
        #expect(IndicatorResult.status(value: 499, baseline: nil, indicator: rule).0 == .notJudgeable)
        #expect(IndicatorResult.status(value: 70, baseline: nil, indicator: indicator(target: 8, direction: .down)).0 == .achieved)
    }

    @Test func downwardIndicatorsImproveAsTheyFall() {
        let rule = indicator(target: 8, direction: .down)
        #expect(IndicatorResult.status(value: 80, baseline: 95, indicator: rule).0 == .achieved)
        #expect(IndicatorResult.status(value: 147, baseline: 95, indicator: rule).0 == .worsened)
        #expect(IndicatorResult.status(value: 90, baseline: 95, indicator: rule).0 == .unchanged)
        let progress = IndicatorResult.status(value: 90, baseline: 95, indicator: rule).1
        #expect(abs((progress ?? 0) - 100.0 / 3) < 1e-12)
        #expect(IndicatorResult.status(value: nil, baseline: 95, indicator: rule).0 == .notJudgeable)
    }
}

@Suite struct SeriesReaderTests {
    private func parse(_ yaml: String) -> (SeriesDefinition?, [String]) {
        var engine = DiagnosticsEngine()
        let series = SeriesReader.parse(yaml: yaml, path: "series.yaml", diagnostics: &engine)
        return (series, engine.diagnostics.map(\.description))
    }

    @Test func readsMatchesAndIndicators() throws {
        let (series, messages) = parse("""
            title: t
            match:
              - {wave: 2018, question: q7_old, as: q7, choices: {4: 3}}
            indicators:
              - {id: p, name: 参加率, question: q7, choices: [1, 2], baseline: {value: 24.2, year: 2018}, target: {value: 50.0, year: 2028}, direction: up}
            """)
        #expect(messages.isEmpty)
        let definition = try #require(series)
        #expect(definition.matches.first?.commonID == "q7")
        #expect(definition.matches.first?.choices.map(\.common) == [3])
        #expect(definition.indicators.first?.baseline == .value(24.2, year: 2018))
        #expect(definition.indicators.first?.tolerance == 3.0)
    }

    @Test func reportsUnknownKeysAndBadDirections() {
        let (series, messages) = parse("""
            indicators:
              - {id: p, question: q7, choices: [1], baseline: {wave: 2018}, target: {value: 50}, direction: upward, tolerence: 2}
            """)
        #expect(series == nil)
        #expect(messages.map { $0.components(separatedBy: "\n")[0] } == [
            "series.yaml:2:105: error: found unknown key 'tolerence'; expected one of id, name, question, choices, baseline, target, direction, tolerance",
            "series.yaml:2:97: error: found 'upward' for 'direction'; expected up or down",
        ])
        #expect(messages.first?.hasSuffix("note: did you mean 'tolerance'?") == true)
    }
}
