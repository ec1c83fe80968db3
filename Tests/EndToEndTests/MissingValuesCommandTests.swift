import Foundation
import Testing

/// `missing` and `not_asked` on an export keyed like public-use survey files (Fixtures/values/make_export.py:
/// -9, -8, NA, "Don't know", "No answer" for no answer; -1 and "Not applicable" for not asked; age 0 and 999):
/// `survey check` passes and `survey report` gives the counts and bases of an independent tabulation of the raw
/// file (Fixtures/values/tabulate.py → expected_counts.csv).
@Suite struct MissingValuesCommandTests {
    private static let fixtures = SurveyBinary.repositoryRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/values")

    /// The wave folder: the fixture's survey.yaml and export.csv copied into `root/values/2024`.
    private static func wave(in root: URL, yaml: String? = nil) throws {
        let folder = root.appendingPathComponent("values/2024")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("export.csv"), to: folder.appendingPathComponent("export.csv"))
        let text = try yaml ?? String(contentsOf: fixtures.appendingPathComponent("survey.yaml"), encoding: .utf8)
        try text.write(to: folder.appendingPathComponent("survey.yaml"), atomically: true, encoding: .utf8)
    }

    private static func rows(_ url: URL) throws -> [[String]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return (text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
            .split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func checksAndReportsTheCountsOfAnIndependentTabulation() throws {
        let root = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.wave(in: root)
        let checked = try SurveyBinary.run(["check", "values/2024"], in: root)
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(!checked.stderr.contains("error:"), "\(checked.stderr)")
        let reported = try SurveyBinary.run(["report", "values/2024", "--out", "out", "--format", "all"], in: root)
        #expect(reported.status == 0, "\(reported.stderr)")
        let results = try Self.rows(root.appendingPathComponent("out/values/2024/results.csv")).filter { $0.count > 8 && $0[1] == "total" }
        let numbers = try Self.rows(root.appendingPathComponent("out/values/2024/numbers.csv")).filter { $0.count > 6 && $0[1] == "total" }
        let expected = try Self.rows(Self.fixtures.appendingPathComponent("expected_counts.csv")).dropFirst()
        #expect(expected.count > 20)
        for row in expected {
            let (question, value, count) = (row[0], row[1], row[2])
            let found: String?
            switch value {
            case "(base)": found = results.first { $0[0] == question }?[8]
            case "(無回答)": found = results.first { $0[0] == question && $0[4] == "nonresponse" }?[7]
            case "(answered)": found = results.first { $0[0] == question && $0[4] == "text" }?[7]
            case "n": found = numbers.first { $0[0] == question }?[4]
            case "mean": found = numbers.first { $0[0] == question }?[6]
            default: found = results.first { $0[0] == question && $0[4] == "choice" && $0[6] == value }?[7]
            }
            if value == "mean" {
                #expect(abs((Double(found ?? "") ?? .nan) - (Double(count) ?? 0)) <= 1e-9 * (Double(count) ?? 1), "\(question) mean: \(found ?? "none") vs \(count)")
            } else {
                #expect(found == count, "\(question) \(value): \(found ?? "none") vs \(count)")
            }
        }
        // The report says whose base leaves out the 非該当.
        let report = try String(contentsOf: root.appendingPathComponent("out/values/2024/report.md"), encoding: .utf8)
        #expect(report.contains("n = 89　該当者のみ（非該当の方を除く）"), "\(report)")
        #expect(report.contains("データで非該当とされた方（設問の対象外の方）を基数から除いています"))
        #expect(!report.contains("n = 400　該当者のみ"))
    }

    @Test func misusedValuesAreLocatedErrorsWithTheirFix() throws {
        let root = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let yaml = try String(contentsOf: Self.fixtures.appendingPathComponent("survey.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "not_asked: [-1, Not applicable]", with: "not_asked: [-1, Not applicable, -8]")
            .replacingOccurrences(of: "    choices: {1: Car, 2: Bus, 3: Train, 4: Bicycle}",
                                  with: "    choices: {1: Car, 2: Bus, 3: Train, 4: Bicycle}\n    not_asked: [1, \"\"]")
        try Self.wave(in: root, yaml: yaml)
        let checked = try SurveyBinary.run(["check", "values/2024"], in: root)
        #expect(checked.status == 1)
        let lines = checked.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("values/2024/survey.yaml:8:33: error: found '-8' (also in 'missing' on line 7) in 'not_asked'; expected a value either 無回答 (missing) or 非該当 (not_asked), not both"), "\(checked.stderr)")
        #expect(lines.contains("values/2024/survey.yaml:8:33: note: remove '-8' from one of the lists; a question's own 'missing:' or 'not_asked:' replaces the global list there"))
        #expect(lines.contains("values/2024/survey.yaml:31:20: error: found an empty value in 'not_asked'; expected a code such as -1 or 99, or a text such as NA"), "\(checked.stderr)")
        #expect(lines.contains("values/2024/survey.yaml:31:20: note: remove it: a blank cell is 無回答 already"))
        #expect(lines.contains("values/2024/survey.yaml:31:17: error: found 1 for the flag question 'commute' in 'not_asked'; expected a value that is not a flag (1 is chosen, 0 not chosen)"), "\(checked.stderr)")
        #expect(lines.contains("values/2024/survey.yaml:31:17: note: remove 1: a flag column's 0 or blank is not chosen, and a question with no flag chosen is 無回答"))
        #expect(checked.stdout.contains("error missing-value: 3"), "\(checked.stdout)")
    }

    /// `survey init` on the same export drafts the lists (negative codes, NA, "Not applicable"…), and the draft's
    /// report has the bases and 無回答 of the independent tabulation wherever the codebook and the draft agree (all
    /// but age, whose 0 and 999 only the codebook knows).
    @Test func initDraftsTheValuesAndItsReportHasTheIndependentBases() throws {
        let root = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let drafted = try SurveyBinary.run(["init", Self.fixtures.appendingPathComponent("export.csv").path, "--out", "v/2024"], in: root)
        #expect(drafted.status == 0, "\(drafted.stderr)")
        let yaml = try String(contentsOf: root.appendingPathComponent("v/2024/survey.yaml"), encoding: .utf8)
        #expect(yaml.contains("\nmissing: [-8, -9, \"NA\", \"No answer\", \"Don't know\"]\n"), "\(yaml)")
        #expect(yaml.contains("\nnot_asked: [-1, \"Not applicable\"]\n"), "\(yaml)")
        #expect(yaml.contains("    columns: [\"commute_1\", \"commute_2\", \"commute_3\", \"commute_4\"]\n"), "\(yaml)")
        #expect(!yaml.contains("\"NA\"\n") && !yaml.contains(": \"Not applicable\""), "labels: \(yaml)")
        let checked = try SurveyBinary.run(["check", "v/2024"], in: root)
        #expect(checked.status == 0 && !checked.stderr.contains("error:"), "\(checked.stderr)")
        let reported = try SurveyBinary.run(["report", "v/2024", "--out", "out", "--format", "csv"], in: root)
        #expect(reported.status == 0, "\(reported.stderr)")
        let results = try Self.rows(root.appendingPathComponent("out/v/2024/results.csv")).filter { $0.count > 8 && $0[1] == "total" }
        let drafted_ids = ["sex": "q2", "employed": "q4", "hours": "q5", "commute": "q5_2", "trust": "q6"]
        let expected = try Self.rows(Self.fixtures.appendingPathComponent("expected_counts.csv")).dropFirst()
        for row in expected where drafted_ids[row[0]] != nil && ["(base)", "(無回答)"].contains(row[1]) {
            let id = drafted_ids[row[0]]!
            let found = row[1] == "(base)" ? results.first { $0[0] == id }?[8]
                : results.first { $0[0] == id && $0[4] == "nonresponse" }?[7]
            #expect(found == row[2], "\(row[0]) \(row[1]): \(found ?? "none") vs \(row[2])")
        }
    }

    /// The fixture's flag columns written as a range report the same tables as the list.
    @Test func aRangeOfFlagColumnsReportsAsTheList() throws {
        let root = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.wave(in: root)
        let listed = try SurveyBinary.run(["report", "values/2024", "--out", "listed", "--format", "csv"], in: root)
        #expect(listed.status == 0, "\(listed.stderr)")
        let yaml = try String(contentsOf: Self.fixtures.appendingPathComponent("survey.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "columns: [commute_1, commute_2, commute_3, commute_4]", with: "columns: commute_1..commute_4")
        try yaml.write(to: root.appendingPathComponent("values/2024/survey.yaml"), atomically: true, encoding: .utf8)
        let ranged = try SurveyBinary.run(["report", "values/2024", "--out", "ranged", "--format", "csv"], in: root)
        #expect(ranged.status == 0, "\(ranged.stderr)")
        for file in ["results.csv", "numbers.csv", "tests.csv"] {
            let a = try Data(contentsOf: root.appendingPathComponent("listed/values/2024/\(file)"))
            let b = try Data(contentsOf: root.appendingPathComponent("ranged/values/2024/\(file)"))
            #expect(a == b, "\(file)")
        }
        // A bound not in the header: named, at its place in survey.yaml.
        try yaml.replacingOccurrences(of: "commute_1..commute_4", with: "commute_1..commute_5")
            .write(to: root.appendingPathComponent("values/2024/survey.yaml"), atomically: true, encoding: .utf8)
        let checked = try SurveyBinary.run(["check", "values/2024"], in: root)
        #expect(checked.status == 1)
        #expect(checked.stderr.contains("values/2024/survey.yaml:28:25: error: found no column 'commute_5' in values/2024/export.csv; expected it in the header line\n"
            + "values/2024/survey.yaml:28:25: note: did you mean 'commute_1'? correct the column name in survey.yaml or in the file's header"), "\(checked.stderr)")
    }
}
