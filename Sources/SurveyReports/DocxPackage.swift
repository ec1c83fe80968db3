import Foundation
import ZIPFoundation

/// The parts of a .docx (Office Open XML) around its document.xml, zipped with ZIPFoundation.
///
/// Every entry carries the same fixed time and the document properties a fixed creation date, so the same report
/// gives the same bytes. Styles: a Mincho body (ＭＳ 明朝, on every Japanese Windows; LibreOffice substitutes
/// Noto Serif CJK JP) and Gothic headings and tables (ＭＳ ゴシック; Noto Sans CJK JP), 游明朝/游ゴシック as the
/// fonts' alternative names.
enum DocxPackage {
    /// The fixed time of every ZIP entry and of the document properties: 2000-01-01T00:00:00Z.
    static let fixedDate = Date(timeIntervalSince1970: 946_684_800)

    static let mincho = "ＭＳ 明朝"
    static let gothic = "ＭＳ ゴシック"

    /// Zips the parts; `media` are the images under word/media/ (name, PNG bytes).
    static func zip(document: String, title: String, media: [(name: String, bytes: [UInt8])]) throws -> [UInt8] {
        var parts: [(String, [UInt8])] = [
            ("[Content_Types].xml", Array(contentTypes.utf8)),
            ("_rels/.rels", Array(packageRelationships.utf8)),
            ("docProps/core.xml", Array(core(title: title).utf8)),
            ("docProps/app.xml", Array(app.utf8)),
            ("word/document.xml", Array(document.utf8)),
            ("word/_rels/document.xml.rels", Array(documentRelationships(media: media.map(\.name)).utf8)),
            ("word/styles.xml", Array(styles.utf8)),
            ("word/settings.xml", Array(settings.utf8)),
            ("word/fontTable.xml", Array(fontTable.utf8)),
            ("word/footer1.xml", Array(footer.utf8)),
        ]
        parts += media.map { ("word/media/\($0.name)", $0.bytes) }
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, bytes) in parts {
            let data = Data(bytes)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: fixedDate,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return [UInt8](data)
    }

    /// The relationship id of an image in word/_rels/document.xml.rels.
    static func imageRelationship(_ index: Int) -> String { "rIdImage\(index + 1)" }

    static let footerRelationship = "rIdFooter1"

    static let namespaces = """
        xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" \
        xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" \
        xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" \
        xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"
        """

    private static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    private static let contentTypes = header + """
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Default Extension="png" ContentType="image/png"/>\
        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
        <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
        <Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>\
        <Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>\
        <Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>\
        <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
        <Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\
        </Types>
        """

    private static let packageRelationships = header + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>\
        </Relationships>
        """

    private static func documentRelationships(media: [String]) -> String {
        let base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        var lines = [
            "<Relationship Id=\"rIdStyles\" Type=\"\(base)styles\" Target=\"styles.xml\"/>",
            "<Relationship Id=\"rIdSettings\" Type=\"\(base)settings\" Target=\"settings.xml\"/>",
            "<Relationship Id=\"rIdFonts\" Type=\"\(base)fontTable\" Target=\"fontTable.xml\"/>",
            "<Relationship Id=\"\(footerRelationship)\" Type=\"\(base)footer\" Target=\"footer1.xml\"/>",
        ]
        for (index, name) in media.enumerated() {
            lines.append("<Relationship Id=\"\(imageRelationship(index))\" Type=\"\(base)image\" Target=\"media/\(name)\"/>")
        }
        return header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + lines.joined() + "</Relationships>"
    }

    private static func core(title: String) -> String {
        header + """
            <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
            xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
            <dc:title>\(HTMLRenderer.escape(title))</dc:title><dc:creator>survey</dc:creator><dc:language>ja-JP</dc:language>\
            <dcterms:created xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:created>\
            <dcterms:modified xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:modified>\
            </cp:coreProperties>
            """
    }

    private static let app = header + """
        <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>survey</Application></Properties>
        """

    private static let settings = header + """
        <w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
        <w:defaultTabStop w:val="840"/><w:characterSpacingControl w:val="compressPunctuation"/>\
        <w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>\
        </w:settings>
        """

    private static let fontTable = header + """
        <w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
        <w:font w:name="\(mincho)"><w:altName w:val="游明朝"/><w:charset w:val="80"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>\
        <w:font w:name="\(gothic)"><w:altName w:val="游ゴシック"/><w:charset w:val="80"/><w:family w:val="modern"/><w:pitch w:val="variable"/></w:font>\
        <w:font w:name="Noto Serif CJK JP"><w:charset w:val="80"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>\
        <w:font w:name="Noto Sans CJK JP"><w:charset w:val="80"/><w:family w:val="modern"/><w:pitch w:val="variable"/></w:font>\
        </w:fonts>
        """

    private static let footer = header + """
        <w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>\
        <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>\
        <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>
        """

    private static func fonts(_ eastAsia: String, latin: String) -> String {
        "<w:rFonts w:ascii=\"\(latin)\" w:hAnsi=\"\(latin)\" w:eastAsia=\"\(eastAsia)\" w:cs=\"\(latin)\"/>"
    }

    private static func paragraphStyle(_ id: String, name: String, basedOn: String = "Normal", next: String? = nil,
                                       outline: Int? = nil, paragraph: String = "", run: String = "") -> String {
        "<w:style w:type=\"paragraph\" w:styleId=\"\(id)\"><w:name w:val=\"\(name)\"/><w:basedOn w:val=\"\(basedOn)\"/>"
            + (next.map { "<w:next w:val=\"\($0)\"/>" } ?? "") + "<w:qFormat/>"
            + "<w:pPr>\(paragraph)" + (outline.map { "<w:outlineLvl w:val=\"\($0)\"/>" } ?? "") + "</w:pPr>"
            + "<w:rPr>\(run)</w:rPr></w:style>"
    }

    static let border = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\""

    private static var styles: String {
        let gothic = fonts(Self.gothic, latin: Self.gothic)
        return header + "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
            + "<w:docDefaults><w:rPrDefault><w:rPr>\(fonts(mincho, latin: mincho))<w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>"
            + "<w:lang w:val=\"ja-JP\" w:eastAsia=\"ja-JP\"/></w:rPr></w:rPrDefault>"
            + "<w:pPrDefault><w:pPr><w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN w:val=\"0\"/><w:spacing w:after=\"60\" w:line=\"300\" w:lineRule=\"auto\"/><w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>"
            + "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
            + paragraphStyle("Title", name: "Title", next: "Normal", paragraph: "<w:spacing w:before=\"1200\" w:after=\"240\"/><w:jc w:val=\"center\"/>",
                             run: gothic + "<w:b/><w:sz w:val=\"36\"/>")
            + paragraphStyle("Subtitle", name: "Subtitle", next: "Normal", paragraph: "<w:spacing w:after=\"600\"/><w:jc w:val=\"center\"/>",
                             run: gothic + "<w:sz w:val=\"24\"/>")
            + paragraphStyle("Heading1", name: "heading 1", next: "Normal", outline: 0,
                             paragraph: "<w:keepNext/><w:pageBreakBefore/><w:pBdr><w:bottom w:val=\"single\" w:sz=\"12\" w:space=\"2\" w:color=\"4A78B0\"/></w:pBdr><w:spacing w:before=\"0\" w:after=\"240\"/><w:jc w:val=\"left\"/>",
                             run: gothic + "<w:b/><w:sz w:val=\"30\"/>")
            + paragraphStyle("Heading2", name: "heading 2", next: "Normal", outline: 1,
                             paragraph: "<w:keepNext/><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"EEF2F7\"/><w:spacing w:before=\"360\" w:after=\"120\"/><w:jc w:val=\"left\"/>",
                             run: gothic + "<w:b/><w:sz w:val=\"24\"/>")
            + paragraphStyle("Heading3", name: "heading 3", next: "Normal", outline: 2,
                             paragraph: "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"60\"/><w:jc w:val=\"left\"/>",
                             run: gothic + "<w:b/><w:sz w:val=\"21\"/>")
            + paragraphStyle("TOCHeading", name: "TOC Heading", next: "Normal",
                             paragraph: "<w:keepNext/><w:pageBreakBefore/><w:spacing w:after=\"240\"/><w:jc w:val=\"left\"/>",
                             run: gothic + "<w:b/><w:sz w:val=\"30\"/>")
            + paragraphStyle("TOC1", name: "toc 1", paragraph: "<w:spacing w:before=\"120\" w:after=\"0\"/><w:jc w:val=\"left\"/>", run: gothic + "<w:b/>")
            + paragraphStyle("TOC2", name: "toc 2", paragraph: "<w:spacing w:after=\"0\"/><w:ind w:left=\"420\"/><w:jc w:val=\"left\"/>", run: "<w:sz w:val=\"19\"/>")
            + paragraphStyle("Caption", name: "caption", next: "Normal",
                             paragraph: "<w:keepNext/><w:spacing w:before=\"160\" w:after=\"60\"/><w:jc w:val=\"left\"/>", run: gothic + "<w:b/><w:sz w:val=\"19\"/>")
            + paragraphStyle("FigureCaption", name: "Figure Caption", basedOn: "Caption", paragraph: "<w:keepNext w:val=\"0\"/><w:spacing w:before=\"0\" w:after=\"200\"/><w:jc w:val=\"center\"/>")
            + paragraphStyle("Figure", name: "Figure", paragraph: "<w:keepNext/><w:spacing w:before=\"120\" w:after=\"60\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"center\"/>")
            + paragraphStyle("TableText", name: "Table Text", paragraph: "<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"left\"/>",
                             run: gothic + "<w:sz w:val=\"18\"/>")
            + paragraphStyle("Note", name: "Table Note", paragraph: "<w:spacing w:before=\"40\" w:after=\"120\"/>", run: "<w:sz w:val=\"18\"/>")
            + paragraphStyle("Draft", name: "Draft", paragraph: "<w:pBdr><w:left w:val=\"single\" w:sz=\"24\" w:space=\"8\" w:color=\"4A78B0\"/></w:pBdr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F5F8FC\"/><w:spacing w:before=\"120\" w:after=\"160\"/><w:ind w:left=\"240\" w:right=\"120\"/>")
            + paragraphStyle("ListItem", name: "List Item", paragraph: "<w:spacing w:after=\"40\"/><w:ind w:left=\"420\" w:hanging=\"210\"/>")
            + "<w:style w:type=\"table\" w:styleId=\"SurveyTable\"><w:name w:val=\"Survey Table\"/><w:tblPr><w:tblBorders>"
            + "<w:top \(border)/><w:left \(border)/><w:bottom \(border)/><w:right \(border)/><w:insideH \(border)/><w:insideV \(border)/>"
            + "</w:tblBorders></w:tblPr></w:style>"
            + "</w:styles>"
    }
}
