import SurveyDefinition
import SurveyDiagnostics
@_spi(Parts) import SurveyIngest

/// The one coder of the data: codes the cells of a file, or of one part of it, as they are read, straight into
/// columns, with the keying rules of `ResponseCoder` (one-byte and two-digit cells by its lookup tables).
///
/// Read in parallel (`CSVReader.scanInParallel`), each part has a coder that takes libcsv's fields itself and
/// declines (stops the reading) at the first record that would need any diagnostic (a blank row, a cell the rules
/// cannot code without a message, a respondent id seen before, a row answered beyond `max`), so that the file is
/// read again in order. Read in order (`CSVReader.scan`), one coder that records problems (`recordingProblems`)
/// takes each record (`CSVFieldSink.take`) and reports every problem in `problems`, where it stands: a record's
/// problems in question order, as the reference path (`ReferenceReader` in the tests) gives them.
final class PartCoder: CSVFieldSink, @unchecked Sendable {
    /// What a column of the file holds.
    enum Role: UInt8 {
        case unused, respondentID, single, flag, oneCell, number, text
    }

    @exclusivity(unchecked) private(set) var coder: ResponseCoder
    private let path: String
    private let fileIndex: Int
    private let questions: [Question]

    // Per file column.
    private let roles: [Role]
    private let columnQuestion: [Int]
    private let flagBit: [Int]

    // Per question, read and written through pointers: no exclusivity or uniqueness checks per cell.
    private let fastTable: UnsafeMutableBufferPointer<UInt16>
    private let choices: UnsafeMutableBufferPointer<GrowingBuffer<UInt16>>
    private let selections: UnsafeMutableBufferPointer<GrowingBuffer<UInt64>>
    private let numbers: UnsafeMutableBufferPointer<GrowingBuffer<Double>>
    private let texts: UnsafeMutableBufferPointer<GrowingBuffer<Bool>>
    private let multipleQuestions: [Int]
    private let firstColumn: [Int]
    /// The file columns of single and scale questions, with their question.
    private let singleColumns: [(column: Int, question: Int)]
    /// Per entry of `singleColumns`: its file column, whether its question has `asked_if`, and where its column's
    /// storage starts. All these columns hold `rows` values and room for `singleRoom`: a record's values are
    /// stored at `rows` with no count or room to check per column.
    private let singleFileColumns: UnsafeMutablePointer<Int>
    private let singleAskedIf: UnsafeMutablePointer<Bool>
    private let singleStorage: UnsafeMutablePointer<UnsafeMutablePointer<UInt16>>
    @exclusivity(unchecked) private var singleRoom = 0
    /// Per question: its flag columns (bit by bit), or none (a one-cell multiple answer, or not multiple).
    private let flagColumns: [[Int]]
    private let isOneCell: [Bool]
    private let hasRespondentID: Bool
    private let askedIf: [Bool]

    /// The physical line of each row.
    @exclusivity(unchecked) private var lines: GrowingBuffer<UInt32>
    @exclusivity(unchecked) private var numericIDs: GrowingBuffer<Int32>
    /// Rows coded so far.
    @exclusivity(unchecked) private(set) var rows = 0

    // The record being read.
    /// The cells the field callback decides itself (see `RowCells`).
    private let cells: UnsafeMutablePointer<RowCells>
    private let rowBits: UnsafeMutableBufferPointer<UInt64>
    private let rowFirstLine: UnsafeMutableBufferPointer<Int>
    @exclusivity(unchecked) private var rowTextID: String?
    /// The current record's respondent id when it is a small whole number (-1 otherwise), and where it stands.
    @exclusivity(unchecked) private var rowNumericID = -1
    @exclusivity(unchecked) private var rowIDLine = 0
    /// Whether problems are recorded (read in order) rather than declining the record (read in parts).
    private let recording: Bool
    /// The problems found so far (read in order): a record's are added when it ends.
    @exclusivity(unchecked) private(set) var problems: DiagnosticsEngine
    /// The current record's problems, with their order in the record (question, then cell: see `general`).
    @exclusivity(unchecked) private var rowProblems: [(order: Int, problem: DataProblem)] = []
    /// Per column of this coder: the field of the file it takes (a column that serves twice, read in order, is
    /// taken twice), and the columns fed to `take(_:)` in order.
    private let fileColumn: [Int]
    let fedColumns: [(sink: Int, field: Int)]
    /// Number and text questions (their columns are written as their cells end).
    private let valueQuestions: [Int]
    private let respondentIDColumn: Int
    /// The ids that are not whole numbers first seen in this part (their lines move with `shiftLines`).
    @exclusivity(unchecked) private var textIDs: [String] = []
    @exclusivity(unchecked) private var declined = false
    @exclusivity(unchecked) private var released = false

    /// A coder for file `fileIndex` (at `path`), or one part of it, laid out as `layout`, starting from `coder`'s
    /// ids. Read in order (`recordingProblems`, diagnostics at most `limitPerFile` per severity), a column that
    /// serves twice is taken twice; read in parts, such a layout gives nil (the file is then read in order).
    init?(coder: ResponseCoder, layout: ColumnLayout, columnCount: Int, path: String, fileIndex: Int, expectedRows: Int,
          recordingProblems: Bool = false, limitPerFile: Int = 50) {
        var roles = [Role](repeating: .unused, count: columnCount)
        var columnQuestion = [Int](repeating: -1, count: columnCount)
        var flagBit = [Int](repeating: 0, count: columnCount)
        var fileColumn = Array(0..<columnCount)
        var fed: [(sink: Int, field: Int)] = []
        /// The column of this coder that takes `column` of the file in `role`.
        func claim(_ column: Int, _ role: Role, question: Int, bit: Int = 0) -> Int? {
            guard column < columnCount else { return nil }
            var sinkColumn = column
            if roles[column] != .unused {
                guard recordingProblems else { return nil }
                sinkColumn = roles.count
                roles.append(.unused)
                columnQuestion.append(-1)
                flagBit.append(0)
                fileColumn.append(column)
            }
            roles[sinkColumn] = role
            columnQuestion[sinkColumn] = question
            flagBit[sinkColumn] = bit
            fed.append((sinkColumn, column))
            return sinkColumn
        }
        var respondentIDColumn = -1
        if let id = layout.respondentID {
            guard let claimed = claim(id, .respondentID, question: -1) else { return nil }
            respondentIDColumn = claimed
        }
        let questions = coder.questions
        // The layout in this coder's columns.
        var sinkLayout: [[Int]] = []
        for (index, question) in questions.enumerated() {
            let role: Role
            switch question.type {
            case .single, .scale: role = .single
            case .multiple: role = coder.isOneCell[index] ? .oneCell : .flag
            case .number: role = .number
            case .text: role = .text
            }
            var claimed: [Int] = []
            for (bit, column) in layout.columns[index].enumerated() {
                guard let sinkColumn = claim(column, role, question: index, bit: bit) else { return nil }
                claimed.append(sinkColumn)
            }
            sinkLayout.append(claimed)
        }
        let sinkColumnCount = roles.count
        self.coder = coder
        self.recording = recordingProblems
        problems = DiagnosticsEngine(limitPerFile: limitPerFile)
        self.fileColumn = fileColumn
        // The fields in file order (as a part's parser passes them).
        fedColumns = fed.sorted { ($0.field, $0.sink) < ($1.field, $1.sink) }
        valueQuestions = questions.indices.filter { questions[$0].type == .number || questions[$0].type == .text }
        self.respondentIDColumn = respondentIDColumn
        self.path = path
        self.fileIndex = fileIndex
        self.questions = questions
        self.roles = roles
        self.columnQuestion = columnQuestion
        self.flagBit = flagBit
        fastTable = UnsafeMutableBufferPointer(start: .allocateOnOwnCacheLines(capacity: coder.fastTable.count),
                                               count: coder.fastTable.count)
        _ = fastTable.initialize(from: coder.fastTable)
        // Every column written row by row starts in its own set of the level-1 cache (`GrowingBuffer`'s stagger).
        var stagger = 0
        func nextStagger() -> Int {
            stagger += 1
            return stagger
        }
        func columns<T>(for types: Set<QuestionType>) -> UnsafeMutableBufferPointer<GrowingBuffer<T>> {
            let buffers = UnsafeMutableBufferPointer<GrowingBuffer<T>>(
                start: .allocateOnOwnCacheLines(capacity: questions.count), count: questions.count)
            for (index, question) in questions.enumerated() {
                let used = types.contains(question.type)
                (buffers.baseAddress! + index).initialize(
                    to: GrowingBuffer(capacity: used ? expectedRows : 16, stagger: used ? nextStagger() : 0))
            }
            return buffers
        }
        choices = columns(for: [.single, .scale])
        selections = columns(for: [.multiple])
        numbers = columns(for: [.number])
        texts = columns(for: [.text])
        multipleQuestions = questions.indices.filter { questions[$0].type == .multiple }
        firstColumn = sinkLayout.map { $0.first ?? 0 }
        singleColumns = questions.indices.compactMap { index in
            questions[index].type == .single || questions[index].type == .scale ? (sinkLayout[index][0], index) : nil
        }
        isOneCell = questions.indices.map { questions[$0].type == .multiple && coder.isOneCell[$0] }
        flagColumns = questions.indices.map { index in
            questions[index].type == .multiple && !coder.isOneCell[index] ? sinkLayout[index] : []
        }
        hasRespondentID = layout.respondentID != nil
        askedIf = coder.hasAskedIf
        lines = GrowingBuffer(capacity: expectedRows, stagger: nextStagger())
        numericIDs = GrowingBuffer(capacity: hasRespondentID ? expectedRows : 16, stagger: nextStagger())
        rowBits = UnsafeMutableBufferPointer(start: .allocateOnOwnCacheLines(capacity: questions.count), count: questions.count)
        rowBits.initialize(repeating: 0)
        rowFirstLine = UnsafeMutableBufferPointer(start: .allocateOnOwnCacheLines(capacity: questions.count),
                                                  count: questions.count)
        rowFirstLine.initialize(repeating: 0)
        self.coder.answeredCells = [:]
        self.coder.notAskedRows = [:]
        singleFileColumns = .allocateOnOwnCacheLines(capacity: Swift.max(singleColumns.count, 1))
        singleAskedIf = .allocateOnOwnCacheLines(capacity: Swift.max(singleColumns.count, 1))
        singleStorage = .allocateOnOwnCacheLines(capacity: Swift.max(singleColumns.count, 1))
        singleRoom = Int.max
        for (entry, single) in singleColumns.enumerated() {
            singleFileColumns[entry] = single.column
            singleAskedIf[entry] = coder.hasAskedIf[single.question]
            singleStorage[entry] = choices[single.question].baseAddress
            singleRoom = Swift.min(singleRoom, choices[single.question].reservedCount)
        }
        let tableStarts = (0..<sinkColumnCount).map { column -> Int32 in
            switch roles[column] {
            case .single: Int32(columnQuestion[column] * FastCells.stride)
            case .flag: Int32(coder.flagTableStart[columnQuestion[column]])
            default: -1
            }
        }
        cells = RowCells.allocate(table: UnsafeBufferPointer(fastTable), tableStarts: tableStarts)
        super.init(fieldCallback: partCoderField, state: UnsafeMutableRawPointer(cells))
    }

    /// The field callback's cells other than decided one-byte ones: single answers and flags by the tables or the
    /// general rules (`decide`), the rest by `codeField`.
    @inline(never)
    fileprivate static func otherField(_ bytes: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutablePointer<CSVSinkContext>) {
        guard let (column, line) = context.pointee.nextField() else { return }
        let cell = UnsafeRawBufferPointer(start: bytes, count: bytes == nil ? 0 : length)
        let row = context.pointee.state.unsafelyUnwrapped.assumingMemoryBound(to: RowCells.self)
        let columnCell = RowCells.column(column, of: row)
        let start = Int(columnCell.pointee.tableStart)
        guard start >= 0 else {
            Unmanaged<PartCoder>.fromOpaque(context.pointee.sink)._withUnsafeGuaranteedRef {
                $0.codeField(column, cell, line: line)
            }
            return
        }
        var value: UInt16 = 0
        if !cell.isEmpty {
            if !row.pointee.hasCell { RowCells.noteCell(row, cell) }
            value = FastCells.lookup(row.pointee.table, start, cell)
            if value == FastCells.slow {
                value = Unmanaged<PartCoder>.fromOpaque(context.pointee.sink)._withUnsafeGuaranteedRef {
                    $0.decide(column, cell, line: line)
                }
            }
        }
        columnCell.pointee.value = value
        columnCell.pointee.line = line
    }

    deinit {
        release()
        fastTable.deallocate()
        choices.deallocate()
        selections.deallocate()
        numbers.deallocate()
        texts.deallocate()
        rowBits.deallocate()
        rowFirstLine.deallocate()
        singleFileColumns.deallocate()
        singleAskedIf.deallocate()
        singleStorage.deallocate()
        RowCells.deallocate(cells)
    }

    /// Doubles the room of the single answers' columns (they hold `rows` values).
    @inline(never)
    private func growSingles() {
        for (entry, single) in singleColumns.enumerated() {
            choices[single.question].setCount(rows)
            choices[single.question].reserveCapacity(2 * singleRoom)
            singleStorage[entry] = choices[single.question].baseAddress
        }
        singleRoom *= 2
    }

    /// Gives the single answers' columns their count (`rows`), before they are appended to a store.
    private func countSingles() {
        for single in singleColumns { choices[single.question].setCount(rows) }
    }

    /// Frees the columns (once appended to a store, or when the part is dropped).
    private func release() {
        guard !released else { return }
        released = true
        for buffer in choices { buffer.free() }
        for buffer in selections { buffer.free() }
        for buffer in numbers { buffer.free() }
        for buffer in texts { buffer.free() }
        lines.free()
        numericIDs.free()
    }

    /// Codes field `column` of the current record (starting on physical `line`): the cells not decided by the
    /// field callback's tables (ids, numbers, texts, one-cell multiple answers).
    @inline(__always)
    private func codeField(_ column: Int, _ bytes: UnsafeRawBufferPointer, line: Int) {
        let role = roles[column]
        guard role != .unused, !declined else { return }
        if !cells.pointee.hasCell, role != .respondentID, !bytes.isEmpty { RowCells.noteCell(cells, bytes) }
        let index = columnQuestion[column]
        switch role {
        case .unused, .single, .flag:
            return
        case .number:
            let value = (coder.plainNumbers[index] ? ResponseCoder.plainInteger(bytes).map(Double.init) : nil)
                ?? codeNumber(index, column, bytes, line)
            numbers[index].append(value)
            if !value.isNaN && askedIf[index] { noteAnswered(index, column, line) }
        case .text:
            var present = !bytes.isEmpty && !ResponseCoder.isBlank(bytes)
            if present && coder.hasValues[index] { present = codeText(index, bytes) }
            texts[index].append(present)
            if present && askedIf[index] { noteAnswered(index, column, line) }
        case .respondentID:
            noteRespondentID(bytes, line: line)
        case .oneCell:
            rowFirstLine[index] = line
            rowBits[index] = codeOneCell(index, column, bytes, line)
        }
    }

    /// The value of a single-answer or flag cell that the tables cannot decide, by the general rules: a choice
    /// position, or 1 for a chosen flag and 0 otherwise.
    @inline(never)
    private func decide(_ column: Int, _ bytes: UnsafeRawBufferPointer, line: Int) -> UInt16 {
        let index = columnQuestion[column]
        if roles[column] == .single { return codeSingle(index, column, bytes, line) }
        return codeFlag(index, flagBit[column], column, bytes, line) == 0 ? 0 : 1
    }

    /// Notes that question `index`'s cell in this row is one of its `not_asked` values (the row leaves its base in
    /// `ResponseCoder.finish`); true when it is.
    @inline(never)
    private func notAsked(_ index: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard coder.hasNotAsked[index], ResponseCoder.isNotAsked(String(decoding: bytes, as: UTF8.self), values: coder.values[index]) else {
            return false
        }
        if coder.notAskedRows[questions[index].id]?.last != rows { coder.notAskedRows[questions[index].id, default: []].append(rows) }
        return true
    }

    @inline(never)
    private func codeText(_ index: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        if notAsked(index, bytes) { return false }
        return ResponseCoder.codeText(String(decoding: bytes, as: UTF8.self), values: coder.values[index])
    }

    /// Keeps where question `index` was answered in this row, for its `asked_if` check.
    @inline(never)
    private func noteAnswered(_ index: Int, _ column: Int, _ line: Int) {
        coder.answeredCells[questions[index].id, default: []].append((rows, location(column, line)))
    }

    // The general rules, for cells the tables cannot decide (kept out of the per-field path).

    @inline(never)
    private func codeSingle(_ index: Int, _ column: Int, _ bytes: UnsafeRawBufferPointer, _ line: Int) -> UInt16 {
        if notAsked(index, bytes) { return 0 }
        return general(order: Self.order(index)) { coder, diagnostics in
            coder.codeSingle(String(decoding: bytes, as: UTF8.self), question: questions[index], matcher: coder.matchers[index]!,
                             values: coder.values[index], location: location(column, line), diagnostics: &diagnostics)
        }
    }

    @inline(never)
    private func codeFlag(_ index: Int, _ bit: Int, _ column: Int, _ bytes: UnsafeRawBufferPointer, _ line: Int) -> UInt64 {
        if notAsked(index, bytes) { return 0 }
        return general(order: Self.order(index, cell: bit)) { coder, diagnostics in
            coder.codeFlags([String(decoding: bytes, as: UTF8.self)], question: questions[index], values: coder.values[index], columns: [bit],
                            locations: [location(column, line)], diagnostics: &diagnostics)
        }
    }

    @inline(never)
    private func codeOneCell(_ index: Int, _ column: Int, _ bytes: UnsafeRawBufferPointer, _ line: Int) -> UInt64 {
        if notAsked(index, bytes) { return 0 }
        return general(order: Self.order(index)) { coder, diagnostics in
            coder.codeOneCell(String(decoding: bytes, as: UTF8.self), question: questions[index], matcher: coder.matchers[index]!,
                              values: coder.values[index], location: location(column, line), diagnostics: &diagnostics)
        }
    }

    @inline(never)
    private func codeNumber(_ index: Int, _ column: Int, _ bytes: UnsafeRawBufferPointer, _ line: Int) -> Double {
        if notAsked(index, bytes) { return .nan }
        return general(order: Self.order(index)) { coder, diagnostics in
            coder.codeNumber(String(decoding: bytes, as: UTF8.self), question: questions[index], values: coder.values[index],
                             location: location(column, line), diagnostics: &diagnostics)
        }
    }

    override func endRecord(fieldCount: Int, line: Int) -> Bool {
        guard !declined else { return false }
        guard cells.pointee.hasCell else { return recording && skipBlankRow(line: line) }
        let columnCells = RowCells.column(0, of: cells)
        if rows == singleRoom { growSingles() }
        let row = rows
        for entry in 0..<singleColumns.count {
            let column = singleFileColumns[entry]
            let position = columnCells[column].value
            singleStorage[entry][row] = position
            if singleAskedIf[entry] && position != 0 { noteAnswered(singleColumns[entry].question, column, columnCells[column].line) }
        }
        for index in multipleQuestions {
            var bits: UInt64 = 0
            let column = firstColumn[index]
            var firstLine = columnCells[column].line
            if isOneCell[index] {
                bits = rowBits[index]
                rowBits[index] = 0
                firstLine = rowFirstLine[index]
            } else {
                for (bit, flagColumn) in flagColumns[index].enumerated() {
                    bits |= UInt64(columnCells[flagColumn].value) << UInt64(bit)
                }
            }
            if coder.hasMax[index] {
                bits = general(order: Self.order(index, cell: Self.limitOrder)) { coder, diagnostics in
                    coder.limit(bits, question: questions[index], matcher: coder.matchers[index]!,
                                location: location(column, firstLine), diagnostics: &diagnostics)
                }
            }
            selections[index].append(bits)
            if bits != 0 && askedIf[index] { noteAnswered(index, column, firstLine) }
        }
        if hasRespondentID, !noteRespondent(line: line) { return false }
        guard !declined else { return false }
        if !rowProblems.isEmpty { reportRowProblems() }
        lines.append(UInt32(clamping: line))
        rows += 1
        cells.pointee.hasCell = false
        return true
    }

    override var shiftsLines: Bool { true }

    override func shiftLines(by delta: Int) {
        for row in 0..<lines.count { lines[row] = UInt32(clamping: Int(lines[row]) + delta) }
        for (question, cells) in coder.answeredCells {
            coder.answeredCells[question] = cells.map { cell in
                var location = cell.location
                location.line = location.line.map { $0 + delta }
                return (cell.row, location)
            }
        }
        for id in textIDs {
            if let first = coder.firstSeenID[id] { coder.firstSeenID[id] = (first.line + delta, first.file) }
        }
    }

    private func location(_ column: Int, _ line: Int) -> SourceLocation {
        SourceLocation(path: path, line: line, column: fileColumn[column] + 1)
    }

    /// Runs a general rule (a keying rule of `ResponseCoder`) on a cell: its problems are kept with the record at
    /// `order` when recording, and decline the record otherwise.
    private func general<T>(order: Int, _ rule: (ResponseCoder, inout [DataProblem]) -> T) -> T {
        var found: [DataProblem] = []
        let value = rule(coder, &found)
        if !found.isEmpty {
            if recording { rowProblems += found.map { (order, $0) } } else { declined = true }
        }
        return value
    }

    /// Where a problem of question `index`'s cell (a flag's: its bit) stands among a record's problems: in question
    /// order, a question's cells first, then its `max` (the order in which the reference path finds them).
    private static func order(_ index: Int, cell: Int = 0) -> Int { index * 128 + cell + 1 }
    private static let limitOrder = 100

    /// Reports the record's problems in order (a respondent id seen before first).
    @inline(never)
    private func reportRowProblems() {
        for (_, problem) in rowProblems.enumerated().sorted(by: { ($0.element.order, $0.offset) < ($1.element.order, $1.offset) })
            .map(\.element) {
            problems.emit(problem)
        }
        rowProblems.removeAll()
    }

    /// Keeps the current record's respondent id until the record ends (`noteRespondent`).
    private func noteRespondentID(_ bytes: UnsafeRawBufferPointer, line: Int) {
        (rowNumericID, rowTextID) = ResponseCoder.respondentID(bytes)
        rowIDLine = line
    }

    /// The respondent-id rules: a small whole number is marked in a bit set (one seen before is reported when the
    /// file is done, `ResponseCoder.reportDuplicateIDs`), other text by its first line. An id seen before declines
    /// the record unless recording (false).
    @inline(__always)
    private func noteRespondent(line: Int) -> Bool {
        defer { rowTextID = nil }
        let number = rowNumericID
        guard number < 0 else {
            if !coder.markSeen(number) {
                guard recording else { return false }
                coder.pendingDuplicates.append((number, location(respondentIDColumn, rowIDLine)))
            }
            numericIDs.append(Int32(number))
            return true
        }
        numericIDs.append(-1)
        if let text = rowTextID {
            if let first = coder.firstSeenID[text] {
                guard recording else { return false }
                rowProblems.append((0, .duplicateRespondentID(location(respondentIDColumn, rowIDLine), id: text,
                                                              firstLine: first.line, firstFile: first.file)))
            } else {
                coder.firstSeenID[text] = (line, path)
                textIDs.append(text)
            }
        }
        return true
    }

    /// A record whose every answer is blank (read in order): not a respondent, with a warning; the values its
    /// number and text cells wrote are taken back.
    @inline(never)
    private func skipBlankRow(line: Int) -> Bool {
        problems.emit(DataProblem.blankRow(SourceLocation(path: path, line: line)))
        for index in valueQuestions {
            if numbers[index].count > 0, questions[index].type == .number { numbers[index].setCount(numbers[index].count - 1) }
            if texts[index].count > 0, questions[index].type == .text { texts[index].setCount(texts[index].count - 1) }
        }
        for index in multipleQuestions { rowBits[index] = 0 }
        rowTextID = nil
        rowProblems.removeAll()
        return true
    }

    /// Codes one record read in order (`CSVReader.scan`), as `scanInParallel` passes a part's records.
    func take(_ record: CSVRawRecord) {
        _ = take(record, columns: fedColumns, columnCount: fileColumn.count)
    }

    /// Appends the coded parts, in order, to `store`, one column at a time, freeing each part's column as it goes.
    ///
    /// The columns are split between two threads by size (a copy of ~110 MB at 1M rows took ~75 ms on one).
    static func append(_ parts: [PartCoder], to store: inout ColumnStore) {
        guard let first = parts.first else { return }
        let total = parts.reduce(0) { $0 + $1.rows }
        for part in parts {
            part.countSingles()
            for (index, question) in first.questions.enumerated() {
                switch question.type {
                case .single, .scale: store.choices[index].append(taking: part.takeColumn(&part.choices[index]))
                case .multiple: store.selections[index].append(taking: part.takeColumn(&part.selections[index]))
                case .number: store.numbers[index].append(taking: part.takeColumn(&part.numbers[index]))
                case .text: store.texts[index].append(taking: part.takeColumn(&part.texts[index]))
                }
            }
        }
        store.sources.reserveCapacity(total)
        for part in parts {
            store.sources.append(file: part.fileIndex, lines: part.lines.buffer)
            if part.hasRespondentID { store.numericIDs.append(contentsOf: part.numericIDs.buffer) }
            part.release()
        }
    }

    /// The column `slot`, which the caller takes over; the slot is left empty.
    private func takeColumn<T>(_ slot: inout GrowingBuffer<T>) -> GrowingBuffer<T> {
        let taken = slot
        slot = GrowingBuffer(capacity: 16)
        return taken
    }
}

/// The cells of the record being read that `PartCoder`'s field callback decides itself (single answers and
/// flags), kept per file column until the record ends: all the callback touches for them, reached through
/// `CSVSinkContext.state` without the coder object.
///
/// A `ColumnCell` per file column follows it in the same allocation (`column(_:of:)`), so that the callback finds
/// a column's table and stores its cell with one load of a pointer (with the three in separate arrays, the
/// callback's chain of dependent loads was two longer).
struct RowCells {
    /// The coder's lookup tables (`ResponseCoder.fastTable`).
    let table: UnsafeBufferPointer<UInt16>
    /// Whether the current record has a cell that is not blank so far.
    var hasCell = false

    /// Where the column cells start, after the header rounded up to their alignment.
    private static let columnsOffset = (MemoryLayout<RowCells>.stride + MemoryLayout<ColumnCell>.alignment - 1)
        / MemoryLayout<ColumnCell>.alignment * MemoryLayout<ColumnCell>.alignment

    /// Row cells on their own cache lines, with a column cell per entry of `tableStarts` (-1: coded by `codeField`).
    static func allocate(table: UnsafeBufferPointer<UInt16>, tableStarts: [Int32]) -> UnsafeMutablePointer<RowCells> {
        let bytes = UnsafeMutablePointer<UInt8>.allocateOnOwnCacheLines(
            capacity: columnsOffset + tableStarts.count * MemoryLayout<ColumnCell>.stride)
        let row = UnsafeMutableRawPointer(bytes).bindMemory(to: RowCells.self, capacity: 1)
        row.initialize(to: RowCells(table: table))
        let columns = (UnsafeMutableRawPointer(bytes) + columnsOffset).bindMemory(to: ColumnCell.self, capacity: tableStarts.count)
        for (column, start) in tableStarts.enumerated() {
            (columns + column).initialize(to: ColumnCell(tableStart: start, value: 0, line: 0))
        }
        return row
    }

    static func deallocate(_ row: UnsafeMutablePointer<RowCells>) {
        UnsafeMutableRawPointer(row).deallocate()
    }

    /// The cell of file column `column` (the columns follow `row` in memory).
    @inline(__always)
    static func column(_ column: Int, of row: UnsafeMutablePointer<RowCells>) -> UnsafeMutablePointer<ColumnCell> {
        (UnsafeMutableRawPointer(row) + columnsOffset).assumingMemoryBound(to: ColumnCell.self) + column
    }

    /// Marks the record as not blank when `bytes` is not blank.
    @inline(never)
    static func noteCell(_ row: UnsafeMutablePointer<RowCells>, _ bytes: UnsafeRawBufferPointer) {
        if !ResponseCoder.isBlank(bytes) { row.pointee.hasCell = true }
    }
}

/// One file column of `RowCells`.
struct ColumnCell {
    /// Where its cells' table starts in `RowCells.table`, or -1 for a column `codeField` codes.
    let tableStart: Int32
    /// The current record's decided cell (a choice position; for a flag 1 chosen, 0 not).
    var value: UInt16
    /// The physical line the current record's cell starts on.
    var line: Int
}

/// libcsv's field callback for a part (see `PartCoder`), a C function: libcsv calls it directly, with no thunk
/// (as a closure it cost a jump through one per field).
///
/// A one-byte cell of a single answer or flag (most cells of a questionnaire) whose table decides it is handled
/// here from `RowCells` alone: a lookup by its byte, kept per column until `endRecord` appends the record's
/// values to the columns; no call, no dispatch on the column's role. Every other cell goes to `otherField`.
@c(survey_part_coder_field)
private func partCoderField(_ bytes: UnsafeMutableRawPointer?, _ length: Int, _ data: UnsafeMutableRawPointer?) {
    let context = data.unsafelyUnwrapped.assumingMemoryBound(to: CSVSinkContext.self)
    let (column, withinHeader) = context.pointee.nextColumn
    let row = context.pointee.state.unsafelyUnwrapped.assumingMemoryBound(to: RowCells.self)
    if length == 1, let bytes, withinHeader {
        let columnCell = RowCells.column(column, of: row)
        let start = Int(columnCell.pointee.tableStart)
        let byte = bytes.load(as: UInt8.self)
        if start >= 0, row.pointee.hasCell || !CellText.isSpace(byte) {
            let value = row.pointee.table[start &+ Int(byte)]
            if value != FastCells.slow {
                let (_, line) = context.pointee.nextField().unsafelyUnwrapped
                row.pointee.hasCell = true
                columnCell.pointee.value = value
                columnCell.pointee.line = line
                return
            }
        }
    }
    PartCoder.otherField(bytes, length, context)
}
