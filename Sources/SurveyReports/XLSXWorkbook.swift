import CLibXLSXWriter
import Foundation

/// A thin owner of a libxlsxwriter workbook: sheets, cached formats, and the file's bytes at the end.
///
/// libxlsxwriter writes to a path, so the workbook goes to a temporary file that `close()` reads back and removes.
/// The document's creation time is fixed (`created`), which also fixes the ZIP entries' times: the same
/// content gives the same bytes.
final class XLSXWorkbook {
    /// How a cell looks; equal styles share one libxlsxwriter format.
    struct Style: Hashable {
        var bold = false
        var numberFormat = ""
        var alignRight = false
        var wrap = false
        var border = true
        var fill: UInt32? = nil
        var color: UInt32? = nil
        var link = false
        var size = 10.0
    }

    /// A failure of libxlsxwriter, with its message.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The fixed creation time written in the document properties (2000-01-01T00:00:00Z).
    static let created: time_t = 946_684_800
    /// The font of every cell: ＭＳ Ｐゴシック (Excel's Japanese Gothic; LibreOffice substitutes Noto Sans CJK JP).
    static let font = "ＭＳ Ｐゴシック"

    private let path: String
    private let workbook: UnsafeMutablePointer<lxw_workbook>
    private var formats: [Style: UnsafeMutablePointer<lxw_format>] = [:]
    private var closed = false

    /// Starts a workbook with its title in the document properties.
    init(title: String) throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("survey-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).xlsx").path
        guard let workbook = workbook_new(path) else { throw Failure(description: "libxlsxwriter could not start a workbook at \(path)") }
        self.workbook = workbook
        let titleCopy = strdup(title)
        defer { free(titleCopy) }
        var properties = lxw_doc_properties()
        properties.title = titleCopy
        properties.created = Self.created
        workbook_set_properties(workbook, &properties)
    }

    deinit {
        if !closed {
            workbook_close(workbook)
            unlink(path)
        }
    }

    /// Adds a sheet; `name` must be a valid, unique sheet name (see `sheetName`).
    func addSheet(_ name: String) throws -> XLSXSheet {
        guard let sheet = workbook_add_worksheet(workbook, name) else {
            throw Failure(description: "libxlsxwriter refused the sheet name '\(name)'")
        }
        return XLSXSheet(sheet: sheet, workbook: self)
    }

    /// The format for a style, made once.
    func format(_ style: Style) -> UnsafeMutablePointer<lxw_format> {
        if let format = formats[style] { return format }
        let format = workbook_add_format(workbook)!
        format_set_font_name(format, Self.font)
        format_set_font_size(format, style.size)
        format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        if style.bold { format_set_bold(format) }
        if !style.numberFormat.isEmpty { format_set_num_format(format, style.numberFormat) }
        if style.alignRight { format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue)) }
        if style.wrap { format_set_text_wrap(format) }
        if style.border {
            format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_border_color(format, 0x999999)
        }
        if let fill = style.fill { format_set_bg_color(format, fill) }
        if let color = style.color { format_set_font_color(format, color) }
        if style.link {
            format_set_underline(format, UInt8(LXW_UNDERLINE_SINGLE.rawValue))
            format_set_font_color(format, 0x0563C1)
        }
        formats[style] = format
        return format
    }

    /// Writes the file and returns its bytes.
    func close() throws -> [UInt8] {
        closed = true
        let status = workbook_close(workbook)
        defer { unlink(path) }
        guard status == LXW_NO_ERROR else {
            throw Failure(description: "libxlsxwriter: " + String(cString: lxw_strerror(status)))
        }
        return try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// A valid, unique sheet name: at most 31 characters, without `[]:*?/\`.
    static func sheetName(_ wanted: String, taken: Set<String>) -> String {
        let cleaned = String(wanted.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
        var name = cleaned.isEmpty ? "Sheet" : cleaned
        var counter = 2
        while taken.contains(name) {
            let suffix = "(\(counter))"
            name = String(cleaned.prefix(31 - suffix.count)) + suffix
            counter += 1
        }
        return name
    }
}

/// One sheet of an `XLSXWorkbook`.
struct XLSXSheet {
    let sheet: UnsafeMutablePointer<lxw_worksheet>
    unowned let workbook: XLSXWorkbook

    func write(_ row: Int, _ column: Int, text: String, _ style: XLSXWorkbook.Style) {
        worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(column), text, workbook.format(style))
    }

    func write(_ row: Int, _ column: Int, number: Double, _ style: XLSXWorkbook.Style) {
        worksheet_write_number(sheet, lxw_row_t(row), lxw_col_t(column), number, workbook.format(style))
    }

    /// A link to a place in the workbook, e.g. `internal:'単純集計'!A5`.
    func link(_ row: Int, _ column: Int, to target: String, text: String, _ style: XLSXWorkbook.Style) {
        worksheet_write_url(sheet, lxw_row_t(row), lxw_col_t(column), target, workbook.format(style))
        worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(column), text, workbook.format(style))
    }

    /// Text across `columns` of one row, in one merged cell `lines` lines tall (LibreOffice does not fit merged rows).
    func merge(_ row: Int, _ columns: ClosedRange<Int>, text: String, lines: Int, _ style: XLSXWorkbook.Style) {
        worksheet_merge_range(sheet, lxw_row_t(row), lxw_col_t(columns.lowerBound), lxw_row_t(row),
                              lxw_col_t(columns.upperBound), text, workbook.format(style))
        worksheet_set_row(sheet, lxw_row_t(row), Double(max(lines, 1)) * style.size * 1.35 + 4, nil)
    }

    func columnWidth(_ column: Int, _ width: Double) {
        worksheet_set_column(sheet, lxw_col_t(column), lxw_col_t(column), width, nil)
    }

    /// Freezes the rows above `rows` and the columns left of `columns`.
    func freeze(rows: Int, columns: Int) {
        worksheet_freeze_panes(sheet, lxw_row_t(rows), lxw_col_t(columns))
    }

    /// A4 landscape, fitted to one page wide, with `repeatRows` (first...last) printed atop every page.
    func printSetup(repeatRows: ClosedRange<Int>?, landscape: Bool = true) {
        worksheet_set_paper(sheet, 9)
        if landscape { worksheet_set_landscape(sheet) } else { worksheet_set_portrait(sheet) }
        worksheet_fit_to_pages(sheet, 1, 0)
        worksheet_set_margins(sheet, 0.5, 0.5, 0.6, 0.6)
        worksheet_set_footer(sheet, "&C&P / &N")
        if let repeatRows {
            worksheet_repeat_rows(sheet, lxw_row_t(repeatRows.lowerBound), lxw_row_t(repeatRows.upperBound))
        }
    }
}
