import Foundation
import Testing

@Suite struct ReportCommandTests {
    /// The committed Reports/ are golden files: a fresh run must reproduce them byte for byte.
    @Test func reproducesTheCommittedReports() throws {
        let folder = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try SurveyBinary.run(["report", "Surveys", "--out", folder.path])
        #expect(result.status == 0)
        let comparison = try SurveyBinary.run(["compare", "Surveys", "--out", folder.path])
        #expect(comparison.status == 0)
        let golden = SurveyBinary.repositoryRoot.appendingPathComponent("Reports")
        let files = try FileManager.default.subpathsOfDirectory(atPath: golden.path).filter { path in [".csv", ".md", ".html", ".svg", ".docx", ".xlsx"].contains { path.hasSuffix($0) } }.sorted()
        #expect(files.count >= 100)
        for file in files {
            let expected = try Data(contentsOf: golden.appendingPathComponent(file))
            let actual = try Data(contentsOf: folder.appendingPathComponent(file))
            #expect(actual == expected, "Reports/\(file) differs from a fresh run; re-record with `make report` only on purpose")
        }
    }

    @Test func writesExcelFriendlyCSV() throws {
        let folder = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try SurveyBinary.run(["report", "Surveys/shimin/2023", "--out", folder.path])
        let bytes = try Data(contentsOf: folder.appendingPathComponent("shimin/2023/results.csv"))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("question,break,break_value,break_label,kind,choice,label,count,base,percent,adj_residual,weighted_count,weighted_base,weighted_percent,design_z\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let tests = String(decoding: try Data(contentsOf: folder.appendingPathComponent("shimin/2023/tests.csv")).dropFirst(3), as: UTF8.self)
        #expect(tests.hasPrefix("question,break,choice,test,statistic,df,p_value,cramers_v,n,min_expected,low_expected_share,exact_p,exact_method,p_adjusted,df_denominator\r\n"))
    }

    @Test func refusesAWaveWithErrorsAndWritesNothingForIt() throws {
        let folder = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let wave = folder.appendingPathComponent("s/2023")
        try FileManager.default.createDirectory(at: wave, withIntermediateDirectories: true)
        try "title: t\nwave: 2023\ndata:\n  - file: d.csv\nquestions:\n  - id: q1\n    column: 問1\n    type: single\n    choices: {1: a}\n"
            .write(to: wave.appendingPathComponent("survey.yaml"), atomically: true, encoding: .utf8)
        try "問1\n7\n".write(to: wave.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let result = try SurveyBinary.run(["report", "s", "--out", "out"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("s/2023/d.csv:2:1: error: found '7' in column '問1' (question 'q1'); expected one of 1 (a), or blank for 無回答"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/s/2023/results.csv").path))
    }

    @Test func printsOneCrossTabWithItsTest() throws {
        let result = try SurveyBinary.run(["crosstab", "Surveys/shimin/2023", "q4", "--by", "area"])
        #expect(result.status == 0)
        let lines = result.stdout.components(separatedBy: "\n")
        #expect(lines.first?.hasPrefix("q4 ") == true)
        #expect(lines.contains { $0.hasPrefix("全体\t1665\t") })
        #expect(lines.contains { $0.hasPrefix("χ² = ") && $0.contains("df = 6") })
    }

    /// An axis of `breaks` prints the report's BH-adjusted p (the family is the whole wave), so the quick look
    /// marks what the report marks; another axis says its p is not adjusted. The example's 2023 is weighted: the
    /// test used (and adjusted) is the rao-scott row.
    @Test func crosstabAdjustsOverTheWaveForAReportAxisAndSaysSoOtherwise() throws {
        let byArea = try SurveyBinary.run(["crosstab", "Surveys/shimin/2023", "q4", "--by", "area"])
        #expect(byArea.status == 0)
        let tests = try String(contentsOfFile: "Reports/shimin/2023/tests.csv", encoding: .utf8)
        let records: [[String]] = tests.components(separatedBy: "\r\n").map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let adjustedColumn = try #require(records.first?.firstIndex(of: "p_adjusted"))
        let row = try #require(records.first { $0.count > adjustedColumn && $0[0] == "q4" && $0[1] == "area" && $0[3] == "rao-scott" })
        let adjusted = try #require(Double(row[adjustedColumn]))
        let line = try #require(byArea.stdout.split(separator: "\n").first { $0.hasPrefix("weighted (Rao–Scott): ") })
        #expect(line.hasSuffix(" (significant)"))
        let chiSquare = try #require(byArea.stdout.split(separator: "\n").first { $0.hasPrefix("χ² = ") })
        #expect(!chiSquare.contains("BH-adjusted") && !chiSquare.contains("significant"))
        let after = try #require(line.components(separatedBy: "BH-adjusted p = ").last)
        let printed = try #require(Double(after.prefix { $0 != " " }))
        #expect(abs(printed - adjusted) <= 1e-6 * adjusted)
        #expect(!byArea.stdout.contains("not adjusted"))
        let byQ3 = try SurveyBinary.run(["crosstab", "Surveys/shimin/2023", "q4", "--by", "q3"])
        #expect(byQ3.status == 0)
        #expect(!byQ3.stdout.contains("BH-adjusted"))
        #expect(byQ3.stdout.hasSuffix("('q3' is not an axis of `breaks`: p is not adjusted for multiple testing, and marks follow the unadjusted p)\n"))
    }

    /// A number question by an axis prints the mean and median the report prints: in the weighted 2023 wave the
    /// weighted ones beside the actual n, matched to R's `svymean` / `svyquantile` (`svyby` per age band, committed
    /// in reference_weighted_numbers.csv), and says they are weighted; the unweighted 2018 wave prints plain ones.
    @Test func crosstabPrintsTheReportsWeightedMeansOfANumberQuestion() throws {
        let result = try SurveyBinary.run(["crosstab", "Surveys/shimin/2023", "q1", "--by", "age"])
        #expect(result.status == 0)
        let lines = result.stdout.components(separatedBy: "\n")
        let header = try #require(lines.firstIndex(of: "\tn\tmean\tmedian"))
        let rows = lines[(header + 1)...(header + 8)].map { $0.components(separatedBy: "\t") }
        let fixture = try String(contentsOf: SurveyBinary.repositoryRoot
            .appendingPathComponent("Tests/SurveyTabulationTests/Fixtures/reference_weighted_numbers.csv"), encoding: .utf8)
        var reference: [String: Double] = [:]
        for line in fixture.split(separator: "\n") {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5, fields[1] == "q1", fields[2] == "total" || fields[2] == "age", let value = Double(fields[4]) else { continue }
            reference["\(fields[0]) \(fields[3])"] = value
        }
        // 全体, then the age bands in code order 1…7; n is the number of respondents with an answer.
        #expect(rows.map { $0[0] } == ["全体", "18～29歳", "30～39歳", "40～49歳", "50～59歳", "60～69歳", "70～79歳", "80歳以上"])
        #expect(rows[0][1] == "1583" && rows[1][1] == "121")
        for (index, row) in rows.enumerated() {
            let code = index == 0 ? "" : String(index)
            let mean = try #require(reference["mean \(code)"]), median = try #require(reference["median \(code)"])
            #expect(row[2] == String(format: "%.2f", mean), "mean of \(row[0])")
            #expect(Double(row[3]) == median, "median of \(row[0])")
        }
        #expect(rows[1][2] == "8.16")   // the unweighted mean of 18～29歳 is 9.10 (numbers.csv `mean`)
        #expect(lines.contains("(weighted wave: percentages, means and medians are weighted estimates, as in the report; n is the number of respondents)"))

        let unweighted = try SurveyBinary.run(["crosstab", "Surveys/shimin/2018", "q1", "--by", "age"])
        #expect(unweighted.status == 0)
        #expect(unweighted.stdout.contains("\n全体\t1389\t24.74\t17\n18～29歳\t132\t8.53\t6\n"))
        #expect(!unweighted.stdout.contains("weighted"))
    }

    @Test func crosstabNamesTheValidChoicesForABadQuestion() throws {
        let result = try SurveyBinary.run(["crosstab", "Surveys/shimin/2023", "q99", "--by", "area"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("found no question 'q99'; expected one of district, sex, age, q1,"))
    }
}

@Suite struct MarkdownReportTests {
    private func report() throws -> String {
        try String(contentsOf: SurveyBinary.repositoryRoot.appendingPathComponent("Reports/shimin/2023/report.md"), encoding: .utf8)
    }

    @Test func opensWithTheOverviewAndTheReadingGuide() throws {
        let text = try report()
        #expect(text.hasPrefix("# 地域福祉に関する市民意識調査\n\n令和5年度調査（第4次地域福祉計画）\n\n## 1 調査概要\n"))
        #expect(text.contains("| 有効回収率 | 55.5％ |"))
        #expect(text.contains("## 2 報告書の見方"))
    }

    /// Every percentage a draft sentence quotes for the whole sample appears in that question's 単純集計 table.
    @Test func draftSentencesQuoteTheirTables() throws {
        let sections = try report().components(separatedBy: "\n### ").dropFirst()
        var checked = 0
        for section in sections {
            guard let sentence = section.components(separatedBy: "\n").first(where: { $0.hasPrefix("> ") }) else { continue }
            let firstSentence = sentence.components(separatedBy: "。").first ?? ""
            let pattern = try Regex("『([^』]+)』が([0-9]+\\.[0-9])％")
            for match in firstSentence.matches(of: pattern) {
                let label = String(match.output[1].substring ?? "")
                let percent = String(match.output[2].substring ?? "")
                #expect(section.contains("| \(label) | ") && section.contains(" | \(percent) |"), "\(label) \(percent)")
                checked += 1
            }
        }
        #expect(checked > 10)
    }

    @Test func marksSmallBasesAndSuppressesTinyOnes() throws {
        let text = try report()
        #expect(text.contains("| その他・回答しない | 21※ |"))
        #expect(!text.contains("| 0※ |"))
        // A row with a base under 10 shows no percentage at all, only 「x」.
        let tinyBases = (1...9).map { "\($0)※" }
        let tiny = text.components(separatedBy: "\n").filter { line in
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            return line.hasPrefix("| ") && cells.count > 2 && tinyBases.contains(cells[1])
        }
        #expect(!tiny.isEmpty)
        for line in tiny {
            let cells = line.split(separator: "|").dropFirst(2).map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(cells.allSatisfy { $0 == "x" }, "\(line)")
        }
        #expect(text.contains("「※」（nの後）：基数が30人未満のため参考値、「x」：基数が10人未満のため比率を表示しない"))
    }

    /// Attributes come first, and their cross-tabs by each other are described but not printed.
    @Test func putsTheAttributesFirstWithoutTheirCrossTabs() throws {
        let text = try report()
        let attributes = try #require(text.range(of: "## 3 回答者属性"))
        let results = try #require(text.range(of: "## 4 調査結果"))
        #expect(attributes.upperBound < results.lowerBound)
        let chapter = String(text[attributes.upperBound..<results.lowerBound])
        #expect(chapter.contains("### 1. 地区　") && chapter.contains("### 2. 圏域") && chapter.contains("### 6. 居住年数（区分）")
                && chapter.contains("### 7. 問3　世帯構成"))
        #expect(!chapter.contains("#### "))
        #expect(chapter.contains("『駅前』の割合は、18～29歳（32.7％）、5年未満（31.1％）で全体（14.0％）を大きく上回っています。"))
        #expect(text[results.upperBound...].contains("#### 年齢別"))
        // The CSV tables keep every cross-tab.
        let tables = try String(contentsOf: SurveyBinary.repositoryRoot.appendingPathComponent("Reports/shimin/2023/tables/district.csv"), encoding: .utf8)
        #expect(tables.contains("年齢別"))
    }
}

@Suite struct UnwritableOutputTests {
    @Test func saysInWordsThatOutIsAFile() throws {
        let folder = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A plain file where the output folder should be.
        try "not a folder".write(to: folder.appendingPathComponent("out"), atomically: true, encoding: .utf8)
        for command in [["report", SurveyBinary.repositoryRoot.appendingPathComponent("Surveys/shimin/2023").path, "--format", "csv"],
                        ["compare", SurveyBinary.repositoryRoot.appendingPathComponent("Surveys/shimin").path]] {
            let result = try SurveyBinary.run(command + ["--out", "out"], in: folder)
            #expect(result.status == 1)
            #expect(result.stderr == "out: error: cannot write the report: 'out' is a file, not a folder\n"
                + "out: note: name a folder for --out (it is created when missing), or move that file away\n")
            #expect(result.stdout.isEmpty)
        }
    }
}
