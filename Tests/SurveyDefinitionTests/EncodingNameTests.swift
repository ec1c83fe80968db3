import Testing
@testable import SurveyDefinition

/// `data[].encoding` takes the names people type, as aliases of the four the tool reads.
@Suite struct EncodingNameTests {
    private func encoding(_ name: String) -> (encoding: String?, messages: [String]) {
        let result = parse(minimal.replacingOccurrences(of: "  - file: responses.csv", with: "  - file: responses.csv\n    encoding: \(name)"))
        return (result.definition?.dataFiles.first?.encoding, result.messages)
    }

    @Test(arguments: [
        ("shift_jis", "cp932"), ("Shift_JIS", "cp932"), ("sjis", "cp932"), ("shift-jis", "cp932"), ("windows-31j", "cp932"),
        ("MS932", "cp932"), ("CP932", "cp932"), ("utf8", "utf-8"), ("UTF-8", "utf-8"), ("utf-8-sig", "utf-8"),
        ("utf-16le", "utf-16"), ("UTF-16BE", "utf-16"), ("utf16", "utf-16"), ("Auto", "auto"),
    ])
    func aCommonNameIsTheEncodingItNames(name: String, canonical: String) {
        let result = encoding(name)
        #expect(result.messages.isEmpty)
        #expect(result.encoding == canonical)
    }

    @Test func anUnknownNameIsStillAnError() {
        let result = encoding("latin-1")
        #expect(result.encoding == nil)
        #expect(result.messages.count == 1)
        #expect(result.messages.first?.contains("found 'latin-1'") == true)
    }

    @Test func headerRowsIsOneOrTwo() {
        func read(_ value: String) -> (rows: Int?, messages: [String]) {
            let result = parse(minimal.replacingOccurrences(of: "  - file: responses.csv", with: "  - file: responses.csv\n    header_rows: \(value)"))
            return (result.definition?.dataFiles.first?.headerRows, result.messages)
        }
        #expect(parse(minimal).definition?.dataFiles.first?.headerRows == 1)
        #expect(read("2").rows == 2)
        #expect(read("2").messages.isEmpty)
        let wrong = read("3")
        #expect(wrong.rows == nil)
        #expect(wrong.messages.count == 1)
        #expect(wrong.messages.first?.contains(":6:18: error: found '3' for 'header_rows'; expected 1, or 2 for a header on two rows") == true,
                "\(wrong.messages)")
    }
}
