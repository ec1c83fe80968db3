/// `tables/<question>.csv`: a question's tables as people read them (rows × columns with n), for Excel.
public enum QuestionTablesCSV {
    /// One CSV document holding the tables one after another, each under its caption, separated by an empty row.
    /// Cells of right-aligned columns are numbers (`append(number:)`), the others text.
    public static func document(title: String, tables: [ReportTable]) -> CSVDocument {
        var document = CSVDocument(header: [title])
        for table in tables {
            document.append([])
            if !table.caption.isEmpty { document.append([table.caption]) }
            document.append(table.header)
            for row in table.rows {
                document.appendRow { fields in
                    for (index, cell) in row.enumerated() {
                        if index < table.alignments.count, table.alignments[index] == .right {
                            fields.append(number: cell)
                        } else {
                            fields.append(cell)
                        }
                    }
                }
            }
        }
        return document
    }
}
