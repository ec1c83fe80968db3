/// The character encoding of a data file, as named in `survey.yaml` (`encoding:`).
public enum TextEncoding: String, Sendable, CaseIterable {
    /// Decide from the bytes: a BOM first, then UTF-8 validity, else CP932.
    case auto
    /// UTF-8, with or without a byte-order mark.
    case utf8 = "utf-8"
    /// Windows-31J / CP932: what Excel writes for 「CSV（コンマ区切り）」 on Japanese Windows.
    case cp932
    /// UTF-16, Excel's 「Unicode テキスト」: the byte order comes from the byte-order mark, or without one from the side
    /// the zero bytes of ASCII characters (delimiters, digits) stand on (little-endian, as Windows writes, when undecided).
    case utf16 = "utf-16"
}

/// The encoding actually used to read a file, after `auto` has been resolved.
public enum ResolvedEncoding: String, Sendable, Equatable {
    case utf8 = "UTF-8"
    case utf8WithBOM = "UTF-8 (BOM)"
    case cp932 = "CP932"
    case utf16LittleEndian = "UTF-16LE"
    case utf16BigEndian = "UTF-16BE"

    /// Number of byte-order-mark bytes to skip at the start of `bytes`: this encoding's mark when they begin with it,
    /// else none (a BOM-less UTF-16 file keeps its first character).
    func bomLength(in bytes: UnsafeRawBufferPointer) -> Int {
        guard byteOrderMark(bytes) == self else { return 0 }
        return self == .utf8WithBOM ? 3 : 2
    }

    /// The name glibc's iconv knows this encoding by, or nil when no conversion is needed.
    var iconvName: String? {
        switch self {
        case .utf8, .utf8WithBOM: nil
        case .cp932: "CP932"
        case .utf16LittleEndian: "UTF-16LE"
        case .utf16BigEndian: "UTF-16BE"
        }
    }
}

extension TextEncoding {
    /// Resolves this choice against the first bytes (for the BOM) and, for `auto`, the UTF-8 validity of all bytes.
    ///
    /// `auto` decides by BOM, then by the zero bytes of BOM-less UTF-16, then by UTF-8 validity (a character cut
    /// short at the very end, as a truncated copy has, still counts as UTF-8: the reader reports it), then falls
    /// back to CP932. `release` is told how far the bytes have been read, so a mapped file can give its pages back.
    func resolve(bytes: UnsafeRawBufferPointer, release: (Int) -> Void = { _ in }) -> ResolvedEncoding {
        let bom = byteOrderMark(bytes)
        switch self {
        case .auto:
            if let bom { return bom }
            if let utf16 = UTF16ByteOrder.guess(bytes, requireEvidence: true) { return utf16 }
            var index = 0
            while index < bytes.count {
                let stop = min(index + (8 << 20), bytes.count)
                let scan = UTF8Validation.scan(bytes, from: index, until: stop)
                if let invalid = scan.invalid {
                    return UTF8Validation.isCutCharacter(bytes, at: invalid) ? .utf8 : .cp932
                }
                index = scan.next
                release(index)
            }
            return .utf8
        case .utf8:
            return bom == .utf8WithBOM ? .utf8WithBOM : .utf8
        case .cp932:
            return .cp932
        case .utf16:
            if let bom, bom != .utf8WithBOM { return bom }
            return UTF16ByteOrder.guess(bytes, requireEvidence: false) ?? .utf16LittleEndian
        }
    }
}

/// The byte order of BOM-less UTF-16 text, from the zero bytes of its ASCII characters (delimiters, digits, line
/// ends: every CSV has them). Little-endian text has them at odd offsets, big-endian at even ones.
enum UTF16ByteOrder {
    /// The side holding more zero bytes in the first 4 KiB; with `requireEvidence` (for `auto`, where the text may
    /// be UTF-8 or CP932 instead) only when at least a quarter of the pairs have a zero byte there and the other
    /// side ten times fewer, which no real UTF-8 or CP932 text has. Nil when undecided.
    static func guess(_ bytes: UnsafeRawBufferPointer, requireEvidence: Bool) -> ResolvedEncoding? {
        let pairs = min(bytes.count, 4096) / 2
        guard pairs > 0 else { return nil }
        var evenZeros = 0
        var oddZeros = 0
        for pair in 0..<pairs {
            if bytes[2 * pair] == 0 { evenZeros += 1 }
            if bytes[2 * pair + 1] == 0 { oddZeros += 1 }
        }
        if requireEvidence {
            if oddZeros * 4 >= pairs, evenZeros * 10 <= oddZeros { return .utf16LittleEndian }
            if evenZeros * 4 >= pairs, oddZeros * 10 <= evenZeros { return .utf16BigEndian }
            return nil
        }
        if evenZeros == oddZeros { return nil }
        return evenZeros > oddZeros ? .utf16BigEndian : .utf16LittleEndian
    }
}

/// Recognises a byte-order mark at the start of a file.
func byteOrderMark(_ bytes: UnsafeRawBufferPointer) -> ResolvedEncoding? {
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return .utf8WithBOM }
    if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return .utf16LittleEndian }
    if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return .utf16BigEndian }
    return nil
}

/// UTF-8 well-formedness (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).
enum UTF8Validation {
    /// The offset of the first byte that is not part of well-formed UTF-8, or nil when all are.
    static func firstInvalidOffset(in bytes: UnsafeRawBufferPointer, from start: Int = 0) -> Int? {
        scan(bytes, from: start, until: bytes.count).invalid
    }

    /// The length of the sequence a lead byte starts and the range its second byte must fall in (RFC 3629, table 3-7
    /// of Unicode), or nil for a byte that cannot lead one.
    @inline(__always)
    static func sequence(led lead: UInt8) -> (length: Int, lower: UInt8, upper: UInt8)? {
        switch lead {
        case 0xC2...0xDF: (2, 0x80, 0xBF)
        case 0xE0: (3, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (3, 0x80, 0xBF)
        case 0xED: (3, 0x80, 0x9F)
        case 0xF0: (4, 0x90, 0xBF)
        case 0xF1...0xF3: (4, 0x80, 0xBF)
        case 0xF4: (4, 0x80, 0x8F)
        default: nil
        }
    }

    /// Whether `bytes` end in a character cut short (see `isCutCharacter`).
    static func endsWithCutCharacter(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let count = bytes.count
        for offset in stride(from: count - 1, through: max(count - 3, 0), by: -1) where bytes[offset] & 0xC0 != 0x80 {
            return isCutCharacter(bytes, at: offset)
        }
        return false
    }

    /// Whether `bytes[offset...]` is the start of a well-formed character cut short by the end of the bytes
    /// (a file truncated mid-character).
    static func isCutCharacter(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        guard offset < bytes.count, let (length, lower, upper) = sequence(led: bytes[offset]) else { return false }
        let remaining = bytes.count - offset
        guard remaining < length else { return false }
        for index in (offset + 1)..<bytes.count {
            let byte = bytes[index]
            let (low, high) = index == offset + 1 ? (lower, upper) : (UInt8(0x80), UInt8(0xBF))
            guard byte >= low, byte <= high else { return false }
        }
        return true
    }

    /// Validates the sequences that begin in `start..<until` (they may run past `until`): the first bad
    /// offset, or nil and where the next sequence begins.
    static func scan(_ bytes: UnsafeRawBufferPointer, from start: Int, until: Int) -> (invalid: Int?, next: Int) {
        var index = start
        let count = bytes.count
        while index < until {
            // Sixteen, then eight ASCII bytes at a time.
            if index + 16 <= count, (bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                | bytes.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self)) & 0x8080_8080_8080_8080 == 0 {
                index += 16
                continue
            }
            if index + 8 <= count, bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                continue
            }
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            // Three bytes led by E1–EC or EE–EF (kana, kanji, full-width forms: most Japanese text) take any two
            // continuation bytes; E0 and ED restrict the second byte and take the general path below.
            if lead & 0xF0 == 0xE0, lead != 0xE0, lead != 0xED, index + 3 <= count,
               bytes[index + 1] & 0xC0 == 0x80, bytes[index + 2] & 0xC0 == 0x80 {
                index += 3
                continue
            }
            guard let (length, lower, upper) = sequence(led: lead) else { return (index, index) }
            guard index + length <= count else { return (index, index) }
            let second = bytes[index + 1]
            guard second >= lower, second <= upper else { return (index, index) }
            var next = index + 2
            while next < index + length {
                guard bytes[next] & 0xC0 == 0x80 else { return (index, index) }
                next += 1
            }
            index += length
        }
        return (nil, index)
    }
}
