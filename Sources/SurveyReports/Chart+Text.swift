/// Text for SVG charts: escaping, locale-independent numbers, estimated widths and line wrapping.
///
/// Widths are estimated, not measured (no font is read), and deliberately generous: a full-width
/// character counts 1 em and any ASCII character 0.6–0.7 em, so wrapped text never overflows its column.
extension Chart {
    // MARK: Escaping and numbers

    /// Escapes `&`, `<`, `>`, `"` (and `'`) for XML text and attribute values; drops characters XML 1.0 forbids.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n", "\r", "\t": out += " "
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A coordinate with at most one decimal, locale-independent: `12`, `12.5`, `-3.1`.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = Int((value * 10).rounded(.toNearestOrAwayFromZero))
        let magnitude = tenths.magnitude
        let sign = tenths < 0 ? "-" : ""
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }

    // MARK: Widths

    /// The estimated advance of `text` at `size` px.
    static func textWidth(_ text: String, size: Double) -> Double {
        var ems = 0.0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x20: ems += 0.3
            case 0x41...0x5A, 0x6D, 0x77, 0x40, 0x25: ems += 0.7 // capitals, m, w, @, %
            case 0x21...0x7E: ems += 0.6
            case 0x0300...0x036F, 0x200B...0x200D, 0xFE00...0xFE0F: break // combining, zero-width
            case 0xFF61...0xFF9F: ems += 0.55 // half-width katakana
            default: ems += 1.0
            }
        }
        return ems * size
    }

    // MARK: Wrapping

    /// Characters that may not begin a line (行頭禁則).
    private static let noLineStart: Set<Character> = Set("、。，．,.）)」』】〕〉》］｝ー・：；！？!?…‥ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々％")
    /// Characters that may not end a line (行末禁則).
    private static let noLineEnd: Set<Character> = Set("（(「『【〔〈《［｛")

    /// Splits `text` into lines no wider than `width` at `size` px, never dropping a character:
    /// the lines joined give `text` back (a space where a line breaks stays at the end of the line before).
    ///
    /// Runs of ASCII letters and digits (`n=1,665`, `NPO`) are not split unless longer than a line.
    /// With `balanced`, the lines are made about equally long (labels); otherwise filled greedily (prose).
    static func wrap(_ text: String, width: Double, size: Double, balanced: Bool = false) -> [String] {
        let clean = text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
        let tokens = tokenize(clean, width: width, size: size)
        guard !tokens.isEmpty else { return [""] }
        let greedy = fill(tokens, width: width, size: size)
        guard balanced, greedy.count > 1 else { return greedy }
        let total = tokens.reduce(0) { $0 + textWidth($1, size: size) }
        var target = total / Double(greedy.count)
        while target < width {
            let lines = fill(tokens, width: target, size: size)
            if lines.count <= greedy.count { return lines }
            target += size / 2
        }
        return greedy
    }

    /// Unbreakable pieces: one full-width character, or a run of ASCII non-spaces, each with any spaces after it.
    private static func tokenize(_ text: String, width: Double, size: Double) -> [String] {
        var tokens: [String] = []
        var current = ""
        var currentIsASCIIWord = false
        for character in text {
            if character == " " {
                current.append(character)
                currentIsASCIIWord = false
                continue
            }
            let isASCII = character.isASCII
            if isASCII && currentIsASCIIWord && !current.hasSuffix(" ") {
                current.append(character)
            } else {
                if !current.isEmpty { tokens.append(current) }
                current = String(character)
                currentIsASCIIWord = isASCII
            }
        }
        if !current.isEmpty { tokens.append(current) }
        // A word longer than a whole line is split by characters.
        return tokens.flatMap { token -> [String] in
            guard token.count > 1, textWidth(token.trimmingTrailingSpaces, size: size) > width else { return [token] }
            return token.map { String($0) }
        }
    }

    /// Characters after which a line breaks well (punctuation, a middle dot, a closing bracket, a space).
    private static let breakAfter: Set<Character> = Set("、。，・）」』】 ")
    /// Characters before which a line breaks well (an opening bracket).
    private static let breakBefore: Set<Character> = Set("（「『【")

    /// Where to break a full `line` at a natural point (after 「、」「・」, before 「（」…) among its last few tokens,
    /// if the line keeps at least 60% of `width` and the rest fits with `next`; nil to break at the end.
    private static func preferredSplit(_ line: [String], next: String, width: Double, size: Double) -> Int? {
        guard let first = next.first, !breakBefore.contains(first), let last = line.last?.last, !breakAfter.contains(last) else {
            return nil
        }
        let lookBack = 6
        for split in stride(from: line.count - 1, through: max(1, line.count - lookBack), by: -1) {
            let endsWell = line[split - 1].last.map(breakAfter.contains) ?? false
            let startsWell = line[split].first.map(breakBefore.contains) ?? false
            guard endsWell || startsWell else { continue }
            let kept = line[..<split].joined().trimmingTrailingSpaces
            let moved = (line[split...].joined() + next).trimmingTrailingSpaces
            if textWidth(kept, size: size) >= 0.6 * width, textWidth(moved, size: size) <= width { return split }
            return nil
        }
        return nil
    }

    /// Greedy filling with 禁則: a line-start-forbidden token takes the previous token along, a line-end-forbidden token moves down.
    private static func fill(_ tokens: [String], width: Double, size: Double) -> [String] {
        var lines: [[String]] = [[]]
        for token in tokens {
            let line = lines[lines.count - 1]
            let candidate = (line + [token]).joined()
            if line.isEmpty || textWidth(candidate.trimmingTrailingSpaces, size: size) <= width {
                lines[lines.count - 1].append(token)
                continue
            }
            var carried: [String] = []
            if let split = preferredSplit(line, next: token, width: width, size: size) {
                carried = Array(line[split...])
                lines[lines.count - 1].removeLast(line.count - split)
            } else {
                if line.count > 1, let first = token.first, noLineStart.contains(first) {
                    carried = [lines[lines.count - 1].removeLast()]
                }
                while lines[lines.count - 1].count > 1, let last = lines[lines.count - 1].last?.last, noLineEnd.contains(last) {
                    carried.insert(lines[lines.count - 1].removeLast(), at: 0)
                }
            }
            lines.append(carried + [token])
        }
        return lines.map { $0.joined() }
    }
}

fileprivate extension String {
    /// The string without trailing spaces.
    var trimmingTrailingSpaces: String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}
