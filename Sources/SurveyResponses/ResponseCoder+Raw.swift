import SurveyDefinition
import SurveyDiagnostics
import SurveyIngest

/// The coded columns of a wave while its files are read, indexed by question position in the definition.
package struct ColumnStore {
    /// Single and scale questions: choice position per respondent (empty for other questions).
    package var choices: [ColumnBuilder<UInt16>]
    /// Multiple questions: chosen bits per respondent.
    package var selections: [ColumnBuilder<UInt64>]
    /// Number questions: value per respondent, NaN when 無回答.
    package var numbers: [ColumnBuilder<Double>]
    /// Text questions: whether each respondent answered.
    package var texts: [ColumnBuilder<Bool>]
    /// Each respondent's file and physical line.
    package var sources = RowSources()
    /// Each respondent's id when it is a small whole number (-1 otherwise), to find duplicates late.
    var numericIDs: [Int32] = []

    package init(questionCount: Int) {
        choices = Array(repeating: ColumnBuilder(), count: questionCount)
        selections = Array(repeating: ColumnBuilder(), count: questionCount)
        numbers = Array(repeating: ColumnBuilder(), count: questionCount)
        texts = Array(repeating: ColumnBuilder(), count: questionCount)
    }
}

/// Answers of one byte or two digits, decided in advance by the same rules as the general path.
///
/// `slow` marks a cell the table cannot decide (a diagnostic, or anything longer): it goes the general way.
struct FastCells {
    static let slow = UInt16.max
    /// By the cell's only byte.
    var oneByte = [UInt16](repeating: FastCells.slow, count: 256)
    /// By two ASCII digits `d1 d2`, at 10·d1 + d2.
    var twoDigits = [UInt16](repeating: FastCells.slow, count: 100)

    init(_ decide: (String) -> UInt16?) {
        for byte in 0..<128 {
            oneByte[byte] = decide(String(UnicodeScalar(UInt8(byte)))) ?? FastCells.slow
        }
        for value in 0..<100 {
            twoDigits[value] = decide(String(value / 10) + String(value % 10)) ?? FastCells.slow
        }
    }

    /// Entries per table in `ResponseCoder.fastTable`: one-byte cells, then two-digit cells.
    static let stride = 356

    /// The table's `stride` entries, as `lookup` reads them.
    var entries: [UInt16] { oneByte + twoDigits }

    /// The decided value for `bytes` in the flat `table` whose cells start at `base`, or `slow`.
    @inline(__always)
    static func lookup(_ table: UnsafeBufferPointer<UInt16>, _ base: Int, _ bytes: UnsafeRawBufferPointer) -> UInt16 {
        switch bytes.count {
        case 1:
            return table[base &+ Int(bytes[0])]
        case 2:
            let high = bytes[0] &- 0x30, low = bytes[1] &- 0x30
            return high < 10 && low < 10 ? table[base &+ 256 &+ Int(high) &* 10 &+ Int(low)] : FastCells.slow
        default:
            return FastCells.slow
        }
    }
}

extension ResponseCoder {
    /// Whether a cell is blank once normalised; pure-ASCII cells are decided without building text.
    ///
    /// A cell whose first character past ASCII spaces is a kana, a CJK ideograph or a full-width
    /// letter or digit is not blank either: NFKC keeps such a character, and it is not a space.
    static func isBlank(_ bytes: UnsafeRawBufferPointer) -> Bool {
        for (offset, byte) in bytes.enumerated() {
            if CellText.isSpace(byte) { continue }
            if byte < 0x80 { return false }
            if byte & 0xF0 == 0xE0, offset + 2 < bytes.count {
                let scalar = UInt32(byte & 0x0F) << 12 | UInt32(bytes[offset + 1] & 0x3F) << 6 | UInt32(bytes[offset + 2] & 0x3F)
                if (0x3041...0x30FA).contains(scalar) || (0x4E00...0x9FFF).contains(scalar) || (0xFF10...0xFF5A).contains(scalar) {
                    return false
                }
            }
            return CellText.normalise(String(decoding: bytes, as: UTF8.self)).isEmpty
        }
        return true
    }

    /// A whole number written in plain ASCII digits (1–15 of them), which reads the same as Double(text).
    static func plainInteger(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 15 else { return nil }
        var value = 0
        for byte in bytes {
            let digit = byte &- 0x30
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    /// A respondent id cell: a whole number below 10⁹ written without leading zeros (kept as a number, to
    /// find duplicates by a bit set), other text, or nothing.
    static func respondentID(_ bytes: UnsafeRawBufferPointer) -> (number: Int, text: String?) {
        if let value = plainInteger(bytes), bytes.count <= 9, bytes.count == 1 || bytes[0] != 0x30 {
            return (value, nil)
        }
        let id = CellText.normalise(String(decoding: bytes, as: UTF8.self))
        if let value = Int(id), value >= 0, value < 1_000_000_000, String(value) == id { return (value, nil) }
        return (-1, id.isEmpty ? nil : id)
    }

    /// Numeric ids below this are kept in the bit set `seenIDBits` (at most 512 KiB), larger ones in `seenLargeIDs`,
    /// so that memory follows the number of rows, not the largest id.
    static let idBitSetLimit = 1 << 22

    /// Marks numeric respondent id `number` as seen; false when it was seen already.
    mutating func markSeen(_ number: Int) -> Bool {
        guard number < Self.idBitSetLimit else { return seenLargeIDs.insert(Int32(truncatingIfNeeded: number)).inserted }
        let word = number >> 6
        if word >= seenIDBits.count { seenIDBits += [UInt64](repeating: 0, count: max(word + 1 - seenIDBits.count, seenIDBits.count)) }
        let bit = UInt64(1) << UInt64(number & 63)
        defer { seenIDBits[word] |= bit }
        return seenIDBits[word] & bit == 0
    }

    /// Reports the numeric ids seen twice in the file just read, citing where each was first used.
    mutating func reportDuplicateIDs(in store: ColumnStore, filePaths: [String], diagnostics: inout DiagnosticsEngine) {
        guard !pendingDuplicates.isEmpty else { return }
        var firstRow: [Int32: Int] = [:]
        for duplicate in pendingDuplicates { firstRow[Int32(duplicate.id)] = -1 }
        for (row, id) in store.numericIDs.enumerated() where id >= 0 && firstRow[id] == -1 {
            firstRow[id] = row
        }
        for duplicate in pendingDuplicates {
            guard let row = firstRow[Int32(duplicate.id)], row >= 0 else { continue }
            let source = store.sources[row]
            diagnostics.emit(DataProblem.duplicateRespondentID(duplicate.location, id: String(duplicate.id),
                                                               firstLine: source.line, firstFile: filePaths[source.file]))
        }
        pendingDuplicates.removeAll()
    }
}
