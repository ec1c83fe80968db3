import Foundation
import SurveyTabulation
import SurveyTestSupport
import Testing

/// Compares the example wave's Benjamini–Hochberg adjusted p, trend tests and Kruskal–Wallis tests with R
/// (`Fixtures/reference_wave_tests.R`, re-run with `Rscript Tests/SurveyTabulationTests/Fixtures/reference_wave_tests.R`
/// from the repository root after re-recording Reports/). Tolerances are relative: adjusted p 1e-12 (the same
/// products and minima), χ², H and slopes 1e-11, p-values 1e-9 (as in SurveyStatistics' own checks); degrees of
/// freedom and n exactly; Fisher–Freeman–Halton p 1e-9; Monte Carlo p within four standard errors of R's own simulation.
struct WaveTestsReferenceTests {
    static let tolerances = ["p_adjusted": 1e-12, "ffh_p": 1e-9, "trend_statistic": 1e-11, "trend_slope": 1e-11, "trend_p": 1e-9,
                             "kw_statistic": 1e-11, "kw_p": 1e-9]

    struct Reference: CustomStringConvertible {
        var quantity, question, breakID, choice, test, value: String
        var description: String { "\(quantity) \(question) × \(breakID) \(test)" + (choice.isEmpty ? "" : " choice \(choice)") }
    }

    static func references() throws -> [Reference] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/reference_wave_tests.csv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        #expect(lines.first == "quantity,question,break,choice,test,value")
        return lines.dropFirst().map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            precondition(f.count == 6, "malformed fixture line: \(line)")
            return Reference(quantity: f[0], question: f[1], breakID: f[2], choice: f[3], test: f[4], value: f[5])
        }
    }

    @Test func adjustedPTrendsAndKruskalWallisAgreeWithR() throws {
        let tabulation = try #require(exampleTabulation)
        let references = try Self.references()
        #expect(Set(references.map(\.quantity)) == ["p_adjusted", "trend_statistic", "trend_p", "trend_slope",
                                                    "monte_carlo_p", "ffh_p", "kw_statistic", "kw_df", "kw_p", "kw_n"])
        var checked = 0
        for reference in references {
            let test = tabulation.questions.first { $0.question.id == reference.question }?
                .crossTabs.first { $0.axis.id == reference.breakID }?
                .tests.first { $0.method.rawValue == reference.test && $0.choice.map(String.init) ?? "" == reference.choice }
            guard let test else {
                Issue.record("no test for \(reference)")
                continue
            }
            let actual: Double?
            switch reference.quantity {
            case "p_adjusted": actual = test.adjustedP
            case "monte_carlo_p": actual = test.exactP
            case "ffh_p":
                #expect(test.exactMethod == "fisher-freeman-halton", "\(reference)")
                actual = test.exactP
            case "trend_statistic": actual = test.trend?.statistic
            case "trend_p": actual = test.trend?.pValue
            case "trend_slope": actual = test.trend?.slope
            case "kw_statistic": actual = test.kruskalWallis?.statistic
            case "kw_p": actual = test.kruskalWallis?.pValue
            case "kw_df": actual = test.kruskalWallis.map { Double($0.degreesOfFreedom) }
            default: actual = Double(test.n)
            }
            let expected = try #require(Double(reference.value), "\(reference)")
            guard let actual else {
                Issue.record("\(reference): no value")
                continue
            }
            if reference.quantity == "monte_carlo_p" {
                // Two simulations of the same p: within four standard errors of survey's 10^5 draws and R's 10^6.
                let error = (actual * (1 - actual) / 1e5).squareRoot() + (expected * (1 - expected) / 1e6).squareRoot()
                #expect(test.exactMethod == "monte-carlo (100000 draws)", "\(reference)")
                #expect(abs(actual - expected) <= 4 * error + 1e-5, "\(reference): \(actual) vs R \(expected)")
            } else {
                let tolerance = Self.tolerances[reference.quantity] ?? 0
                #expect(RelativeError.ofLarger(actual, expected) <= tolerance, "\(reference): \(actual) vs R \(expected)")
            }
            checked += 1
        }
        #expect(checked == references.count)
        // Every test the report uses has its R reference: none is left out of the family.
        let used = tabulation.questions.flatMap(\.crossTabs).flatMap(\.tests).filter { $0.reportedP != nil }.count
        #expect(references.filter { $0.quantity == "p_adjusted" }.count == used)
    }
}
