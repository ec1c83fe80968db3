import Testing
@testable import SurveyIngest

/// `UTF8Validation` finds the same first bad byte as the standard library's UTF-8 parser.
@Suite struct UTF8ValidationTests {
    /// Pieces a random text is made of: ASCII runs (long enough for the 8- and 16-byte steps), well-formed
    /// sequences of every length and lead, and bytes that are wrong alone or at that place.
    static let pieces: [[UInt8]] = [
        Array("a,b".utf8), Array("0123456789abcdef0123".utf8), Array("1,2,3,4,5,6,7,8".utf8),
        Array("é".utf8), Array("地区".utf8), Array("アンケート".utf8), Array("ＡＢ".utf8), Array("😀".utf8),
        [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEF, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80],
        [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0xC1], [0x80], [0xBF],
        [0xFF], [0xE3, 0x81], [0xE3], [0xF0, 0x9F], [0x82, 0xA0], [0x88, 0x9F],
    ]

    /// The first offset the standard library's parser rejects, or nil.
    static func reference(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    @Test(arguments: [1, 2, 3])
    func randomTextsAgreeWithTheStandardLibrary(seed: UInt64) {
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<3_000 {
            var bytes: [UInt8] = []
            for _ in 0..<next(12) {
                // Mostly well-formed pieces, so that bad bytes turn up late as well as early.
                let piece = next(4) == 0 ? next(Self.pieces.count) : next(13)
                bytes += Self.pieces[piece]
            }
            let found = bytes.withUnsafeBytes { UTF8Validation.firstInvalidOffset(in: $0) }
            #expect(found == Self.reference(bytes), "bytes \(bytes)")
        }
    }
}
