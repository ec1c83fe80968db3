/// Numbers the tables and figures of a report by chapter (表3-5, 図3-1), the one rule every format uses.
///
/// A chapter is a level-2 heading; a table or chart before the first one is numbered in chapter 0.
/// Each caption names the section (the level-3 heading's short name, e.g. 「問1」) and the table's own caption.
public struct ReportNumbering: Sendable {
    /// One numbered table or figure.
    public struct Entry: Sendable, Equatable {
        /// 「表3-5」 or 「図3-1」.
        public var label: String
        /// The caption without the label, e.g. 「問1　地区別」.
        public var caption: String
        /// The chapter's number (1-based) and heading text.
        public var chapter: Int
        public var chapterTitle: String
        /// The position of the block in the report.
        public var order: Int

        /// 「表3-5　問1　地区別」.
        public var title: String { "\(label)　\(caption)" }
    }

    /// The entries by block index.
    public private(set) var entries: [Int: Entry] = [:]
    /// For each draft paragraph (by block index), the labels of the tables and figures of its section before it.
    public private(set) var references: [Int: [String]] = [:]
    /// The chapters (level-2 headings) in order.
    public private(set) var chapters: [String] = []

    /// Numbers the tables and charts of `blocks`.
    public init(_ blocks: [ReportBlock]) {
        var tables = 0
        var figures = 0
        var section = ""
        var sectionLabels: [String] = []
        for (index, block) in blocks.enumerated() {
            switch block {
            case .heading(let level, let text):
                if level == 2 {
                    chapters.append(text)
                    tables = 0
                    figures = 0
                    section = ""
                    sectionLabels = []
                } else if level == 3 {
                    section = Self.shortName(text)
                    sectionLabels = []
                }
            case .table(let table):
                tables += 1
                let entry = Entry(label: "表\(chapters.count)-\(tables)", caption: Self.caption(section, table.caption),
                                  chapter: chapters.count, chapterTitle: chapters.last ?? "", order: index)
                entries[index] = entry
                sectionLabels.append(entry.label)
            case .chart(_, _, let caption):
                figures += 1
                var name = Substring(caption)
                if name.hasPrefix("図　") { name = name.dropFirst(2) }
                let entry = Entry(label: "図\(chapters.count)-\(figures)", caption: String(name),
                                  chapter: chapters.count, chapterTitle: chapters.last ?? "", order: index)
                entries[index] = entry
                sectionLabels.append(entry.label)
            case .draft:
                if !sectionLabels.isEmpty { references[index] = sectionLabels }
            case .paragraph, .list:
                break
            }
        }
    }

    /// 「（表3-5、図3-1）」, the reference a draft paragraph ends with, or empty.
    public func referenceText(_ index: Int) -> String {
        guard let labels = references[index], !labels.isEmpty else { return "" }
        return "（" + labels.joined(separator: "、") + "）"
    }

    /// 「4. 問1　あなたは…」 → 「問1」; 「問1　あなたは…」 → 「問1」; a heading without 「　」 stays whole.
    static func shortName(_ heading: String) -> String {
        var text = Substring(heading)
        if let dot = text.firstIndex(of: "."), text[..<dot].allSatisfy({ $0.isASCII && $0.isNumber }), !text[..<dot].isEmpty {
            text = text[text.index(after: dot)...].drop { $0 == " " }
        }
        if let space = text.firstIndex(of: "　") { text = text[..<space] }
        return String(text)
    }

    /// 「問1　地区別」; a caption that already begins with the section's name stands alone (「標本誤差早見表（単位：±ポイント）」,
    /// not 「標本誤差早見表　標本誤差早見表（単位：±ポイント）」).
    static func caption(_ section: String, _ caption: String) -> String {
        if section.isEmpty || caption.hasPrefix(section) { return caption.isEmpty ? section : caption }
        return caption.isEmpty ? section : "\(section)　\(caption)"
    }
}
