/// Renders report blocks as GitHub-flavoured Markdown that pandoc also converts cleanly (pipe tables, escapes).
public enum MarkdownRenderer {
    /// The Markdown text; charts become image links to `charts/<file>`.
    public static func render(_ blocks: [ReportBlock]) -> String {
        var out: [String] = []
        for block in blocks {
            switch block {
            case .heading(let level, let text):
                out.append(String(repeating: "#", count: level) + " " + escape(text))
            case .paragraph(let text):
                out.append(escape(text))
            case .draft(let text):
                out.append("> " + escape(text))
            case .list(let items):
                out.append(items.map { "- " + escape($0) }.joined(separator: "\n"))
            case .table(let table):
                out.append(render(table))
            case .chart(let file, _, let caption):
                out.append("![\(escape(caption))](charts/\(file))")
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

    /// Backslash-escapes the characters Markdown would read as markup (`*` of 「25*」 above all).
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\*_[]<>`#".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result.replacingOccurrences(of: "\n", with: " ")
    }

    private static func cell(_ text: String) -> String {
        escape(text).replacingOccurrences(of: "|", with: "\\|")
    }
}
