/// Renders report blocks as a Word document (report.docx) laid out for A4.
///
/// From the same blocks as the Markdown: the title page, a 目次 (a TOC field whose cached result is the list of
/// chapters and sections, so it shows before fields are updated), each chapter (level-2 heading) on a new page,
/// tables and figures numbered by chapter (表3-5, 図3-1, `ReportNumbering`) with captions and cited at the end of
/// the draft paragraph, charts at the text width, tables laid out by `DocxTableLayout` (header row repeated on
/// every page, columns fitted to content, numbers right-aligned, landscape pages for what does not fit portrait).
public enum DocxRenderer {
    /// A chart as a picture: PNG bytes and its size in pixels (for the aspect ratio).
    public struct Image: Sendable {
        public var png: [UInt8]
        public var width: Int
        public var height: Int

        public init(png: [UInt8], width: Int, height: Int) {
            self.png = png
            self.width = width
            self.height = height
        }
    }

    /// The .docx bytes; `images` are the charts by file name (a chart without one is left out, its caption kept).
    public static func render(_ blocks: [ReportBlock], title: String, images: [String: Image]) throws -> [UInt8] {
        var writer = Writer(blocks: blocks, images: images)
        let body = writer.body()
        let document = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<w:document \(DocxPackage.namespaces)><w:body>" + body + "</w:body></w:document>"
        return try DocxPackage.zip(document: document, title: title, media: writer.media)
    }

    /// Draws SVG charts (file name, SVG) as pictures, by file name: `SVGRasterizer.pictures`.
    public typealias Pictures = ([(key: String, svg: String)]) throws -> [String: Image]

    /// The charts of `blocks`: file name and SVG.
    public static func charts(_ blocks: [ReportBlock]) -> [(key: String, svg: String)] {
        blocks.compactMap { block in
            if case .chart(let file, let svg, _) = block { return (file, svg) }
            return nil
        }
    }

    private struct Writer {
        let blocks: [ReportBlock]
        let images: [String: Image]
        let numbering: ReportNumbering
        var media: [(name: String, bytes: [UInt8])] = []
        var out = ""
        var bookmark = 0
        var landscape = false
        var sectionJustClosed = false

        init(blocks: [ReportBlock], images: [String: Image]) {
            self.blocks = blocks
            self.images = images
            self.numbering = ReportNumbering(blocks)
        }

        /// Which blocks sit on landscape pages: wide tables, with their level-4 heading and the text after them.
        /// When one cross-tab of a section needs landscape, all of the section's cross-tabs go on landscape pages
        /// together, so a question does not alternate page orientations.
        private func orientations(_ layouts: [Int: DocxTableLayout]) -> [Bool] {
            var tableLandscape: [Int: Bool] = layouts.mapValues(\.landscape)
            var section: [Int] = []
            func closeSection() {
                let crossTabs = section.filter { if case .table(let table) = blocks[$0] { return table.role == .crossTab }; return false }
                if crossTabs.contains(where: { tableLandscape[$0] == true }) {
                    for index in crossTabs { tableLandscape[index] = true }
                }
                section = []
            }
            for (index, block) in blocks.enumerated() {
                if case .heading(let level, _) = block, level <= 3 { closeSection() }
                if case .table = block { section.append(index) }
            }
            closeSection()
            var result = [Bool](repeating: false, count: blocks.count)
            var previous = false
            for (index, block) in blocks.enumerated() {
                switch block {
                case .table:
                    previous = tableLandscape[index] ?? false
                case .heading(let level, _) where level >= 4:
                    let next = blocks[(index + 1)...].firstIndex { if case .table = $0 { return true }; return false }
                    previous = next.flatMap { tableLandscape[$0] } ?? false
                case .heading:
                    // A chapter or section opening on a wide table goes on its landscape page, not alone on a portrait one.
                    previous = tableLed(from: index).flatMap { tableLandscape[$0] } ?? false
                case .chart:
                    previous = false
                case .paragraph, .draft, .list:
                    break
                }
                result[index] = previous
            }
            return result
        }

        /// The table that the block after `index` leads to through paragraphs only (a section's 「n = …」 lines, a
        /// table's title line), if any: those paragraphs stay on the table's page.
        private func tableLed(from index: Int) -> Int? {
            var next = index + 1
            while next < blocks.count, case .paragraph = blocks[next] { next += 1 }
            guard next < blocks.count, case .table = blocks[next] else { return nil }
            return next
        }

        mutating func body() -> String {
            var layouts: [Int: DocxTableLayout] = [:]
            for (index, block) in blocks.enumerated() {
                if case .table(let table) = block { layouts[index] = DocxTableLayout(table) }
            }
            let landscapeAt = orientations(layouts)
            var tocWritten = false
            for (index, block) in blocks.enumerated() {
                if case .heading(let level, _) = block, level == 2, !tocWritten {
                    tableOfContents()
                    tocWritten = true
                }
                if landscapeAt[index] != landscape { closeSection(nextLandscape: landscapeAt[index]) }
                switch block {
                case .heading(let level, let text):
                    heading(level: level, text: text)
                case .paragraph(let text):
                    // A paragraph leading to a table (「n = 1,665」, 「■ 指標名」) is kept with it, and is not the note of
                    // a table above it.
                    let leads = tableLed(from: index) != nil
                    paragraph(style: followsTitle(index) ? "Subtitle" : level4Note(index) && !leads ? "Note" : nil,
                              properties: leads ? "<w:keepNext/>" : "", runs: run(text))
                case .draft(let text):
                    // The labels of the reference keep their hyphen unbroken (表3-29 never splits at the line end).
                    let referenceText = numbering.referenceText(index)
                    let reference = referenceText.isEmpty ? "" : referenceText.split(separator: "-", omittingEmptySubsequences: false)
                        .map { run(String($0)) }.joined(separator: "<w:r><w:noBreakHyphen/></w:r>")
                    paragraph(style: "Draft", runs: run(text) + reference)
                case .list(let items):
                    for item in items { paragraph(style: "ListItem", runs: run("・" + item)) }
                case .table:
                    if let layout = layouts[index], let entry = numbering.entries[index] { table(layout, entry: entry) }
                case .chart(let file, _, _):
                    if let entry = numbering.entries[index] { chart(file, entry: entry) }
                }
            }
            out += sectionProperties(landscape: landscape)
            return out
        }

        private func followsTitle(_ index: Int) -> Bool {
            guard index > 0, case .heading(1, _) = blocks[index - 1] else { return false }
            return true
        }

        /// A paragraph right after a table (the test line) is set small like a table note.
        private func level4Note(_ index: Int) -> Bool {
            guard index > 0, case .table = blocks[index - 1] else { return false }
            return true
        }

        // MARK: Sections

        private func sectionProperties(landscape: Bool) -> String {
            let size = landscape
                ? "<w:pgSz w:w=\"\(DocxTableLayout.pageHeight)\" w:h=\"\(DocxTableLayout.pageWidth)\" w:orient=\"landscape\"/>"
                : "<w:pgSz w:w=\"\(DocxTableLayout.pageWidth)\" w:h=\"\(DocxTableLayout.pageHeight)\"/>"
            let margin = DocxTableLayout.sideMargin
            return "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"\(DocxPackage.footerRelationship)\"/>"
                + "<w:type w:val=\"nextPage\"/>\(size)"
                + "<w:pgMar w:top=\"1247\" w:right=\"\(margin)\" w:bottom=\"1247\" w:left=\"\(margin)\" w:header=\"720\" w:footer=\"567\" w:gutter=\"0\"/>"
                + "</w:sectPr>"
        }

        /// Ends the current section (its properties ride on an empty paragraph) and starts one of the other orientation.
        private mutating func closeSection(nextLandscape: Bool) {
            out += "<w:p><w:pPr><w:spacing w:after=\"0\"/>\(sectionProperties(landscape: landscape))</w:pPr></w:p>"
            landscape = nextLandscape
            sectionJustClosed = true
        }

        // MARK: Text

        private mutating func paragraph(style: String?, properties: String = "", runs: String) {
            let styleXML = style.map { "<w:pStyle w:val=\"\($0)\"/>" } ?? ""
            out += "<w:p><w:pPr>\(styleXML)\(properties)</w:pPr>\(runs)</w:p>"
            sectionJustClosed = false
        }

        private func run(_ text: String, properties: String = "") -> String {
            let props = properties.isEmpty ? "" : "<w:rPr>\(properties)</w:rPr>"
            // XML 1.0 allows no other control characters: a label holding one still gives a file Word opens.
            let allowed = String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\t" }))
            return "<w:r>\(props)<w:t xml:space=\"preserve\">\(HTMLRenderer.escape(allowed))</w:t></w:r>"
        }

        private mutating func heading(level: Int, text: String) {
            switch level {
            case 1:
                paragraph(style: "Title", runs: run(text))
            case 2, 3:
                bookmark += 1
                let name = "_Toc\(bookmark)"
                // A section break already starts a new page: no second break before the chapter.
                let noBreak = level == 2 && sectionJustClosed ? "<w:pageBreakBefore w:val=\"0\"/>" : ""
                paragraph(style: level == 2 ? "Heading1" : "Heading2", properties: noBreak,
                          runs: "<w:bookmarkStart w:id=\"\(bookmark)\" w:name=\"\(name)\"/>" + run(text) + "<w:bookmarkEnd w:id=\"\(bookmark)\"/>")
            default:
                paragraph(style: "Heading3", runs: run(text))
            }
        }

        /// 目次: a TOC field (levels 1–2 of the document's outline) whose cached result lists every chapter and section.
        private mutating func tableOfContents() {
            paragraph(style: "TOCHeading", runs: run("目次"))
            var entries: [(level: Int, text: String, anchor: String)] = []
            var counter = 0
            for block in blocks {
                if case .heading(let level, let text) = block, level == 2 || level == 3 {
                    counter += 1
                    entries.append((level, text, "_Toc\(counter)"))
                }
            }
            for (offset, entry) in entries.enumerated() {
                var runs = ""
                if offset == 0 {
                    runs += "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
                        + "<w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-2\" \\h \\z \\u </w:instrText></w:r>"
                        + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
                }
                runs += "<w:hyperlink w:anchor=\"\(entry.anchor)\" w:history=\"1\">" + run(entry.text) + "</w:hyperlink>"
                if offset == entries.count - 1 { runs += "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>" }
                paragraph(style: entry.level == 2 ? "TOC1" : "TOC2", runs: runs)
            }
        }

        // MARK: Tables

        private mutating func table(_ layout: DocxTableLayout, entry: ReportNumbering.Entry) {
            paragraph(style: "Caption", runs: run(entry.title))
            let table = layout.table
            let border = DocxPackage.border
            let halfPoints = Int(layout.points * 2)
            let total = layout.widths.reduce(0, +)
            var xml = "<w:tbl><w:tblPr><w:tblStyle w:val=\"SurveyTable\"/><w:tblW w:w=\"\(total)\" w:type=\"dxa\"/>"
                + "<w:tblBorders><w:top \(border)/><w:left \(border)/><w:bottom \(border)/><w:right \(border)/><w:insideH \(border)/><w:insideV \(border)/></w:tblBorders>"
                + "<w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"\(DocxTableLayout.cellPadding)\" w:type=\"dxa\"/>"
                + "<w:right w:w=\"\(DocxTableLayout.cellPadding)\" w:type=\"dxa\"/></w:tblCellMar><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:firstColumn=\"1\"/></w:tblPr>"
            xml += "<w:tblGrid>" + layout.widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
            // A short table is kept on one page; a long one repeats its header row on each page.
            let keepTogether = table.rows.count <= 20
            for (rowIndex, cells) in ([table.header] + table.rows).enumerated() {
                let isHeader = rowIndex == 0
                xml += "<w:tr><w:trPr><w:cantSplit/>" + (isHeader ? "<w:tblHeader/>" : "") + "</w:trPr>"
                let keep = keepTogether && rowIndex < table.rows.count ? "<w:keepNext/>" : ""
                for column in layout.widths.indices {
                    let text = column < cells.count ? cells[column] : ""
                    let right = column > 0 && column < table.alignments.count && table.alignments[column] == .right
                    let wrap = column == 0 && layout.firstColumnWraps ? "" : "<w:noWrap/>"
                    let fill = isHeader ? "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"DCE6F1\"/>" : ""
                    xml += "<w:tc><w:tcPr><w:tcW w:w=\"\(layout.widths[column])\" w:type=\"dxa\"/>\(fill)\(wrap)<w:vAlign w:val=\"center\"/></w:tcPr>"
                    xml += "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/>\(keep)" + (right ? "<w:jc w:val=\"right\"/>" : (isHeader && column > 0 ? "<w:jc w:val=\"center\"/>" : ""))
                        + "<w:rPr><w:sz w:val=\"\(halfPoints)\"/></w:rPr></w:pPr>" + cellRuns(text, header: isHeader, halfPoints: halfPoints) + "</w:p></w:tc>"
                }
                xml += "</w:tr>"
            }
            xml += "</w:tbl>"
            out += xml
            sectionJustClosed = false
        }

        /// A cell's text; a significance mark is coloured (▲ red, ▼ blue) in a run of its own.
        private func cellRuns(_ text: String, header: Bool, halfPoints: Int) -> String {
            let size = "<w:sz w:val=\"\(halfPoints)\"/><w:szCs w:val=\"\(halfPoints)\"/>" + (header ? "<w:b/>" : "")
            let cell = ReportCell(text)
            guard cell.number != nil, cell.mark == "▲" || cell.mark == "▼" else { return run(text, properties: size) }
            let color = cell.mark == "▲" ? "C00000" : "0070C0"
            return run(cell.text, properties: size) + run(cell.mark, properties: size + "<w:color w:val=\"\(color)\"/>")
        }

        // MARK: Figures

        private mutating func chart(_ file: String, entry: ReportNumbering.Entry) {
            if let image = images[file], image.width > 0, image.height > 0 {
                let name = "chart\(media.count + 1).png"
                let relationship = DocxPackage.imageRelationship(media.count)
                media.append((name, image.png))
                // Text width, unless that makes the chart taller than 21 cm.
                let emuPerTwip = 635
                var width = DocxTableLayout.portraitTextWidth * emuPerTwip
                var height = width * image.height / image.width
                let maxHeight = 21 * 360_000
                if height > maxHeight {
                    width = width * maxHeight / height
                    height = maxHeight
                }
                let id = media.count
                let drawing = "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"\(width)\" cy=\"\(height)\"/>"
                    + "<wp:docPr id=\"\(id)\" name=\"\(HTMLRenderer.escape(entry.label))\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>"
                    + "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>"
                    + "<pic:nvPicPr><pic:cNvPr id=\"\(id)\" name=\"\(name)\"/><pic:cNvPicPr/></pic:nvPicPr>"
                    + "<pic:blipFill><a:blip r:embed=\"\(relationship)\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
                    + "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"\(width)\" cy=\"\(height)\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr>"
                    + "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
                paragraph(style: "Figure", runs: drawing)
            }
            paragraph(style: "FigureCaption", runs: run(entry.title))
        }
    }
}
