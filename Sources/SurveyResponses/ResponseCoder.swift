import Foundation
import SurveyDefinition
import SurveyDiagnostics
import SurveyIngest

/// Where each question's answers sit in one data file.
package struct ColumnLayout {
    /// Column index of the respondent id, if defined.
    package var respondentID: Int?
    /// Per defined question (in order): its column indices (one, or one per flag).
    package var columns: [[Int]]
    /// Every column index that holds an answer, for the blank-row test.
    package var answerColumns: [Int]
    /// `columns` flattened: question q's columns are `flatColumns[columnStart[q]..<columnStart[q + 1]]`.
    var flatColumns: [Int] = []
    /// Where each question's columns start in `flatColumns` (one more entry than questions).
    var columnStart: [Int] = []

    init(respondentID: Int?, columns: [[Int]], answerColumns: [Int]) {
        self.respondentID = respondentID
        self.columns = columns
        self.answerColumns = answerColumns
        columnStart = [0]
        for named in columns {
            flatColumns += named
            columnStart.append(flatColumns.count)
        }
    }
}

/// Codes records against a definition, one at a time, following the rules of the README.
package struct ResponseCoder {
    package let definition: SurveyDefinition
    /// The questions coded, in order: the defined ones and a weight column's hidden question (`codedQuestions`).
    package let questions: [Question]
    package let matchers: [ChoiceMatcher?]
    /// Per question: the cell values that are 無回答 (`missing`) and 非該当 (`not_asked`).
    package let values: [AnswerValues]
    /// Per question: the rows (of the file or part being read) holding one of its `not_asked` values.
    package var notAskedRows: [String: [Int]] = [:]
    package var firstSeenID: [String: (line: Int, file: String)] = [:]
    /// Respondents' answered-but-ineligible cells, checked once every answer is coded.
    package var answeredCells: [String: [(row: Int, location: SourceLocation)]] = [:]
    /// The one-byte and two-digit cells decided in advance (`FastCells`), in one flat table read in the row loop:
    /// single and scale question q's cells at q·`FastCells.stride`, then the flag cells (1 chosen, 0 not chosen).
    let fastTable: [UInt16]
    /// Where each question's flag table starts in `fastTable` (flag questions with the same values share one).
    let flagTableStart: [Int]
    /// Per question: its type, whether it is a one-cell multiple, has `max`, has a base of its own (`asked_if` or
    /// `not_asked`: its answered cells are noted), has `not_asked` or any `missing` value, and whether its number
    /// cells of plain digits are taken as they are (no listed code to look for).
    let kinds: [QuestionType]
    let isOneCell: [Bool]
    let hasMax: [Bool]
    let hasAskedIf: [Bool]
    let hasNotAsked: [Bool]
    let hasValues: [Bool]
    let plainNumbers: [Bool]
    /// Numeric respondent ids below `idBitSetLimit` seen so far, one bit each.
    var seenIDBits: [UInt64] = []
    /// Numeric respondent ids from `idBitSetLimit` up (below 10⁹) seen so far.
    var seenLargeIDs: Set<Int32> = []
    /// Numeric ids seen again, reported when the file is done.
    var pendingDuplicates: [(id: Int, location: SourceLocation)] = []

    package init(definition: SurveyDefinition) {
        self.definition = definition
        let questions = definition.codedQuestions
        self.questions = questions
        let matchers = questions.map { question in
            [.single, .scale, .multiple].contains(question.type) ? ChoiceMatcher(choices: question.choices) : nil
        }
        self.matchers = matchers
        let values = questions.map { AnswerValues(missing: $0.missing, notAsked: $0.notAsked) }
        self.values = values
        // Questions with the same choices and values (a battery of scales) share one table: built once each (~230 cells).
        struct TableKey: Hashable {
            var choices: [Choice]?
            var values: AnswerValues
        }
        var tables: [TableKey: FastCells] = [:]
        let fastSingle = questions.indices.map { index in
            let matcher = matchers[index]
            let key = TableKey(choices: matcher == nil ? nil : questions[index].choices, values: values[index])
            if let table = tables[key] { return table }
            let table = FastCells { raw in matcher.flatMap { ResponseCoder.decideSingle(raw, matcher: $0, values: values[index]) } }
            tables[key] = table
            return table
        }
        var flagTables: [AnswerValues: Int] = [:]
        var fastFlags: [FastCells] = []
        flagTableStart = questions.indices.map { index in
            let question = questions[index]
            guard question.type == .multiple, !question.columns.isEmpty else { return 0 }
            if let start = flagTables[values[index]] { return start }
            let start = (questions.count + fastFlags.count) * FastCells.stride
            fastFlags.append(FastCells { raw in ResponseCoder.decideFlag(raw, values: values[index]).map { $0 ? 1 : 0 } })
            flagTables[values[index]] = start
            return start
        }
        fastTable = (fastSingle + fastFlags).flatMap(\.entries)
        kinds = questions.map(\.type)
        isOneCell = questions.map { $0.type == .multiple && $0.columns.isEmpty }
        hasMax = questions.map { $0.maxAnswers != nil }
        hasAskedIf = questions.map { !$0.askedIf.isEmpty || !$0.notAsked.isEmpty }
        hasNotAsked = questions.map { !$0.notAsked.isEmpty }
        hasValues = values.map { !$0.isEmpty }
        plainNumbers = values.map { $0.missing.codes.isEmpty && $0.notAsked.codes.isEmpty }
    }

    /// What `codeSingle` makes of a cell when it needs no diagnostic and is not 非該当 (which is noted); nil otherwise.
    static func decideSingle(_ raw: String, matcher: ChoiceMatcher, values: AnswerValues) -> UInt16? {
        let text = CellText.normalise(raw)
        if text.isEmpty || values.missing.contains(text) { return 0 }
        if values.notAsked.contains(text) { return nil }
        if let position = matcher.position(of: text) { return position }
        return nil
    }

    /// What `codeFlags` makes of a flag cell (chosen or not) when it needs no diagnostic and is not 非該当; nil otherwise.
    static func decideFlag(_ raw: String, values: AnswerValues) -> Bool? {
        let text = CellText.normalise(raw)
        switch text.lowercased() {
        case "1", "1.0", "○", "〇", "true": return true
        case "", "0", "0.0", "false": return false
        default:
            if values.missing.contains(text) { return false }
            return nil
        }
    }

    /// Whether a flag cell holds the label of its column's choice (SurveyMonkey writes a chosen answer's label): chosen;
    /// nil otherwise.
    static func isLabel(_ raw: String, ofChoice position: Int, in question: Question) -> Bool? {
        guard position < question.choices.count, CellText.normalise(raw) == CellText.normalise(question.choices[position].label) else { return nil }
        return true
    }

    /// The written-in rule (`written_in:`): a flag cell of a choice whose column holds the respondent's own words
    /// ("Other (please specify)", その他（具体的に）) is chosen by any text the flag spellings and the `missing` values
    /// leave undecided (`decideFlag` first: blank, 0 and a `missing` value are not chosen, 1 is); nil otherwise.
    static func isWrittenIn(_ raw: String, ofChoice position: Int, in question: Question) -> Bool? {
        guard !question.writtenIn.isEmpty, position < question.choices.count,
              question.writtenIn.contains(question.choices[position].code), !CellText.normalise(raw).isEmpty else { return nil }
        return true
    }

    /// The 非該当 rule: whether a cell is one of the question's `not_asked` values, which takes the respondent out of
    /// the question's base (`finish`, as `asked_if` does); the cell itself is no answer.
    package static func isNotAsked(_ raw: String, values: AnswerValues) -> Bool {
        !values.notAsked.isEmpty && values.notAsked.contains(CellText.normalise(raw))
    }

    /// Maps the definition's columns to this header, reporting every column that is absent.
    package func layout(for names: [String], file: String, diagnostics: inout DiagnosticsEngine) -> ColumnLayout? {
        let normalised = names.map(CellText.normalise)
        var index: [String: Int] = [:]
        for (position, name) in normalised.enumerated() where index[name] == nil {
            index[name] = position
        }
        var complete = true
        // Suggest only headers that no part of the definition already uses.
        let named = Set(([definition.respondentIDColumn].compactMap { $0 } + questions.flatMap { $0.column.map { [$0] } ?? $0.columns })
            .map { CellText.normalise($0.value) })
        let unclaimed = zip(names, normalised).filter { !named.contains($0.1) }.map(\.0)
        func find(_ column: Located<String>) -> Int? {
            if let found = index[CellText.normalise(column.value)] { return found }
            complete = false
            diagnostics.emit(DataProblem.missingColumn(
                column.location, column: column.value, file: file,
                suggestion: NearestName.suggestion(for: column.value, among: unclaimed)))
            return nil
        }
        let respondentID = definition.respondentIDColumn.flatMap(find)
        var columns: [[Int]] = []
        for question in questions {
            let named = question.column.map { [$0] } ?? question.columns
            columns.append(named.compactMap(find))
        }
        guard complete else { return nil }
        return ColumnLayout(respondentID: respondentID, columns: columns, answerColumns: columns.flatMap { $0 })
    }

    /// A number cell's value (NaN when blank, not a number or beyond ±10^15, the latter two with a diagnostic).
    package func codeNumber<Problems: DataProblemSink>(_ raw: String, question: Question, values: AnswerValues,
                                                       location: SourceLocation, diagnostics: inout Problems) -> Double {
        let text = CellText.normalise(raw)
        guard !text.isEmpty, !values.isNoAnswer(text) else { return .nan }
        guard let number = CellText.number(text), !number.isNaN else {
            diagnostics.report(DataProblem.notANumber(location, question: question.id, column: question.column?.value ?? "", value: text))
            return .nan
        }
        guard abs(number) <= DefinitionLimits.largestNumber else {
            diagnostics.report(DataProblem.numberOutOfRange(location, question: question.id, column: question.column?.value ?? "", value: text))
            return .nan
        }
        return number
    }

    /// What separates the codes of a double-marked single answer (`1,3`, `1、3`, `1・3`, `1/3`, `1 3`).
    static let markSeparators: Set<Unicode.Scalar> = [",", "、", "・", "/", " "]

    package func codeSingle<Problems: DataProblemSink>(_ raw: String, question: Question, matcher: ChoiceMatcher, values: AnswerValues,
                            location: SourceLocation, diagnostics: inout Problems) -> UInt16 {
        let text = CellText.normalise(raw)
        if text.isEmpty || values.isNoAnswer(text) { return 0 }
        if let position = matcher.position(of: text) { return position }
        let parts = text.unicodeScalars.contains(where: Self.markSeparators.contains)
            ? text.unicodeScalars.split(whereSeparator: Self.markSeparators.contains).map { String(String.UnicodeScalarView($0)) } : []
        if parts.count > 1, parts.allSatisfy({ matcher.position(of: $0) != nil }) {
            diagnostics.report(DataProblem.doubleMarked(location, question: question.id, column: question.column?.value ?? "", value: text))
            return 0
        }
        diagnostics.report(DataProblem.unknownChoice(location, question: question.id, column: question.column?.value ?? "",
                                                   value: text, valid: question.choices))
        return 0
    }

    /// Codes flag cells; `columns[i]` is the flag's index among the question's columns (its bit).
    package func codeFlags<Problems: DataProblemSink>(_ cells: [String], question: Question, values: AnswerValues, columns: [Int],
                   locations: [SourceLocation], diagnostics: inout Problems) -> UInt64 {
        var bits: UInt64 = 0
        for (index, raw) in cells.enumerated() {
            if Self.isNotAsked(raw, values: values) { continue }
            switch Self.decideFlag(raw, values: values) ?? Self.isLabel(raw, ofChoice: columns[index], in: question)
                ?? Self.isWrittenIn(raw, ofChoice: columns[index], in: question) {
            case true?: bits |= 1 << UInt64(columns[index])
            case false?: break
            case nil:
                diagnostics.report(DataProblem.invalidFlag(locations[index], question: question.id,
                                                         column: question.columns[columns[index]].value,
                                                         value: CellText.normalise(raw)))
            }
        }
        return bits
    }

    /// Splits a one-cell multiple answer, matching whole labels first so a label containing the separator still matches.
    package func codeOneCell<Problems: DataProblemSink>(_ raw: String, question: Question, matcher: ChoiceMatcher, values: AnswerValues,
                             location: SourceLocation, diagnostics: inout Problems) -> UInt64 {
        var rest = Substring(CellText.normalise(raw))
        if rest.isEmpty || values.isNoAnswer(String(rest)) { return 0 }
        let separator = CellText.normalise(question.separator ?? ",")
        var bits: UInt64 = 0
        while !rest.isEmpty {
            rest = rest.drop { $0.isWhitespace }
            if rest.isEmpty { break }
            var matched: UInt16?
            for (label, position) in matcher.labelsLongestFirst where !label.isEmpty && rest.hasPrefix(label) {
                let after = rest.dropFirst(label.count).drop { $0.isWhitespace }
                if after.isEmpty || after.hasPrefix(separator) {
                    matched = position
                    rest = after.dropFirst(after.isEmpty ? 0 : separator.count)
                    break
                }
            }
            if matched == nil {
                let piece: Substring
                // The standard library's search: linear in what it passes (Foundation's copied the rest of the cell
                // each time, quadratic in a cell of 320,000 separators).
                if !separator.isEmpty, let range = rest.firstRange(of: separator) {
                    piece = rest[..<range.lowerBound]
                    rest = rest[range.upperBound...]
                } else {
                    piece = rest
                    rest = ""
                }
                let part = String(piece.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
                if part.isEmpty { continue }
                matched = matcher.position(of: part)
                if matched == nil {
                    diagnostics.report(DataProblem.unknownChoice(location, question: question.id, column: question.column?.value ?? "",
                                                               value: part, valid: question.choices))
                }
            }
            if let matched { bits |= 1 << UInt64(matched - 1) }
        }
        return bits
    }

    /// Whether a text cell is an answer: not blank, not a `missing` or `not_asked` value.
    package static func codeText(_ raw: String, values: AnswerValues) -> Bool {
        let text = CellText.normalise(raw)
        return !text.isEmpty && !values.isNoAnswer(text)
    }

    /// Keeps the lowest-numbered codes when more than `max` are chosen.
    package func limit<Problems: DataProblemSink>(_ bits: UInt64, question: Question, matcher: ChoiceMatcher,
                       location: SourceLocation, diagnostics: inout Problems) -> UInt64 {
        guard let maximum = question.maxAnswers, bits.nonzeroBitCount > maximum else { return bits }
        let chosen = (0..<question.choices.count).filter { bits & (1 << UInt64($0)) != 0 }
        let byCode = chosen.sorted { question.choices[$0].code < question.choices[$1].code }
        let keptPositions = byCode.prefix(maximum)
        var kept: UInt64 = 0
        for position in keptPositions { kept |= 1 << UInt64(position) }
        diagnostics.report(DataProblem.tooManyAnswers(location, question: question.id, found: chosen.count, max: maximum,
                                                    kept: keptPositions.map { question.choices[$0].code }.sorted()))
        return kept
    }

    /// Works out derived questions, the rows `filter:` keeps, and eligibility once every row is coded.
    package mutating func finish(_ table: inout ResponseTable, folder: String, diagnostics: inout DiagnosticsEngine) {
        for derived in definition.derived {
            if !derived.bins.isEmpty {
                // At most `DefinitionLimits.mostChoices` classes (checked with the definition): each fits a UInt16.
                guard let values = table.columns[derived.from.value]?.numbers else { continue }
                table.columns[derived.id] = .choices(values.map(keepingBlocks: { value in
                    value.isNaN ? 0 : UInt16(truncatingIfNeeded: ClassLimits.classIndex(of: value, limits: derived.bins) + 1)
                }))
                continue
            }
            guard let source = table.columns[derived.from.value]?.choices, let sourceQuestion = definition.anyQuestion(derived.from.value) else { continue }
            var groupOfPosition = [UInt16](repeating: 0, count: sourceQuestion.choices.count + 1)
            var positionOfCode: [Int: Int] = [:]
            for (index, choice) in sourceQuestion.choices.enumerated() where positionOfCode[choice.code] == nil {
                positionOfCode[choice.code] = index + 1
            }
            // At most `DefinitionLimits.mostChoices` groups (checked with the definition): each fits a UInt16.
            for (groupIndex, group) in derived.groups.enumerated() {
                for code in group.codes {
                    if let position = positionOfCode[code] { groupOfPosition[position] = UInt16(truncatingIfNeeded: groupIndex + 1) }
                }
            }
            table.columns[derived.id] = .choices(source.map(keepingBlocks: { groupOfPosition[Int($0)] }))
        }
        if !definition.filter.isEmpty {
            let read = table.count
            keepRows(meeting: definition.filter, of: &table, diagnostics: &diagnostics)
            table.rowsBeforeFilter = read
        }
        // Weights are the wave's (after its filter): a subset keeps its respondents' weights. Made (and checked) even
        // after other errors, so that `survey check` lists the weights' problems with the rest.
        table.makeWeights(folder: folder, diagnostics: &diagnostics)
        if !definition.subset.isEmpty {
            let respondents = table.count
            keepRows(meeting: definition.subset, of: &table, diagnostics: &diagnostics)
            table.waveRespondents = respondents
        }
        for question in definition.questions where !question.askedIf.isEmpty || !question.notAsked.isEmpty {
            // asked_if's conditions are codes of a coded question, met as a filter's are (one rule, `rowsMeeting`).
            var eligible = table.rowsMeeting(question.askedIf.map {
                RowCondition(question: $0.question, test: .codes($0.codes), location: $0.location)
            })
            let askedIf = eligible
            // 非該当: a `not_asked` value in one of the question's cells takes the respondent out, as `asked_if` does.
            for row in notAskedRows[question.id] ?? [] where row < eligible.count { eligible[row] = false }
            table.eligibility[question.id] = ResponseColumn(eligible)
            let condition = question.askedIf.map { "\($0.question) = \($0.codes.map(String.init).joined(separator: " or "))" }
                .joined(separator: " and ")
            let notAskedCondition = "a not_asked value (" + question.notAsked.map(\.description).joined(separator: ", ") + ") in another of its cells"
            for cell in answeredCells[question.id] ?? [] where !eligible[cell.row] {
                diagnostics.emit(DataProblem.ineligibleAnswer(cell.location, question: question.id,
                                                              condition: askedIf[cell.row] ? notAskedCondition : condition))
            }
        }
    }

    /// Keeps the rows meeting every one of `conditions` (`filter:`, `--where`), and the answered cells of those rows.
    private mutating func keepRows(meeting conditions: [RowCondition], of table: inout ResponseTable, diagnostics: inout DiagnosticsEngine) {
        guard let first = conditions.first else { return }
        let kept = table.rowsMeeting(conditions)
        table.keepRows(kept)
        if table.count == 0 { diagnostics.emit(DataProblem.filterKeepsNobody(first.location, respondents: kept.count)) }
        var keptRow = [Int](repeating: -1, count: kept.count)
        var next = 0
        for (row, keep) in kept.enumerated() where keep {
            keptRow[row] = next
            next += 1
        }
        answeredCells = answeredCells.mapValues { cells in
            cells.compactMap { keptRow[$0.row] < 0 ? nil : (keptRow[$0.row], $0.location) }
        }
        notAskedRows = notAskedRows.mapValues { rows in rows.compactMap { keptRow[$0] < 0 ? nil : keptRow[$0] } }
    }
}

/// A question's `missing` (無回答) and `not_asked` (非該当) values, as cells are matched.
package struct AnswerValues: Hashable, Sendable {
    package var missing: ValueSet
    package var notAsked: ValueSet

    package init(missing: [CellValue], notAsked: [CellValue] = []) {
        self.missing = ValueSet(missing)
        self.notAsked = ValueSet(notAsked)
    }

    var isEmpty: Bool { missing.isEmpty && notAsked.isEmpty }

    /// Whether a normalised cell is no answer: one of the `missing` or `not_asked` values.
    func isNoAnswer(_ text: String) -> Bool {
        !isEmpty && (missing.contains(text) || notAsked.contains(text))
    }
}

/// Codes and texts (normalised as cells are) matched against a normalised cell: a text exactly, a code by the
/// cell's integer (`-1`, `-1.0`).
package struct ValueSet: Hashable, Sendable {
    var codes: Set<Int> = []
    var texts: Set<String> = []

    init(_ values: [CellValue]) {
        for value in values {
            switch value {
            case .code(let code): codes.insert(code)
            case .text(let text): texts.insert(CellText.normalise(text))
            }
        }
    }

    var isEmpty: Bool { codes.isEmpty && texts.isEmpty }

    func contains(_ text: String) -> Bool {
        if !texts.isEmpty && texts.contains(text) { return true }
        if !codes.isEmpty, let code = CellText.integer(text) { return codes.contains(code) }
        return false
    }
}
