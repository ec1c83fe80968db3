import Testing
@testable import SurveyReports

/// The CSV files the reports write: BOM, CRLF, RFC 4180 quoting by bytes.
@Suite struct CSVDocumentTests {
    @Test func quotesDelimitersQuotesAndLineBreaksIncludingCRLF() {
        var document = CSVDocument(header: ["a", "b"])
        document.append(["1,2", "say \"hi\""])
        document.append(["一行目\r\n二行目", "plain"])
        document.append(["\n", "\r"])
        let expected = "a,b\r\n\"1,2\",\"say \"\"hi\"\"\"\r\n\"一行目\r\n二行目\",plain\r\n\"\n\",\"\r\"\r\n"
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
}
