/// How wide text prints, in half-width units: a Japanese (full-width) character counts 2, ASCII 1.
///
/// Used to fit column widths to content in tables.xlsx and report.docx (a simple East Asian Width rule).
enum TextWidth {
    /// The width of `text` in half-width units.
    static func units(_ text: String) -> Int {
        var total = 0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0..<0x7F, 0xFF61...0xFF9F: total += 1
            case 0x300...0x36F, 0x200B...0x200D: break
            default: total += 2
            }
        }
        return total
    }
}

extension TextWidth {
    /// The printed width of `text` at `points` in twips (1/20 pt): a full-width character is 1 em, ASCII 0.6 em.
    static func twips(_ text: String, points: Double) -> Int {
        let units = Double(self.units(text))
        let full = Double(text.unicodeScalars.filter { !($0.value < 0x7F || (0xFF61...0xFF9F).contains($0.value)) }.count)
        let half = max(units - 2 * full, 0)
        return Int(((full + 0.6 * half) * points * 20).rounded(.up))
    }
}
