/// Where each respondent's row came from: its data file and physical line, in four bytes a row.
///
/// Files are read one after another, so a file's rows are contiguous: each row keeps only its line,
/// and the file is found from the row where each file's rows begin.
public struct RowSources: RandomAccessCollection, Sendable {
    /// Physical line of each row (lines past 4,294,967,295 are kept as that number).
    private var lines: [UInt32] = []
    /// The first row of each file that gave rows, in reading order.
    private var fileStarts: [(file: Int, row: Int)] = []

    public var startIndex: Int { 0 }
    public var endIndex: Int { lines.count }

    /// The file (index into the definition's data files) and physical line of `row`.
    public subscript(row: Int) -> (file: Int, line: Int) {
        var low = 0
        var high = fileStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if fileStarts[middle].row <= row { low = middle } else { high = middle - 1 }
        }
        return (fileStarts[low].file, Int(lines[row]))
    }

    /// Appends a row of `file` that starts on physical `line`.
    package mutating func append(file: Int, line: Int) {
        if fileStarts.last?.file != file { fileStarts.append((file, lines.count)) }
        lines.append(UInt32(clamping: line))
    }

    /// Appends rows of `file` starting on the physical `lines` given.
    mutating func append(file: Int, lines more: UnsafeBufferPointer<UInt32>) {
        guard !more.isEmpty else { return }
        if fileStarts.last?.file != file { fileStarts.append((file, lines.count)) }
        lines.append(contentsOf: more)
    }

    /// Makes room for `rows` more rows.
    mutating func reserveCapacity(_ rows: Int) {
        lines.reserveCapacity(lines.count + rows)
    }

    /// The sources of the rows where `kept` is true (`kept` has a value per row).
    func keeping(_ kept: [Bool]) -> RowSources {
        var result = RowSources()
        var file = 0
        for (row, keep) in kept.enumerated() where keep {
            while file + 1 < fileStarts.count && fileStarts[file + 1].row <= row { file += 1 }
            result.append(file: fileStarts[file].file, line: Int(lines[row]))
        }
        return result
    }
}
