import Foundation
import SurveyTabulation
import SurveyTestSupport
import Testing

/// The example wave's weighted cross-tab tests as domains of the whole wave's design, against R's survey package
/// (`Fixtures/reference_domain_example.R` → `Fixtures/domain_example.csv`, from the raw data): q9 (問9, asked of few)
/// by sex, age and years per choice, and q6 (a single question with 無回答) by age and sex — svychisq(statistic = "F")
/// and svyglm's slope and SE per group, at 1e-9. The design is every respondent of the wave (n_h and the degrees of
/// freedom the wave's), which the same tests on the table's respondents alone miss by up to 2 % in F.
struct DomainExampleTests {
    @Test("q9 and q6 by the axes: Rao–Scott tests and design z over the wave's design match R at 1e-9")
    func domainsMatchR() throws {
        let tabulation = try #require(exampleTabulation)
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/domain_example.csv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        #expect(lines.first == "question,break,choice,group,quantity,value")
        var tests = 0, cells = 0, errors: [Double] = []
        for line in lines.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let question = try #require(tabulation.questions.first { $0.question.id == f[0] }, "\(line)")
            let crossTab = try #require(question.crossTabs.first { $0.axis.id == f[1] }, "\(line)")
            let expected = try #require(Double(f[5]))
            let actual: Double
            if f[3].isEmpty {
                let choice = f[2].isEmpty ? nil : Int(f[2])
                let test = try #require(crossTab.tests.first { $0.method == .raoScott && $0.choice == choice }?.raoScott, "no rao-scott row: \(line)")
                actual = ["f": test.statistic, "ndf": test.numeratorDF, "ddf": test.denominatorDF, "p": test.pValue][f[4]] ?? .nan
                tests += 1
            } else {
                let choice = try #require(Int(f[2]))
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
        #expect(tests == 3 * 8 * 4 + 2 * 4 && cells == 8 * 2 * (3 + 7 + 4) + 4 * 2 * (7 + 3))
        RelativeError.report("q9 and q6 as domains of the wave vs R", errors)
    }
}
