/// How one file's bytes are read, decided before the first byte is parsed: the encoding, the byte-order mark to
/// skip, whether the reader checks UTF-8 itself, and the delimiter.
struct ReadingPlan {
    var encoding: ResolvedEncoding
    /// Byte-order-mark bytes at the start of the file (0 when it has none, whatever the encoding).
    var bomLength: Int
    /// Whether the parser validates UTF-8 as it goes: declared UTF-8, a UTF-8 BOM (which `auto` trusts without a
    /// pass of its own), text guessed UTF-8 from a part of it, or text valid but for a character cut short at its
    /// end (which the parser then reports where it stands).
    var validatesUTF8: Bool
    var delimiter: DelimiterChoice

    /// The plan for `bytes` (the whole file) read as `encoding`, which `declared` resolved to; `guessedUTF8` when
    /// only a first part of the bytes was found valid.
    init(bytes: UnsafeRawBufferPointer, declared: TextEncoding, encoding: ResolvedEncoding, guessedUTF8: Bool = false) {
        self.encoding = encoding
        bomLength = encoding.bomLength(in: bytes)
        validatesUTF8 = encoding.iconvName == nil
            && (declared == .utf8 || encoding == .utf8WithBOM || guessedUTF8 || UTF8Validation.endsWithCutCharacter(bytes))
        let content = UnsafeRawBufferPointer(rebasing: bytes[bomLength...])
        let whole = content.count <= DelimiterChoice.sampleBytes
        switch encoding {
        case .utf16LittleEndian, .utf16BigEndian:
            // One byte per UTF-16 unit: the ASCII ones as they are, anything else as a non-ASCII byte.
            let units = min(content.count / 2, DelimiterChoice.sampleBytes)
            let high = encoding == .utf16BigEndian ? 0 : 1
            let squeezed = (0..<units).map { unit -> UInt8 in
                content[2 * unit + high] == 0 && content[2 * unit + 1 - high] < 0x80 ? content[2 * unit + 1 - high] : 0x80
            }
            delimiter = squeezed.withUnsafeBytes { DelimiterChoice(text: $0, wholeText: content.count / 2 <= DelimiterChoice.sampleBytes) }
        case .utf8, .utf8WithBOM, .cp932:
            // CP932's second bytes are 0x40 and above: quotes, delimiters and line ends are never part of a character.
            delimiter = DelimiterChoice(text: content, wholeText: whole)
        }
    }
}
