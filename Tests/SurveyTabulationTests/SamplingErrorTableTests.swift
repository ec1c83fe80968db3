import Foundation
import SurveyReports
import SurveyTabulation
import Testing

/// The 標本誤差早見表 of 報告書の見方 against its formula ± 1.96·√((N − n)/(N − 1)·p(1 − p)/n), in points.
@Suite struct SamplingErrorTableTests {
    static func table(_ tabulation: WaveTabulation) throws -> ReportTable {
        let tables = ReportDocument(tabulation).blocks.compactMap { block -> ReportTable? in
            if case .table(let table) = block, table.caption.hasPrefix("標本誤差早見表") { return table }
            return nil
        }
        return try #require(tables.first)
    }

    /// The formula written out again, independently of `SamplingError`.
    static func points(p: Double, n: Int, population: Int?) -> Double {
        let correction = population.map { Double($0 - n) / Double($0 - 1) } ?? 1
        return 100 * 1.96 * (correction * p * (1 - p) / Double(n)).squareRoot()
    }

    static func check(_ table: ReportTable, population: Int?) {
        #expect(table.header == ["区分", "n", "10％または90％", "20％または80％", "30％または70％", "40％または60％", "50％"])
        for (index, row) in table.rows.enumerated() {
            let n = Int(row[1].replacingOccurrences(of: ",", with: "")) ?? 0
            for (column, p) in [0.1, 0.2, 0.3, 0.4, 0.5].enumerated() {
                let expected = points(p: p, n: n, population: index == 0 ? population : nil)
                let printed = Double(row[column + 2]) ?? .nan
                #expect(abs(printed - expected) <= 0.05 + 1e-9, "\(row[0]) n = \(n) p = \(p): \(row[column + 2]) against \(expected)")
            }
        }
    }

    @Test func theExampleListsTheWaveTheAreasAndRoundBases() throws {
        let tabulation = try #require(exampleTabulation)
        let table = try Self.table(tabulation)
        #expect(table.rows.map { $0[0] } == ["全体", "北部", "中部", "南部", "（参考）", "（参考）", "（参考）", "（参考）"])
        #expect(table.rows.map { $0[1] } == ["1,665", "435", "695", "530", "1,000", "500", "200", "100"])
        #expect(tabulation.definition.fieldwork.populationSize == 98000)
        Self.check(table, population: 98000)
    }

    /// A small population makes the finite population correction visible: n = 200 of N = 300.
    @Test func correctsForAFinitePopulation() throws {
        let yaml = "title: t\nwave: 2023\nfieldwork:\n  population_size: 300\ndata:\n  - file: d.csv\nquestions:\n  - {id: q, column: q, type: single, choices: {1: a, 2: b}}\n"
        let responses = try loadWave(yaml: yaml, csv: "q\n" + Array(repeating: "1", count: 200).joined(separator: "\n") + "\n")
        let table = try Self.table(Tabulator.tabulate(responses))
        #expect(table.rows[0] == ["全体", "200", "2.4", "3.2", "3.7", "3.9", "4.0"])
        Self.check(table, population: 300)
    }
}
