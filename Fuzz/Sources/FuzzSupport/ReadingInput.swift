/// How the reading fuzz target understands its input: three framing bytes, then the data file.
///
/// - byte 0: the definition (`definitions`, modulo their count);
/// - byte 1: the declared `encoding:` of the data file (`encodings`, modulo their count);
/// - byte 2: flags: bit 0 reads in two parallel parts (as a large file is read), bit 2 takes the
///   reference path (a `String` per cell), bit 1 makes two data files: the payload up to its first NUL byte
///   and after it (or the payload twice when it has none), bit 3 renders every report file (else only the CSV
///   files: rendering costs more than reading, and the reading is what this target is about);
/// - the rest: the bytes of the data file.
public struct ReadingInput: Equatable {
    /// The definitions the data is read against (paths in the repository).
    public static let definitions = [
        "Fuzz/Definitions/compact.yaml",
        "Surveys/shimin/2023/survey.yaml",
        "Surveys/shimin/2018/survey.yaml",
    ]
    /// The definitions' text, read once.
    static let templates = definitions.map(FuzzFolder.repositoryText)
    /// The declared encodings tried.
    public static let encodings = ["auto", "utf-8", "cp932", "utf-16", "utf-16le", "utf-16be", "shift_jis", "utf-8-sig"]

    /// Which of `definitions`.
    public var definition: Int
    /// Which of `encodings`.
    public var encoding: Int
    /// Read in two parts on two threads.
    public var parallel: Bool
    /// Read the way the tests' reference does (a `String` per cell).
    public var reference: Bool
    /// Render report.md, report.html, charts and tables too.
    public var renders: Bool
    /// The data files' bytes (one or two).
    public var files: [[UInt8]]

    /// Splits a fuzz input into its parts; nil when it is shorter than the three framing bytes.
    public init?(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 3 else { return nil }
        definition = Int(bytes[0]) % Self.definitions.count
        encoding = Int(bytes[1]) % Self.encodings.count
        parallel = bytes[2] & 1 != 0
        reference = bytes[2] & 4 != 0
        renders = bytes[2] & 8 != 0
        let payload = Array(bytes[3...])
        if bytes[2] & 2 == 0 {
            files = [payload]
        } else if let split = payload.firstIndex(of: 0) {
            files = [Array(payload[..<split]), Array(payload[(split + 1)...])]
        } else {
            files = [payload, payload]
        }
    }

    /// The names of the data files in the wave folder.
    public var fileNames: [String] { files.indices.map { $0 == 0 ? "data.csv" : "data\($0 + 1).csv" } }

    /// The definition's `survey.yaml` text with its `data:` replaced by this input's files and encoding.
    public func definitionText() -> String {
        let text = Self.templates[definition]
        let data = ["data:"] + fileNames.flatMap { ["  - file: \($0)", "    encoding: \(Self.encodings[encoding])"] }
        var lines: [Substring] = []
        var inData = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("data:") {
                inData = true
                lines += data.map { Substring($0) }
            } else if inData, line.first == " " || line.first == "-" || line.isEmpty {
                continue
            } else {
                inData = false
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n")
    }
}
