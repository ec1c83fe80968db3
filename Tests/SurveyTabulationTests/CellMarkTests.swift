import Foundation
import SurveyReports
import SurveyTabulation
import SurveyTestSupport
import Testing

/// ▲/▼ never point against what a reader sees: the group's printed % against the 全体 row's printed %.
@Suite struct CellMarkTests {
    /// The reproduction of issue 14: residuals without 無回答 point one way, printed percentages the other.
    @Test func aMarkNeverContradictsThePrintedPercentages() throws {
        let yaml = """
        title: t
        wave: 2023
        data:
          - file: d.csv
        breaks: [sex]
        questions:
          - {id: sex, column: sex, type: single, choices: {1: 男性, 2: 女性}}
          - {id: q, column: q, type: single, choices: {1: はい, 2: いいえ}}
        """
        let rows = Array(repeating: "1,1", count: 30) + Array(repeating: "1,2", count: 20) + Array(repeating: "1,", count: 50)
            + Array(repeating: "2,1", count: 25) + Array(repeating: "2,2", count: 5) + Array(repeating: "2,", count: 70)
        let responses = try loadWave(yaml: yaml, csv: "sex,q\n" + rows.joined(separator: "\n") + "\n")
        let tabulation = Tabulator.tabulate(responses)
        let tab = try #require(tabulation.questions.first { $0.question.id == "q" })
        let text = CrossTabText(question: tab, crossTab: try #require(tab.crossTabs.first)).text
        let lines = text.components(separatedBy: "\n")
        #expect(lines.contains("全体\t200\t27.5\t12.5\t60.0"))
        // 男性 30.0 is above 27.5 though its residual is negative: no ▼; 女性 25.0 is below though positive: no ▲.
        #expect(lines.contains("男性\t100\t30.0\t20.0▲\t50.0"), "\(text)")
        #expect(lines.contains("女性\t100\t25.0\t5.0▼\t70.0"), "\(text)")
        let marks = try ReportDocument(tabulation).tables(of: tab).reduce(0) { $0 + (try Self.checkMarks($1)) }
        #expect(marks == 2)
    }

    /// Every cross-tab of the example's report (all of them, as `tables/` holds them).
    @Test func everyCrossTabOfTheExampleAgreesWithItsMarks() throws {
        let tabulation = try #require(exampleTabulation)
        let document = ReportDocument(tabulation)
        var marked = 0
        for question in tabulation.questions {
            for table in document.tables(of: question) { marked += try Self.checkMarks(table) }
        }
        #expect(marked > 300)
    }

    /// A seeded random set of waves where 無回答 differs strongly between groups, in the report and in `crosstab`.
    @Test func randomTablesWithUnevenNonresponseAgreeWithTheirMarks() throws {
        var generator = SplitMix64(seed: 14)
        var questions: [String] = []
        let count = 40
        for index in 0..<count {
            let type = index % 4 == 3 ? "multiple" : "single"
            let separator = type == "multiple" ? ", separator: \",\"" : ""
            questions.append("  - {id: q\(index), column: q\(index), type: \(type)\(separator), choices: {1: a, 2: b, 3: c}}")
        }
        let yaml = "title: t\nwave: 2023\ndata:\n  - file: d.csv\nbreaks: [g]\nquestions:\n"
            + "  - {id: g, column: g, type: single, choices: {1: x, 2: y, 3: z}}\n" + questions.joined(separator: "\n") + "\n"
        var lines = ["g," + (0..<count).map { "q\($0)" }.joined(separator: ",")]
        // Per question and group: a share of 無回答 between 0 and 80 % and a lean towards one choice.
        let skew = (0..<count).map { _ in (0..<3).map { _ in (Double.random(in: 0...0.8, using: &generator), Int.random(in: 1...3, using: &generator)) } }
        for _ in 0..<600 {
            let group = Int.random(in: 0...2, using: &generator)
            var cells = [String(group + 1)]
            for question in 0..<count {
                let (missing, lean) = skew[question][group]
                if Double.random(in: 0..<1, using: &generator) < missing { cells.append(""); continue }
                let code = Double.random(in: 0..<1, using: &generator) < 0.4 ? lean : Int.random(in: 1...3, using: &generator)
                cells.append(question % 4 == 3 ? "\"\(code),\(code % 3 + 1)\"" : String(code))
            }
            lines.append(cells.joined(separator: ","))
        }
        let responses = try loadWave(yaml: yaml, csv: lines.joined(separator: "\n") + "\n")
        let tabulation = Tabulator.tabulate(responses)
        let document = ReportDocument(tabulation)
        var marked = 0
        for question in tabulation.questions {
            for table in document.tables(of: question) { marked += try Self.checkMarks(table) }
            for crossTab in question.crossTabs {
                marked += try Self.checkMarks(crossTabText: CrossTabText(question: question, crossTab: crossTab).text)
            }
        }
        #expect(marked > 50)
    }

    /// Checks a report table laid out as 全体 then groups; returns how many marks it holds.
    @discardableResult
    static func checkMarks(_ table: ReportTable, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Int {
        guard table.rows.first?.first == "全体", table.header.count > 2 else { return 0 }
        return try checkMarks(whole: Array(table.rows[0].dropFirst(2)), groups: table.rows.dropFirst().map { ($0[0], Array($0.dropFirst(2))) },
                              where: table.caption, sourceLocation: sourceLocation)
    }

    /// Checks the lines of `survey crosstab` between 全体 and the tests.
    static func checkMarks(crossTabText text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Int {
        let lines = text.components(separatedBy: "\n").map { $0.components(separatedBy: "\t") }
        let whole = try #require(lines.firstIndex { $0.first == "全体" })
        let groups = lines[(whole + 1)...].prefix { $0.count == lines[whole].count && !$0[0].isEmpty }
        return try checkMarks(whole: Array(lines[whole].dropFirst(2)), groups: groups.map { ($0[0], Array($0.dropFirst(2))) },
                              where: lines[0].joined(), sourceLocation: sourceLocation)
    }

    static func checkMarks(whole: [String], groups: [(String, [String])], where place: String,
                           sourceLocation: Testing.SourceLocation) throws -> Int {
        var marks = 0
        for (label, cells) in groups {
            for (cell, total) in zip(cells, whole) {
                let up = cell.hasSuffix("▲"), down = cell.hasSuffix("▼")
                guard up || down else { continue }
                marks += 1
                let printed = String(cell.dropLast())
                let value = printed == "-" ? 0 : try #require(Double(printed), "\(place) \(label) \(cell)", sourceLocation: sourceLocation)
                let reference = total == "-" ? 0 : try #require(Double(total), "\(place) 全体 \(total)", sourceLocation: sourceLocation)
                #expect(up ? value > reference : value < reference, "\(place) \(label): \(cell) against 全体 \(total)", sourceLocation: sourceLocation)
            }
        }
        return marks
    }
}
