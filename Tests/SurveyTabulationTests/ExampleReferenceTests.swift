import Foundation
import SurveyDefinition
import SurveyTabulation
import SurveyTestSupport
import Testing

/// Compares the tabulation of `Surveys/shimin/2023` with reference values computed independently in R
/// (`Fixtures/reference_example.R`, re-run with `Rscript Tests/SurveyTabulationTests/Fixtures/reference_example.R`
/// from the repository root). Counts must match exactly; doubles (p-values included) to 1e-9 relative.
struct ExampleReferenceTests {
    static let tolerance = 1e-9

    /// Quantities that are counts and must match exactly.
    static let integerQuantities: Set<String> = ["count", "base", "axis_nonresponse", "chisq_df", "chisq_n", "n", "missing"]

    /// One row of `reference_example.csv`.
    struct Reference: CustomStringConvertible {
        var quantity, question, breakID, breakValue, choice, value: String

        var description: String {
            "\(quantity) \(question) [\(breakID)\(breakValue.isEmpty ? "" : "=\(breakValue)")]" + (choice.isEmpty ? "" : " choice \(choice)")
        }
    }

    /// A value found on the Swift side.
    enum Actual {
        case integer(Int)
        case double(Double)
    }

    static func references() throws -> [Reference] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/reference_example.csv")
        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        #expect(lines.first == "quantity,question,break,break_value,choice,value")
        return lines.dropFirst().map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            precondition(f.count == 6, "malformed fixture line: \(line)")
            return Reference(quantity: f[0], question: f[1], breakID: f[2], breakValue: f[3], choice: f[4], value: f[5])
        }
    }

    /// The Swift value a reference row names, or a reason why it cannot be found.
    static func actual(for reference: Reference, in tabulation: WaveTabulation) -> Result<Actual, LookupError> {
        guard let question = tabulation.questions.first(where: { $0.question.id == reference.question }) else {
            return .failure(LookupError("no question \(reference.question)"))
        }
        var table = question.total
        var summary = question.totalSummary
        var crossTab: CrossTab?
        if reference.breakID != "total" {
            guard let found = question.crossTabs.first(where: { $0.axis.id == reference.breakID }) else {
                return .failure(LookupError("no cross-tab by \(reference.breakID)"))
            }
            crossTab = found
            if !reference.breakValue.isEmpty {
                guard let code = Int(reference.breakValue), let group = found.groups.first(where: { $0.value.code == code }) else {
                    return .failure(LookupError("no group \(reference.breakValue)"))
                }
                table = group.table
                summary = group.summary
            }
        }

        func row() -> FrequencyRow? {
            if reference.choice == "nonresponse" { return table.rows.first { $0.kind == .nonresponse } }
            if reference.choice.hasPrefix("net"), let index = Int(reference.choice.dropFirst(3)) {
                let nets = table.rows.filter { if case .net = $0.kind { true } else { false } }
                return nets.indices.contains(index - 1) ? nets[index - 1] : nil
            }
            guard let code = Int(reference.choice) else { return nil }
            return table.rows.first { $0.kind == .choice(code: code) }
        }

        func test(_ method: IndependenceTest.Method) -> IndependenceTest? {
            let choice = reference.choice.isEmpty ? nil : Int(reference.choice)
            return crossTab?.tests.first { $0.method == method && $0.choice == choice }
        }

        func double(_ value: Double?) -> Result<Actual, LookupError> {
            value.map { .success(.double($0)) } ?? .failure(LookupError("value is nil"))
        }

        switch reference.quantity {
        case "count":
            return row().map { .success(.integer($0.count)) } ?? .failure(LookupError("no row \(reference.choice)"))
        case "base":
            return .success(.integer(table.base))
        case "adj_residual":
            return row().map { double($0.adjustedResidual) } ?? .failure(LookupError("no row \(reference.choice)"))
        case "axis_nonresponse":
            return crossTab.map { .success(.integer($0.axisNonresponse)) } ?? .failure(LookupError("not a cross-tab"))
        case "chisq_statistic", "chisq_df", "chisq_p", "chisq_n", "cramers_v":
            guard let chiSquare = test(.chiSquare)?.chiSquare else { return .failure(LookupError("no chi-square test")) }
            switch reference.quantity {
            case "chisq_statistic": return .success(.double(chiSquare.statistic))
            case "chisq_df": return .success(.integer(chiSquare.degreesOfFreedom))
            case "chisq_p": return .success(.double(chiSquare.pValue))
            case "chisq_n": return .success(.integer(chiSquare.n))
            default: return .success(.double(chiSquare.cramersV))
            }
        case "fisher_p":
            return test(.fisher).map { .success(.double($0.pValue)) } ?? .failure(LookupError("no Fisher test"))
        case "n", "missing", "mean", "sd", "q1", "median", "q3":
            guard let summary else { return .failure(LookupError("no number summary")) }
            switch reference.quantity {
            case "n": return .success(.integer(summary.n))
            case "missing": return .success(.integer(summary.missing))
            case "mean": return double(summary.mean)
            case "sd": return double(summary.standardDeviation)
            case "q1": return double(summary.q1)
            case "median": return double(summary.median)
            default: return double(summary.q3)
            }
        default:
            return .failure(LookupError("unknown quantity \(reference.quantity)"))
        }
    }

    struct LookupError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    @Test func exampleMatchesRReference() throws {
        let tabulation = try #require(exampleTabulation, "the example wave Surveys/shimin/2023 could not be loaded")
        let references = try Self.references()
        #expect(references.count > 400, "the fixture looks truncated")
        var compared = 0
        var largest = (error: 0.0, reference: "")
        for reference in references {
            switch Self.actual(for: reference, in: tabulation) {
            case .failure(let error):
                Issue.record("\(reference): \(error)")
            case .success(.integer(let actual)):
                #expect(Self.integerQuantities.contains(reference.quantity), "\(reference): an integer for a double quantity")
                let expected = Int(reference.value)
                #expect(expected != nil, "\(reference): reference \(reference.value) is not an integer")
                #expect(actual == expected, "\(reference): Swift \(actual), R \(reference.value)")
                compared += 1
            case .success(.double(let actual)):
                let expected = try #require(Double(reference.value), "\(reference): reference \(reference.value) is not a number")
                let error = RelativeError.ofLarger(actual, expected)
                #expect(error <= Self.tolerance,
                        "\(reference): Swift \(actual), R \(reference.value), relative error \(error)")
                if error > largest.error { largest = (error, reference.description) }
                compared += 1
            }
        }
        #expect(compared == references.count)
        print("ExampleReferenceTests: compared \(compared) reference values; largest relative error \(largest.error) (\(largest.reference))")
    }
}
