import Foundation
import SurveyReports
import SurveyStatistics
import SurveyTabulation
import SurveyTestSupport
import Testing

/// Weighted number summaries (mean, its design-based SE, quartiles) of the example's weighted 2023 wave against R's
/// survey package (`Fixtures/reference_weighted_numbers.R`: svymean, svyby, svyquantile on the strata design).
struct WeightedNumbersTests {
    @Test("weighted means, SEs and quartiles of numbers and scored scales, overall and by every axis, match R at 1e-9")
    func exampleMatchesR() throws {
        let tabulation = try #require(exampleTabulation)
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent(
            "Tests/SurveyTabulationTests/Fixtures/reference_weighted_numbers.csv"), encoding: .utf8)
        var checked = 0
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let field = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let (quantity, id, axis, code, expected) = (field[0], field[1], field[2], Int(field[3]), try #require(Double(field[4])))
            let question = try #require(tabulation.questions.first { $0.question.id == id })
            let summary = axis == "total" ? question.totalSummary
                : question.crossTabs.first { $0.axis.id == axis }?.groups.first { $0.value.code == code }?.summary
            let weighted = try #require(summary?.weighted, "\(line)")
            let actual: Double? = switch quantity {
            case "mean": weighted.mean
            case "se": weighted.standardError
            case "q1": weighted.q1
            case "median": weighted.median
            default: weighted.q3
            }
            let value = try #require(actual, "\(line)")
            #expect(RelativeError.of(value, expected) <= 1e-9, "\(line): \(value)")
            checked += 1
        }
        #expect(checked == 680)
    }

    @Test("numbers.csv appends the weighted columns, empty when the wave is not weighted; the report prints them with the unweighted n")
    func columnsAndReport() throws {
        let tabulation = try #require(exampleTabulation)
        let numbers = String(decoding: TabulationCSV(tabulation).numbers.bytes.dropFirst(3), as: UTF8.self).split(separator: "\r\n")
        #expect(numbers.first == "question,break,break_value,break_label,n,missing,mean,sd,min,q1,median,q3,max,weighted_mean,weighted_mean_se,weighted_q1,weighted_median,weighted_q3")
        #expect(numbers.contains { $0.hasPrefix("q1,total,,,1583,82,") && $0.hasSuffix(",21.64749451541389,0.48278161706509404,4,13,34") })
        let markdown = MarkdownRenderer.render(ReportDocument(tabulation).blocks)
        #expect(markdown.contains("| 回答数 | 平均 | 平均の標準誤差 | 最小 | 第1四分位 | 中央値 | 第3四分位 | 最大 |"))
        #expect(markdown.contains("| 1,583 | 21.65 | 0.48 | 0 | 4 | 13 | 34 | 94 |"))
        #expect(markdown.contains("平均は21.65年、中央値は13年です。"))
        #expect(markdown.contains(ReportDocument.weightedNumbersNote))
    }

    @Test("an unweighted wave has no weighted figures and keeps its table")
    func unweighted() throws {
        let yaml = """
            title: ウェイトなし
            wave: 2023
            data:
              - file: d.csv
            questions:
              - id: years
                column: 年数
                type: number
            """
        let responses = try loadWave(yaml: yaml, csv: "年数\n3\n7\n\n12\n")
        let tabulation = Tabulator.tabulate(responses)
        #expect(tabulation.questions[0].totalSummary?.weighted == nil)
        let numbers = String(decoding: TabulationCSV(tabulation).numbers.bytes.dropFirst(3), as: UTF8.self).split(separator: "\r\n")
        #expect(numbers.count == 2 && numbers[1].hasSuffix(",3,5,7,9.5,12,,,,,"))
        let markdown = MarkdownRenderer.render(ReportDocument(tabulation).blocks)
        #expect(markdown.contains("| 回答数 | 平均 | 標準偏差 |") && !markdown.contains(ReportDocument.weightedNumbersNote))
    }
}
