@_spi(Parts) import SurveyIngest

/// One question's values per respondent, in row order, kept as blocks of consecutive rows.
///
/// A file read in parts gives a block per part: the parts' columns become the table's as they are, without
/// a copy (at a million rows the copy took ~45 ms of ~0.55 s). A column read in order is one block.
/// Sweeps over many rows read each block through a pointer (`withValues(in:_:)` over the runs of
/// `RowRuns.common`); the subscript finds the block first.
public struct ResponseColumn<Element: BitwiseCopyable>: RandomAccessCollection, @unchecked Sendable {
    /// The blocks in row order (never empty ones).
    private let blocks: [ColumnBlock<Element>]
    /// Per block: the row after its last.
    @_spi(Parts) public let blockEnds: [Int]

    /// A column of the values of `blocks`, in order; the blocks are not copied.
    init(blocks: [ColumnBlock<Element>]) {
        self.blocks = blocks.filter { $0.count > 0 }
        var end = 0
        blockEnds = self.blocks.map { block in
            end += block.count
            return end
        }
    }

    /// A column of `values` (one block, a copy).
    public init<Values: Collection>(_ values: Values) where Values.Element == Element {
        self.init(blocks: [ColumnBlock(copying: values)])
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { blockEnds.last ?? 0 }

    /// The value of respondent `row`.
    public subscript(row: Int) -> Element {
        precondition(row >= 0 && row < endIndex, "row \(row) out of 0..<\(endIndex)")
        var block = 0
        while row >= blockEnds[block] { block += 1 }
        return blocks[block].values[row - (block == 0 ? 0 : blockEnds[block - 1])]
    }

    /// Calls `body` with the values of `rows`, which lie in one block (a run of `RowRuns.common`; an empty range
    /// gives an empty buffer). The pointer is valid only during the call.
    @inlinable @inline(__always)
    @_spi(Parts) public func withValues<Result>(in rows: Range<Int>, _ body: (UnsafeBufferPointer<Element>) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(self) { try body(values(in: rows)) }
    }

    /// The values of `rows` (see `withValues(in:_:)`), valid while the column's blocks live.
    @usableFromInline
    func values(in rows: Range<Int>) -> UnsafeBufferPointer<Element> {
        guard !rows.isEmpty else { return UnsafeBufferPointer(start: nil, count: 0) }
        var block = 0
        while rows.lowerBound >= blockEnds[block] { block += 1 }
        let start = block == 0 ? 0 : blockEnds[block - 1]
        precondition(rows.upperBound <= blockEnds[block], "rows \(rows) span two blocks")
        return UnsafeBufferPointer(rebasing: blocks[block].values[(rows.lowerBound - start)..<(rows.upperBound - start)])
    }

    /// Reads the values in row order block by block (the subscript would look for each row's block).
    public struct Iterator: IteratorProtocol {
        private let blocks: [ColumnBlock<Element>]
        private var block = 0
        private var offset = 0

        init(blocks: [ColumnBlock<Element>]) { self.blocks = blocks }

        public mutating func next() -> Element? {
            while block < blocks.count {
                let values = blocks[block].values
                if offset < values.count {
                    offset += 1
                    return values[offset - 1]
                }
                block += 1
                offset = 0
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator { Iterator(blocks: blocks) }

    /// The same rows with each value transformed, block by block (the blocks keep their rows).
    public func map<T: BitwiseCopyable>(keepingBlocks transform: (Element) -> T) -> ResponseColumn<T> {
        ResponseColumn<T>(blocks: blocks.map { ColumnBlock(copying: $0.values.lazy.map(transform)) })
    }
}

/// Row ranges over which several columns each lie in one block, for sweeps that read them through pointers.
@_spi(Parts) public enum RowRuns {
    /// `0..<rowCount` split at every block end of every column given (columns of `rowCount` rows): one range
    /// when all are one block, none when there are no rows.
    public static func common(rowCount: Int, blockEnds: [[Int]]) -> [Range<Int>] {
        var cuts = Set(blockEnds.joined())
        cuts.insert(rowCount)
        var start = 0
        var runs: [Range<Int>] = []
        for end in cuts.sorted() where end > start && end <= rowCount {
            runs.append(start..<end)
            start = end
        }
        return runs
    }
}

extension ResponseColumn: Equatable where Element: Equatable {
    /// Whether the two columns hold the same values in the same rows (wherever their blocks end).
    public static func == (left: ResponseColumn, right: ResponseColumn) -> Bool {
        left.elementsEqual(right)
    }
}

extension ResponseColumn: ExpressibleByArrayLiteral {
    /// A column of the values written out (one block).
    public init(arrayLiteral values: Element...) {
        self.init(values)
    }
}

/// The storage of one block of a column: values it owns and frees.
final class ColumnBlock<Element: BitwiseCopyable>: @unchecked Sendable {
    let values: UnsafeBufferPointer<Element>
    private let storage: GrowingBuffer<Element>

    /// Takes over `buffer` (its first `count` values); it is freed with the block.
    init(taking buffer: GrowingBuffer<Element>) {
        storage = buffer
        values = buffer.buffer
    }

    /// A block holding a copy of `values`.
    convenience init<Values: Collection>(copying values: Values) where Values.Element == Element {
        var buffer = GrowingBuffer<Element>(capacity: values.count)
        let written = UnsafeMutableBufferPointer(start: buffer.baseAddress, count: values.count).initialize(fromContentsOf: values)
        buffer.setCount(written)
        self.init(taking: buffer)
    }

    var count: Int { values.count }

    deinit { storage.free() }
}

/// A column while a wave's files are read: the blocks `PartCoder` wrote (a file read in order, or each part of one
/// read in parallel), taken over as they are, and rows appended one by one (a Swift array, copied into a block
/// when the column is made or a block follows; only the tests' `ReferenceReader` appends rows).
package struct ColumnBuilder<Element: BitwiseCopyable> {
    private var blocks: [ColumnBlock<Element>] = []
    private var rows: [Element] = []
    /// Rows so far.
    private(set) var count = 0

    /// Appends one row read in order.
    package mutating func append(_ value: Element) {
        rows.append(value)
        count += 1
    }

    /// Makes room for `more` rows appended one by one (capacity never written is never resident).
    mutating func reserve(_ more: Int) { rows.reserveCapacity(rows.count + more) }

    /// Appends the rows of `buffer` (its first `count` values), which the column takes over and frees.
    mutating func append(taking buffer: GrowingBuffer<Element>) {
        sealRows()
        count += buffer.count
        blocks.append(ColumnBlock(taking: buffer))
    }

    /// The column of every row appended.
    mutating func column() -> ResponseColumn<Element> {
        sealRows()
        return ResponseColumn(blocks: blocks)
    }

    private mutating func sealRows() {
        guard !rows.isEmpty else { return }
        blocks.append(ColumnBlock(copying: rows))
        rows = []
    }
}
