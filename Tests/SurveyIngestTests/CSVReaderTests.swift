import Foundation
import SurveyDiagnostics
import Testing
@testable import SurveyIngest

/// Writes `bytes` to a fresh temporary file and reads it back.
func readCSV(_ bytes: [UInt8], encoding: TextEncoding = .auto, headerRows: Int = 1) throws -> (header: CSVHeader?, records: [CSVRecord], diagnostics: [Diagnostic]) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("survey-ingest-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("data.csv")
    try Data(bytes).write(to: file)
    var engine = DiagnosticsEngine()
    var records: [CSVRecord] = []
    let header = CSVReader.read(path: file.path, displayPath: "data.csv", encoding: encoding, headerRows: headerRows, diagnostics: &engine) {
        records.append($0)
    }
    return (header, records, engine.diagnostics)
}

func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

@Suite struct CSVReaderQuotingTests {
    @Test func readsRFC4180QuotingAndCRLF() throws {
        let text = "ID,問1,意見\r\n1,2,\"a, b\"\r\n2,3,\"he said \"\"hi\"\"\"\r\n3,1,\"line1\nline2\"\r\n4,4,\"x\r\ny\"\r\n5,1,last"
        let result = try readCSV(utf8(text))
        #expect(result.diagnostics.isEmpty)
        #expect(result.header?.names == ["ID", "問1", "意見"])
        #expect(result.records.map(\.fields) == [
            ["1", "2", "a, b"],
            ["2", "3", "he said \"hi\""],
            ["3", "1", "line1\nline2"],
            ["4", "4", "x\r\ny"],
            ["5", "1", "last"],
        ])
        // Physical lines: the record after a quoted line break stands one line further down.
        #expect(result.records.map(\.line) == [2, 3, 4, 6, 8])
    }

    @Test func keepsSpacesInsideAndAroundFields() throws {
        let result = try readCSV(utf8("a,b\n\"  x  \", y \n"))
        #expect(result.records.first?.fields == ["  x  ", " y "])
    }

    @Test func fieldAfterQuotedLineBreakCitesItsOwnLine() throws {
        let result = try readCSV(utf8("a,b,c\n1,\"p\nq\",3\n"))
        #expect(result.records.first?.fieldLines == [2, 2, 3])
    }

    /// A lone CR (old Mac, some Excel exports) ends a line for locations too: the record after it is on the next line.
    @Test func aRecordAfterALoneCRStartsOnTheNextLine() throws {
        let result = try readCSV(utf8("A,B\n1,\"x\ny\"\r2,z\n3,w\n"))
        #expect(result.records.map(\.fields) == [["1", "x\ny"], ["2", "z"], ["3", "w"]])
        #expect(result.records.map(\.line) == [2, 4, 5])
        #expect(result.records.map(\.fieldLines) == [[2, 2], [4, 4], [5, 5]])
    }

    /// A record after a lone CR whose quoted field runs over the next lines (a blank one among them, which belongs
    /// to the field) starts on the line after the CR, with each field's line.
    @Test func aRecordAfterALoneCRRunningOverLinesKeepsItsLinesAndBlankLines() throws {
        let result = try readCSV(utf8("a,b,c\n1,2,3\r4,\"x\n\ny\",5\n6,7,8\n"))
        #expect(result.records.map(\.fields) == [["1", "2", "3"], ["4", "x\n\ny", "5"], ["6", "7", "8"]])
        #expect(result.records.map(\.line) == [2, 3, 6])
        #expect(result.records.map(\.fieldLines) == [[2, 2, 2], [3, 3, 5], [6, 6, 6]])
        #expect(result.diagnostics.isEmpty)
    }

    /// A file whose every line ends with a lone CR cites each record at its own line (before: all at line 1).
    @Test func aFileOfLoneCRLinesCitesEachRecordAtItsLine() throws {
        let result = try readCSV(utf8("ID,Q1\r1,1\r2,\"a\rb\"\r3,1,9\r"))
        #expect(result.records.map(\.line) == [2, 3])
        #expect(result.records.map(\.fieldLines) == [[2, 2], [3, 3]])
        #expect(result.records.map(\.fields) == [["1", "1"], ["2", "a\rb"]])
        #expect(result.diagnostics.map(\.description) == [
            "data.csv:5:3: error: found 3 fields; expected 2 as in the header (line 1)\n"
                + "data.csv:5:3: note: a comma in an answer must be inside quotes; remove the extra cells or quote the answer",
        ])
    }

    @Test func skipsBlankLinesBetweenRecords() throws {
        let result = try readCSV(utf8("a,b\r\n1,2\r\n\r\n3,4\r\n"))
        #expect(result.records.map(\.line) == [2, 4])
    }

    @Test func reportsStrayQuoteWhereItStands() throws {
        let result = try readCSV(utf8("a,b,c\n1,2,3\n4,ab\"c,6\n7,8,9\n"))
        #expect(result.diagnostics.map(\.description) == [
            "data.csv:3:2: error: found a '\"' inside field 2 (character 5 of the line) that is not quoted; expected quotes only around a whole field\n"
                + "data.csv:3:2: note: put the whole field in quotes and double every quote inside it (\"\"), as Excel does",
        ])
    }

    @Test func reportsUnterminatedQuoteWhereItOpens() throws {
        let result = try readCSV(utf8("a,b,c\n1,2,3\n4,5,\"never closed\n7,8,9\n"))
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.location == SourceLocation(path: "data.csv", line: 3, column: 3))
        #expect(result.diagnostics.first?.message
            == "found a quoted field 3 that opens here (character 5 of the line) and is never closed; expected a closing '\"'")
        #expect(result.records.count == 1)
    }

    @Test func reportsUnterminatedQuoteInFirstFieldAfterMultilineRecord() throws {
        let result = try readCSV(utf8("a,b\n\"x\ny\",2\n3,\"oops\n"))
        #expect(result.diagnostics.first?.location == SourceLocation(path: "data.csv", line: 4, column: 2))
    }

    /// A quote opened in the header is cited in the header (line 1), where it opens, not where it ends up closing.
    @Test func aQuoteOpenedInTheHeaderIsCitedAtLineOne() throws {
        let closedLater = try readCSV(utf8("ID,\"Q1\n1,\"1\n2,2\n"))
        #expect(closedLater.diagnostics.map(\.description) == [
            "data.csv:1:2: error: found a quoted field 2 that opens here (character 4 of the line) and closes on line 2, "
                + "where '1' follows its closing quote; expected a delimiter or the end of the line after a closing quote\n"
                + "data.csv:1:2: note: add the missing closing quote on the line where the field opens, or double every quote inside it (\"\")",
        ])
        let neverClosed = try readCSV(utf8("\"ID,Q1\n1,1\n2,2\n"))
        #expect(neverClosed.diagnostics.map(\.location) == [SourceLocation(path: "data.csv", line: 1, column: 1)])
        #expect(neverClosed.diagnostics.map(\.kind) == ["unterminated-quote"])
    }

    /// Every ingest problem's column is the field's number (Excel's column), whatever the kind.
    @Test func everyProblemCitesTheFieldNumberAsItsColumn() throws {
        let cases: [([UInt8], TextEncoding, String)] = [
            (utf8("ID,Q1,Q2\n1,2,ab\"c\n"), .auto, "stray-quote"),
            (utf8("ID,Q1,Q2\n1,2,\"abc\n"), .auto, "unterminated-quote"),
            (utf8("ID,Q1,Q2\n1,2,3,4\n"), .auto, "field-count"),
            (utf8("ID,Q1,Q2\n1,\"a,b\",c") + [0xFF] + utf8("\n"), .utf8, "invalid-encoding"),
            (utf8("ID,Q1,Q2\n1,\"a,b\",c") + [0x85, 0x40] + utf8("\n"), .cp932, "invalid-encoding"),
        ]
        for (bytes, encoding, kind) in cases {
            let result = try readCSV(bytes, encoding: encoding)
            #expect(result.diagnostics.map(\.kind) == [kind])
            // Field 3 (or the 4th, one past the header's three, for a row too long).
            #expect(result.diagnostics.first?.location.column == (kind == "field-count" ? 4 : 3), "\(kind)")
            #expect(result.diagnostics.first?.location.line == 2, "\(kind)")
        }
    }
}

@Suite struct CSVReaderShapeTests {
    @Test func reportsEveryRowWithWrongFieldCount() throws {
        let result = try readCSV(utf8("a,b,c\n1,2\n1,2,3\n1,2,3,4\n"))
        #expect(result.diagnostics.map(\.description) == [
            "data.csv:2:3: error: found 2 fields; expected 3 as in the header (line 1)\n"
                + "data.csv:2:3: note: add the missing cells (empty is fine) so that every row has as many cells as the header",
            "data.csv:4:4: error: found 4 fields; expected 3 as in the header (line 1)\n"
                + "data.csv:4:4: note: a comma in an answer must be inside quotes; remove the extra cells or quote the answer",
        ])
        #expect(result.records.count == 1)
    }

    @Test func reportsDuplicateHeader() throws {
        let result = try readCSV(utf8("ID,問1,問1\n1,2,3\n"))
        #expect(result.diagnostics.map(\.description) == [
            "data.csv:1:3: error: found the column name '問1' twice; it is also column 2\n"
                + "data.csv:1:3: note: rename one of the columns so that every column name is unique",
        ])
    }

    @Test func reportsHeaderWithoutRows() throws {
        let result = try readCSV(utf8("ID,問1\r\n"))
        #expect(result.diagnostics.map(\.description) == [
            "data.csv:1: error: found a header but no rows of answers\n"
                + "data.csv:1: note: export the sheet again with its header row and data rows",
        ])
    }

    @Test func reportsEmptyFile() throws {
        let result = try readCSV([])
        #expect(result.diagnostics.map(\.kind) == ["empty-file"])
        #expect(result.header == nil)
    }

    @Test func reportsMissingFile() {
        var engine = DiagnosticsEngine()
        let header = CSVReader.read(path: "/nonexistent/answers.csv", diagnostics: &engine) { _ in }
        #expect(header == nil)
        #expect(engine.diagnostics.first?.description.hasPrefix("/nonexistent/answers.csv: error: cannot read the file: ") == true)
    }
}

@Suite struct CSVReaderEncodingTests {
    @Test func stripsUTF8ByteOrderMark() throws {
        let result = try readCSV([0xEF, 0xBB, 0xBF] + utf8("回答者ID,地区\r\n1,中央\r\n"))
        #expect(result.header?.names == ["回答者ID", "地区"])
        #expect(result.header?.encoding == .utf8WithBOM)
        #expect(result.records.first?.fields == ["1", "中央"])
    }

    @Test func detectsPlainUTF8() throws {
        let result = try readCSV(utf8("地区\n東\n"))
        #expect(result.header?.encoding == .utf8)
    }

    @Test func decodesCP932WithExtensionCharacters() throws {
        // 地区,意見 / 1,①～㈱髙﨑髙 in CP932, CRLF, as Excel writes it: 髙﨑 from the IBM extension rows, then 髙 from the NEC-selected ones.
        let bytes: [UInt8] = [0x92, 0x6E, 0x8B, 0xE6, 0x2C, 0x88, 0xD3, 0x8C, 0xA9, 0x0D, 0x0A,
                              0x31, 0x2C, 0x87, 0x40, 0x81, 0x60, 0x87, 0x8A, 0xFB, 0xFC, 0xFA, 0xB1, 0xEE, 0xE0, 0x0D, 0x0A]
        let result = try readCSV(bytes)
        #expect(result.diagnostics.isEmpty)
        #expect(result.header?.encoding == .cp932)
        #expect(result.header?.names == ["地区", "意見"])
        #expect(result.records.first?.fields == ["1", "①～㈱髙﨑髙"])
    }

    @Test func decodesUTF16LittleEndianTabSeparated() throws {
        let text = "回答者ID\t問1\r\n1\t\"a\tb\"\r\n"
        let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let result = try readCSV(bytes)
        #expect(result.header?.encoding == .utf16LittleEndian)
        #expect(result.header?.delimiter == 0x09)
        #expect(result.records.first?.fields == ["1", "a\tb"])
    }

    @Test func decodesUTF16BigEndian() throws {
        let text = "問1\t問2\n３\t4\n"
        let bytes: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let result = try readCSV(bytes, encoding: .utf16)
        #expect(result.header?.encoding == .utf16BigEndian)
        #expect(result.records.first?.fields == ["３", "4"])
    }

    @Test func reportsInvalidCP932ByteWithLineAndOffset() throws {
        // Line 3 holds 0x85 0x40, a lead byte CP932 leaves unassigned.
        let bytes: [UInt8] = utf8("a,b\r\n1,2\r\n3,") + [0x85, 0x40] + utf8("\r\n")
        let result = try readCSV(bytes, encoding: .cp932)
        #expect(result.diagnostics.map(\.description) == [
            "data.csv:3:2: error: found bytes 0x85 0x40 at byte offset 12 (character 3 of the line) that are not valid CP932\n"
                + "data.csv:3:2: note: save the file again from Excel as 「CSV（コンマ区切り）」 or 「CSV UTF-8」, or set `encoding:` in survey.yaml",
        ])
    }

    @Test func reportsInvalidUTF8WhenDeclared() throws {
        let bytes: [UInt8] = utf8("a,b\n1,x") + [0xFF] + utf8("\n")
        let result = try readCSV(bytes, encoding: .utf8)
        #expect(result.diagnostics.map(\.description) == [
            "data.csv:2:2: error: found bytes 0xFF 0x0A at byte offset 7 (character 4 of the line) that are not valid UTF-8\n"
                + "data.csv:2:2: note: save the file again as UTF-8, or set `encoding: cp932` in survey.yaml if it came from Excel",
        ])
    }

    /// The real offset in the file, counting the BOM (before: always -1).
    @Test func anInvalidUTF8ByteGivesItsOffsetInTheFile() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + utf8("ID,意見\r\n1,あい") + [0xC0, 0xAF] + utf8("\r\n")
        let result = try readCSV(bytes, encoding: .utf8)
        #expect(result.diagnostics.first?.message
            == "found bytes 0xC0 0xAF at byte offset 22 (character 5 of the line) that are not valid UTF-8")
    }

    /// A file with a UTF-8 BOM read as `auto` is checked too (before: a bad byte became U+FFFD in silence).
    @Test func anInvalidByteAfterAUTF8BOMIsReportedWhenTheEncodingIsGuessed() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + utf8("ID,意見\r\n1,あい") + [0xC0, 0xAF] + utf8("\r\n")
        let result = try readCSV(bytes, encoding: .auto)
        #expect(result.diagnostics.map(\.description) == [
            "data.csv:2:2: error: found bytes 0xC0 0xAF at byte offset 22 (character 5 of the line) that are not valid UTF-8\n"
                + "data.csv:2:2: note: save the file again as UTF-8, or set `encoding: cp932` in survey.yaml if it came from Excel",
        ])
    }

    /// A UTF-8 file cut short in the middle of its last character is UTF-8 (not CP932), and the last line says so.
    @Test(arguments: [TextEncoding.auto, .utf8])
    func aFileCutMidCharacterSaysItsLastLineHoldsAnIncompleteCharacter(encoding: TextEncoding) throws {
        let bytes: [UInt8] = utf8("回答者ID,意見\n1,はい\n2,いい") + [0xE3, 0x81]
        let result = try readCSV(bytes, encoding: encoding)
        #expect(result.header?.encoding == .utf8)
        #expect(result.records.map(\.fields) == [["1", "はい"]])
        #expect(result.diagnostics.map(\.description) == [
            "data.csv:3:2: error: the last line ends in the middle of a UTF-8 character (bytes 0xE3 0x81 at byte offset \(bytes.count - 2)); "
                + "the file was cut short\n"
                + "data.csv:3:2: note: copy or export the file again whole: its end is missing",
        ])
    }

    /// Without a BOM, `utf-16` skips no bytes, and takes its byte order from where the zero bytes stand.
    @Test func utf16WithoutABOMKeepsTheFirstCharacterInEitherByteOrder() throws {
        let text = "ID\t問1\r\n1\t2\r\n"
        let little: [UInt8] = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big: [UInt8] = text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        for (bytes, order) in [(little, ResolvedEncoding.utf16LittleEndian), (big, .utf16BigEndian)] {
            let declared = try readCSV(bytes, encoding: .utf16)
            #expect(declared.header?.names == ["ID", "問1"])
            #expect(declared.header?.encoding == order)
            #expect(declared.records.map(\.fields) == [["1", "2"]])
            // `auto` recognises BOM-less UTF-16 by its zero bytes too (before: read as UTF-8 full of NULs).
            let detected = try readCSV(bytes)
            #expect(detected.header?.names == ["ID", "問1"])
            #expect(detected.header?.encoding == order)
        }
    }
}

@Suite struct DelimiterChoiceTests {
    /// `Q1 (a, b)<TAB>Q2` holds one comma and one tab: the rows decide (before: comma, on the tie).
    @Test func theRowsDecideWhenTheHeaderHoldsAsManyCommasAsTabs() throws {
        let result = try readCSV(utf8("Q1 (a, b)\tQ2\n1\t2\n3\t4\n"))
        #expect(result.header?.delimiter == UInt8(ascii: "\t"))
        #expect(result.header?.names == ["Q1 (a, b)", "Q2"])
        #expect(result.records.map(\.fields) == [["1", "2"], ["3", "4"]])
        #expect(result.diagnostics.map(\.description) == [
            "data.csv:1: warning: read the file as tab-separated: over its first 3 lines, tabs give 2 fields on each, commas 1 to 2 fields\n"
                + "data.csv:1: note: check the columns; if they are wrong, save the sheet again as 「CSV UTF-8（コンマ区切り）」 or as tab-separated text",
        ])
    }

    /// A header with more commas than tabs, in a file whose rows have tabs: tabs, said.
    @Test func theRowsOverruleTheHeader() throws {
        let result = try readCSV(utf8("意見 (a, b, c)\tID\n\"x, y\"\t1\nz\t2\n"))
        #expect(result.header?.delimiter == UInt8(ascii: "\t"))
        #expect(result.records.map(\.fields) == [["x, y", "1"], ["z", "2"]])
        #expect(result.diagnostics.map(\.kind) == ["delimiter-choice"])
    }

    /// A plain file is no close call: nothing is said.
    @Test func aPlainFileIsReadWithoutAWord() throws {
        let commas = try readCSV(utf8("ID,Q1,Q2\n1,2,3\n"))
        #expect(commas.header?.delimiter == UInt8(ascii: ","))
        #expect(commas.diagnostics.isEmpty)
        let tabs = try readCSV(utf8("ID\tQ1\tQ2\n1\t2\t3\n"))
        #expect(tabs.header?.delimiter == UInt8(ascii: "\t"))
        #expect(tabs.diagnostics.isEmpty)
    }
}

/// `CSVReader.header`: the names a full read gives, in every encoding, without reading past the header's window.
@Suite struct CSVHeaderOnlyTests {
    static func header(_ bytes: [UInt8], encoding: TextEncoding = .auto) throws -> [String]? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("survey-ingest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("data.csv")
        try Data(bytes).write(to: file)
        return CSVReader.header(path: file.path, encoding: encoding)
    }

    @Test func readsTheNamesAFullReadGives() throws {
        let text = "ID,\"問8_1\n（続き）\",問8_2,\"a, b\"\r\n" + String(repeating: "1,1,0,x\r\n", count: 200_000)
        #expect(try Self.header(utf8(text)) == ["ID", "問8_1\n（続き）", "問8_2", "a, b"])
        #expect(try readCSV(utf8(text)).header?.names == ["ID", "問8_1\n（続き）", "問8_2", "a, b"])
        let cp932 = try #require("回答者ID,問1,問2\r\n1,2,3\r\n".data(using: .shiftJIS))
        #expect(try Self.header([UInt8](cp932), encoding: .cp932) == ["回答者ID", "問1", "問2"])
        let utf16 = [UInt8]([0xFF, 0xFE]) + "ID\t問1\r\n1\t2\r\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try Self.header(utf16) == ["ID", "問1"])
        #expect(try Self.header([]) == nil)
    }
}
