#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a conversion to UTF-8 stopped: the byte offset in the file and the bytes that could not be decoded.
struct TranscodingFailure: Error {
    var byteOffset: Int
    var bytes: [UInt8]
}

/// Converts CP932 or UTF-16 bytes to UTF-8 in bounded chunks with glibc's iconv.
///
/// iconv is about four times faster than Foundation's `.shiftJIS` and, unlike it,
/// says at which byte it failed, so the planner can be told where the bad byte is.
struct Transcoder {
    private let descriptor: iconv_t
    private static let outputCapacity = 1 << 18

    /// Opens a converter from the named encoding to UTF-8; nil when iconv does not know it.
    init?(from encodingName: String) {
        guard let descriptor = iconv_open("UTF-8", encodingName), Int(bitPattern: descriptor) != -1 else {
            return nil
        }
        self.descriptor = descriptor
    }

    /// Decodes `input` (whose first byte is at `baseOffset` in the file), handing each UTF-8 chunk to `body`.
    ///
    /// Every byte decoded before a failure has been handed over when the failure is thrown.
    func convert(_ input: UnsafeRawBufferPointer, baseOffset: Int, _ body: (UnsafeRawBufferPointer) -> Void) throws(TranscodingFailure) {
        guard let base = input.baseAddress, !input.isEmpty else { return }
        var output = [UInt8](repeating: 0, count: Self.outputCapacity)
        var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutablePointer<CChar>(mutating: base.assumingMemoryBound(to: CChar.self))
        var inLeft = input.count
        while inLeft > 0 {
            var failure: TranscodingFailure?
            output.withUnsafeMutableBytes { out in
                var outPointer: UnsafeMutablePointer<CChar>? = out.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outLeft = out.count
                let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                let error = errno   // before `body`, which may set errno itself
                let produced = out.count - outLeft
                if produced > 0 { body(UnsafeRawBufferPointer(rebasing: out[0..<produced])) }
                if result == -1 && error != E2BIG {
                    let consumed = input.count - inLeft
                    let bad = Array(input[consumed..<min(consumed + 2, input.count)])
                    failure = TranscodingFailure(byteOffset: baseOffset + consumed, bytes: bad)
                }
            }
            if let failure { throw failure }
        }
    }

    /// Decodes `input` like `convert(_:baseOffset:_:)`, window by window, each window ending just after a
    /// line feed, and tells `reached` the input offset after each window (so a mapped file can give those
    /// pages back); `reached` returns false to stop there. Only for encodings in which byte 0x0A is always a line feed, never part of a
    /// character (CP932, UTF-8): a window never splits a character.
    func convert(_ input: UnsafeRawBufferPointer, baseOffset: Int, window: Int, reached: (Int) -> Bool,
                 _ body: (UnsafeRawBufferPointer) -> Void) throws(TranscodingFailure) {
        guard let base = input.baseAddress else { return }
        var start = 0
        while start < input.count {
            var end = min(start + window, input.count)
            if end < input.count {
                var last = end - 1
                while last >= start, input[last] != 0x0A { last -= 1 }
                if last >= start {
                    end = last + 1
                } else if let next = memchr(base + end, 0x0A, input.count - end) {
                    end = base.distance(to: UnsafeRawPointer(next)) + 1
                } else {
                    end = input.count
                }
            }
            try convert(UnsafeRawBufferPointer(rebasing: input[start..<end]), baseOffset: baseOffset + start, body)
            guard reached(end) else { return }
            start = end
        }
    }

    /// Releases the converter.
    func close() {
        iconv_close(descriptor)
    }
}
