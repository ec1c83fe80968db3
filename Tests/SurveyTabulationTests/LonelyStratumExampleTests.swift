import Foundation
import SurveyTabulation
import SurveyTestSupport
import Testing

/// The example wave's weighted tests of q9 (問9, asked of few) by sex, age and years, whose tables hold the one q9
/// respondent who left 地区 blank alone in stratum 0, against R's survey package under
/// `options(survey.lonely.psu = "adjust")` (`Fixtures/reference_lonely_example.R` → `Fixtures/lonely_example.csv`,
/// from the raw data): svychisq(statistic = "F") per choice and svyglm's slope and SE per group, at 1e-9.
struct LonelyStratumExampleTests {
    @Test("q9 by sex, age and years: the per-choice Rao–Scott tests and design z with a lonely stratum match R at 1e-9")
    func q9MatchesR() throws {
        let tabulation = try #require(exampleTabulation)
        let q9 = try #require(tabulation.questions.first { $0.question.id == "q9" })
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/lonely_example.csv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        #expect(lines.first == "question,break,choice,group,quantity,value")
        var tests = 0, cells = 0, errors: [Double] = []
        for line in lines.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let crossTab = try #require(q9.crossTabs.first { $0.axis.id == f[1] }, "\(line)")
            let choice = try #require(Int(f[2])), expected = try #require(Double(f[5]))
            let actual: Double
            if f[3].isEmpty {
                let test = try #require(crossTab.tests.first { $0.method == .raoScott && $0.choice == choice }?.raoScott, "no rao-scott row: \(line)")
                actual = ["f": test.statistic, "ndf": test.numeratorDF, "ddf": test.denominatorDF, "p": test.pValue][f[4]] ?? .nan
                tests += 1
            } else {
                let group = try #require(crossTab.groups.first { $0.value.code == Int(f[3]) }, "\(line)")
                let row = try #require(group.table.rows.first { $0.kind == .choice(code: choice) }, "\(line)")
                let test = try #require(row.domainTest, "no design test: \(line)")
                actual = f[4] == "difference" ? test.difference : test.standardError
                cells += 1
            }
            let error = f[4] == "difference" ? RelativeError.scaled(actual, expected, floor: 1e-15) : RelativeError.of(actual, expected)
            #expect(error <= 1e-9, "\(line): \(actual)")
            errors.append(error)
        }
        #expect(tests == 3 * 8 * 4 && cells == 8 * 2 * (3 + 7 + 4))
        RelativeError.report("q9 with a lonely stratum vs R", errors)
    }
}
