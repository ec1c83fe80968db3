import Foundation
import SurveyDiagnostics
import Testing
@_spi(Parts) @testable import SurveyIngest

/// SurveyMonkey's header on two rows (issue 17): one name per column, records and problems at their physical lines.
@Suite struct TwoRowHeaderTests {
    static let header = "Respondent ID,Start Date,Where do you live?,Which do you use?,,,Rate each:,,Comments\r\n"
        + ",,Response,Bus,Library,Other (please specify),Bus,Library,Open-Ended Response\r\n"

    @Test func namesAColumnByItsQuestionAndItsSecondRowLabel() {
        let columns = TwoRowHeader.columns(
            first: ["Respondent ID", "Q1", "Q2", "", "", "Q3", "Q3", "", ""],
            second: ["", "Response", "Bus", "Library", "Other (please specify)", "Open-Ended Response", "x", "", "Only"])
        #expect(columns.map(\.name) == ["Respondent ID", "Q1", "Q2 / Bus", "Q2 / Library", "Q2 / Other (please specify)", "Q3",
                                        "Q3 / x", "", "Only"])
        #expect(columns.map(\.question) == ["Respondent ID", "Q1", "Q2", "Q2", "Q2", "Q3", "Q3", "", ""])
        #expect(columns.map(\.label) == [nil, nil, "Bus", "Library", "Other (please specify)", nil, "x", nil, "Only"])
    }

    @Test func readsTheHeaderFromTwoRowsAndTheRecordsFromLineThree() throws {
        let text = Self.header + "11,09/02/2024,North,Bus,,,Good,Poor,\r\n12,09/03/2024,South,,Library,by car,Poor,,\"a\nb\"\r\n13,x,North,Bus,Library,,,,\r\n"
        let result = try readCSV(utf8(text), headerRows: 2)
        #expect(result.diagnostics.isEmpty)
        #expect(result.header?.names == ["Respondent ID", "Start Date", "Where do you live?", "Which do you use? / Bus",
                                         "Which do you use? / Library", "Which do you use? / Other (please specify)",
                                         "Rate each: / Bus", "Rate each: / Library", "Comments"])
        #expect(result.records.map(\.line) == [3, 4, 6])
        #expect(result.records.first?.fields == ["11", "09/02/2024", "North", "Bus", "", "", "Good", "Poor", ""])
        #expect(result.header?.recordCount == 3)
    }

    @Test func citesProblemsAtTheirLinesBelowBothHeaderRows() throws {
        let text = Self.header + "11,a,North,Bus,,,Good,Poor,\r\n12,b,South\r\n"
        let result = try readCSV(utf8(text), headerRows: 2)
        #expect(result.diagnostics.map(\.description) == [
            "data.csv:4:4: error: found 3 fields; expected 9 as in the header (line 1)\n"
                + "data.csv:4:4: note: add the missing cells (empty is fine) so that every row has as many cells as the header",
        ])
    }

    @Test func aSecondRowOfAnotherLengthAndADuplicateNameAreCitedOnLineTwo() throws {
        let short = try readCSV(utf8("ID,Q1,Q2\n,Response\n1,a,b\n"), headerRows: 2)
        #expect(short.diagnostics.map(\.description).first?.hasPrefix("data.csv:2:3: error: found 2 fields; expected 3") == true)
        #expect(short.header?.names == ["ID", "Q1", "Q2"])
        let duplicate = try readCSV(utf8("ID,Q1,,Q1,\n,a,b,a,c\n1,a,,,c\n"), headerRows: 2)
        #expect(duplicate.diagnostics.map(\.description) == [
            "data.csv:2:4: error: found the column name 'Q1 / a' twice; it is also column 2\n"
                + "data.csv:2:4: note: rename one of the columns so that every column name is unique",
        ])
    }

    @Test func aFileOfOneLineIsAHeaderWithoutRows() throws {
        let result = try readCSV(utf8("ID,Q1\r\n"), headerRows: 2)
        #expect(result.header?.names == ["ID", "Q1"])
        #expect(result.diagnostics.map(\.kind) == ["no-rows"])
    }

    @Test func aBlankColumnOnBothRowsIsIgnoredAndAValueUnderItIsCitedByLetter() throws {
        let result = try readCSV(utf8("ID,Q1,\n,Response,\n1,a,\n2,b,x\n"), headerRows: 2)
        #expect(result.diagnostics.map(\.description).first?.hasPrefix("data.csv:4:3: error: found 'x' in column C (field 3), whose header cell is blank") == true)
    }

    @Test func readInPartsGivesTheRecordsOfAnInOrderRead() throws {
        var text = Self.header
        for row in 1...3_000 { text += "\(row),d,\(row % 3 == 0 ? "North" : "South"),Bus,,\"x,\ny\",Good,,\(row % 7 == 0 ? "\"a\nb\"" : "")\r\n" }
        let file = try ParallelReadingTests.write(text)
        defer { try? FileManager.default.removeItem(at: file) }
        var engine = DiagnosticsEngine()
        var expected: [CSVRecord] = []
        let inOrder = CSVReader.read(path: file.path, headerRows: 2, diagnostics: &engine) { expected.append($0) }
        #expect(engine.diagnostics.isEmpty)
        #expect(expected.first?.line == 3)
        var sinks: [ParallelReadingTests.Sink] = []
        var names: [String] = []
        let header = CSVReader.scanInParallel(path: file.path, headerRows: 2, parallelism: CSVParallelism(parts: 3, minimumPartBytes: 1),
                                              onHeader: { names = $0 },
                                              onParts: { sizes in
                                                  sinks = sizes.map { _ in ParallelReadingTests.Sink() }
                                                  return sinks
                                              })
        #expect(header == inOrder)
        #expect(names == inOrder?.names)
        expectSameRecords(sinks.flatMap(\.records), expected)
    }
}
