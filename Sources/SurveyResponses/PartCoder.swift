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
    private let flagTable: Int
    private let fastTable: UnsafeMutableBufferPointer<UInt16>
    private let choices: UnsafeMutableBufferPointer<GrowingBuffer<UInt16>>
    private let selections: UnsafeMutableBufferPointer<GrowingBuffer<UInt64>>
    private let numbers: UnsafeMutableBufferPointer<GrowingBuffer<Double>>
    private let texts: UnsafeMutableBufferPointer<GrowingBuffer<Bool>>
    private let multipleQuestions: [Int]
    private let firstColumn: [Int]
    private let hasRespondentID: Bool
    private let askedIf: [Bool]

    /// The physical line of each row.
    @exclusivity(unchecked) private var lines: GrowingBuffer<UInt32>
    @exclusivity(unchecked) private var numericIDs: GrowingBuffer<Int32>
    /// Rows coded so far.
    @exclusivity(unchecked) private(set) var rows = 0

    // The record being read.
    private let rowBits: UnsafeMutableBufferPointer<UInt64>
    private let rowFirstLine: UnsafeMutableBufferPointer<Int>
    @exclusivity(unchecked) private var rowHasCell = false
    @exclusivity(unchecked) private var rowTextID: String?
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
        flagTable = questions.count * FastCells.stride
        fastTable = .allocate(capacity: coder.fastTable.count)
        _ = fastTable.initialize(from: coder.fastTable)
        func columns<T>(for types: Set<QuestionType>) -> UnsafeMutableBufferPointer<GrowingBuffer<T>> {
            let buffers = UnsafeMutableBufferPointer<GrowingBuffer<T>>.allocate(capacity: questions.count)
            for (index, question) in questions.enumerated() {
                (buffers.baseAddress! + index).initialize(to: GrowingBuffer(capacity: types.contains(question.type) ? expectedRows : 16))
            }
            return buffers
        }
        choices = columns(for: [.single, .scale])
        selections = columns(for: [.multiple])
        numbers = columns(for: [.number])
        texts = columns(for: [.text])
        multipleQuestions = questions.indices.filter { questions[$0].type == .multiple }
        firstColumn = layout.columns.map { $0.first ?? 0 }
        hasRespondentID = layout.respondentID != nil
        askedIf = coder.hasAskedIf
        lines = GrowingBuffer(capacity: expectedRows)
        numericIDs = GrowingBuffer(capacity: hasRespondentID ? expectedRows : 16)
        rowBits = .allocate(capacity: questions.count)
        rowBits.initialize(repeating: 0)
        rowFirstLine = .allocate(capacity: questions.count)
        rowFirstLine.initialize(repeating: 0)
        self.coder.answeredCells = [:]
        super.init(fieldCallback: PartCoder.fieldCallback)
    }

    /// libcsv's field callback for a part: the whole of `codeField` inlined, no dynamic call per field.
    private static let fieldCallback: CSVFieldSink.FieldCallback = { bytes, length, data in
        guard let context = data?.assumingMemoryBound(to: CSVSinkContext.self),
              let (column, line) = context.pointee.nextField() else { return }
        Unmanaged<PartCoder>.fromOpaque(context.pointee.sink)._withUnsafeGuaranteedRef {
            $0.codeField(column, UnsafeRawBufferPointer(start: bytes, count: bytes == nil ? 0 : length), line: line)
        }
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
    }

    /// Frees the columns of question `index` once they are appended to a store (they are left empty).
    private func freeColumns(of index: Int) {
        choices[index].free()
        choices[index] = GrowingBuffer(capacity: 16)
        selections[index].free()
        selections[index] = GrowingBuffer(capacity: 16)
        numbers[index].free()
        numbers[index] = GrowingBuffer(capacity: 16)
        texts[index].free()
        texts[index] = GrowingBuffer(capacity: 16)
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

    /// Codes field `column` of the current record (starting on physical `line`) into its column.
    @inline(__always)
    private func codeField(_ column: Int, _ bytes: UnsafeRawBufferPointer, line: Int) {
        let role = roles[column]
        guard role != .unused, !declined else { return }
        if !rowHasCell, role != .respondentID, !bytes.isEmpty { noteCell(bytes) }
        let index = columnQuestion[column]
        // The commonest cells first, by a branch rather than the switch's jump table.
        if role == .single {
            var position: UInt16 = 0
            if !bytes.isEmpty {
                position = FastCells.lookup(UnsafeBufferPointer(fastTable), index &* FastCells.stride, bytes)
                if position == FastCells.slow { position = codeSingle(index, column, bytes, line) }
            }
            choices[index].append(position)
            if position != 0 && askedIf[index] { noteAnswered(index, column, line) }
            return
        }
        switch role {
        case .unused, .single:
            return
        case .flag:
            let bit = flagBit[column]
            if bit == 0 { rowFirstLine[index] = line }
            guard !bytes.isEmpty else { return }
            let flag = FastCells.lookup(UnsafeBufferPointer(fastTable), flagTable, bytes)
            if flag == 1 {
                rowBits[index] |= 1 << UInt64(bit)
            } else if flag == FastCells.slow {
                rowBits[index] |= codeFlag(index, bit, column, bytes, line)
            }
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

    /// Marks the row as not blank when `bytes` is not blank.
    @inline(never)
    private func noteCell(_ bytes: UnsafeRawBufferPointer) {
        if !ResponseCoder.isBlank(bytes) { rowHasCell = true }
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
        guard !declined, rowHasCell else { return false }
        for index in multipleQuestions {
            var bits = rowBits[index]
            rowBits[index] = 0
            let column = firstColumn[index]
            if coder.hasMax[index] {
                bits = general { coder, diagnostics in
                    coder.limit(bits, question: questions[index], matcher: coder.matchers[index]!,
                                location: location(column, rowFirstLine[index]), diagnostics: &diagnostics)
                }
            }
            selections[index].append(bits)
            if bits != 0 && askedIf[index] { noteAnswered(index, column, rowFirstLine[index]) }
        }
        if let text = rowTextID {
            rowTextID = nil
            if coder.firstSeenID[text] != nil { return false }
            coder.firstSeenID[text] = (line, path)
        }
        guard !declined else { return false }
        lines.append(UInt32(clamping: line))
        rows += 1
        rowHasCell = false
        return true
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
    static func append(_ parts: [PartCoder], to store: inout ColumnStore) {
        guard let first = parts.first else { return }
        let total = parts.reduce(0) { $0 + $1.rows }
        for (index, question) in first.questions.enumerated() {
            switch question.type {
            case .single, .scale: append(parts.map { $0.choices[index] }, to: &store.choices[index], total: total)
            case .multiple: append(parts.map { $0.selections[index] }, to: &store.selections[index], total: total)
            case .number: append(parts.map { $0.numbers[index] }, to: &store.numbers[index], total: total)
            case .text: append(parts.map { $0.texts[index] }, to: &store.texts[index], total: total)
            }
            for part in parts { part.freeColumns(of: index) }
        }
        store.sources.reserveCapacity(total)
        for part in parts {
            store.sources.append(file: part.fileIndex, lines: part.lines.buffer)
            if part.hasRespondentID { store.numericIDs.append(contentsOf: part.numericIDs.buffer) }
            part.release()
        }
    }

    private static func append<T>(_ columns: [GrowingBuffer<T>], to column: inout [T], total: Int) {
        guard !columns.isEmpty else { return }
        column.reserveCapacity(column.count + total)
        for part in columns {
            column.append(contentsOf: part.buffer)
        }
    }
}
