import Testing
@testable import SurveyReports

/// The CSV files the reports write: BOM, CRLF, RFC 4180 quoting by bytes.
@Suite struct CSVDocumentTests {
    @Test func quotesDelimitersQuotesAndLineBreaksIncludingCRLF() {
        var document = CSVDocument(header: ["a", "b"])
        document.append(["1,2", "say \"hi\""])
        document.append(["一行目\r\n二行目", "plain"])
        document.append(["\n", "\r"])
        // A lone CR is a formula start for Excel too: it gets the `'` (see below).
        let expected = "a,b\r\n\"1,2\",\"say \"\"hi\"\"\"\r\n\"一行目\r\n二行目\",plain\r\n\"\n\",\"'\r\"\r\n"
        #expect(document.bytes == [0xEF, 0xBB, 0xBF] + Array(expected.utf8))
    }

    @Test func rowsWrittenFieldByFieldGiveExactNumbers() {
        let values: [Double?] = [nil, 0, -0.0, 12, -3, 1e15, 33.333333333333336, 0.1, .infinity, .nan, 2.5e-7]
        let integers = [0, 7, -42, Int.max, Int.min]
        var byRow = CSVDocument(header: ["h"])
        byRow.appendRow { row in
            row.append("a,b")
            for value in values { row.append(exact: value) }
            for integer in integers { row.append(integer) }
            row.append(nil as Int?)
        }
        let expected = "h\r\n\"a,b\",,0,0,12,-3,1000000000000000.0,33.333333333333336,0.1,,,2.5e-07,0,7,-42,9223372036854775807,-9223372036854775808,\r\n"
        #expect(byRow.bytes == [0xEF, 0xBB, 0xBF] + Array(expected.utf8))
    }

    /// OWASP's rule against CSV injection: a text cell Excel would read as a formula gets a leading `'`.
    @Test func neutralisesTextCellsThatExcelWouldReadAsFormulas() {
        var document = CSVDocument(header: ["=HYPERLINK(\"http://x\")"])
        document.append(["=1+1", "+1", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\tx", "\rx", "-1.96", "-", "a=b", "", "1,2"])
        let expected = "\"'=HYPERLINK(\"\"http://x\"\")\"\r\n"
            + "'=1+1,'+1,'-2+3+cmd|' /C calc'!A0,'@SUM(A1),'\tx,\"'\rx\",'-1.96,'-,a=b,,\"1,2\"\r\n"
        #expect(document.bytes == [0xEF, 0xBB, 0xBF] + Array(expected.utf8))
    }

    /// Numbers the tool writes stay numbers, negative ones included; a number cell that is not a plain number is text.
    @Test func numberCellsStayNumbersUnlessTheyCouldBeFormulas() {
        var document = CSVDocument(header: ["h"])
        document.appendRow { row in
            row.append(-3)
            row.append(exact: -1.96)
            for text in ["-1.96", "+5.2", "-", "1,665", "-1,665.5", "2.5e-07", "-1E+3", "12.3▲", "＊", ""] { row.append(number: text) }
            for text in ["-▼", "-1,,2", "-1.", "--1", "-1e", "=1", "@1", "+", "-1+1", "-1,"] { row.append(number: text) }
        }
        let expected = "h\r\n-3,-1.96,-1.96,+5.2,-,\"1,665\",\"-1,665.5\",2.5e-07,-1E+3,12.3▲,＊,,"
            + "'-▼,\"'-1,,2\",'-1.,'--1,'-1e,'=1,'@1,'+,'-1+1,\"'-1,\"\r\n"
        #expect(document.bytes == [0xEF, 0xBB, 0xBF] + Array(expected.utf8))
    }
}
