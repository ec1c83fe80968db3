import Foundation
import SurveyDefinition
import SurveyDiagnostics
import Testing
@testable import SurveyResponses

/// Cells built to be expensive cost time in proportion to their length, and respondent ids memory in proportion
/// to the rows.
@Suite struct CodingCostTests {
    static func definition(_ question: String) throws -> SurveyDefinition {
        var engine = DiagnosticsEngine()
        let yaml = "title: t\nwave: 2023\ndata:\n  - file: a.csv\nquestions:\n  - " + question
        return try #require(DefinitionReader.parse(yaml: yaml, path: "survey.yaml", defaultSeries: "s", diagnostics: &engine))
    }

    @Test func aCellOfManySeparatorsIsSplitInLinearTime() throws {
        let definition = try Self.definition("{id: q1, column: 問1, type: multiple, separator: ',', choices: {1: a, 2: b, 3: c}}")
        let coder = ResponseCoder(definition: definition)
        let question = definition.questions[0]
        var diagnostics = DiagnosticsEngine()
        func seconds(separators: Int) -> Double {
            let elapsed = ContinuousClock().measure {
                let bits = coder.codeOneCell(Array(repeating: "2", count: separators + 1).joined(separator: ","), question: question,
                                             matcher: coder.matchers[0]!, values: coder.values[0], location: SourceLocation(path: "a.csv", line: 2, column: 1),
                                             diagnostics: &diagnostics)
                #expect(bits == 0b010)
                _ = coder.codeOneCell(String(repeating: ",", count: separators), question: question, matcher: coder.matchers[0]!, values: coder.values[0],
                                      location: SourceLocation(path: "a.csv", line: 3, column: 1), diagnostics: &diagnostics)
            }
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        }
        let small = seconds(separators: 40_000), large = seconds(separators: 320_000)
        #expect(!diagnostics.hasErrors)
        // Eight times the separators: about eight times the time (64 times when each split copied the rest of the cell).
        #expect(large / small < 24, "40,000 separators: \(small) s, 320,000: \(large) s")
    }

    @Test func largeRespondentIDsAreKeptByValueNotInABitSetOfTheirSize() throws {
        var coder = ResponseCoder(definition: try Self.definition("{id: q1, column: 問1, type: text}"))
        let marks = [coder.markSeen(999_999_999), coder.markSeen(999_999_999), coder.markSeen(3), coder.markSeen(3)]
        #expect(marks == [true, false, true, false])
        #expect(coder.seenIDBits.count * 8 < 1 << 10)
        #expect(coder.seenLargeIDs == [999_999_999])
    }
}
