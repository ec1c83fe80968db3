@_spi(Parts) import SurveyIngest
@_spi(Parts) @testable import SurveyResponses
import Testing

/// A column kept as blocks of rows reads like the array of its rows.
@Suite struct ResponseColumnTests {
    /// A block owning a copy of `values`, as a part's column would be.
    static func block(_ values: [UInt16]) -> ColumnBlock<UInt16> {
        var buffer = GrowingBuffer<UInt16>(capacity: values.count, stagger: 3)
        for value in values { buffer.append(value) }
        return ColumnBlock(taking: buffer)
    }

    static let column = ResponseColumn(blocks: [block([1, 2, 3]), block([]), block([4]), block([5, 6])])

    @Test func readsAsItsRowsInOrder() {
        let column = Self.column
        #expect(Array(column) == [1, 2, 3, 4, 5, 6])
        #expect(column.count == 6)
        #expect(column.blockEnds == [3, 4, 6], "empty blocks are dropped")
        #expect((0..<6).map { column[$0] } == [1, 2, 3, 4, 5, 6])
        #expect(column == [1, 2, 3, 4, 5, 6])
        #expect(column != [1, 2, 3, 4, 5])
        #expect(ResponseColumn<UInt16>([]).isEmpty && ResponseColumn<UInt16>([]).blockEnds.isEmpty)
    }

    @Test func valuesOfARunComeFromItsBlock() {
        let column = Self.column
        #expect(column.withValues(in: 1..<3) { Array($0) } == [2, 3])
        #expect(column.withValues(in: 3..<4) { Array($0) } == [4])
        #expect(column.withValues(in: 4..<6) { Array($0) } == [5, 6])
        #expect(column.withValues(in: 4..<4) { $0.isEmpty })
        #expect(column.withValues(in: 6..<6) { $0.isEmpty }, "an empty range at the end")
        #expect(ResponseColumn<UInt16>([]).withValues(in: 0..<0) { $0.isEmpty }, "an empty column")
    }

    @Test func mapKeepsTheBlocks() {
        let doubled = Self.column.map(keepingBlocks: { UInt64($0) * 2 })
        #expect(Array(doubled) == [2, 4, 6, 8, 10, 12])
        #expect(doubled.blockEnds == [3, 4, 6])
    }

    @Test func commonRunsSplitAtEveryColumnsBlockEnds() {
        #expect(RowRuns.common(rowCount: 6, blockEnds: [[3, 4, 6], [6]]) == [0..<3, 3..<4, 4..<6])
        #expect(RowRuns.common(rowCount: 6, blockEnds: [[3, 4, 6], [2, 6], []]) == [0..<2, 2..<3, 3..<4, 4..<6])
        #expect(RowRuns.common(rowCount: 6, blockEnds: [[6], [6]]) == [0..<6])
        #expect(RowRuns.common(rowCount: 0, blockEnds: [[], []]) == [])
        // Every run lies in one block of each column: reading it through pointers gives the rows.
        let other = ResponseColumn<UInt16>(blocks: [Self.block([9, 8]), Self.block([7, 6, 5, 4])])
        var pairs: [[UInt16]] = []
        for run in RowRuns.common(rowCount: 6, blockEnds: [Self.column.blockEnds, other.blockEnds]) {
            let left = Self.column.withValues(in: run) { Array($0) }
            let right = other.withValues(in: run) { Array($0) }
            for (a, b) in zip(left, right) { pairs.append([a, b]) }
        }
        #expect(pairs == [[1, 9], [2, 8], [3, 7], [4, 6], [5, 5], [6, 4]])
    }

    @Test func builderKeepsRowsReadInOrderAndTakenBlocksInOrder() {
        var builder = ColumnBuilder<UInt16>()
        builder.reserve(2)
        for value: UInt16 in [1, 2, 3] { builder.append(value) }
        var part = GrowingBuffer<UInt16>(capacity: 4)
        for value: UInt16 in [4, 5] { part.append(value) }
        builder.append(taking: part)
        for value: UInt16 in [6, 7] { builder.append(value) }
        #expect(builder.count == 7)
        let column = builder.column()
        #expect(Array(column) == [1, 2, 3, 4, 5, 6, 7])
        #expect(column.blockEnds == [3, 5, 7], "rows in order, the part's block, rows in order again")
        builder.append(8)
        #expect(Array(column) == [1, 2, 3, 4, 5, 6, 7], "a column made is not changed by later rows")
        #expect(Array(builder.column()) == [1, 2, 3, 4, 5, 6, 7, 8])
    }
}
