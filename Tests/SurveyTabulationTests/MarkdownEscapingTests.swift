import Foundation
import Testing
@testable import SurveyReports

/// pandoc, where installed (`.ci/run` installs it).
let markdownPandoc: URL? = ["/usr/bin/pandoc", "/usr/local/bin/pandoc"].map(URL.init(fileURLWithPath:))
    .first { FileManager.default.isExecutableFile(atPath: $0.path) }

/// Hostile text in every place the Markdown report puts text: converted by pandoc as a reader would, nothing of it
/// becomes markup, and it reads back as written.
@Suite(.enabled(if: markdownPandoc != nil, "pandoc is not installed"))
struct MarkdownEscapingTests {
    static let hostile = [
        "<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "x) <img src=y onerror=alert(2)> (",
        "[link](javascript:alert(1))", "![image](javascript:alert(1))", "<javascript:alert(1)>",
        "&lt;img src=x onerror=alert(1)&gt;", "&#60;b&#62;", "`code`", "**bold** __b__ *i* _i_", "~~deleted~~",
        "- item", "+ item", "* item", "1. item", "2) item", "> quote", "# heading", "---", "===", "***",
        "    indented code", "\tcode", "a\n\n<img src=z onerror=alert(3)>", "a\r<b>c</b>", "| a | b |", "back\\slash\\",
        "[^note]", "<!-- comment -->", "<https://example.com>", "a\u{2028}b",
    ]

    /// The report's blocks with `text` in every place: heading, paragraph, draft, list, table cells, chart caption and file.
    private static func blocks(_ text: String) -> [ReportBlock] {
        [.heading(level: 2, text: text), .paragraph(text), .draft(text), .list([text, "after"]),
         .table(ReportTable(header: [text, "n"], rows: [[text, text]])),
         .chart(file: text + ".svg", svg: "", caption: text)]
    }

    private func html(_ markdown: String) throws -> String {
        let process = Process()
        process.executableURL = markdownPandoc
        process.arguments = ["-f", "gfm", "-t", "html"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(markdown.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    @Test(arguments: hostile)
    func noTextBecomesMarkup(_ text: String) throws {
        let page = try html(MarkdownRenderer.render(Self.blocks(text)))
        let tags = page.matches(of: /<\/?([a-zA-Z0-9]+)[^>]*>/)
        let allowed: Set<String> = ["h2", "p", "blockquote", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "img"]
        for tag in tags {
            let name = String(tag.output.1)
            let withoutValues = tag.output.0.replacing(/"[^"]*"/, with: "\"\"")
            // GFM's autolinks make a web address a link, as a word processor would: harmless, so allowed.
            let isWebLink = name == "a" && tag.output.0.firstMatch(of: /^<a\s+href="(https?:|mailto:)/) != nil
            #expect(allowed.contains(name) || isWebLink || tag.output.0 == "</a>", "raw tag \(tag.output.0) from \(text.debugDescription)")
            #expect(withoutValues.firstMatch(of: /\son[a-z]+=/) == nil, "event handler in \(tag.output.0)")
        }
        for name in ["h2", "blockquote", "ul", "table"] {
            #expect(page.components(separatedBy: "<\(name)").count == 2, "\(name) from \(text.debugDescription):\n\(page)")
        }
        #expect(page.components(separatedBy: "<li>").count == 3)
        #expect(page.components(separatedBy: "<td").count == 3)
        // The one image is the chart, its file name read back exactly.
        let images = page.matches(of: /<img\s+src="([^"]*)"/)
        #expect(images.count == 1)
        #expect(images.first.map { String($0.output.1).removingPercentEncoding } == "charts/\(text).svg")
        // The text reads back as written (one line, leading blanks dropped), in the paragraph at least.
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ").drop { $0 == " " || $0 == "\t" }
        let visible = page.replacing(/<[^>]*>/, with: "").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "\n", with: " ")
        #expect(visible.contains(String(flat)), "\(text.debugDescription) not read back in:\n\(page)")
    }
}
