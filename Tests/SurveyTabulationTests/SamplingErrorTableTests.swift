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

    /// The formula written out again, independently of `SamplingError`: with weights n is Kish's effective size
    /// (Σw)²/Σw² (the finite population correction keeps the actual n).
    static func points(p: Double, n: Int, population: Int?, effective: Double? = nil) -> Double {
        let correction = population.map { Double($0 - n) / Double($0 - 1) } ?? 1
        return 100 * 1.96 * (correction * p * (1 - p) / (effective ?? Double(n))).squareRoot()
    }

    /// `effective`: per row, Kish's effective size (weighted waves; their table has the 有効標本数 column).
    static func check(_ table: ReportTable, population: Int?, effective: [Double]? = nil) {
        let first = effective == nil ? 2 : 3
        #expect(table.header == ["区分", "n"] + (effective == nil ? [] : ["有効標本数"])
                + ["10％または90％", "20％または80％", "30％または70％", "40％または60％", "50％"])
        for (index, row) in table.rows.enumerated() {
            let n = Int(row[1].replacingOccurrences(of: ",", with: "")) ?? 0
            if let effective { #expect(row[2] == CountText.grouped(Int(effective[index].rounded())), "\(row)") }
            for (column, p) in [0.1, 0.2, 0.3, 0.4, 0.5].enumerated() {
                let expected = points(p: p, n: n, population: index == 0 ? population : nil, effective: effective?[index])
                let printed = Double(row[column + first]) ?? .nan
                #expect(abs(printed - expected) <= 0.05 + 1e-9, "\(row[0]) n = \(n) p = \(p): \(row[column + first]) against \(expected)")
            }
        }
    }

    @Test func theExampleListsTheWaveTheAreasAndRoundBases() throws {
        let tabulation = try #require(exampleTabulation)
        let table = try Self.table(tabulation)
        #expect(table.rows.map { $0[0] } == ["全体", "北部", "中部", "南部", "（参考）", "（参考）", "（参考）", "（参考）"])
        #expect(table.rows.map { $0[1] } == ["1,665", "435", "695", "530", "1,000", "500", "200", "100"])
        #expect(tabulation.definition.fieldwork.populationSize == 98000)
        // The example's 2023 is weighted (strata by district): Kish's n_eff of the wave and of each area, the round
        // bases over the wave's design effect.
        let rates = tabulation.responseRates
        let whole = try #require(rates.first?.designEffect)
        let areas = try ["北部", "中部", "南部"].map { label in
            try #require(rates.first { $0.breakID == "area" && $0.label == label }?.effectiveSize)
        }
        let effective = [try #require(rates.first?.effectiveSize)] + areas + [1000, 500, 200, 100].map { Double($0) / whole }
        #expect(table.rows[0][2] == "1,511" && whole > 1.05)
        Self.check(table, population: 98000, effective: effective)
        #expect(try Self.note(tabulation).contains("1.96 × √(p(1 − p) / 有効標本数)"))
        // Without weights: the simple random sampling table.
        var unweighted = tabulation
        for index in unweighted.responseRates.indices { unweighted.responseRates[index].weighting = nil }
        let plain = try Self.table(unweighted)
        #expect(plain.rows.map { $0[1] } == table.rows.map { $0[1] })
        Self.check(plain, population: 98000)
        #expect(try !Self.note(unweighted).contains("有効標本数"))
    }

    /// The 早見表's note (the paragraph before its table).
    static func note(_ tabulation: WaveTabulation) throws -> String {
        let blocks = ReportDocument(tabulation).blocks
        let heading = try #require(blocks.firstIndex { if case .heading(_, "標本誤差早見表") = $0 { return true } else { return false } })
        guard case .paragraph(let text) = blocks[heading + 1] else { Issue.record("no note"); return "" }
        return text
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
