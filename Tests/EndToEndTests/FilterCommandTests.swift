import Foundation
import Testing

/// `filter:` splits one cumulative export into waves, and `survey report --where` reports a subset; the counts are
/// those of an independent tabulation of the raw file (Fixtures/filter/count.py → expected_counts.csv).
@Suite struct FilterCommandTests {
    private static let fixtures = SurveyBinary.repositoryRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/filter")

    /// Subset name → (question, code) → count; the respondents under ("", "").
    private static func expectedCounts() throws -> [String: [String: Int]] {
        let rows = OutputCSV.rows(try String(contentsOf: fixtures.appendingPathComponent("expected_counts.csv"), encoding: .utf8))
        var counts: [String: [String: Int]] = [:]
        for row in rows.dropFirst() { counts[row[0], default: [:]]["\(row[1]):\(row[2])"] = Int(row[3]) }
        return counts
    }

    /// The same keys read from a report's results.csv and summary.csv (for a wave, also the derived classes of
    /// 年齢 and 問1 by them).
    private static func reportedCounts(_ folder: URL, subset: Bool = false) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        let summary = OutputCSV.rows(try String(contentsOf: folder.appendingPathComponent("summary.csv"), encoding: .utf8))
        counts[":"] = summary.first { $0.first == "total" }.flatMap { Int($0[3]) }
        let results = OutputCSV.rows(try String(contentsOf: folder.appendingPathComponent("results.csv"), encoding: .utf8))
        for row in results.dropFirst() where row[4] == "choice" {
            if ["q1", "q2"].contains(row[0]) && row[1] == "total" {
                counts["\(row[0]):\(row[5])"] = Int(row[7])
            } else if row[0] == "age_band" && row[1] == "total" && !subset {
                counts["age_band:\(row[5])"] = Int(row[7])
            } else if row[0] == "q1" && row[1] == "age_band" && !subset {
                counts["q1|age_band=\(row[2]):\(row[5])"] = Int(row[7])
            }
        }
        return counts
    }

    /// Also: 年代 derived from the number 年齢 by `bins` is an axis of `breaks`.
    @Test func splitsOneExportIntoWavesByAColumn() throws {
        let out = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try SurveyBinary.run(["report", "city", "--out", out.path, "--format", "csv"], in: Self.fixtures)
        #expect(result.status == 0, "\(result.stderr)")
        let expected = try Self.expectedCounts()
        for wave in ["2018", "2023"] {
            let reported = try Self.reportedCounts(out.appendingPathComponent("city/\(wave)"))
            #expect(reported == expected[wave], "wave \(wave)")
        }
        let check = try SurveyBinary.run(["check", "city/2023"], in: Self.fixtures)
        #expect(check.status == 0)
        #expect(check.stdout.contains("\n  respondents: 156 (../../all_years.csv 156)\n  filter: kept 156 of the 300 respondents read\n"))
    }

    @Test func reportsASubsetAndSaysWhichInTheReport() throws {
        let out = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        for format in ["csv", "md"] {
            let result = try SurveyBinary.run(["report", "city/2023", "--where", "age>=65", "--where", "district=1,2",
                                               "--out", out.appendingPathComponent(format).path, "--format", format], in: Self.fixtures)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let folder = out.appendingPathComponent("csv/city/2023")
        #expect(try Self.reportedCounts(folder, subset: true) == Self.expectedCounts()["2023 年齢>=65 地区=1,2"])
        let report = try String(contentsOf: out.appendingPathComponent("md/city/2023/report.md"), encoding: .utf8)
        #expect(report.contains("\n集計対象：年齢 65歳以上、地区「中央」「北」の回答者（46人）\n"))
        #expect(report.contains("| 有効回収数 | 156件 |\n| 集計対象 | 年齢 65歳以上、地区「中央」「北」の回答者 |\n| 集計対象者数 | 46人 |"))
        #expect(report.contains("- この報告書は、回答者のうち年齢 65歳以上、地区「中央」「北」の回答者（46人）だけを集計したものです。"))
        let summary = try String(contentsOf: folder.appendingPathComponent("summary.csv"), encoding: .utf8)
        #expect(summary.contains("\r\ntotal,,,46,,,,\r\n"))
    }

    @Test func aSubsetNeedsItsOwnOutputFolder() throws {
        let result = try SurveyBinary.run(["report", "city/2023", "--where", "age>=65"], in: Self.fixtures)
        #expect(result.status == 1)
        #expect(result.stderr == "--where: error: a report of a subset needs its own --out folder\n"
                + "--where: note: add e.g. --out Reports/subset, so that the whole wave's report under Reports stays as it is\n")
        #expect(!FileManager.default.fileExists(atPath: Self.fixtures.appendingPathComponent("Reports").path))
    }

    @Test func rejectsEveryWrongConditionWithItsForm() throws {
        let out = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let malformed = try SurveyBinary.run(["report", "city/2023", "--where", "age=>65", "--where", "q1", "--out", out.path], in: Self.fixtures)
        #expect(malformed.status == 1)
        #expect(malformed.stderr.components(separatedBy: "\n").filter { $0.contains(": error: ") } == [
            "--where: error: found 'age=>65' for '--where'; expected ID=CODE[,CODE…] (a coded question), ID>=NUMBER or ID<=NUMBER (a number question)",
            "--where: error: found 'q1' for '--where'; expected ID=CODE[,CODE…] (a coded question), ID>=NUMBER or ID<=NUMBER (a number question)",
        ])
        let unknown = try SurveyBinary.run(["report", "city/2023", "--where", "agee>=65", "--where", "q1=5", "--where", "age=1",
                                            "--out", out.path], in: Self.fixtures)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.components(separatedBy: "\n").filter { $0.hasPrefix("--where: ") } == [
            "--where: error: found 'agee' in '--where', which is not a question id",
            "--where: note: did you mean 'age'?",
            "--where: error: found code 5 in '--where', which is not a choice of 'q1'; expected one of 1, 2, 3, 4",
            "--where: note: use codes listed under the question's 'choices:'",
            "--where: error: found 'age' for '--where'; expected bounds for a number question: {min: NUMBER, max: NUMBER} (--where: ID>=NUMBER, ID<=NUMBER)",
            "--where: note: see the survey.yaml reference in the README for the form of this key",
        ])
        #expect(unknown.stdout.contains("city/2023: not written"))
        #expect((try? FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("city").path)) == nil)
    }

    @Test func aFilterThatKeepsNobodyIsAnError() throws {
        let out = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try SurveyBinary.run(["report", "city/2018", "--where", "age>=200", "--out", out.path], in: Self.fixtures)
        #expect(result.status == 1)
        #expect(result.stderr == "--where: error: the filter keeps none of the 89 respondents read\n"
                + "--where: note: check the codes and bounds against the data (`survey check` tabulates the wave without the filter if you remove it)\n")
    }

    @Test func crosstabLooksAtASubset() throws {
        let result = try SurveyBinary.run(["crosstab", "city/2023", "q1", "--by", "age_band", "--where", "district=1,2"], in: Self.fixtures)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.components(separatedBy: "\n")
        #expect(lines.first == "(subset: 113 of 156 respondents: district=1,2)")
        let all = try SurveyBinary.run(["crosstab", "city/2023", "q1", "--by", "age_band"], in: Self.fixtures)
        #expect(all.stdout.contains("\n全体\t156\t"))
        #expect(result.stdout.contains("\n全体\t113\t"))
    }
}
