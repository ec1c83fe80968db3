/// What a `.xlsx` workbook says about its sheets: their names and parts, the date system, the shared strings and
/// which cell styles show dates.
struct Workbook {
    /// A worksheet: its name (as on its tab), its part in the archive, and whether it is shown.
    struct Sheet {
        var name: String
        var part: String
        var visible: Bool
    }

    var archive: WorkbookArchive
    let path: String
    private(set) var sheets: [Sheet] = []
    /// Whether serial dates count from 1904-01-01 (`<workbookPr date1904="1"/>`).
    private(set) var date1904 = false
    private(set) var sharedStrings: [String] = []
    /// Per cell style (`s` of a cell: an index into `cellXfs`): whether its number format shows a date or time.
    private(set) var dateStyles: [Bool] = []

    /// Reads the workbook's structure, shared strings and styles.
    init(path: String, shownPath: String) throws(SheetProblem) {
        self.path = shownPath
        archive = try WorkbookArchive(path: path, shownPath: shownPath)
        let workbookPart = try officeDocumentPart()
        let relationships = try self.relationships(of: workbookPart)
        var scanner = XMLScanner(try archive.requiredPart(workbookPart))
        try reading(workbookPart) { () throws(XMLScanFailure) in
            while let event = try scanner.next() {
                guard case .start(let name, let attributes) = event else { continue }
                if name == "workbookPr", let value = attributes.value("date1904") {
                    date1904 = value == "1" || value.lowercased() == "true"
                } else if name == "sheet", let sheetName = attributes.value("name"), let id = attributes.value("id"),
                          let relationship = relationships[id], relationship.type.hasSuffix("/worksheet") {
                    let state = attributes.value("state") ?? "visible"
                    sheets.append(Sheet(name: sheetName, part: relationship.target, visible: state == "visible"))
                }
            }
        }
        if let part = relationships.values.first(where: { $0.type.hasSuffix("/sharedStrings") })?.target {
            try readSharedStrings(part)
        }
        if let part = relationships.values.first(where: { $0.type.hasSuffix("/styles") })?.target {
            try readStyles(part)
        }
    }

    /// The sheet named `name` (exactly, else ignoring case, as Excel does), or the first visible worksheet.
    func sheet(named name: String?) throws(SheetProblem) -> Sheet {
        guard !sheets.isEmpty else { throw .noSheets(path: path) }
        guard let name else { return sheets.first(where: \.visible) ?? sheets[0] }
        if let sheet = sheets.first(where: { $0.name == name }) ?? sheets.first(where: { $0.name.lowercased() == name.lowercased() }) {
            return sheet
        }
        throw .noSuchSheet(path: path, sheet: name, available: sheets.map(\.name))
    }

    /// Runs `body`, turning a malformed part into a located problem.
    func reading<T>(_ part: String, _ body: () throws(XMLScanFailure) -> T) throws(SheetProblem) -> T {
        do throws(XMLScanFailure) {
            return try body()
        } catch {
            throw .badXML(path: path, part: part, line: error.line, byteOffset: error.byteOffset, problem: error.problem)
        }
    }

    /// The workbook part named by the package's relationships (`xl/workbook.xml` as Excel writes it).
    private mutating func officeDocumentPart() throws(SheetProblem) -> String {
        guard let bytes = try archive.part("_rels/.rels") else { return "xl/workbook.xml" }
        var scanner = XMLScanner(bytes)
        let target: String? = try reading("_rels/.rels") { () throws(XMLScanFailure) in
            while let event = try scanner.next() {
                if case .start("Relationship", let attributes) = event, attributes.value("Type")?.hasSuffix("/officeDocument") == true {
                    return attributes.value("Target")
                }
            }
            return nil
        }
        return target.map { Self.resolve($0, from: "") } ?? "xl/workbook.xml"
    }

    /// The relationships of `part` (id → type and target part), from `<folder>/_rels/<name>.rels`.
    private mutating func relationships(of part: String) throws(SheetProblem) -> [String: (type: String, target: String)] {
        let folder = part.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let name = part.split(separator: "/").last.map(String.init) ?? part
        let relsPart = (folder.isEmpty ? "" : folder + "/") + "_rels/" + name + ".rels"
        var scanner = XMLScanner(try archive.requiredPart(relsPart))
        var result: [String: (type: String, target: String)] = [:]
        try reading(relsPart) { () throws(XMLScanFailure) in
            while let event = try scanner.next() {
                if case .start("Relationship", let attributes) = event, let id = attributes.value("Id"),
                   let target = attributes.value("Target"), attributes.value("TargetMode") != "External" {
                    result[id] = (attributes.value("Type") ?? "", Self.resolve(target, from: folder))
                }
            }
        }
        return result
    }

    /// A relationship's target as a part name: absolute (`/xl/…`) or relative to `folder`, with `..` resolved.
    static func resolve(_ target: String, from folder: String) -> String {
        var components: [Substring] = target.hasPrefix("/") ? [] : folder.split(separator: "/")
        for component in target.split(separator: "/") {
            if component == ".." { _ = components.popLast() } else if component != "." { components.append(component) }
        }
        return components.joined(separator: "/")
    }

    /// `<si>` strings: the text of their `<t>` runs, without the phonetic guides (`<rPh>`, furigana) Excel adds.
    private mutating func readSharedStrings(_ part: String) throws(SheetProblem) {
        guard let bytes = try archive.part(part) else { return }
        var scanner = XMLScanner(bytes)
        var strings: [String] = []
        try reading(part) { () throws(XMLScanFailure) in
            var current = ""
            var inItem = false
            var inText = false
            var phonetic = 0
            while let event = try scanner.next() {
                switch event {
                case .start(let name, _):
                    if name == "si" { inItem = true; current = "" }
                    else if name == "rPh" { phonetic += 1 }
                    else if name == "t", inItem, phonetic == 0 { inText = true }
                case .end(let name):
                    if name == "si" { strings.append(Self.unescape(current)); inItem = false }
                    else if name == "rPh" { phonetic -= 1 }
                    else if name == "t" { inText = false }
                case .text(let text):
                    if inText { current += text }
                }
            }
        }
        sharedStrings = strings
    }

    /// Which cell styles (`cellXfs`, in order) have a number format showing a date or time.
    private mutating func readStyles(_ part: String) throws(SheetProblem) {
        guard let bytes = try archive.part(part) else { return }
        var scanner = XMLScanner(bytes)
        var codes: [Int: String] = [:]
        var formats: [Int] = []
        try reading(part) { () throws(XMLScanFailure) in
            var inCellFormats = false
            while let event = try scanner.next() {
                switch event {
                case .start("numFmt", let attributes):
                    if let id = attributes.value("numFmtId").flatMap({ Int($0) }), let code = attributes.value("formatCode") { codes[id] = code }
                case .start("cellXfs", _): inCellFormats = true
                case .end("cellXfs"): inCellFormats = false
                case .start("xf", let attributes) where inCellFormats:
                    formats.append(attributes.value("numFmtId").flatMap { Int($0) } ?? 0)
                default: break
                }
            }
        }
        dateStyles = formats.map { SerialDate.isDateFormat(id: $0, code: codes[$0]) }
    }

    /// Text with OOXML's escapes of characters XML cannot hold (`_x000D_` for a CR; `_x005F_` for a literal `_`).
    static func unescape(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var result = ""
        var scalars = Array(text.unicodeScalars)[...]
        while let first = scalars.first {
            if first == "_", scalars.count >= 7, scalars[scalars.startIndex + 1] == "x", scalars[scalars.startIndex + 6] == "_",
               let value = UInt32(String(String.UnicodeScalarView(scalars[(scalars.startIndex + 2)..<(scalars.startIndex + 6)])), radix: 16),
               let scalar = Unicode.Scalar(value) {
                result.unicodeScalars.append(scalar)
                scalars = scalars.dropFirst(7)
            } else {
                result.unicodeScalars.append(first)
                scalars = scalars.dropFirst()
            }
        }
        return result
    }
}

extension [(name: String, value: String)] {
    /// The value of the attribute `name` (without its namespace prefix).
    func value(_ name: String) -> String? {
        first(where: { $0.name == name })?.value
    }
}
