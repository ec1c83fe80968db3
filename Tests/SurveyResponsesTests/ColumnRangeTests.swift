import Foundation
import SurveyDefinition
import SurveyDiagnostics
import SurveyTestSupport
import Testing
@testable import SurveyResponses

/// Flag columns written as a range (`columns: 問3_1..問3_4`): expanded in the header's order of the first data file,
/// coded as the listed columns are, and a bound absent from the header is an error naming it.
@Suite struct ColumnRangeTests {
    static func yaml(_ columns: String, choices: String = "{1: a, 2: b, 3: c, 4: d}") -> String {
        """
        title: 範囲
        wave: 2024
        data:
          - file: a.csv
          - file: b.csv
        questions:
          - id: q1
            column: 問1
            type: single
            choices: {1: はい, 2: いいえ}
          - id: q3
            type: multiple
            columns: \(columns)
            choices: \(choices)
        """
    }

    // The header's order, not the names' order: 問3_10 stands between 問3_1 and 問3_2 in the file.
    static let a = "問1,問3_1,問3_10,問3_2,問3_3,問2\r\n1,1,,1,,x\r\n2,,1,,1,y\r\n1,,,,,z\r\n"
    // Another file with the same columns in another order: matched by name.
    static let b = "問3_2,問3_1,問3_10,問3_3,問1,問2\r\n1,,,,2,w\r\n"

    static func read(_ yaml: String) throws -> (table: ResponseTable?, reference: ResponseTable?, messages: [String]) {
        let fixture = try WaveFixture(yaml: yaml, files: ["a.csv": Array(a.utf8), "b.csv": Array(b.utf8)])
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        var problems = DiagnosticsEngine()
        let definition = try fixture.definition()
        let table = ResponseReader.read(definition: definition, folder: fixture.folder.path, diagnostics: &problems)
        var referenceProblems = DiagnosticsEngine()
        let reference = ReferenceReader.read(definition: definition, folder: fixture.folder.path, diagnostics: &referenceProblems)
        #expect(problems.diagnostics.map(\.description) == referenceProblems.diagnostics.map(\.description))
        let prefix = fixture.folder.path + "/"
        return (table, reference, problems.diagnostics.map { $0.description.replacingOccurrences(of: prefix, with: "") })
    }

    @Test func aRangeIsTheHeadersColumnsFromTheFirstToTheLast() throws {
        let ranged = try Self.read(Self.yaml("問3_1..問3_3"))
        let listed = try Self.read(Self.yaml("[問3_1, 問3_10, 問3_2, 問3_3]"))
        #expect(ranged.messages.isEmpty, "\(ranged.messages)")
        let table = try #require(ranged.table)
        #expect(table.definition.question("q3")?.columns.map(\.value) == ["問3_1", "問3_10", "問3_2", "問3_3"])
        let selections = try #require(table.columns["q3"]?.selections)
        #expect((0..<table.count).map { selections[$0] } == [0b0101, 0b1010, 0, 0b0100])
        let listedSelections = try #require(listed.table?.columns["q3"]?.selections)
        #expect((0..<table.count).map { listedSelections[$0] } == (0..<table.count).map { selections[$0] })
        let reference = try #require(ranged.reference?.columns["q3"]?.selections)
        #expect((0..<table.count).map { reference[$0] } == (0..<table.count).map { selections[$0] })
    }

    @Test func aBoundAbsentFromTheHeaderIsNamed() throws {
        let result = try Self.read(Self.yaml("問3_1..問3_4"))
        #expect(result.table == nil)
        #expect(result.messages == [
            "survey.yaml:13:20: error: found no column '問3_4' in a.csv; expected it in the header line\n"
                + "survey.yaml:13:20: note: did you mean '問3_1'? correct the column name in survey.yaml or in the file's header",
        ])
    }

    @Test func aRangeOfTheWrongLengthOrOrderIsAnError() throws {
        let short = try Self.read(Self.yaml("問3_1..問3_2"))
        #expect(short.table == nil)
        #expect(short.messages == [
            "survey.yaml:13:14: error: found '3 columns from '問3_1' to '問3_2' in a.csv' for 'columns'; expected one flag column per choice (4), from the first to the last in the header's order\n"
                + "survey.yaml:13:14: note: see the survey.yaml reference in the README for the form of this key",
        ])
        let backwards = try Self.read(Self.yaml("問3_3..問3_1"))
        #expect(backwards.messages.first?.hasPrefix("survey.yaml:13:14: error: found ''問3_1' before '問3_3' in a.csv' for 'columns'") == true, "\(backwards.messages)")
    }
}
