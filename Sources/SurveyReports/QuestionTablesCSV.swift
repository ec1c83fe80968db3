/// `tables/<question>.csv`: a question's tables as people read them (rows × columns with n), for Excel.
///
/// Numbers stay numbers: a cell of a right-aligned column is the printed number without thousands separators
/// (`1665`, `47.9`, `+5.2`); its mark goes to a column of its own right after it, headed `<column>（記号）`, present
/// only when some row of the table has a mark in that column: `▲`/`▼` (significant), `※` (n under 30, 参考値),
/// `x` (n under 10: the percentage is suppressed and the number cell left empty). `-` (nobody) and `・` (not applicable) stay.
public enum QuestionTablesCSV {
    /// One CSV document holding the tables one after another, each under its caption, separated by an empty row.
    public static func document(title: String, tables: [ReportTable]) -> CSVDocument {
        var document = CSVDocument(header: [title])
        for table in tables {
            let numeric = table.header.indices.map { $0 < table.alignments.count && table.alignments[$0] == .right }
            let cells = table.rows.map { row in
                row.enumerated().map { column, text in column < numeric.count && numeric[column] ? ReportCell(text) : nil }
            }
            let marked = Set(cells.flatMap { row in row.enumerated().compactMap { $1?.mark.isEmpty == false ? $0 : nil } })
            document.append([])
            if !table.caption.isEmpty { document.append([table.caption]) }
            document.append(table.header.enumerated().flatMap { column, text in
                marked.contains(column) ? [text, text + "（記号）"] : [text]
            })
            for (row, parsed) in zip(table.rows, cells) {
                document.appendRow { fields in
                    for (column, text) in row.enumerated() {
                        guard let cell = parsed[column] else {
                            fields.append(text)
                            continue
                        }
                        if cell.number != nil {
                            fields.append(number: cell.text.filter { $0 != "," && $0 != "％" })
                        } else if !cell.text.isEmpty {
                            fields.append(number: cell.text)
                        } else {
                            fields.append("")
                        }
                        if marked.contains(column) { fields.append(cell.mark) }
                    }
                }
            }
        }
        return document
    }
}
