/// A value as a message quotes it: at most `limit` characters (then "…"), control characters written as escapes,
/// so that one bad cell (10 MB, or holding line breaks or terminal escapes) stays one readable line.
public enum Excerpt {
    /// How many characters (Unicode scalars) of a value a message shows.
    public static let limit = 80

    /// `text` cut to `limit` scalars with "…", with tab, CR, LF and other control characters escaped (`\n`, `\u{1B}`).
    public static func of(_ text: String, limit: Int = Excerpt.limit) -> String {
        var result = String.UnicodeScalarView()
        var shown = 0
        for scalar in text.unicodeScalars {
            if shown == limit {
                result.append("…")
                break
            }
            shown += 1
            switch scalar {
            case "\n": result.append(contentsOf: "\\n".unicodeScalars)
            case "\r": result.append(contentsOf: "\\r".unicodeScalars)
            case "\t": result.append(contentsOf: "\\t".unicodeScalars)
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// How many items of a list a message shows.
    public static let listLimit = 20

    /// Items joined by ", ", at most `listLimit` of them, then how many there are in all.
    public static func list(_ items: [String]) -> String {
        guard items.count > listLimit else { return items.joined(separator: ", ") }
        return items.prefix(listLimit).joined(separator: ", ") + ", … (\(items.count) in all)"
    }
}
