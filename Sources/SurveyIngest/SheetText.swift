import Foundation
import SurveyDiagnostics

/// A worksheet written as CSV text (UTF-8, comma-separated, RFC 4180 quotes) for the CSV reader, with the map
/// from the text's lines and fields back to the sheet's rows and columns.
///
/// Field k of a record is column k (1 = A): the columns are written from A to the last one holding a value, so
/// a sheet starting at column B gets an empty first column. Line n is row n: rows without any value are blank lines,
/// which the CSV reader skips; only a cell with a line break makes the following lines differ from their rows,
/// and `location(_:)` accounts for it. The header is the first row holding a value.
public struct SheetText: Sendable {
    /// The sheet's name, as on its tab.
    public let sheet: String
    /// The CSV text.
    let csv: [UInt8]
    /// Rows whose record spans several lines (a cell with a line break): its first and last line, and the row.
    private let spans: [(first: Int, last: Int, row: Int)]

    /// At most this many cells (rows × columns of the used range) are read.
    static let cellLimit = 20_000_000

    /// Where a location in the CSV text (line, field number) stands in the sheet (row, column).
    public func location(_ location: SourceLocation) -> SourceLocation {
        var result = location
        result.sheet = sheet
        guard let line = location.line else { return result }
        // The last span starting at or before `line`.
        var low = 0
        var high = spans.count
        while low < high {
            let middle = (low + high) / 2
            if spans[middle].first <= line { low = middle + 1 } else { high = middle }
        }
        if low > 0 {
            let span = spans[low - 1]
            result.line = line <= span.last ? span.row : span.row + (line - span.last)
        }
        return result
    }

    /// Reads worksheet `sheet` of `workbook`.
    init(workbook: inout Workbook, sheet: Workbook.Sheet) throws(SheetProblem) {
        self.sheet = sheet.name
        let path = workbook.path
        let bytes = try workbook.archive.requiredPart(sheet.part)
        var scanner = XMLScanner(bytes)
        var rows: [(row: Int, cells: [(column: Int, text: String)])] = []
        var width = 0
        let shared = workbook.sharedStrings
        let dateStyles = workbook.dateStyles
        let date1904 = workbook.date1904
        let sheetName = sheet.name
        func cellLocation(_ row: Int, _ column: Int?) -> SourceLocation {
            SourceLocation(path: path, line: row, column: column, sheet: sheetName)
        }
        var failure: SheetProblem?
        try workbook.reading(sheet.part) { () throws(XMLScanFailure) in
            var rowNumber = 0
            var cells: [(column: Int, text: String)] = []
            var column = 0
            var type = "n"
            var style = 0
            var value = ""
            var inValue = false
            var inInline = false
            var inInlineText = false
            var phonetic = 0
            var rowHasValue = false
            while failure == nil, let event = try scanner.next() {
                switch event {
                case .start(let name, let attributes):
                    switch name {
                    case "row":
                        let next = attributes.value("r").map { Int($0) ?? -1 } ?? rowNumber + 1
                        guard next > rowNumber, next <= 1_048_576 else {
                            failure = .badCell(cellLocation(max(rowNumber, 1), nil), reference: attributes.value("r") ?? "",
                                               problem: next <= rowNumber && next > 0
                                                   ? "rows out of order (after row \(rowNumber))" : "expected a row number from 1 to 1048576")
                            continue
                        }
                        rowNumber = next
                        cells.removeAll(keepingCapacity: true)
                        column = 0
                        rowHasValue = false
                    case "c":
                        if let reference = attributes.value("r") {
                            guard let parsed = Self.cellReference(reference), parsed.row == rowNumber else {
                                failure = .badCell(cellLocation(max(rowNumber, 1), column + 1), reference: reference,
                                                   problem: "expected a cell of row \(rowNumber) from A to XFD")
                                continue
                            }
                            column = parsed.column
                        } else {
                            column += 1
                        }
                        guard column <= 16_384 else {
                            failure = .badCell(cellLocation(rowNumber, nil), reference: "", problem: "more than 16384 columns")
                            continue
                        }
                        type = attributes.value("t") ?? "n"
                        style = attributes.value("s").flatMap { Int($0) } ?? 0
                        value = ""
                    case "v": inValue = true
                    case "is": inInline = true
                    case "rPh": phonetic += 1
                    case "t" where inInline && phonetic == 0: inInlineText = true
                    case "f": try scanner.skipElement()
                    default: break
                    }
                case .end(let name):
                    switch name {
                    case "v": inValue = false
                    case "is": inInline = false
                    case "rPh": phonetic -= 1
                    case "t": inInlineText = false
                    case "c":
                        let text: String
                        switch type {
                        case "s":
                            guard let index = Int(value.trimmingCharacters(in: .whitespaces)), shared.indices.contains(index) else {
                                failure = .badValue(cellLocation(rowNumber, column), value: value,
                                                    problem: "a shared string number the workbook's \(shared.count) shared strings do not have")
                                continue
                            }
                            text = shared[index]
                        case "inlineStr", "str": text = Workbook.unescape(value)
                        case "b": text = value == "1" ? "TRUE" : value == "0" ? "FALSE" : value
                        case "e", "d": text = value
                        default:
                            let trimmed = value.trimmingCharacters(in: .whitespaces)
                            if trimmed.isEmpty {
                                text = ""
                            } else if let number = Double(trimmed), number.isFinite {
                                let isDate = dateStyles.indices.contains(style) && dateStyles[style]
                                text = (isDate ? SerialDate.text(number, date1904: date1904) : nil) ?? Self.numberText(number)
                            } else {
                                failure = .badValue(cellLocation(rowNumber, column), value: value, problem: "a number cell that holds no number")
                                continue
                            }
                        }
                        if !text.isEmpty {
                            cells.append((column, text))
                            rowHasValue = true
                        }
                    case "row":
                        if rowHasValue {
                            cells.sort { $0.column < $1.column }
                            width = max(width, cells.last?.column ?? 0)
                            rows.append((rowNumber, cells))
                        }
                    default: break
                    }
                case .text(let text):
                    if inValue { value += text } else if inInlineText { value += text }
                }
            }
        }
        if let failure { throw failure }
        if let first = rows.first?.row, let last = rows.last?.row {
            let rowCount = last - first + 1
            guard rowCount.multipliedReportingOverflow(by: width).partialValue <= Self.cellLimit else {
                throw .tooManyCells(cellLocation(last, width), rows: rowCount, columns: width, limit: Self.cellLimit)
            }
        }
        (csv, spans) = Self.csv(rows: rows, width: width)
    }

    /// The rows as CSV text, each row on its line (blank lines for rows without values), and the rows whose record
    /// spans several lines.
    private static func csv(rows: [(row: Int, cells: [(column: Int, text: String)])], width: Int)
        -> ([UInt8], [(first: Int, last: Int, row: Int)]) {
        var text: [UInt8] = []
        var spans: [(first: Int, last: Int, row: Int)] = []
        var line = 1
        // Lines a cell's line breaks added so far: row r starts on line r + shift.
        var shift = 0
        for (row, cells) in rows {
            text.append(contentsOf: repeatElement(0x0A, count: max(0, row + shift - line)))
            line = row + shift
            // Fields written: the last column written. (The same column twice: the first one counts.)
            var written = 0
            var breaks = 0
            for (column, value) in cells where column > written {
                text.append(contentsOf: repeatElement(UInt8(ascii: ","), count: written == 0 ? column - 1 : column - written))
                breaks += field(value, into: &text)
                written = column
            }
            text.append(contentsOf: repeatElement(UInt8(ascii: ","), count: max(0, width - written)))
            text.append(0x0A)
            if breaks > 0 { spans.append((line, line + breaks, row)) }
            shift += breaks
            line += breaks + 1
        }
        return (text, spans)
    }

    /// Appends a field, quoted when it holds a comma, quote, tab or line break; the line breaks it holds.
    private static func field(_ value: String, into text: inout [UInt8]) -> Int {
        let utf8 = value.utf8
        let needsQuotes = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        guard needsQuotes else {
            text.append(contentsOf: utf8)
            return 0
        }
        var breaks = 0
        var previous: UInt8 = 0
        text.append(UInt8(ascii: "\""))
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") { text.append(byte) }
            if byte == 0x0A && previous != 0x0D { breaks += 1 }
            if byte == 0x0D { breaks += 1 }
            text.append(byte)
            previous = byte
        }
        text.append(UInt8(ascii: "\""))
        return breaks
    }

    /// A number as Excel shows it in General format: whole numbers without a decimal point, others to 15
    /// significant digits (what Excel keeps), e.g. `1`, `3.5`, `0.3`.
    static func numberText(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int(number)) }
        return String(format: "%.15g", number)
    }

    /// Column (1 = A) and row of a reference such as `C14`, or nil when it is not one inside Excel's grid.
    static func cellReference(_ reference: String) -> (column: Int, row: Int)? {
        var column = 0
        var row = 0
        var letters = 0
        var digits = 0
        for byte in reference.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where digits == 0:
                column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9") where letters > 0:
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            case UInt8(ascii: "$"): continue
            default: return nil
            }
            if letters > 3 || digits > 7 { return nil }
        }
        guard (1...16_384).contains(column), (1...1_048_576).contains(row) else { return nil }
        return (column, row)
    }
}
