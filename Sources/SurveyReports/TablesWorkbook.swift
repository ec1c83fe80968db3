/// `tables.xlsx` (集計表): every table of a report in an Excel workbook, numbers stored as numbers.
///
/// Sheets: 目次 (a link to each table, numbered as in report.docx), then one sheet per kind of table in order of
/// appearance: 単純集計 (with the number summaries), クロス集計（<axis>別） per axis — transposed, choices down and
/// the axis's groups across, so every table of the sheet shares the frozen header row — and one sheet per chapter
/// for the other tables (調査概要, 成果指標の評価, 設問ごとの比較 …).
/// A number cell holds the printed number (counts as integers `#,##0`, percents `0.0`); its mark is part of the
/// cell's number format (`0.0"▲"`, coloured), never of its value; 「-」 (nobody; 「-▼」 as "-" with the format
/// `@"▼"`), 「・」 (not applicable) and 「x」 (base under 10) are text cells; n under 30 shows 「※」 through the format, as in the report.
public enum TablesWorkbook {
    /// The workbook's bytes for the report `blocks` titled `title`. A weighted wave passes `weighting`
    /// (`ReportDocument.workbookWeightingText`): it heads 目次, and each table of percentages or numbers gets a note.
    public static func bytes(_ blocks: [ReportBlock], title: String, weighting: String? = nil) throws -> [UInt8] {
        let numbering = ReportNumbering(blocks)
        var sheets: [(name: String, tables: [(table: ReportTable, entry: ReportNumbering.Entry)])] =
            axisOrder(blocks).map { ("クロス集計（\($0)）", []) }
        for (index, block) in blocks.enumerated() {
            guard case .table(let table) = block, let entry = numbering.entries[index] else { continue }
            let name: String
            var laidOut = table
            switch table.role {
            case .simple, .summary: name = "単純集計"
            case .crossTab:
                name = "クロス集計（\(table.caption)）"
                laidOut = table.transposed()
            case .other: name = chapterName(entry.chapterTitle)
            }
            if let at = sheets.firstIndex(where: { $0.name == name }) {
                sheets[at].tables.append((laidOut, entry))
            } else {
                let firstCrossTab = sheets.firstIndex { $0.name.hasPrefix("クロス集計（") } ?? sheets.endIndex
                sheets.insert((name, [(laidOut, entry)]), at: table.role == .crossTab ? sheets.endIndex : firstCrossTab)
            }
        }

        let workbook = try XLSXWorkbook(title: title + " 集計表")
        let contents = try workbook.addSheet("目次")
        var taken: Set<String> = ["目次"]
        var links: [(entry: ReportNumbering.Entry, sheet: String, row: Int)] = []
        for (wanted, tables) in sheets {
            let name = XLSXWorkbook.sheetName(wanted, taken: taken)
            taken.insert(name)
            let sheet = try workbook.addSheet(name)
            for (entry, row) in write(tables, title: "\(wanted)　\(title)", weighted: weighting != nil, to: sheet) {
                links.append((entry, name, row))
            }
        }

        contents.write(0, 0, text: title + "　集計表", Style.title)
        let top = weighting == nil ? 1 : 2
        let widths = [10, width(links.map { TextWidth.units($0.entry.caption) }.max() ?? 20, limit: 80),
                      width(links.map { TextWidth.units($0.sheet) }.max() ?? 10, limit: 40)]
        if let weighting {
            // About one half-width unit per width unit of the merged columns, plus a line of slack.
            let perLine = max(Int(widths.reduce(0, +)) - 4, 20)
            contents.merge(1, 0...2, text: weighting, lines: (TextWidth.units(weighting) + perLine - 1) / perLine + 1,
                           Style.wrappedNote)
        }
        let header = ["表番号", "表題", "シート"]
        for (column, text) in header.enumerated() { contents.write(top, column, text: text, Style.header) }
        links.sort { $0.entry.order < $1.entry.order }
        for (offset, link) in links.enumerated() {
            let row = offset + top + 1
            contents.write(row, 0, text: link.entry.label, Style.text)
            contents.link(row, 1, to: "internal:'\(link.sheet)'!A\(link.row + 1)", text: link.entry.caption, Style.link)
            contents.write(row, 2, text: link.sheet, Style.text)
        }
        for (column, width) in widths.enumerated() { contents.columnWidth(column, width) }
        contents.freeze(rows: top + 1, columns: 0)
        contents.printSetup(repeatRows: top...top, landscape: false)
        return try workbook.close()
    }

    /// Writes the tables one under another, each `weighted` table with its note after a blank row (so readers of
    /// the table, scripts/check_xlsx.py among them, stop at the blank); returns where each caption row went.
    private static func write(_ tables: [(table: ReportTable, entry: ReportNumbering.Entry)], title: String,
                              weighted: Bool, to sheet: XLSXSheet) -> [(ReportNumbering.Entry, Int)] {
        let common = tables.allSatisfy { $0.table.header == tables[0].table.header } ? tables[0].table : nil
        var widths: [Int: Int] = [:]
        func measure(_ column: Int, _ text: String, header: Bool = false) {
            let units = header ? min(TextWidth.units(text), 16) : TextWidth.units(text)
            widths[column] = max(widths[column] ?? 0, units)
        }
        sheet.write(0, 0, text: title, Style.title)
        var row = 1
        if let common {
            writeHeader(common, row: row, to: sheet)
            for (column, text) in common.header.enumerated() { measure(column, text, header: true) }
            row += 1
        }
        var captions: [(ReportNumbering.Entry, Int)] = []
        for (table, entry) in tables {
            row += 1
            sheet.write(row, 0, text: entry.title, Style.caption)
            captions.append((entry, row))
            row += 1
            if common == nil {
                writeHeader(table, row: row, to: sheet)
                for (column, text) in table.header.enumerated() { measure(column, text, header: true) }
                row += 1
            }
            for cells in table.rows {
                for (column, text) in cells.enumerated() {
                    let numeric = column < table.alignments.count && table.alignments[column] == .right
                    writeCell(text, numeric: numeric, row: row, column: column, to: sheet)
                    measure(column, text)
                }
                row += 1
            }
            if weighted, let note = weightedNote(table.role) {
                sheet.write(row + 1, 0, text: note, Style.note)
                row += 2
            }
        }
        for (column, units) in widths { sheet.columnWidth(column, width(units, limit: column == 0 ? 60 : 24)) }
        sheet.freeze(rows: common == nil ? 1 : 2, columns: 1)
        sheet.printSetup(repeatRows: common == nil ? nil : 1...1)
        return captions
    }

    /// The note under a weighted wave's table: percentages weighted, or the number summary's estimates.
    private static func weightedNote(_ role: ReportTable.Role) -> String? {
        switch role {
        case .simple, .crossTab: ReportDocument.weightedTableNote
        case .summary: ReportDocument.weightedNumbersNote
        case .other: nil
        }
    }

    private static func writeHeader(_ table: ReportTable, row: Int, to sheet: XLSXSheet) {
        for (column, text) in table.header.enumerated() {
            var style = Style.header
            style.alignRight = column < table.alignments.count && table.alignments[column] == .right
            sheet.write(row, column, text: text, style)
        }
    }

    /// A number cell with its mark in the format, or a text cell.
    private static func writeCell(_ text: String, numeric: Bool, row: Int, column: Int, to sheet: XLSXSheet) {
        guard numeric else { return sheet.write(row, column, text: text, Style.text) }
        let cell = ReportCell(text)
        guard let number = cell.number else {
            var style = Style.text
            style.alignRight = true
            if cell.text.isEmpty { return sheet.write(row, column, text: cell.mark, style) }
            if !cell.mark.isEmpty { style.numberFormat = "@\"\(cell.mark)\""; markColor(cell.mark, &style) }
            return sheet.write(row, column, text: cell.text, style)
        }
        var style = Style.text
        style.alignRight = true
        style.numberFormat = numberFormat(number, mark: cell.mark)
        markColor(cell.mark, &style)
        sheet.write(row, column, number: number.value, style)
    }

    /// ▲ in bold red, ▼ in bold blue, as in report.docx.
    private static func markColor(_ mark: String, _ style: inout XLSXWorkbook.Style) {
        if mark == "▲" { style.color = 0xC00000; style.bold = true }
        if mark == "▼" { style.color = 0x0070C0; style.bold = true }
    }

    /// The number format that prints the value as the report does: 「#,##0」「0.0」「+0.0」, then the mark and 「％」.
    static func numberFormat(_ number: ReportCell.Number, mark: String) -> String {
        // A whole number printed without separators from 1000 up is not a count (a year): it keeps its plain digits.
        let plain = !number.grouped && abs(number.value) >= 1000
        var digits = number.isInteger ? (plain ? "0" : "#,##0") : "0." + String(repeating: "0", count: number.decimals)
        if number.percentSign { digits += "\"％\"" }
        if !mark.isEmpty { digits += "\"\(mark)\"" }
        return number.signed ? "+\(digits);-\(digits);±\(digits)" : digits
    }

    /// The axes of the cross-tabs in the order of the section that has the most of them (the order of `breaks`).
    private static func axisOrder(_ blocks: [ReportBlock]) -> [String] {
        var best: [String] = []
        var current: [String] = []
        for block in blocks {
            switch block {
            case .heading(let level, _) where level <= 3:
                if current.count > best.count { best = current }
                current = []
            case .table(let table) where table.role == .crossTab:
                if !current.contains(table.caption) { current.append(table.caption) }
            default: break
            }
        }
        return current.count > best.count ? current : best
    }

    /// 「3 調査結果」 → 「調査結果」.
    private static func chapterName(_ title: String) -> String {
        let trimmed = title.drop { $0.isASCII && ($0.isNumber || $0 == " " || $0 == ".") }
        return trimmed.isEmpty ? (title.isEmpty ? "表" : title) : String(trimmed)
    }

    /// Excel column width for text of `units` half-width units.
    private static func width(_ units: Int, limit: Int) -> Double {
        Double(min(max(units, 6), limit)) * 1.1 + 2
    }

    private enum Style {
        static let title = XLSXWorkbook.Style(bold: true, border: false, size: 12)
        static let caption = XLSXWorkbook.Style(bold: true, border: false)
        static let header = XLSXWorkbook.Style(bold: true, wrap: true, fill: 0xDCE6F1)
        static let text = XLSXWorkbook.Style()
        static let note = XLSXWorkbook.Style(border: false)
        static let wrappedNote = XLSXWorkbook.Style(wrap: true, border: false)
        static let link = XLSXWorkbook.Style(border: false, link: true)
    }
}
