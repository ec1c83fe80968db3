import Foundation
import SurveyDiagnostics
import Testing
@testable import SurveyIngest

/// The fixtures written by `Tests/EndToEndTests/Fixtures/xlsx/make_fixtures.py` (openpyxl) and LibreOffice.
private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("EndToEndTests/Fixtures/xlsx")

/// The sheet as CSV text, or the problems.
private func sheetText(_ name: String, sheet: String? = nil) -> (text: String?, sheet: SheetText?, problems: [String]) {
    var engine = DiagnosticsEngine()
    let result = SpreadsheetReader.sheet(path: fixtures.appendingPathComponent(name).path, displayPath: name, sheet: sheet,
                                         diagnostics: &engine)
    return (result.map { String(decoding: $0.csv, as: UTF8.self) }, result, engine.diagnostics.map(\.description))
}

@Suite struct WorkbookReadingTests {
    @Test func readsAMicrosoftFormsExportAsExcelWouldSaveIt() {
        let result = sheetText("forms.xlsx")
        #expect(result.problems.isEmpty)
        // Inline strings (openpyxl), dates with times, booleans, decimals, an empty cell, a gap row (a blank line),
        // a line break and a quote in a cell; nothing beyond the last column holding a value (K).
        #expect(result.text == """
            ID,開始時刻,完了時刻,メール,名前,地区,問1,問2,問3,同意,ご意見
            1,2024-05-01 09:30:00,2024-05-01 09:35:00,anonymous,,中央,1,高齢化;担い手不足;,34,TRUE,特になし
            2,2024-05-02 09:30:00,2024-05-02 09:37:00,anonymous,,東,2,交流の減少;,41.5,FALSE,"坂が多い, ""買い物""が不便"
            3,2024-05-03 09:30:00,2024-05-03 09:33:00,anonymous,,西,,,0,TRUE,"一行目
            二行目"

            4,2024-05-04 09:30:00,2024-05-04 09:31:00,anonymous,,中央,9,その他;,28,FALSE,

            """)
        // Row 4's record takes lines 4 and 5; row 6 is on line 7.
        let sheet = result.sheet
        #expect(sheet?.location(SourceLocation(path: "forms.xlsx", line: 7, column: 7)).description == "forms.xlsx:Sheet1!G6")
        #expect(sheet?.location(SourceLocation(path: "forms.xlsx", line: 5, column: 11)).description == "forms.xlsx:Sheet1!K4")
        #expect(sheet?.location(SourceLocation(path: "forms.xlsx", line: 3)).description == "forms.xlsx:Sheet1!3:3")
    }

    @Test func readsLibreOfficeSharedStringsAndDates() {
        let result = sheetText("libreoffice.xlsx")
        #expect(result.problems.isEmpty)
        #expect(result.text == #"""
            回答者ID,地区,問1,問2,回答日,ご意見
            1,中央,1,"1,3",2024-05-01,"改行
            あり"
            2,東,2,2,2024-05-02,
            3,西,,"2,3",2024-05-03,"""引用"""

            """#)
    }

    @Test func readsANamedSheetStartingAtColumnB() {
        let named = sheetText("named.xlsx", sheet: "回答")
        #expect(named.problems.isEmpty)
        #expect(named.text == ",回答者ID,問1,回答日\n,101,1,2023-06-15\n,102,2,2023-06-16\n")
        #expect(sheetText("named.xlsx").text == "この調査の回答は「回答」シートにあります\n")
        #expect(sheetText("named.xlsx", sheet: "回答 ").problems == [
            "named.xlsx: error: found no sheet '回答 '; the workbook's sheets are '説明', '回答'\n"
                + "named.xlsx: note: set `sheet:` under this data file in survey.yaml to one of the sheets listed (or remove it to read the first)",
        ])
        // Excel's sheet names ignore case.
        #expect(sheetText("named.xlsx", sheet: "回答").problems.isEmpty)
    }

    @Test func readsThe1904DateSystem() {
        #expect(sheetText("date1904.xlsx").text == "ID,日付\n1,2024-02-29\n")
    }

    @Test func refusesMalformedWorkbooksWithLocatedErrors() throws {
        #expect(sheetText("bad_xml.xlsx").problems.first?.hasPrefix(
            "bad_xml.xlsx: error: the workbook's part 'xl/worksheets/sheet1.xml' is not well-formed XML: ") == true)
        #expect(sheetText("bomb.xlsx").problems.first?.hasPrefix(
            "bomb.xlsx: error: the workbook's part 'xl/worksheets/sheet1.xml' is 3145") == true)
        #expect(sheetText("bomb.xlsx").problems.first?.contains(" bytes uncompressed; at most 268435456 are read\n") == true)
        #expect(sheetText("huge_range.xlsx").problems.first?.hasPrefix(
            "huge_range.xlsx:Sheet!XFD1048576: error: the sheet's used range is 1048576 rows by 16384 columns; at most 20000000 cells are read\n") == true)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("survey-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, bytes, reason) in [
            ("csv.xlsx", Array("ID,q1\n1,2\n".utf8), "it is not a zip archive (an .xlsx file is one)"),
            ("old.xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "it is an old Excel .xls workbook or a password-protected one, not an .xlsx zip archive"),
            ("empty.xlsx", [], "the file is empty"),
            ("cut.xlsx", [0x50, 0x4B, 0x03, 0x04, 0, 0, 0], nil),
        ] as [(String, [UInt8], String?)] {
            try Data(bytes).write(to: folder.appendingPathComponent(name))
            var engine = DiagnosticsEngine()
            #expect(SpreadsheetReader.sheet(path: folder.appendingPathComponent(name).path, displayPath: name, sheet: nil, diagnostics: &engine) == nil)
            let message = engine.diagnostics.first?.description ?? ""
            #expect(message.hasPrefix("\(name): error: cannot read the file as an .xlsx workbook: \(reason ?? "")"))
        }
        var engine = DiagnosticsEngine()
        #expect(SpreadsheetReader.sheet(path: folder.path, displayPath: "folder.xlsx", sheet: nil, diagnostics: &engine) == nil)
        #expect(engine.diagnostics.first?.message == "cannot read the file as an .xlsx workbook: it is a folder, not a regular file")
    }
}

@Suite struct SerialDateTests {
    /// Reference: Excel's documented serials (DATE(1900,1,1) = 1, the fictitious 1900-02-29 = 60, DATE(1900,3,1) = 61)
    /// and Python's `datetime(1899, 12, 30) + timedelta(days=45413.5)` = 2024-05-01 12:00.
    @Test func convertsBothDateSystems() {
        #expect(SerialDate.text(1, date1904: false) == "1900-01-01")
        #expect(SerialDate.text(59, date1904: false) == "1900-02-28")
        #expect(SerialDate.text(60, date1904: false) == "1900-02-29")
        #expect(SerialDate.text(61, date1904: false) == "1900-03-01")
        #expect(SerialDate.text(45413.5, date1904: false) == "2024-05-01 12:00:00")
        #expect(SerialDate.text(45413.39583333334, date1904: false) == "2024-05-01 09:30:00")
        #expect(SerialDate.text(0.25, date1904: false) == "06:00:00")
        #expect(SerialDate.text(2_958_465, date1904: false) == "9999-12-31")
        #expect(SerialDate.text(2_958_466, date1904: false) == nil)
        #expect(SerialDate.text(-1, date1904: false) == nil)
        #expect(SerialDate.text(0, date1904: true) == "1904-01-01")
        #expect(SerialDate.text(43889, date1904: true) == "2024-02-29")
    }

    @Test func tellsDateFormatsFromNumberFormats() {
        #expect(SerialDate.isDateFormat(id: 14, code: nil))
        #expect(SerialDate.isDateFormat(id: 57, code: nil))
        #expect(!SerialDate.isDateFormat(id: 0, code: nil))
        #expect(SerialDate.isDateFormat(id: 176, code: "yyyy/m/d h:mm"))
        #expect(SerialDate.isDateFormat(id: 177, code: "[$-411]ggge\"年\"m\"月\"d\"日\""))
        #expect(!SerialDate.isDateFormat(id: 178, code: "General"))
        #expect(!SerialDate.isDateFormat(id: 179, code: "0.00E+00"))
        #expect(!SerialDate.isDateFormat(id: 180, code: "#,##0\"人\""))
        #expect(!SerialDate.isDateFormat(id: 181, code: "[Red]0.0"))
    }
}

@Suite struct XMLScannerTests {
    private func events(_ text: String) throws(XMLScanFailure) -> [String] {
        var scanner = XMLScanner(Array(text.utf8))
        var result: [String] = []
        while let event = try scanner.next() {
            switch event {
            case .start(let name, let attributes): result.append("<\(name)" + attributes.map { " \($0.name)=\($0.value)" }.joined() + ">")
            case .end(let name): result.append("</\(name)>")
            case .text(let text): result.append(text)
            }
        }
        return result
    }

    @Test func readsTheSubsetWorkbooksUse() throws {
        #expect(try events("<?xml version=\"1.0\"?><!-- c --><x:a r:id='1' b=\"&lt;&amp;&#x41;&#66;\">t&quot;<b/><![CDATA[<z>]]></x:a>")
            == ["<a id=1 b=<&AB>", "t\"", "<b>", "</b>", "<z>", "</a>"])
    }

    @Test func refusesMalformedXMLWithItsLine() {
        for (text, problem) in [
            ("<a>\n<b></a>", "an end tag </a> where </b> was expected"),
            ("<!DOCTYPE a [<!ENTITY x \"y\">]><a/>", "a document type declaration, which a workbook never holds"),
            ("<a>&bogus;</a>", "an unknown entity &bogus;"),
            ("<a>\n<b>", "the document ends inside <b>"),
            ("<a b=c/>", "an attribute value without quotes"),
        ] {
            #expect(throws: XMLScanFailure.self) { try events(text) }
            do { _ = try events(text) } catch { #expect(error.problem == problem) }
        }
    }
}
