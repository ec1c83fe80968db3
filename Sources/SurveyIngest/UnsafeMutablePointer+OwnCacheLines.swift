extension UnsafeMutablePointer {
    /// Bytes reserved around state that two threads each write to their own copy of.
    @_spi(Parts) public static var cacheLinePair: Int { 128 }

    /// Memory for `capacity` elements on cache lines of its own: aligned to and padded up to 128 bytes (two lines,
    /// as the adjacent-line prefetcher pairs them). Freed with `deallocate()`.
    ///
    /// For state a thread writes per field or per record while another thread writes its own copy: small
    /// allocations made one after another sit side by side, and two cores writing the same cache line wait for each
    /// other at every write (false sharing; it made the field callback of the two parts of a file ~2× slower).
    @_spi(Parts) public static func allocateOnOwnCacheLines(capacity: Int) -> UnsafeMutablePointer<Pointee> {
        let size = Swift.max(capacity * MemoryLayout<Pointee>.stride, 1)
        let padded = (size + cacheLinePair - 1) / cacheLinePair * cacheLinePair
        return UnsafeMutableRawPointer.allocate(byteCount: padded, alignment: Swift.max(cacheLinePair, MemoryLayout<Pointee>.alignment))
            .bindMemory(to: Pointee.self, capacity: capacity)
    }
}
