/// A printed table cell split into its number and its mark, for formats that keep numbers as numbers (xlsx, CSV).
///
/// The report prints 「6.0▼」「21※」「1,665」「x」「+5.2▲」「45.0％」; this reads such text back into the number as
/// printed (one decimal stays one decimal) and the mark beside it. It parses printed text only: no arithmetic.
public struct ReportCell: Sendable, Equatable {
    /// The marks the report puts after a number: significance (▲▼) and 参考値 (`ReportDocument.referenceMark`).
    public static let marks: [Character] = ["▲", "▼"] + ReportDocument.referenceMark
    /// What the report prints instead of a suppressed percentage (`ReportDocument.suppressedMark`).
    public static let suppressed = ReportDocument.suppressedMark

    /// A number as printed: its value, its decimals, whether it had thousands separators, a sign or a 「％」.
    public struct Number: Sendable, Equatable {
        public var value: Double
        public var decimals: Int
        public var grouped: Bool
        public var signed: Bool
        public var percentSign: Bool

        /// True for a whole number printed without decimals (a count).
        public var isInteger: Bool { decimals == 0 }
    }

    /// The number, when the cell holds one.
    public var number: Number?
    /// The cell's text without its mark (the whole text when it is not a number).
    public var text: String
    /// The mark after the number (「▲」「▼」「※」), or `suppressed` for a suppressed percentage; empty when none.
    public var mark: String

    /// Reads a printed cell; text that is not a number (with an optional mark) stays text.
    public init(_ printed: String) {
        if printed == Self.suppressed {
            number = nil; text = ""; mark = Self.suppressed
            return
        }
        var body = Substring(printed)
        var mark = ""
        if let last = body.last, Self.marks.contains(last), body.count > 1 {
            mark = String(last)
            body = body.dropLast()
        }
        if let number = Self.number(body) {
            self.number = number; self.text = String(body); self.mark = mark
        } else if body == "-", !mark.isEmpty {
            // 「-▼」: nobody chose it, significantly fewer than the whole.
            self.number = nil; self.text = "-"; self.mark = mark
        } else {
            self.number = nil; self.text = printed; self.mark = ""
        }
    }

    /// 「1,665」「-3.2」「+5.2」「±0.0」「45.0％」; nil for anything else.
    private static func number(_ text: Substring) -> Number? {
        var rest = text
        var sign = 1.0
        var signed = false
        if let first = rest.first, "+-±".contains(first) {
            signed = first != "-"
            if first == "-" { sign = -1 }
            rest = rest.dropFirst()
        }
        var percentSign = false
        if rest.last == "％" {
            percentSign = true
            rest = rest.dropLast()
        }
        let grouped = rest.contains(",")
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty,
              whole.first != ",", whole.last != ",",
              whole.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ",") }) else { return nil }
        if grouped {
            let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
            guard groups.dropFirst().allSatisfy({ $0.count == 3 }), (1...3).contains(groups[0].count) else { return nil }
        }
        var decimals = 0
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            decimals = parts[1].count
        }
        let digits = whole.filter { $0 != "," } + (parts.count == 2 ? "." + parts[1] : "")
        guard let value = Double(digits) else { return nil }
        return Number(value: sign * value, decimals: decimals, grouped: grouped, signed: signed, percentSign: percentSign)
    }
}
