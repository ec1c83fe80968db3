/// Renders report blocks as one self-contained HTML page (styles and charts inline) for reading in a browser.
public enum HTMLRenderer {
    /// The page; charts are inlined SVG, so the file can be mailed or opened alone.
    public static func render(_ blocks: [ReportBlock], title: String) -> String {
        var body: [String] = []
        for block in blocks {
            switch block {
            case .heading(let level, let text):
                body.append("<h\(level)>\(escape(text))</h\(level)>")
            case .paragraph(let text):
                body.append("<p>\(escape(text))</p>")
            case .draft(let text):
                body.append("<blockquote class=\"draft\">\(escape(text))</blockquote>")
            case .list(let items):
                body.append("<ul>\n" + items.map { "<li>\(escape($0))</li>" }.joined(separator: "\n") + "\n</ul>")
            case .table(let table):
                body.append(render(table))
            case .chart(_, let svg, let caption):
                body.append("<figure>\n\(inlineSVG(svg))\n<figcaption>\(escape(caption))</figcaption>\n</figure>")
            }
        }
        return """
            <!DOCTYPE html>
            <html lang="ja">
            <head>
            <meta charset="utf-8">
            <title>\(escape(title))</title>
            <style>
            body { font-family: 'Noto Sans CJK JP', 'Hiragino Kaku Gothic ProN', 'Yu Gothic', Meiryo, sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; line-height: 1.6; color: #222; }
            table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; }
            th, td { border: 1px solid #999; padding: 0.2em 0.5em; word-break: keep-all; overflow-wrap: normal; line-break: strict; }
            th { background: #eef2f7; }
            td.r, th.r { text-align: right; white-space: nowrap; }
            thead { display: table-header-group; }
            tr, figure, blockquote.draft { break-inside: avoid; page-break-inside: avoid; }
            table.short { break-inside: avoid; page-break-inside: avoid; }
            tbody tr:nth-last-child(-n+2) { break-before: avoid; page-break-before: avoid; }
            h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
            @page { size: A4; margin: 15mm 15mm 18mm; }
            @media print {
              body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
              h2 { break-before: page; page-break-before: always; }
              table { font-size: 8.5pt; }
            }
            blockquote.draft { border-left: 4px solid #4a78b0; margin: 1em 0; padding: 0.3em 1em; background: #f5f8fc; }
            figure { margin: 1em 0; }
            figure svg { max-width: 100%; height: auto; }
            figcaption { font-size: 0.85em; color: #555; }
            </style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    /// A cross-tab is shown transposed, as in report.docx and tables.xlsx: choices down, groups across, so no long
    /// label stands in a narrow header; a short table (20 rows or fewer) is kept on one printed page.
    static func render(_ original: ReportTable) -> String {
        let table = original.role == .crossTab ? original.transposed() : original
        func cells(_ row: [String], tag: String) -> String {
            zip(row, table.alignments).map { text, alignment in
                "<\(tag)\(alignment == .right ? " class=\"r\"" : "")>\(escape(text))</\(tag)>"
            }.joined()
        }
        var lines = [table.rows.count <= 20 ? "<table class=\"short\">" : "<table>", "<thead><tr>\(cells(table.header, tag: "th"))</tr></thead>", "<tbody>"]
        for row in table.rows { lines.append("<tr>\(cells(row, tag: "td"))</tr>") }
        lines.append("</tbody>")
        lines.append("</table>")
        return lines.joined(separator: "\n")
    }

    /// An SVG document without its XML declaration, ready to sit inside HTML.
    static func inlineSVG(_ svg: String) -> String {
        guard svg.hasPrefix("<?xml"), let end = svg.range(of: "?>") else { return svg }
        return String(svg[end.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Escapes text for HTML and XML (report.docx uses it too).
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
