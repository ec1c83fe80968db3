/// The bytes a `CSVReader` parses: a mapped file, or text already in memory (a workbook's sheet written as CSV).
protocol ByteSource {
    /// All the bytes (valid while the source lives).
    var bytes: UnsafeRawBufferPointer { get }
    /// Whether the bytes were cut short under the reader (a mapped file truncated meanwhile).
    var cutShort: Bool { get }
    /// Whether the bytes changed while they were read.
    var changed: Bool { get }
    /// Gives back the memory of the bytes before `offset`, which the reader will not read again.
    func release(upTo offset: Int)
}

extension MappedFile: ByteSource {}

/// UTF-8 text held in memory, read as a file is; it never changes.
final class MemoryText: ByteSource {
    private let storage: UnsafeMutableRawBufferPointer

    /// A copy of `text`.
    init(_ text: [UInt8]) {
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(text.count, 1), alignment: 16)
        text.withUnsafeBytes { storage.copyMemory(from: $0) }
        self.storage = storage
        bytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(storage)[0..<text.count])
    }

    deinit { storage.deallocate() }

    let bytes: UnsafeRawBufferPointer
    var cutShort: Bool { false }
    var changed: Bool { false }
    func release(upTo offset: Int) {}
}
