/// Comma or tab for one file, decided from its first records rather than from the header alone.
///
/// The delimiter is the one under which the header and the first records all have the same number of fields (more
/// than one); when both or neither do, the one giving more fields, then the one the header holds more of (comma on a
/// tie). A choice is `close` when the other delimiter was also plausible: both gave a constant count, or neither did
/// and the header holds as many of each, or the header alone would have chosen the other. The reader says so then.
public struct DelimiterChoice: Sendable, Equatable {
    public static let comma = UInt8(ascii: ",")
    public static let tab = UInt8(ascii: "\t")

    /// The delimiter chosen.
    public internal(set) var delimiter: UInt8
    /// Records looked at (the header included).
    public internal(set) var records: Int
    /// Fields per record looked at, with the chosen delimiter and with the other: the fewest and the most.
    public internal(set) var chosenFields: ClosedRange<Int>
    public internal(set) var otherFields: ClosedRange<Int>
    /// Whether the other delimiter was plausible too.
    public internal(set) var close: Bool

    /// Bytes looked at, at most: enough for some dozens of records of a long questionnaire.
    static let sampleBytes = 64 << 10
    /// Records looked at, at most.
    static let sampleRecords = 50

    /// Decides from the start of `text` (ASCII-compatible bytes: UTF-8, CP932, or UTF-16 units squeezed to a byte each).
    /// `wholeText` says whether `text` is all of the file (else a last record cut by the sample is left out).
    init(text: UnsafeRawBufferPointer, wholeText: Bool) {
        let commas = Self.fieldCounts(text, delimiter: Self.comma, wholeText: wholeText)
        let tabs = Self.fieldCounts(text, delimiter: Self.tab, wholeText: wholeText)
        func constant(_ counts: [Int]) -> Bool { (counts.first ?? 0) > 1 && counts.allSatisfy { $0 == counts[0] } }
        let headerPick = (tabs.first ?? 0) > (commas.first ?? 0) ? Self.tab : Self.comma
        let headerTie = (tabs.first ?? 0) == (commas.first ?? 0) && (tabs.first ?? 0) > 1
        let pick: UInt8
        var close: Bool
        switch (constant(commas), constant(tabs)) {
        case (true, false): pick = Self.comma; close = headerPick != pick || headerTie
        case (false, true): pick = Self.tab; close = headerPick != pick || headerTie
        case (true, true):
            pick = commas[0] == tabs[0] ? headerPick : (tabs[0] > commas[0] ? Self.tab : Self.comma)
            close = true
        case (false, false): pick = headerPick; close = headerTie
        }
        let chosen = pick == Self.tab ? tabs : commas
        let other = pick == Self.tab ? commas : tabs
        delimiter = pick
        records = chosen.count
        chosenFields = (chosen.min() ?? 0)...(chosen.max() ?? 0)
        otherFields = (other.min() ?? 0)...(other.max() ?? 0)
        self.close = close
    }

    /// Fields per record of the first records of `text` under `delimiter` (RFC 4180 quotes; blank lines skipped).
    static func fieldCounts(_ text: UnsafeRawBufferPointer, delimiter: UInt8, wholeText: Bool) -> [Int] {
        var counts: [Int] = []
        var fields = 1
        var quoted = false
        var empty = true
        for byte in text.prefix(sampleBytes) {
            if byte == 0x22 {
                quoted.toggle()
                empty = false
            } else if quoted {
                continue
            } else if byte == delimiter {
                fields += 1
                empty = false
            } else if byte == 0x0A || byte == 0x0D {
                if !empty { counts.append(fields) }
                if counts.count == sampleRecords { return counts }
                fields = 1
                empty = true
            } else {
                empty = false
            }
        }
        // A last record without a line end counts only when it is the end of the file.
        if !empty, wholeText, text.count <= sampleBytes { counts.append(fields) }
        return counts
    }

    /// The delimiter not chosen.
    public var other: UInt8 { delimiter == Self.tab ? Self.comma : Self.tab }

    /// The delimiter's name in messages.
    public static func name(_ delimiter: UInt8) -> String { delimiter == tab ? "tab" : "comma" }
}
