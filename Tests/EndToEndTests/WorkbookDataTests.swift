import Foundation
import Testing

/// `.xlsx` data files through the real binary: a Microsoft Forms export checked and reported, problems cited at
/// the sheet's cells, `sheet:` chosen, refused where it makes no sense (issue 17).
@Suite struct WorkbookDataTests {
    private static let fixtures = SurveyBinary.repositoryRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/xlsx")

    /// A wave folder `w` under a fresh temporary folder holding `files` (fixture names) and `definition`.
    private func makeWave(_ files: [String], definition: String) throws -> URL {
        let root = try SurveyBinary.temporaryFolder()
        let wave = root.appendingPathComponent("w")
        try FileManager.default.createDirectory(at: wave, withIntermediateDirectories: true)
        for file in files {
            try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(file), to: wave.appendingPathComponent(file))
        }
        try definition.write(to: wave.appendingPathComponent("survey.yaml"), atomically: true, encoding: .utf8)
        return root
    }

    private func formsDefinition(sheet: String = "", q1Choices: String = "{1: はい, 2: いいえ}") -> String {
        """
        title: フォーム調査
        wave: 2024
        data:
          - file: forms.xlsx
        \(sheet)
        respondent_id: ID
        questions:
          - id: district
            column: 地区
            type: single
            choices: {1: 中央, 2: 東, 3: 西}
          - id: q1
            column: 問1
            type: single
            choices: \(q1Choices)
          - id: q2
            column: 問2
            type: multiple
            separator: ";"
            choices: {1: 高齢化, 2: 担い手不足, 3: 交流の減少, 4: その他}
          - id: q3
            column: 問3
            type: number
          - id: opinion
            column: ご意見
            type: text
        """
    }

    @Test func citesProblemsAtTheSheetsCells() throws {
        let root = try makeWave(["forms.xlsx"], definition: formsDefinition(sheet: "    sheet: Sheet1"))
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try SurveyBinary.run(["check", "w"], in: root)
        #expect(result.status == 1)
        // Row 6 (after a cell with a line break in row 4 and an empty row 5), column G.
        #expect(result.stderr.hasPrefix(
            "w/forms.xlsx:Sheet1!G6: error: found '9' in column '問1' (question 'q1'); expected one of 1 (はい), 2 (いいえ), or blank for 無回答\n"))
        #expect(result.stdout.contains("respondents: 4 (forms.xlsx 4)"))
    }

    @Test func reportsAFormsExport() throws {
        let root = try makeWave(["forms.xlsx"], definition: formsDefinition(q1Choices: "{1: はい, 2: いいえ, 9: 不明}"))
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try SurveyBinary.run(["report", "w", "--out", "out", "--format", "csv"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        let results = try String(contentsOf: root.appendingPathComponent("out/\(root.lastPathComponent)/2024/results.csv"), encoding: .utf8)
        // q2: 高齢化 1, 担い手不足 1, 交流の減少 1, その他 1 of 4; row 4 answered nothing (無回答 1).
        for row in ["q2,total,,,choice,1,高齢化,1,4,25,", "q2,total,,,choice,4,その他,1,4,25,", "q2,total,,,nonresponse,,無回答,1,4,25,",
                    "q1,total,,,choice,9,不明,1,4,25,"] {
            #expect(results.contains(row), "\(row)")
        }
    }

    @Test func readsANamedSheetAndRefusesSheetOnACSVFile() throws {
        let root = try makeWave(["named.xlsx"], definition: """
            title: 調査
            wave: 2023
            data:
              - file: named.xlsx
                sheet: 回答
            respondent_id: 回答者ID
            questions:
              - id: q1
                column: 問1
                type: single
                choices: {1: はい}
            """)
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try SurveyBinary.run(["check", "w"], in: root)
        #expect(result.status == 1)
        // The sheet starts at column B: column A has a blank header and no values.
        #expect(result.stderr.hasPrefix("w/named.xlsx:回答!A1: warning: column A (field 1) has a blank header cell and no values; it is ignored\n"
            + "w/named.xlsx:回答!C3: error: found '2' in column '問1' (question 'q1')"), "\(result.stderr)")
        try """
            title: 調査
            wave: 2023
            data:
              - file: data.csv
                sheet: 回答
            questions:
              - id: q1
                column: 問1
                type: single
                choices: {1: はい}
            """.write(to: root.appendingPathComponent("w/survey.yaml"), atomically: true, encoding: .utf8)
        try "問1\n1\n".write(to: root.appendingPathComponent("w/data.csv"), atomically: true, encoding: .utf8)
        let csv = try SurveyBinary.run(["check", "w"], in: root)
        #expect(csv.status == 1)
        #expect(csv.stderr.contains("w/survey.yaml:5:12: error: "), "\(csv.stderr)")
        #expect(csv.stderr.contains("a sheet name only for an .xlsx workbook"))
    }

    @Test func refusesABrokenWorkbookWithoutATrap() throws {
        let root = try makeWave(["bad_xml.xlsx"], definition: formsDefinition().replacingOccurrences(of: "forms.xlsx", with: "bad_xml.xlsx"))
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try SurveyBinary.run(["check", "w"], in: root)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("w/bad_xml.xlsx: error: the workbook's part 'xl/worksheets/sheet1.xml' is not well-formed XML"), "\(result.stderr)")
    }
}
