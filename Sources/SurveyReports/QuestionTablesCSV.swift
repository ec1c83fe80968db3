/// `tables/<question>.csv`: a question's tables as people read them (rows × columns with n), for Excel.
public enum QuestionTablesCSV {
    /// One CSV document holding the tables one after another, each under its caption, separated by an empty row.
    public static func document(title: String, tables: [ReportTable]) -> CSVDocument {
        var document = CSVDocument(header: [title])
        for table in tables {
            document.append([])
            if !table.caption.isEmpty { document.append([table.caption]) }
            document.append(table.header)
            for row in table.rows { document.append(row) }
        }
        return document
    }
}
