import Foundation
import SurveyDefinition
import SurveyDiagnostics
import SurveyTestSupport
import Testing
@testable import SurveyResponses
import SurveyIngest

/// The fast path (bytes looked up straight into columns) must code exactly as the straightforward one
/// (a `String` per cell, normalised and matched), with the same diagnostics in the same order.
@Suite struct FastCodingTests {
    static let yaml = """
        title: 照合
        wave: 2024
        data:
          - file: a.csv
          - file: b.csv
        respondent_id: ID
        missing: [9, 99]
        questions:
          - id: district
            column: 地区
            type: single
            choices: {1: 中央, 2: 東, 9: 西, 12: 南}
          - id: q1
            column: 問1
            type: scale
            choices: {1: そう思う, 2: "3", 3: A, 4: そう思わない}
          - id: q2
            column: 問2
            type: single
            asked_if: {q1: [1, 2]}
            choices: {1: 理由A, 2: 理由B}
          - id: q3
            type: multiple
            columns: [問3_1, 問3_2, 問3_3]
            max: 2
            choices: {1: 高齢化, 2: 担い手不足, 3: 交流の減少}
          - id: q4
            column: 問4
            type: multiple
            separator: "、"
            choices: {1: 家族, 2: 友人}
          - id: q5
            column: 問5
            type: number
          - id: q6
            column: 問6
            type: text
        """

    static let header = "ID,地区,問1,問2,問3_1,問3_2,問3_3,問4,問5,問6\r\n"

    /// Every kind of cell the rules name: codes, labels, full-width digits, spaces, missing codes, double marks,
    /// flags in their spellings, bad cells, blank rows, duplicate ids (numeric and not), quoted line breaks.
    static let rows = [
        "1,1,1,1,1,0,0,家族,12,よかった",
        "2,２,2,,0,1,,家族、友人,  7 ,",
        "3, 1 ,3,2,○,TRUE,1,1,３,\"一行目\n二行目\"",
        "004,12,A,理由B,1.0,0.0,,2,1e2,\"a,b\"",
        "5,9,9,1,,,,,,\u{3000}",
        "6,99,99,,false,0,0,,-3,  ",
        "7,東,そう思わない,3,2,x,1,家族、3,abc,ok",
        "8,1・2,1,1,1,1,1,,,",
        ",,,,,,,,,",
        "2,1,04,1,1,,,,0012,\"引用\"\"符\"\"\"",
        "ｘ１,1,1,1,1,,,,1.5,ｱｲｳ",
        "ｘ１,3,5,1,1,,,,,Ａ",
        "9,,,,,,,,,\r\n10,1,1,2,1,,,,,",
        "11,1,\"1\",\"\",\"1\",,,,,\"\"",
    ]

    /// Files split between threads: parts of one byte upward, so that even small files are cut.
    static let inParts = CSVParallelism(parts: 3, minimumPartBytes: 1)

    /// Reads the two files of `yaml` both ways; `parallelism` applies to the fast way.
    static func readBothWays(yaml: String = FastCodingTests.yaml, a: String, b: String, parallelism: CSVParallelism) throws
        -> (fast: ResponseTable, reference: ResponseTable, fastMessages: [String], referenceMessages: [String]) {
        let fixture = try WaveFixture(yaml: yaml, files: ["a.csv": Array(a.utf8), "b.csv": Array(b.utf8)])
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        let definition = try fixture.definition()
        var fastProblems = DiagnosticsEngine(limitPerFile: Int.max)
        var referenceProblems = DiagnosticsEngine(limitPerFile: Int.max)
        let fast = try #require(ResponseReader.read(definition: definition, folder: fixture.folder.path,
                                                    diagnostics: &fastProblems, parallelism: parallelism))
        let reference = try #require(ReferenceReader.read(definition: definition, folder: fixture.folder.path,
                                                          diagnostics: &referenceProblems))
        return (fast, reference, fastProblems.diagnostics.map(\.description), referenceProblems.diagnostics.map(\.description))
    }

    static func expectSameTables(_ fast: ResponseTable, _ reference: ResponseTable) {
        #expect(fast.count == reference.count)
        expectSameColumns(columnTexts(fast), columnTexts(reference))
        expectSameColumns(fast.eligibility, reference.eligibility)
        expectSameColumns(["sources": fast.sources.map { "\($0.file):\($0.line)" }],
                          ["sources": reference.sources.map { "\($0.file):\($0.line)" }])
    }

    /// Every coded column as text: its kind and values (NaN written out, so that equal columns compare equal).
    static func columnTexts(_ table: ResponseTable) -> [String: [String]] {
        table.columns.mapValues { column in
            switch column {
            case .choices(let values): values.map { "choice \($0)" }
            case .selections(let values): values.map { "selection \($0)" }
            case .numbers(let values): values.map { $0.isNaN ? "NaN" : String($0) }
            case .texts(let values): values.map { "text \($0)" }
            }
        }
    }

    /// The same columns, each compared up to its first difference (a failing `==` on long columns takes minutes
    /// to describe).
    static func expectSameColumns<T: Equatable>(_ fast: [String: ResponseColumn<T>], _ reference: [String: ResponseColumn<T>],
                                                sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        expectSameColumns(fast.mapValues(Array.init), reference.mapValues(Array.init), sourceLocation: sourceLocation)
    }

    static func expectSameColumns<T: Equatable>(_ fast: [String: [T]], _ reference: [String: [T]],
                                                sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(fast.keys.sorted() == reference.keys.sorted(), sourceLocation: sourceLocation)
        for (id, expected) in reference {
            let found = fast[id] ?? []
            #expect(found.count == expected.count, "\(id)", sourceLocation: sourceLocation)
            if let row = zip(found, expected).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
                #expect(found[row] == expected[row], "\(id), row \(row)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test(arguments: [CSVParallelism(parts: 1, minimumPartBytes: 1), FastCodingTests.inParts])
    func fastPathCodesAndDiagnosesExactlyAsTheReferencePath(parallelism: CSVParallelism) throws {
        let a = Self.header + Self.rows.joined(separator: "\r\n") + "\r\n"
        let b = Self.header + "12,1,1,1,1,,,,,\r\n3,2,2,2,,1,,,,\r\n"
        let (fast, reference, fastMessages, referenceMessages) = try Self.readBothWays(a: a, b: b, parallelism: parallelism)
        Self.expectSameTables(fast, reference)
        #expect(fast.count == 15)
        #expect(fastMessages == referenceMessages)
        #expect(fastMessages.contains { $0.contains("duplicate") || $0.contains("again") })
        #expect(fastMessages.count >= 8)
    }

    /// Clean files long enough to be cut in parts, with answers to a question not asked (warnings cite
    /// rows across parts and files) and ids of both kinds.
    @Test func cleanFilesReadInPartsGiveTheTableAndWarningsOfTheReferencePath() throws {
        let clean = [
            "1,1,1,1,1,0,0,家族,12,よかった",
            "2,2,3,2,0,1,,家族、友人,  7 ,",
            "3, 1 ,3,,○,TRUE,,1,３,\"一行目\n二行目\"",
            "4,12,A,理由B,1.0,0.0,,2,100,\"a,b\"",
            "5,9,9,1,,,,,,\u{3000}",
        ]
        func rows(_ ids: Range<Int>, prefix: String = "") -> String {
            ids.map { id in prefix + String(id) + clean[id % clean.count].drop { $0 != "," } }.joined(separator: "\r\n") + "\r\n"
        }
        let a = Self.header + rows(1..<2_000)
        let b = Self.header + rows(2_000..<2_500) + rows(0..<300, prefix: "x")
        let (fast, reference, fastMessages, referenceMessages) = try Self.readBothWays(a: a, b: b, parallelism: Self.inParts)
        Self.expectSameTables(fast, reference)
        #expect(fast.count == 2_799)
        // The files are clean, so they really were read in parts, not sent back to the in-order read.
        let fixture = try WaveFixture(yaml: Self.yaml, files: ["a.csv": Array(a.utf8)])
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        let definition = try fixture.definition()
        var coder = ResponseCoder(definition: definition)
        var store = ColumnStore(questionCount: definition.questions.count)
        #expect(ResponseReader.readInParallel(path: fixture.folder.appendingPathComponent("a.csv").path, encoding: .auto,
                                              fileIndex: 0, parallelism: Self.inParts, coder: &coder, store: &store))
        #expect(store.sources.count == 1_999)
        #expect(fastMessages == referenceMessages)
        #expect(fastMessages.contains { $0.contains("b.csv:") })
        #expect(fastMessages.allSatisfy { $0.contains("warning") || $0.contains("note") })
    }

    static let values = """
        title: 値
        wave: 2024
        data:
          - file: a.csv
          - file: b.csv
        respondent_id: ID
        missing: [-9, 99, NA, 不明]
        not_asked: [-1, Not applicable]
        questions:
          - id: q1
            column: 問1
            type: single
            choices: {1: はい, 2: いいえ, 8: わからない}
            missing: [8, -9]
          - id: q2
            column: 問2
            type: single
            asked_if: {q1: [1]}
            choices: {1: a, 2: b}
          - id: q3
            type: multiple
            columns: [問3_1, 問3_2]
            choices: {1: x, 2: y}
          - id: q4
            column: 問4
            type: multiple
            separator: ","
            choices: {1: 家族, 2: 友人}
          - id: age
            column: 年齢
            type: number
            missing: [0, 999, NA]
            not_asked: [-1]
          - id: years
            column: 年数
            type: number
          - id: q5
            column: 問5
            type: text
        """

    static let valuesHeader = "ID,問1,問2,問3_1,問3_2,問4,年齢,年数,問5\r\n"

    /// Records `ids`, each the row of `rows` at its id (cycling) with its first field replaced by the id.
    static func numbered(_ rows: [String], _ ids: Range<Int>) -> String {
        ids.map { id in String(id) + rows[id % rows.count].drop { $0 != "," } }.joined(separator: "\r\n") + "\r\n"
    }

    /// Every kind of `missing` and `not_asked` cell, in every kind of column.
    static let valueRows = [
        "1,1,1,1,0,家族,35,99,よかった",
        "2,8,-1,-1,-1,Not applicable,0,NA,NA",
        "3,わからない,2,NA,1,NA,999,3,Not applicable",
        "4,-9,99,0,1,不明,-1,-1,不明",
        "5,1,Not applicable,1,-1,-9,41.5,12, -1 ",
        "6,2,1,1,1,\"家族,友人\",NA,0,ok",
        "7,-1,1,99,0,-1,-9,-9,-9",
    ]

    @Test(arguments: [CSVParallelism(parts: 1, minimumPartBytes: 1), FastCodingTests.inParts])
    func missingAndNotAskedValuesCodeAlikeEveryWay(parallelism: CSVParallelism) throws {
        func rows(_ ids: Range<Int>) -> String { Self.numbered(Self.valueRows, ids) }
        let a = Self.valuesHeader + rows(0..<1_400)
        let b = Self.valuesHeader + rows(1_400..<1_407) + "1407,3,,,,,,,\r\n"
        let fixture = try WaveFixture(yaml: Self.values, files: ["a.csv": Array(a.utf8), "b.csv": Array(b.utf8)])
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        let definition = try fixture.definition()
        var fastProblems = DiagnosticsEngine(limitPerFile: Int.max)
        var referenceProblems = DiagnosticsEngine(limitPerFile: Int.max)
        let fast = try #require(ResponseReader.read(definition: definition, folder: fixture.folder.path,
                                                    diagnostics: &fastProblems, parallelism: parallelism))
        let reference = try #require(ReferenceReader.read(definition: definition, folder: fixture.folder.path,
                                                          diagnostics: &referenceProblems))
        Self.expectSameTables(fast, reference)
        #expect(fastProblems.diagnostics.map(\.description) == referenceProblems.diagnostics.map(\.description))
        // The first seven rows, as the README says they are read.
        func firstRows<T>(_ column: ResponseColumn<T>?) -> [T] { (0..<7).map { column![$0] } }
        func eligible(_ question: String) -> [Bool] { (0..<7).map { fast.isEligible($0, for: question) } }
        // q1's own list replaces the global one: 8 (and its label わからない) and -9 are 無回答; -1 is 非該当.
        #expect(definition.question("q1")?.choices.map(\.code) == [1, 2])
        #expect(firstRows(fast.columns["q1"]?.choices) == [1, 0, 0, 0, 1, 2, 0])
        #expect(eligible("q1") == [true, true, true, true, true, true, false])
        // asked_if and not_asked together: only row 0 (q1 = 1, and row 4's q2 is Not applicable).
        #expect(firstRows(fast.columns["q2"]?.choices) == [1, 0, 2, 0, 0, 1, 1])
        #expect(eligible("q2") == [true, false, false, false, false, false, false])
        // Flags: -1 in any flag column takes the respondent out; 99, NA are not chosen.
        #expect(firstRows(fast.columns["q3"]?.selections) == [1, 0, 2, 2, 1, 3, 0])
        #expect(eligible("q3") == [true, false, true, true, false, true, true])
        #expect(firstRows(fast.columns["q4"]?.selections) == [1, 0, 0, 0, 0, 3, 0])
        #expect(eligible("q4") == [true, false, true, true, true, true, false])
        // A number question's own codes (0, 999 無回答, -1 非該当); -9 is a number there.
        let none = -1_000.0
        #expect(firstRows(fast.columns["age"]?.numbers).map { $0.isNaN ? none : $0 } == [35, none, none, none, 41.5, none, -9])
        #expect(eligible("age") == [true, true, true, false, true, true, true])
        // Without a list of its own a number question takes the global texts only: 99, -1, -9 are numbers.
        #expect(firstRows(fast.columns["years"]?.numbers).map { $0.isNaN ? none : $0 } == [99, none, 3, -1, 12, 0, -9])
        #expect(eligible("years") == Array(repeating: true, count: 7))
        // Text: the global texts are no answer (Not applicable also takes the respondent out); codes are text.
        #expect(firstRows(fast.columns["q5"]?.texts) == [true, false, false, false, true, true, true])
        #expect(eligible("q5") == [true, true, false, true, true, true, true])
        let warnings = fastProblems.diagnostics.filter { $0.severity == .warning }.map(\.description)
        #expect(warnings.first?.contains("a.csv:4:3: warning: found an answer to question 'q2' from a respondent outside its asked_if (q1 = 1)") == true)
        #expect(warnings.contains { $0.contains("a.csv:6:4: warning: found an answer to question 'q3' from a respondent outside its asked_if (a not_asked value (-1, Not applicable) in another of its cells)") })
    }

    static let writtenIn = """
        title: t
        wave: 2024
        data:
          - file: a.csv
          - file: b.csv
        respondent_id: ID
        missing: [9, NA]
        not_asked: [-1]
        questions:
          - id: q8
            type: multiple
            columns: [問8_1, 問8_2, 問8_3]
            choices: {1: 高齢化, 2: 担い手不足, 3: その他}
            written_in: [3]
          - id: q9
            type: multiple
            columns: [問9_1, 問9_2]
            choices: {1: 見守り, 2: 買い物}
        """

    static let writtenInHeader = "ID,問8_1,問8_2,問8_3,問9_1,問9_2\r\n"
    /// Written-in cells of every kind (none needs a diagnostic, so parts keep them): words, one byte, full width, flag
    /// spellings, missing and not_asked values; q9 shares q8's flag table and reads SurveyMonkey's labels.
    static let writtenInRows = [
        "0,1,,坂道が多い,見守り,",
        "1,,,Mixed,,",
        "2,,,NA,見守り,",
        "3,,1,0,,買い物",
        "4,,,-1,見守り,",
        "5,,,x,,",
        "6,,,1,,",
        "7,,,ｘｙ,,",
        "8,,,9,見守り,",
        "9,,, 　,,買い物",
    ]

    @Test(arguments: [CSVParallelism(parts: 1, minimumPartBytes: 1), FastCodingTests.inParts])
    func writtenInChoicesCodeAlikeEveryWay(parallelism: CSVParallelism) throws {
        func rows(_ ids: Range<Int>) -> String { Self.numbered(Self.writtenInRows, ids) }
        let (fast, reference, fastMessages, referenceMessages) = try Self.readBothWays(
            yaml: Self.writtenIn, a: Self.writtenInHeader + rows(0..<1_400), b: Self.writtenInHeader + rows(1_400..<1_410),
            parallelism: parallelism)
        Self.expectSameTables(fast, reference)
        #expect(fastMessages == referenceMessages)
        #expect(fastMessages.isEmpty)
        // Any text chooses その他 (bit 4); 1 does too; blank, 0, NA and 9 do not; -1 is 非該当.
        #expect((0..<10).map { fast.columns["q8"]!.selections![$0] } == [5, 4, 0, 2, 0, 4, 4, 4, 0, 0])
        #expect((0..<10).map { fast.isEligible($0, for: "q8") } == [true, true, true, true, false, true, true, true, true, true])
        #expect((0..<10).map { fast.columns["q9"]!.selections![$0] } == [1, 0, 1, 2, 1, 0, 0, 0, 1, 2])
    }

    /// Without `written_in`, text in a flag column is still an error where it stands.
    @Test func textInAFlagColumnWithoutWrittenInIsAnError() throws {
        let yaml = Self.writtenIn.replacingOccurrences(of: "    written_in: [3]\n", with: "")
        let fixture = try WaveFixture(yaml: yaml, files: ["a.csv": Array((Self.writtenInHeader + "1,,,Mixed,,\r\n").utf8),
                                                          "b.csv": Array(Self.writtenInHeader.utf8)])
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        var problems = DiagnosticsEngine(limitPerFile: Int.max)
        _ = ResponseReader.read(definition: try fixture.definition(), folder: fixture.folder.path, diagnostics: &problems)
        #expect(problems.diagnostics.first?.description.contains("a.csv:2:4: error: found 'Mixed' in flag column '問8_3' (question 'q8')") == true)
    }

    static let numberAndText = """
        title: t
        wave: 2024
        data:
          - file: a.csv
            encoding: cp932
        questions:
          - id: qa
            column: A
            type: number
          - id: qb
            column: B
            type: text
        """

    /// iconv's E2BIG (more output than its buffer) must be told apart before the chunk is coded: parsing a
    /// decimal number sets errno, and a valid file was once reported as badly encoded.
    @Test func aLongCP932FileWithDecimalsIsReadAlikeInPartsAndInOrder() throws {
        var text = "A,B\r\n"
        // Some 400 KB once converted: past iconv's 256 KiB output buffer in one window.
        for row in 0..<3_000 { text += (row % 7 == 3 ? "1.5" : String(row)) + "," + String(repeating: "日本語の自由記述欄です", count: 4) + "\r\n" }
        let bytes = [UInt8](try #require(text.data(using: .shiftJIS)))
        let fixture = try WaveFixture(yaml: Self.numberAndText, files: ["a.csv": bytes])
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        let definition = try fixture.definition()
        for parallelism in [CSVParallelism(parts: 1, minimumPartBytes: 1), Self.inParts] {
            var diagnostics = DiagnosticsEngine(limitPerFile: Int.max)
            let table = try #require(ResponseReader.read(definition: definition, folder: fixture.folder.path,
                                                         diagnostics: &diagnostics, parallelism: parallelism))
            #expect(diagnostics.diagnostics.isEmpty, "\(diagnostics.diagnostics.map(\.description))")
            #expect(table.count == 3_000)
            #expect(table.columns["qa"]?.numbers?[3] == 1.5)
        }
        var diagnostics = DiagnosticsEngine(limitPerFile: Int.max)
        let reference = ReferenceReader.read(definition: definition, folder: fixture.folder.path,
                                             diagnostics: &diagnostics)
        #expect(reference?.count == 3_000)
        #expect(diagnostics.diagnostics.isEmpty)
    }

    /// A row with more fields than the header: reported like the in-order read, never a crash.
    @Test func aRowWithAnExtraFieldIsReportedAlikeInParts() throws {
        let rows = (1...400).map { "\($0),1,1,1,1,,,,," } + ["401,1,1,1,1,,,,,,extra"] + (402...800).map { "\($0),2,2,2,,1,,,," }
        let a = Self.header + rows.joined(separator: "\r\n") + "\r\n"
        let b = Self.header + "900,1,1,1,1,,,,,\r\n"
        let (fast, reference, fastMessages, referenceMessages) = try Self.readBothWays(a: a, b: b, parallelism: Self.inParts)
        Self.expectSameTables(fast, reference)
        #expect(fastMessages == referenceMessages)
        #expect(fastMessages.contains { $0.contains("found 11 fields") })
    }

    /// Seeded random two-file waves (clean and not, CRLF / LF / lone CR, blank lines, quoted breaks, tabs, CP932,
    /// ids repeated within and across files): read in parts, they give the table and messages of an in-order read.
    @Test(arguments: [1, 2, 3])
    func randomWavesReadInPartsEqualAnInOrderRead(seed: UInt64) throws {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        func pick(_ choices: [String]) -> String { choices[next(choices.count)] }
        var readInParts = 0
        for _ in 0..<60 {
            let clean = next(10) < 7, tabs = next(4) == 0, cp932 = next(3) == 0
            let ends = next(4) == 0 ? ["\r\n", "\r", "\n"] : ["\r\n", "\r\n", "\n", "\r\n\r\n"]
            func file(firstID: Int) -> String {
                var text = (next(6) == 0 ? "\r\n" : "") + Self.header.replacingOccurrences(of: ",", with: tabs ? "\t" : ",")
                let rows = 1 + next(40)
                for row in 0..<rows {
                    let id = clean ? (next(5) == 0 ? "x\(firstID + row)" : String(firstID + row)) : String(firstID + next(rows))
                    let cells = [id, pick(["1", "2", "東", " 1 ", "9", "12"]), pick(["1", "2", "3", "A", "そう思う"]),
                                 pick(["", "1", "2", "理由B"]), pick(["1", "0", "", "○"]), pick(["1", "0", "", "TRUE"]),
                                 pick(["", "0", "false"]), pick(clean ? ["", "家族", "家族、友人"] : ["", "家族、友人", "\"家族,\""]),
                                 pick(["", "12", "３", "1e2", " 7 ", "1.5"]),
                                 pick(["", "ok", "\"a\nb\"", "\"x,\"\"y\"\"\"", "\"\r\n\"", "\u{3000}", "\"一行目\n二行目\"", "漢字 かな"])]
                    text += cells.joined(separator: tabs ? "\t" : ",") + (row == rows - 1 && next(3) == 0 ? "" : pick(ends))
                }
                return text
            }
            let a = file(firstID: 1), b = file(firstID: next(8) == 0 ? 5 : 1_000)
            let encode = { (text: String) in cp932 ? [UInt8](text.data(using: .shiftJIS) ?? Data()) : Array(text.utf8) }
            let yaml = cp932 ? Self.yaml.replacingOccurrences(of: "  - file: a.csv\n  - file: b.csv",
                                                             with: "  - file: a.csv\n    encoding: cp932\n  - file: b.csv\n    encoding: cp932")
                             : Self.yaml
            let fixture = try WaveFixture(yaml: yaml, files: ["a.csv": encode(a), "b.csv": encode(b)])
            defer { try? FileManager.default.removeItem(at: fixture.folder) }
            let definition = try fixture.definition()
            var partsProblems = DiagnosticsEngine(limitPerFile: Int.max)
            var orderProblems = DiagnosticsEngine(limitPerFile: Int.max)
            let parts = ResponseReader.read(definition: definition, folder: fixture.folder.path, diagnostics: &partsProblems,
                                            parallelism: CSVParallelism(parts: 2 + next(3), minimumPartBytes: 1))
            let inOrder = ResponseReader.read(definition: definition, folder: fixture.folder.path, diagnostics: &orderProblems,
                                              parallelism: CSVParallelism(parts: 1, minimumPartBytes: 1))
            #expect((parts == nil) == (inOrder == nil))
            if let parts, let inOrder { Self.expectSameTables(parts, inOrder) }
            #expect(partsProblems.diagnostics.map(\.description) == orderProblems.diagnostics.map(\.description))
            var coder = ResponseCoder(definition: definition)
            var store = ColumnStore(questionCount: definition.questions.count)
            if ResponseReader.readInParallel(path: fixture.folder.appendingPathComponent("a.csv").path, encoding: cp932 ? .cp932 : .auto,
                                             fileIndex: 0, parallelism: Self.inParts, coder: &coder, store: &store) {
                readInParts += 1
            }
        }
        // Most clean files really are read in parts (the rest fall back to the in-order read).
        #expect(readInParts >= 20)
    }

    @Test func tablesDecideOnlyWhatTheGeneralRulesDecide() {
        let matcher = ChoiceMatcher(choices: [Choice(code: 1, label: "A"), Choice(code: 12, label: "7")])
        let values = AnswerValues(missing: [.code(9)])
        let cells = FastCells { ResponseCoder.decideSingle($0, matcher: matcher, values: values) }
        func lookup(_ text: String) -> UInt16 {
            cells.entries.withUnsafeBufferPointer { table in Array(text.utf8).withUnsafeBytes { FastCells.lookup(table, 0, $0) } }
        }
        #expect(lookup("1") == 1)
        #expect(lookup("A") == 1)
        #expect(lookup("7") == 2)
        #expect(lookup("12") == 2)
        #expect(lookup("9") == 0)
        #expect(lookup("09") == 0)
        #expect(lookup(" ") == 0)
        #expect(lookup("3") == FastCells.slow)
        #expect(lookup("x") == FastCells.slow)
        #expect(lookup("123") == FastCells.slow)
        #expect(ResponseCoder.isBlank(UnsafeRawBufferPointer(start: nil, count: 0)))
        for (text, blank) in [(" \t", true), ("\u{3000}", true), ("あ", false), ("漢", false), ("x", false), ("\u{00A0}", true)] {
            #expect(Array(text.utf8).withUnsafeBytes { ResponseCoder.isBlank($0) } == blank, "\(text)")
        }
    }
}

/// The ASCII shortcut of `CellText.normalise` trims exactly what Foundation's whitespace-and-newlines trim does.
@Suite struct CellTextTests {
    @Test func asciiTrimMatchesFoundation() {
        let alphabet = [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "1", "a", ",", "\r\n"]
        var checked = 0
        for a in alphabet { for b in alphabet { for c in alphabet { for d in alphabet {
            let raw = a + b + c + d
            #expect(CellText.normalise(raw) == raw.trimmingCharacters(in: .whitespacesAndNewlines), "\(Array(raw.utf8))")
            checked += 1
        } } } }
        #expect(checked == 10_000)
    }
}
