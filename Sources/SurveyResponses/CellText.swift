import Foundation
import SurveyDefinition

/// Normalises a cell the way answers are matched: NFKC (full-width digits become ASCII) and surrounding spaces removed.
/// The one keying rule for a cell's text, also used by `survey init` to read a column as the coder will.
package enum CellText {
    /// The normalised text; ASCII cells skip the (slow) Unicode normalisation.
    package static func normalise(_ raw: String) -> String {
        if raw.utf8.allSatisfy({ $0 < 0x80 }) {
            // Trimmed without Foundation.
            let bytes = raw.utf8
            guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else {
                return ""
            }
            return first == bytes.startIndex && last == bytes.index(before: bytes.endIndex) ? raw : String(raw[first...last])
        }
        return raw.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether `byte` is ASCII whitespace or a line break (tab, LF, VT, FF, CR, space): what trimming removes.
    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// The integer a cell holds, accepting `3` and `3.0` (as spreadsheets sometimes export codes).
    package static func integer(_ text: String) -> Int? {
        if let value = Int(text) { return value }
        if let value = number(text), value == value.rounded(), abs(value) < 1e9 { return Int(value) }
        return nil
    }

    /// The number a cell holds as `Double(_:)` reads it (`3`, `-2.5`, `1e5`, `inf`), but not in its hexadecimal
    /// form: `0x10` is no number a survey keys (Swift reads 16, and `0x1` was taken as code 1, `0x10` as a weight).
    package static func number(_ text: String) -> Double? {
        guard !text.utf8.contains(where: { $0 == UInt8(ascii: "x") || $0 == UInt8(ascii: "X") }) else { return nil }
        return Double(text)
    }
}

/// Matches cells of one coded question to choice positions, by code or by label.
package struct ChoiceMatcher {
    /// Normalised code text or label → 1-based choice position.
    private var positions: [String: UInt16] = [:]
    /// Labels (normalised) longest first, for splitting one-cell multiple answers.
    let labelsLongestFirst: [(label: String, position: UInt16)]
    /// Choice code per position (index 0 unused).
    let codes: [Int]

    init(choices: [Choice]) {
        var labels: [(String, UInt16)] = []
        var codes = [0]
        for (index, choice) in choices.enumerated() {
            let position = UInt16(index + 1)
            let label = CellText.normalise(choice.label)
            positions[String(choice.code)] = position
            if positions[label] == nil { positions[label] = position }
            labels.append((label, position))
            codes.append(choice.code)
        }
        self.codes = codes
        labelsLongestFirst = labels.sorted { $0.0.count > $1.0.count }
    }

    /// The position of a normalised cell's choice, by code (`2`, `2.0`) or exact label.
    func position(of text: String) -> UInt16? {
        if let position = positions[text] { return position }
        if let code = CellText.integer(text) { return positions[String(code)] }
        return nil
    }
}

