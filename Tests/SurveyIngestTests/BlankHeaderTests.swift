import SurveyDiagnostics
import Testing
@testable import SurveyIngest

/// Blank header cells (issue 17): Excel's trailing empty columns are ignored with a warning; a value under a blank
/// header is an error naming the column's letter and field number.
@Suite struct BlankHeaderTests {
    @Test func ignoresBlankColumnsThatAreEmptyEverywhere() throws {
        let result = try readCSV(utf8("ID,q1,,\r\n1,1,,\r\n2,2,,\r\n"))
        #expect(result.header?.names == ["ID", "q1", "", ""])
        #expect(result.records.map(\.fields) == [["1", "1", "", ""], ["2", "2", "", ""]])
        #expect(result.diagnostics.map(\.description) == [
            "data.csv:1:3: warning: column C (field 3) has a blank header cell and no values; it is ignored",
            "data.csv:1:4: warning: column D (field 4) has a blank header cell and no values; it is ignored",
        ])
        #expect(result.diagnostics.map(\.kind) == ["blank-header-column", "blank-header-column"])
    }

    @Test func refusesAValueUnderABlankHeader() throws {
        let result = try readCSV(utf8("ID,q1, ,\n1,1,,\n2,2,\"x\ny\",\n3,1,z,w\n4,1,v,\n"))
        #expect(result.diagnostics.map(\.description) == [
            "data.csv:3:3: error: found 'x\\ny' in column C (field 3), whose header cell is blank; expected a name in the header above every column that holds answers\n"
                + "data.csv:3:3: note: type a name into the column's header cell (and name it in survey.yaml if it is a question), or delete the column",
            "data.csv:5:4: error: found 'w' in column D (field 4), whose header cell is blank; expected a name in the header above every column that holds answers\n"
                + "data.csv:5:4: note: type a name into the column's header cell (and name it in survey.yaml if it is a question), or delete the column",
        ])
        #expect(result.diagnostics.map(\.kind) == ["blank-header", "blank-header"])
    }

    @Test func aBlankHeaderIsNoDuplicateAndKeepsTheFileInOrder() throws {
        // Two blank names are not a duplicate header; a duplicate named one still is.
        let result = try readCSV(utf8("ID,,q1,,q1\n1,,1,,2\n"))
        #expect(result.diagnostics.map(\.kind) == ["duplicate-header", "blank-header-column", "blank-header-column"])
    }
}
