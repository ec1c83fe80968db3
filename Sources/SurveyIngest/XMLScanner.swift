/// A small pull reader for the XML subset of a workbook's parts (`xl/workbook.xml`, its relationships,
/// `sharedStrings.xml`, `styles.xml` and the worksheets), written for this purpose instead of FoundationXML.
///
/// It reads UTF-8 elements, attributes, character data, the five predefined entities and character references,
/// CDATA sections, comments and processing instructions, checks that end tags match their start tags, and refuses
/// a document type declaration (so no entity is ever expanded). Names lose their namespace prefix (`x:row` → `row`).
/// A malformed document is a `XMLScanFailure` with its byte offset and line, never a trap.
struct XMLScanner {
    /// What the reader met next.
    enum Event {
        /// A start tag (an empty-element tag gives `start` then `end`).
        case start(name: String, attributes: [(name: String, value: String)])
        /// An end tag.
        case end(name: String)
        /// Character data (entities decoded), possibly in several pieces.
        case text(String)
    }

    private let bytes: [UInt8]
    private var position = 0
    private var open: [String] = []
    private var pendingEnd: String?

    /// A reader over a whole part's bytes.
    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    /// The next event, or nil at the end of a well-formed document.
    mutating func next() throws(XMLScanFailure) -> Event? {
        if let name = pendingEnd {
            pendingEnd = nil
            return .end(name: name)
        }
        while position < bytes.count {
            if bytes[position] != UInt8(ascii: "<") {
                let start = position
                while position < bytes.count, bytes[position] != UInt8(ascii: "<") { position += 1 }
                if open.isEmpty {
                    guard bytes[start..<position].allSatisfy(Self.isSpace) else { throw failure(at: start, "text outside the root element") }
                    continue
                }
                return .text(try decode(start..<position))
            }
            if matches("<?", at: position) {
                position = try skip(past: "?>", from: position + 2, what: "a processing instruction")
            } else if matches("<!--", at: position) {
                position = try skip(past: "-->", from: position + 4, what: "a comment")
            } else if matches("<![CDATA[", at: position) {
                let start = position + 9
                position = try skip(past: "]]>", from: start, what: "a CDATA section")
                guard !open.isEmpty else { throw failure(at: start, "a CDATA section outside the root element") }
                return .text(String(decoding: bytes[start..<(position - 3)], as: UTF8.self))
            } else if matches("<!", at: position) {
                throw failure(at: position, "a document type declaration, which a workbook never holds")
            } else if matches("</", at: position) {
                position += 2
                let name = try readName()
                skipSpaces()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else { throw failure(at: position, "an unfinished end tag </\(name)") }
                position += 1
                guard let last = open.popLast() else { throw failure(at: position, "an end tag </\(name)> with no element open") }
                guard last == name else { throw failure(at: position, "an end tag </\(name)> where </\(last)> was expected") }
                return .end(name: name)
            } else {
                return try readStartTag()
            }
        }
        guard open.isEmpty else { throw failure(at: bytes.count, "the document ends inside <\(open.last ?? "")>") }
        return nil
    }

    /// Skips the rest of the element whose start tag was just read (its children and end tag).
    mutating func skipElement() throws(XMLScanFailure) {
        var depth = 1
        while depth > 0, let event = try next() {
            switch event {
            case .start: depth += 1
            case .end: depth -= 1
            case .text: break
            }
        }
    }

    private mutating func readStartTag() throws(XMLScanFailure) -> Event {
        position += 1
        let name = try readName()
        var attributes: [(name: String, value: String)] = []
        while true {
            let hadSpace = skipSpaces()
            guard position < bytes.count else { throw failure(at: position, "the document ends inside the tag <\(name)") }
            if bytes[position] == UInt8(ascii: ">") {
                position += 1
                open.append(name)
                return .start(name: name, attributes: attributes)
            }
            if matches("/>", at: position) {
                position += 2
                pendingEnd = name
                return .start(name: name, attributes: attributes)
            }
            guard hadSpace else { throw failure(at: position, "an unexpected character in the tag <\(name)") }
            let attribute = try readName()
            skipSpaces()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else { throw failure(at: position, "an attribute \(attribute) without a value") }
            position += 1
            skipSpaces()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else {
                throw failure(at: position, "an attribute value without quotes")
            }
            let quote = bytes[position]
            let start = position + 1
            position = start
            while position < bytes.count, bytes[position] != quote {
                if bytes[position] == UInt8(ascii: "<") { throw failure(at: position, "a '<' inside an attribute value") }
                position += 1
            }
            guard position < bytes.count else { throw failure(at: start, "an attribute value never closed") }
            let value = try decode(start..<position)
            position += 1
            attributes.append((attribute, value))
        }
    }

    /// A name, without its namespace prefix.
    private mutating func readName() throws(XMLScanFailure) -> String {
        let start = position
        var local = position
        while position < bytes.count {
            let byte = bytes[position]
            if Self.isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
                || byte == UInt8(ascii: "<") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { break }
            if byte == UInt8(ascii: ":") { local = position + 1 }
            position += 1
        }
        guard position > local else { throw failure(at: start, "a missing name") }
        return String(decoding: bytes[local..<position], as: UTF8.self)
    }

    @discardableResult
    private mutating func skipSpaces() -> Bool {
        let start = position
        while position < bytes.count, Self.isSpace(bytes[position]) { position += 1 }
        return position > start
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private func matches(_ text: StaticString, at offset: Int) -> Bool {
        let count = text.utf8CodeUnitCount
        guard offset + count <= bytes.count else { return false }
        return text.withUTF8Buffer { pattern in
            (0..<count).allSatisfy { bytes[offset + $0] == pattern[$0] }
        }
    }

    /// The offset just after the next `terminator` from `start`.
    private func skip(past terminator: StaticString, from start: Int, what: String) throws(XMLScanFailure) -> Int {
        var offset = start
        while offset < bytes.count {
            if matches(terminator, at: offset) { return offset + terminator.utf8CodeUnitCount }
            offset += 1
        }
        throw failure(at: start, "\(what) never closed")
    }

    /// Text with its entities and character references replaced; the bytes must be valid UTF-8.
    private func decode(_ range: Range<Int>) throws(XMLScanFailure) -> String {
        let slice = bytes[range]
        guard let ampersand = slice.firstIndex(of: UInt8(ascii: "&")) else { return try utf8(range) }
        var result = try utf8(range.lowerBound..<ampersand)
        var offset = ampersand
        while offset < range.upperBound {
            if bytes[offset] != UInt8(ascii: "&") {
                let start = offset
                while offset < range.upperBound, bytes[offset] != UInt8(ascii: "&") { offset += 1 }
                result += try utf8(start..<offset)
                continue
            }
            guard let semicolon = bytes[offset..<range.upperBound].firstIndex(of: UInt8(ascii: ";")), semicolon - offset <= 12 else {
                throw failure(at: offset, "an '&' that starts no entity")
            }
            let name = String(decoding: bytes[(offset + 1)..<semicolon], as: UTF8.self)
            switch name {
            case "amp": result += "&"
            case "lt": result += "<"
            case "gt": result += ">"
            case "quot": result += "\""
            case "apos": result += "'"
            default:
                let value: UInt32? = if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    UInt32(name.dropFirst(2), radix: 16)
                } else if name.hasPrefix("#") {
                    UInt32(name.dropFirst(), radix: 10)
                } else {
                    nil
                }
                guard let value, let scalar = Unicode.Scalar(value) else { throw failure(at: offset, "an unknown entity &\(name);") }
                result.unicodeScalars.append(scalar)
            }
            offset = semicolon + 1
        }
        return result
    }

    private func utf8(_ range: Range<Int>) throws(XMLScanFailure) -> String {
        guard let text = String(validating: bytes[range], as: UTF8.self) else { throw failure(at: range.lowerBound, "bytes that are not UTF-8") }
        return text
    }

    private func failure(at offset: Int, _ problem: String) -> XMLScanFailure {
        let clamped = min(offset, bytes.count)
        let line = bytes[0..<clamped].count { $0 == 0x0A } + 1
        return XMLScanFailure(byteOffset: clamped, line: line, problem: problem)
    }
}

/// Why a part is not well-formed XML, and where.
struct XMLScanFailure: Error, Equatable {
    var byteOffset: Int
    var line: Int
    var problem: String
}
