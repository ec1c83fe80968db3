import Foundation
import Testing

/// A battery through the real binary: `check` locates misuse; `report` writes one table, one chart, one sentence,
/// and every file that carries the report's tables (report.md, tables/*.csv, tables.xlsx, report.docx).
@Suite struct BatteryCommandTests {
    static let yaml = """
        title: 取組の認知調査
        wave: 2023
        data:
          - file: d.csv
        breaks: [district]
        questions:
          - id: district
            column: 地区
            type: single
            choices: {1: 中央, 2: 東}
          - id: q9
            type: battery
            text: 次の取組を知っていますか。
            label: 取組の認知
            choices: {1: 知っている, 2: 聞いたことはある, 3: 知らない}
            nets: {知っている（計）: [1, 2]}
            items:
              - {id: q9_1, column: 問9_1, text: 地域福祉計画}
              - {id: q9_2, column: 問9_2, text: 社会福祉協議会}
              - {id: q9_3, column: 問9_3, text: 成年後見制度}
        """

    /// 60 respondents: 問9_2 known by 48, 問9_1 by 30, 問9_3 by 12.
    static let csv = (["地区,問9_1,問9_2,問9_3"] + (0..<60).map { row in
        "\(row % 2 + 1),\(row < 30 ? 1 : 3),\(row < 48 ? 2 : 3),\(row < 12 ? 1 : 3)"
    }).joined(separator: "\n") + "\n"

    static func wave(_ yaml: String = yaml) throws -> URL {
        let folder = try SurveyBinary.temporaryFolder()
        let wave = folder.appendingPathComponent("s/2023")
        try FileManager.default.createDirectory(at: wave, withIntermediateDirectories: true)
        try yaml.write(to: wave.appendingPathComponent("survey.yaml"), atomically: true, encoding: .utf8)
        try csv.write(to: wave.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        return folder
    }

    /// A file inside a ZIP package (docx, xlsx), read by Python's zipfile.
    static func zipPart(_ file: URL, _ part: String) throws -> String {
        try SurveyBinary.run(program: URL(fileURLWithPath: "/usr/bin/env"),
                             ["python3", "-c", "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())", file.path, part],
                             in: file.deletingLastPathComponent()).stdout
    }

    @Test func checkLocatesAnItemWithoutAColumn() throws {
        let folder = try Self.wave(Self.yaml.replacingOccurrences(of: "{id: q9_3, column: 問9_3, text: 成年後見制度}", with: "{id: q9_3, text: 成年後見制度}"))
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try SurveyBinary.run(["check", "s/2023"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("s/2023/survey.yaml:20:9: error: item 'q9_3' of battery 'q9' has no 'column'; it is required\ns/2023/survey.yaml:20:9: note: add 'column: …'"), "\(result.stderr)")
    }

    @Test func reportShowsOneTableOneChartAndASentence() throws {
        let folder = try Self.wave()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try SurveyBinary.run(["check", "s/2023"], in: folder).status == 0)
        let result = try SurveyBinary.run(["report", "s", "--out", "out"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let out = folder.appendingPathComponent("out/s/2023")
        let markdown = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("""
            ### 1. 問9　取組の認知

            設問：次の取組を知っていますか。

            n = 60　3項目（各項目1つずつ回答）

            | 項目 | n | 知っている | 聞いたことはある | 知らない | 知っている（計） | 無回答 |
            |---|---:|---:|---:|---:|---:|---:|
            | 地域福祉計画 | 60 | 50.0 | - | 50.0 | 50.0 | - |
            | 社会福祉協議会 | 60 | - | 80.0 | 20.0 | 80.0 | - |
            | 成年後見制度 | 60 | 20.0 | - | 80.0 | 20.0 | - |

            ![図　取組の認知](charts/q9.svg)

            > 『知っている（計）』の割合は、『社会福祉協議会』（80.0％）で最も高く、『成年後見制度』（20.0％）で最も低くなっています。
            """), "\(markdown)")
        #expect(markdown.contains("### 2. 問9\\_1　地域福祉計画"))
        let svg = try String(contentsOf: out.appendingPathComponent("charts/q9.svg"), encoding: .utf8)
        #expect(svg.components(separatedBy: "class=\"chart-bar\"").count - 1 == 3)
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<td>社会福祉協議会</td>"))
        let table = String(decoding: try Data(contentsOf: out.appendingPathComponent("tables/q9.csv")).dropFirst(3), as: UTF8.self)
        #expect(table.hasPrefix("問9　取組の認知\r\n\r\n単純集計（項目別）\r\n項目,n,知っている,聞いたことはある,知らない,知っている（計）,無回答\r\n地域福祉計画,60,50.0,-,50.0,50.0,-\r\n"))
        let results = String(decoding: try Data(contentsOf: out.appendingPathComponent("results.csv")), as: UTF8.self)
        for item in ["q9_1", "q9_2", "q9_3"] {
            #expect(results.contains("\r\n\(item),total,,,net,知っている（計）,"))
            #expect(results.contains("\r\n\(item),district,1,中央,choice,1,"))
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("tables/\(item).csv").path))
        }
        #expect(!results.contains("\r\nq9,"))
        let sheet = try Self.zipPart(out.appendingPathComponent("tables.xlsx"), "xl/sharedStrings.xml")
        #expect(sheet.contains("問9　単純集計（項目別）") && sheet.contains("成年後見制度"))
        let document = try Self.zipPart(out.appendingPathComponent("report.docx"), "word/document.xml")
        #expect(document.contains("社会福祉協議会") && document.contains("図4-1") && document.contains("取組の認知"))
    }

    /// Items whose bases leave out 非該当 respondents say how many, per item when they differ (a `非該当` column in
    /// every file carrying the table) and once when they are the same; an item's section says its base leaves them out.
    @Test func aBatteryWithNotAskedItemsSaysHowManyWereLeftOut() throws {
        // 問9_2 is -1 (非該当) for the last 6 respondents, 問9_3 for the first 3.
        let csv = (["地区,問9_1,問9_2,問9_3"] + (0..<60).map { row in
            "\(row % 2 + 1),\(row < 30 ? 1 : 3),\(row >= 54 ? -1 : row < 48 ? 2 : 3),\(row < 3 ? -1 : row < 12 ? 1 : 3)"
        }).joined(separator: "\n") + "\n"
        let folder = try Self.wave(Self.yaml.replacingOccurrences(of: "breaks: [district]", with: "not_asked: [-1]\nbreaks: [district]"))
        defer { try? FileManager.default.removeItem(at: folder) }
        try csv.write(to: folder.appendingPathComponent("s/2023/d.csv"), atomically: true, encoding: .utf8)
        let result = try SurveyBinary.run(["report", "s", "--out", "out"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let out = folder.appendingPathComponent("out/s/2023")
        let markdown = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("""
            3項目（各項目1つずつ回答）　該当者のみ（非該当の方を除く）　非該当の人数は項目により異なります（表の「非該当」）

            | 項目 | n | 非該当 | 知っている | 聞いたことはある | 知らない | 知っている（計） | 無回答 |
            |---|---:|---:|---:|---:|---:|---:|---:|
            | 地域福祉計画 | 60 | 0 | 50.0 | - | 50.0 | 50.0 | - |
            | 社会福祉協議会 | 54 | 6 | - | 88.9 | 11.1 | 88.9 | - |
            | 成年後見制度 | 57 | 3 | 15.8 | - | 84.2 | 15.8 | - |
            """), "\(markdown)")
        #expect(markdown.contains("n = 54　該当者のみ（非該当の方を除く）　全体の結果は"), "\(markdown)")
        #expect(markdown.contains("「該当者のみ（非該当の方を除く）」の設問は、データで非該当とされた方"))
        let table = String(decoding: try Data(contentsOf: out.appendingPathComponent("tables/q9.csv")).dropFirst(3), as: UTF8.self)
        #expect(table.contains("項目,n,非該当,知っている,聞いたことはある,知らない,知っている（計）,無回答\r\n地域福祉計画,60,0,50.0,-,50.0,50.0,-\r\n"
            + "社会福祉協議会,54,6,-,88.9,11.1,88.9,-\r\n"), "\(table)")
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("非該当の人数は項目により異なります") && html.contains(">非該当</th>"), "\(html)")
        let sheet = try Self.zipPart(out.appendingPathComponent("tables.xlsx"), "xl/sharedStrings.xml")
        #expect(sheet.contains("<t>非該当</t>"), "\(sheet)")
        let document = try Self.zipPart(out.appendingPathComponent("report.docx"), "word/document.xml")
        #expect(document.contains("非該当の人数は項目により異なります") && document.contains(">非該当</w:t>"))
    }

    @Test func aBatteryAskedOfSomeSaysHowManyWereLeftOutOnce() throws {
        let folder = try Self.wave(Self.yaml.replacingOccurrences(of: "    label: 取組の認知\n", with: "    label: 取組の認知\n    asked_if: {district: [1]}\n"))
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try SurveyBinary.run(["report", "s", "--out", "out"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let markdown = try String(contentsOf: folder.appendingPathComponent("out/s/2023/report.md"), encoding: .utf8)
        #expect(markdown.contains("n = 30　3項目（各項目1つずつ回答）　該当者のみ（"), "\(markdown)")
        #expect(markdown.contains("）　非該当 30人\n\n| 項目 | n | 非該当 | 知っている |"), "\(markdown)")
        #expect(markdown.contains("| 地域福祉計画 | 30 | 30 | "), "\(markdown)")
    }
}
