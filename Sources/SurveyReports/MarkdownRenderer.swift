/// Renders report blocks as GitHub-flavoured Markdown that pandoc also converts cleanly (pipe tables, escapes).
///
/// Every text is escaped for where it stands, so nothing in a label or a title becomes markup or raw HTML:
/// running text (`escape`), the start of a block (`blockText`), a table cell (`cell`) and a link target (`linkTarget`).
public enum MarkdownRenderer {
    /// The Markdown text; charts become image links to `charts/<file>`.
    public static func render(_ blocks: [ReportBlock]) -> String {
        var out: [String] = []
        for block in blocks {
            switch block {
            case .heading(let level, let text):
                out.append(String(repeating: "#", count: level) + " " + escape(text))
            case .paragraph(let text):
                out.append(blockText(text))
            case .draft(let text):
                out.append("> " + blockText(text))
            case .list(let items):
                out.append(items.map { "- " + blockText($0) }.joined(separator: "\n"))
            case .table(let table):
                out.append(render(table))
            case .chart(let file, _, let caption):
                out.append("![\(escape(caption))](\(linkTarget("charts/" + file)))")
            }
        }
        return out.joined(separator: "\n\n") + "\n"
    }

    static func render(_ table: ReportTable) -> String {
        var lines = ["| " + table.header.map(cell).joined(separator: " | ") + " |"]
        lines.append("|" + table.alignments.map { $0 == .right ? "---:|" : "---|" }.joined())
        for row in table.rows { lines.append("| " + row.map(cell).joined(separator: " | ") + " |") }
        return lines.joined(separator: "\n")
    }

    /// Running text: backslash-escapes the characters Markdown reads as inline markup (`*` of 「25*」 above all,
    /// `<` of raw HTML, `&` of entities, `~` of strikethrough); line breaks become spaces, so a text stays one line.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            if character.isNewline {
                result.append(" ")
                continue
            }
            if "\\*_[]<>`#&~".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    /// Text that opens a block (paragraph, list item, quote): escaped, without leading blanks (four would make code),
    /// and with what would start a list, quote, heading or rule (`- `, `+ `, `1. `, `>`, `---`, `===`) escaped.
    static func blockText(_ text: String) -> String {
        var escaped = Substring(escape(text))
        while let first = escaped.first, first == " " || first == "\t" { escaped = escaped.dropFirst() }
        guard let first = escaped.first else { return "" }
        if "-+=".contains(first) { return "\\" + escaped }
        let digits = escaped.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, let after = escaped.dropFirst(digits.count).first, after == "." || after == ")" {
            return digits + "\\" + escaped.dropFirst(digits.count)
        }
        return String(escaped)
    }

    /// A table cell: running text with `|` escaped too.
    static func cell(_ text: String) -> String {
        escape(text).replacingOccurrences(of: "|", with: "\\|")
    }

    /// A link target: every byte but letters, digits and `-._~/` percent-encoded (UTF-8), so no name can end the link
    /// or add markup; pandoc and browsers decode it back to the file's name.
    static func linkTarget(_ path: String) -> String {
        var result = ""
        for byte in path.utf8 {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E, 0x2F:
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0x0F, radix: 16, uppercase: true)
            }
        }
        return result
    }
}
