import Foundation
import Testing
@testable import SurveyReports
import ZIPFoundation

/// The pieces behind report.docx, tables.xlsx and tables/*.csv: reading printed cells back, numbering, layout.
struct DeliverableRenderingTests {
    @Test func printedCellsSplitIntoNumberAndMark() {
        let marked = ReportCell("6.0▼")
        #expect(marked.number?.value == 6.0)
        #expect(marked.number?.decimals == 1)
        #expect(marked.mark == "▼")
        let reference = ReportCell("21※")
        #expect(reference.number?.value == 21)
        #expect(reference.number?.isInteger == true)
        #expect(reference.mark == "※")
        let grouped = ReportCell("1,665")
        #expect(grouped.number?.value == 1665)
        #expect(grouped.number?.grouped == true)
        #expect(grouped.mark.isEmpty)
        let difference = ReportCell("+5.2▲")
        #expect(difference.number?.value == 5.2)
        #expect(difference.number?.signed == true)
        #expect(ReportCell("-3.2").number?.value == -3.2)
        #expect(ReportCell("±0.0").number?.value == 0)
        #expect(ReportCell("45.0％").number?.percentSign == true)
        let suppressed = ReportCell("x")
        #expect(suppressed.number == nil)
        #expect(suppressed.mark == "x")
        #expect(suppressed.text.isEmpty)
        let none = ReportCell("-▼")
        #expect(none.number == nil)
        #expect(none.text == "-")
        #expect(none.mark == "▼")
        // Not numbers: text stays whole, marks included.
        for text in ["-", "45.0％（2028年）", "1,66,5", ",123", "1.", "中央", "12a", "5年未満", "※", "・"] {
            let cell = ReportCell(text)
            #expect(cell.number == nil, "\(text)")
            #expect(cell.text == text, "\(text)")
        }
    }

    @Test func numberFormatsPrintAsTheReport() {
        func format(_ text: String) -> String {
            let cell = ReportCell(text)
            return TablesWorkbook.numberFormat(cell.number!, mark: cell.mark)
        }
        #expect(format("47.9") == "0.0")
        #expect(format("6.0▼") == "0.0\"▼\"")
        #expect(format("1,665") == "#,##0")
        #expect(format("216") == "#,##0")
        #expect(format("21※") == "#,##0\"※\"")
        #expect(format("2018") == "0")
        #expect(format("2.35") == "0.00")
        #expect(format("+5.2▲") == "+0.0\"▲\";-0.0\"▲\";±0.0\"▲\"")
        #expect(format("45.0％") == "0.0\"％\"")
    }

    @Test func tablesAndFiguresAreNumberedByChapter() {
        let table = ReportTable(caption: "単純集計", header: ["選択肢", "件数"], rows: [["a", "1"]])
        let blocks: [ReportBlock] = [
            .heading(level: 1, text: "題"), .heading(level: 2, text: "1 調査概要"), .table(table),
            .heading(level: 2, text: "3 調査結果"), .heading(level: 3, text: "4. 問1　あなたは…"), .table(table),
            .chart(file: "q1.svg", svg: "", caption: "図　問1"), .draft("文案"), .table(table),
        ]
        let numbering = ReportNumbering(blocks)
        #expect(numbering.entries[2]?.title == "表1-1　単純集計")
        #expect(numbering.entries[5]?.title == "表2-1　問1　単純集計")
        #expect(numbering.entries[6]?.title == "図2-1　問1")
        #expect(numbering.entries[8]?.label == "表2-2")
        #expect(numbering.referenceText(7) == "（表2-1、図2-1）")
        #expect(numbering.chapters == ["1 調査概要", "3 調査結果"])
        #expect(ReportNumbering.shortName("12. 問10　今後…") == "問10")
        #expect(ReportNumbering.shortName("地区別") == "地区別")
    }

    @Test func aCaptionBeginningWithItsSectionNameIsNotRepeated() {
        let blocks: [ReportBlock] = [
            .heading(level: 2, text: "2 報告書の見方"), .heading(level: 3, text: "標本誤差早見表"),
            .table(ReportTable(caption: "標本誤差早見表（単位：±ポイント）", header: ["区分", "n"], rows: [["全体", "1,665"]])),
        ]
        #expect(ReportNumbering(blocks).entries[2]?.title == "表1-1　標本誤差早見表（単位：±ポイント）")
        #expect(ReportNumbering.caption("問1", "地区別") == "問1　地区別")
    }

    /// Word keeps a section's 「n = …」 line and a table's title line on the table's page, a title line after a table
    /// is not set as that table's note, and a chapter opening on a landscape table is on that landscape page.
    @Test func linesLeadingToATableStayWithIt() throws {
        let simple = ReportTable(caption: "単純集計", header: ["選択肢", "件数"], rows: [["a", "1"]])
        let wide = ReportTable(caption: "成果指標", header: (1...14).map { "とても長い見出しその\($0)" },
                               rows: [(1...14).map { "値\($0)" }])
        #expect(DocxTableLayout(wide).landscape)
        let blocks: [ReportBlock] = [
            .heading(level: 1, text: "題"), .heading(level: 2, text: "1 調査結果"), .heading(level: 3, text: "1. 問1　あなたは"),
            .paragraph("n = 1,665"), .table(simple), .paragraph("■ 指標の名前"), .table(simple), .paragraph("注：表の注"),
            .heading(level: 2, text: "2 成果指標の評価"), .table(wide),
        ]
        let document = try #require(docxPart(try DocxRenderer.render(blocks, title: "題", images: [:]), "word/document.xml"))
        #expect(document.contains("<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:t xml:space=\"preserve\">n = 1,665</w:t>"))
        #expect(document.contains("<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:t xml:space=\"preserve\">■ 指標の名前</w:t>"))
        #expect(document.contains("<w:p><w:pPr><w:pStyle w:val=\"Note\"/></w:pPr><w:r><w:t xml:space=\"preserve\">注：表の注</w:t>"))
        let heading = try #require(document.range(of: "2 成果指標の評価", options: .backwards))  // the heading, not its 目次 entry
        let sectionEnd = try #require(document.range(of: "</w:sectPr>", range: heading.upperBound..<document.endIndex))
        #expect(document[heading.upperBound..<sectionEnd.lowerBound].contains("w:orient=\"landscape\""))
    }

    @Test func tablesCSVPutsMarksInColumnsOfTheirOwn() {
        var table = ReportTable(caption: "地区別", header: ["地区", "n", "はい", "いいえ"],
                                rows: [["全体", "1,665", "47.9", "52.1"], ["中央", "216", "60.2▲", "39.8▼"],
                                       ["港", "21※", "52.4", "-"], ["駅前", "8※", "x", "x"], ["南", "0", "・", "・"]])
        table.role = .crossTab
        let text = String(decoding: QuestionTablesCSV.document(title: "問1", tables: [table]).bytes.dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[3] == "地区,n,n（記号）,はい,はい（記号）,いいえ,いいえ（記号）")
        #expect(lines[4] == "全体,1665,,47.9,,52.1,")
        #expect(lines[5] == "中央,216,,60.2,▲,39.8,▼")
        #expect(lines[6] == "港,21,※,52.4,,-,")
        #expect(lines[7] == "駅前,8,※,,x,,x")
        #expect(lines[8] == "南,0,,・,,・,")
    }

    @Test func wideCrossTabsAreTransposedAndLandscapedWithoutWrapping() {
        let choices = (1...12).map { "とても長い選択肢のラベルその\($0)" }
        var wide = ReportTable(caption: "地区別", header: ["地区", "n"] + choices,
                               rows: [["全体", "1,665"] + choices.map { _ in "10.0" }] + (1...10).map { ["地区\($0)", "100"] + choices.map { _ in "10.0▲" } })
        wide.role = .crossTab
        let layout = DocxTableLayout(wide)
        #expect(layout.table.header == ["地区", "全体"] + (1...10).map { "地区\($0)" })
        #expect(layout.table.rows.first == ["n", "1,665"] + Array(repeating: "100", count: 10))
        #expect(!layout.firstColumnWraps)
        #expect(layout.widths.reduce(0, +) <= (layout.landscape ? DocxTableLayout.landscapeTextWidth : DocxTableLayout.portraitTextWidth))
        // Each column is at least as wide as its widest cell at the chosen size.
        for (column, width) in layout.widths.enumerated() {
            let widest = ([layout.table.header] + layout.table.rows).map { TextWidth.twips($0[column], points: layout.points) }.max() ?? 0
            #expect(width > widest)
        }
        let simple = DocxTableLayout(ReportTable(header: ["選択肢", "件数", "％"], rows: [["はい", "1", "50.0"]]))
        #expect(!simple.landscape)
        #expect(simple.points == 9)
    }

    @Test func wordDocumentIsAZipWithTheParts() throws {
        let blocks: [ReportBlock] = [
            .heading(level: 1, text: "題 & <test>"), .heading(level: 2, text: "1 章"),
            .table(ReportTable(header: ["選択肢", "件数"], rows: [["a", "1"]])), .draft("文案"),
        ]
        let bytes = try DocxRenderer.render(blocks, title: "題", images: [:])
        #expect(Array(bytes.prefix(2)) == [0x50, 0x4B])
        let again = try DocxRenderer.render(blocks, title: "題", images: [:])
        #expect(bytes == again)
        // A control character in a label is dropped (XML 1.0 forbids it); & and < are escaped.
        let hostile = try DocxRenderer.render([.paragraph("a\u{1}b & <c>")], title: "t", images: [:])
        let document = try #require(docxPart(hostile, "word/document.xml"))
        #expect(document.contains("ab &amp; &lt;c&gt;"))
    }
}

/// report.html prints on A4 without breaking Japanese words or orphaning table rows.
struct HTMLPrintTests {
    @Test func printStylesAndTransposedCrossTabs() {
        var crossTab = ReportTable(caption: "地区別", header: ["地区", "n", "とても長い選択肢のラベル"], rows: [["全体", "1,665", "47.9"], ["中央", "216", "6.0▼"]])
        crossTab.role = .crossTab
        let page = HTMLRenderer.render([.table(crossTab)], title: "題")
        #expect(page.contains("@page { size: A4"))
        #expect(page.contains("word-break: keep-all"))
        #expect(page.contains("thead { display: table-header-group; }"))
        #expect(page.contains("tr, figure, blockquote.draft { break-inside: avoid"))
        // Choices down, groups across: the long label is a row header, the columns are 全体 and 中央.
        #expect(page.contains("<thead><tr><th>地区</th><th class=\"r\">全体</th><th class=\"r\">中央</th></tr></thead>"))
        #expect(page.contains("<tr><td>とても長い選択肢のラベル</td><td class=\"r\">47.9</td><td class=\"r\">6.0▼</td></tr>"))
        #expect(page.contains("<table class=\"short\">"))
    }
}

/// One part of a .docx, read back with ZIPFoundation.
private func docxPart(_ bytes: [UInt8], _ path: String) -> String? {
    guard let archive = try? Archive(data: Data(bytes), accessMode: .read), let entry = archive[path] else { return nil }
    var data = Data()
    _ = try? archive.extract(entry) { data.append($0) }
    return String(decoding: data, as: UTF8.self)
}
