import SurveyDefinition
import SurveyDiagnostics
import SurveyIngest

/// Codes the cells of one part of a clean file as libcsv ends them, straight into columns.
///
/// It gives exactly the columns of `ResponseCoder.code(raw:…)` for a file without problems, and declines
/// (stops the reading) at the first record that would need any diagnostic, so that the file is read
/// again in order and every problem is reported where it stands: a blank row, a cell the rules cannot
/// code without a message, a respondent id seen before, a row answered beyond `max`.
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
    /// The ids that are not whole numbers first seen in this part (their lines move with `shiftLines`).
    @exclusivity(unchecked) private var textIDs: [String] = []
    @exclusivity(unchecked) private var declined = false
    @exclusivity(unchecked) private var released = false

    /// A coder for one part of file `fileIndex` (at `path`), laid out as `layout`, starting from `coder`'s
    /// ids; nil when a column serves twice (such a layout is coded in order).
    init?(coder: ResponseCoder, layout: ColumnLayout, columnCount: Int, path: String, fileIndex: Int, expectedRows: Int) {
        var roles = [Role](repeating: .unused, count: columnCount)
        var columnQuestion = [Int](repeating: -1, count: columnCount)
        var flagBit = [Int](repeating: 0, count: columnCount)
        func claim(_ column: Int, _ role: Role, question: Int, bit: Int = 0) -> Bool {
            guard column < columnCount, roles[column] == .unused else { return false }
            roles[column] = role
            columnQuestion[column] = question
            flagBit[column] = bit
            return true
        }
        if let id = layout.respondentID, !claim(id, .respondentID, question: -1) { return nil }
        let questions = coder.definition.questions
        for (index, question) in questions.enumerated() {
            let columns = layout.columns[index]
            switch question.type {
            case .single, .scale:
                guard claim(columns[0], .single, question: index) else { return nil }
            case .multiple where coder.isOneCell[index]:
                guard claim(columns[0], .oneCell, question: index) else { return nil }
            case .multiple:
                for (bit, column) in columns.enumerated() where !claim(column, .flag, question: index, bit: bit) { return nil }
            case .number:
                guard claim(columns[0], .number, question: index) else { return nil }
            case .text:
                guard claim(columns[0], .text, question: index) else { return nil }
            }
        }
        self.coder = coder
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
        firstColumn = layout.columns.map { $0.first ?? 0 }
        singleColumns = questions.indices.compactMap { index in
            questions[index].type == .single || questions[index].type == .scale ? (layout.columns[index][0], index) : nil
        }
        isOneCell = questions.indices.map { questions[$0].type == .multiple && coder.isOneCell[$0] }
        flagColumns = questions.indices.map { index in
            questions[index].type == .multiple && !coder.isOneCell[index] ? layout.columns[index] : []
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
        let tableStarts = (0..<columnCount).map { column -> Int32 in
            switch roles[column] {
            case .single: Int32(columnQuestion[column] * FastCells.stride)
            case .flag: Int32(questions.count * FastCells.stride)
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
            let value = ResponseCoder.plainInteger(bytes).map(Double.init) ?? codeNumber(index, column, bytes, line)
            numbers[index].append(value)
            if !value.isNaN && askedIf[index] { noteAnswered(index, column, line) }
        case .text:
            let present = !bytes.isEmpty && !ResponseCoder.isBlank(bytes)
            texts[index].append(present)
            if present && askedIf[index] { noteAnswered(index, column, line) }
        case .respondentID:
            noteRespondentID(bytes)
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

    /// Keeps where question `index` was answered in this row, for its `asked_if` check.
    @inline(never)
    private func noteAnswered(_ index: Int, _ column: Int, _ line: Int) {
        coder.answeredCells[questions[index].id, default: []].append((rows, location(column, line)))
    }

    // The general rules, for cells the tables cannot decide (kept out of the per-field path).

    @inline(never)
    private func codeSingle(_ index: Int, _ column: Int, _ bytes: UnsafeRawBufferPointer, _ line: Int) -> UInt16 {
        general { coder, diagnostics in
            coder.codeSingle(String(decoding: bytes, as: UTF8.self), question: questions[index],
                             matcher: coder.matchers[index]!, location: location(column, line), diagnostics: &diagnostics)
        }
    }

    @inline(never)
    private func codeFlag(_ index: Int, _ bit: Int, _ column: Int, _ bytes: UnsafeRawBufferPointer, _ line: Int) -> UInt64 {
        general { coder, diagnostics in
            coder.codeFlags([String(decoding: bytes, as: UTF8.self)], question: questions[index], columns: [bit],
                            locations: [location(column, line)], diagnostics: &diagnostics)
        }
    }

    @inline(never)
    private func codeOneCell(_ index: Int, _ column: Int, _ bytes: UnsafeRawBufferPointer, _ line: Int) -> UInt64 {
        general { coder, diagnostics in
            coder.codeOneCell(String(decoding: bytes, as: UTF8.self), question: questions[index],
                              matcher: coder.matchers[index]!, location: location(column, line), diagnostics: &diagnostics)
        }
    }

    @inline(never)
    private func codeNumber(_ index: Int, _ column: Int, _ bytes: UnsafeRawBufferPointer, _ line: Int) -> Double {
        general { coder, diagnostics in
            coder.codeNumber(String(decoding: bytes, as: UTF8.self), question: questions[index],
                             location: location(column, line), diagnostics: &diagnostics)
        }
    }

    override func endRecord(fieldCount: Int, line: Int) -> Bool {
        guard !declined, cells.pointee.hasCell else { return false }
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
                bits = general { coder, diagnostics in
                    coder.limit(bits, question: questions[index], matcher: coder.matchers[index]!,
                                location: location(column, firstLine), diagnostics: &diagnostics)
                }
            }
            selections[index].append(bits)
            if bits != 0 && askedIf[index] { noteAnswered(index, column, firstLine) }
        }
        if let text = rowTextID {
            rowTextID = nil
            if coder.firstSeenID[text] != nil { return false }
            coder.firstSeenID[text] = (line, path)
            textIDs.append(text)
        }
        guard !declined else { return false }
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
        SourceLocation(path: path, line: line, column: column + 1)
    }

    /// Runs a general rule; any diagnostic it would give declines the record.
    private func general<T>(_ rule: (ResponseCoder, inout DiagnosticsEngine) -> T) -> T {
        var diagnostics = DiagnosticsEngine(limitPerFile: 1)
        let value = rule(coder, &diagnostics)
        if !diagnostics.diagnostics.isEmpty { declined = true }
        return value
    }

    /// The respondent-id rules of `ResponseCoder.noteRespondentID`; an id seen before declines the record.
    private func noteRespondentID(_ bytes: UnsafeRawBufferPointer) {
        let (number, text) = ResponseCoder.respondentID(bytes)
        rowTextID = text
        guard number >= 0 else {
            numericIDs.append(-1)
            return
        }
        if !coder.markSeen(number) { declined = true }
        numericIDs.append(Int32(number))
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
