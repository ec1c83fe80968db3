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
                let produced = out.count - outLeft
                if produced > 0 { body(UnsafeRawBufferPointer(rebasing: out[0..<produced])) }
                if result == -1 && errno != E2BIG {
                    let consumed = input.count - inLeft
                    let bad = Array(input[consumed..<min(consumed + 2, input.count)])
                    failure = TranscodingFailure(byteOffset: baseOffset + consumed, bytes: bad)
                }
            }
            if let failure { throw failure }
        }
    }

    /// Releases the converter.
    func close() {
        iconv_close(descriptor)
    }
}
