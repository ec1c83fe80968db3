import Foundation

/// Places where a UTF-8 or CP932 CSV text can be cut into parts that libcsv can parse independently.
///
/// In both encodings the bytes 0x22 (quote) and 0x0A (line feed) are never part of another character
/// (CP932's second bytes are 0x40 and above), so the rules below hold for either.
///
/// In RFC 4180 text a quote opens or closes a quoted field, and a doubled quote inside one counts
/// twice, so a byte is inside quotes exactly when an odd number of quotes precede it. A line feed
/// after an even number of quotes therefore ends a record. (A stray quote in an unquoted field breaks
/// this rule, but strict libcsv stops at it anyway, so a reader that finds one reads again in order.)
enum RecordBoundaries {
    /// A cut: the byte offset just after a line feed that ends a record, and the physical line that follows it (1-based).
    struct Cut: Equatable {
        var offset: Int
        var line: Int
    }

    /// Cuts `bytes[start...]` into at most `parts` pieces of similar size, each ending just after a
    /// record's line feed; `startLine` is the physical line at `start`, and `bytes[..<start]` holds
    /// an even number of quotes. Returns the cuts between pieces (fewer when the text has no
    /// suitable line feed past a target).
    static func cuts(in bytes: UnsafeRawBufferPointer, from start: Int, startLine: Int, parts: Int) -> [Cut] {
        guard parts > 1, start < bytes.count else { return [] }
        var cuts: [Cut] = []
        var position = start
        var line = startLine
        var quotes = 0
        let length = bytes.count - start
        for part in 1..<parts {
            let target = start + length / parts * part
            guard target > position else { continue }
            let counted = count(in: bytes, from: position, to: target)
            quotes &+= counted.quotes
            line += counted.lineFeeds
            position = target
            // Walk to the first line feed outside quotes.
            var found = false
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                if byte == 0x22 {
                    quotes &+= 1
                } else if byte == 0x0A {
                    line += 1
                    if quotes & 1 == 0 {
                        found = true
                        break
                    }
                }
            }
            guard found, position < bytes.count else { break }
            cuts.append(Cut(offset: position, line: line))
        }
        return cuts
    }

    /// Likely cuts of `bytes[start...]` into `parts` pieces of similar size, found without reading what comes before
    /// them: after the first line feed past each target whose next line holds no quote and exactly
    /// `fieldCount − 1` delimiters (a whole record, most probably). Nil when none turns up within 1,000 lines of a
    /// target. A guess only: a reader must check that the piece before each cut ends outside quotes (if it does,
    /// parsing from the start reaches the cut between records, so the cut is one).
    static func likelyCuts(in bytes: UnsafeRawBufferPointer, from start: Int, parts: Int, delimiter: UInt8,
                           fieldCount: Int) -> [Int]? {
        guard parts > 1, start < bytes.count, let base = bytes.baseAddress else { return nil }
        var cuts: [Int] = []
        let length = bytes.count - start
        func lineFeed(from offset: Int) -> Int? {
            guard offset < bytes.count, let found = memchr(base + offset, 0x0A, bytes.count - offset) else { return nil }
            return base.distance(to: UnsafeRawPointer(found))
        }
        for part in 1..<parts {
            var position = max(start + length / parts * part, cuts.last ?? start)
            var found: Int?
            for _ in 0..<1_000 {
                guard let end = lineFeed(from: position), let next = lineFeed(from: end + 1) else { return nil }
                var delimiters = 0
                var quoted = false
                for byte in UnsafeRawBufferPointer(rebasing: bytes[(end + 1)..<next]) {
                    if byte == delimiter { delimiters += 1 } else if byte == 0x22 { quoted = true }
                }
                if !quoted && delimiters == fieldCount - 1 {
                    found = end + 1
                    break
                }
                position = end + 1
            }
            guard let found else { return nil }
            cuts.append(found)
        }
        return cuts
    }

    /// The offset just after the line feed that ends the first record (the header), or nil when there is none.
    static func firstRecordEnd(in bytes: UnsafeRawBufferPointer) -> Int? {
        var quotes = 0
        for (offset, byte) in bytes.enumerated() {
            if byte == 0x22 {
                quotes &+= 1
            } else if byte == 0x0A, quotes & 1 == 0 {
                return offset + 1
            }
        }
        return nil
    }

    /// Counts quotes and line feeds in `bytes[from..<to]`, eight bytes at a time.
    ///
    /// A byte of a word equals `b` when the same byte of `word ^ b·0x0101…01` is zero, and
    /// `~(((x & 0x7F…) + 0x7F…) | x) & 0x80…` has the top bit of exactly the zero bytes set.
    static func count(in bytes: UnsafeRawBufferPointer, from: Int, to: Int) -> (quotes: Int, lineFeeds: Int) {
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let high: UInt64 = 0x8080_8080_8080_8080
        let quoteBytes: UInt64 = 0x2222_2222_2222_2222
        let lineFeedBytes: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
        @inline(__always) func zeroBytes(_ x: UInt64) -> Int {
            (~(((x & low) &+ low) | x) & high).nonzeroBitCount
        }
        var quotes = 0
        var lineFeeds = 0
        var index = from
        while index + 8 <= to {
            let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            quotes &+= zeroBytes(word ^ quoteBytes)
            lineFeeds &+= zeroBytes(word ^ lineFeedBytes)
            index += 8
        }
        while index < to {
            if bytes[index] == 0x22 { quotes += 1 } else if bytes[index] == 0x0A { lineFeeds += 1 }
            index += 1
        }
        return (quotes, lineFeeds)
    }
}
