#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SurveyDiagnostics

/// Why the reports could not be written: the path, what failed in words, and what to do about it.
public struct OutputError: Error, Equatable, CustomStringConvertible {
    /// The file or folder concerned, as the user named it (below `--out`).
    public var path: String
    /// What failed, e.g. "cannot write the report: the disk is full".
    public var message: String
    /// How to fix it.
    public var note: String

    /// `path: error: message` and `path: note: note`, each on its line.
    public var description: String {
        "\(path): error: \(message)\n\(path): note: \(note)"
    }

    /// A failed system call on `path`: `action` (e.g. "cannot write the report") and the reason in words.
    init(_ action: String, path: String, errno code: Int32, note: String) {
        self.init(path: path, message: "\(action): \(Self.reason(code, path: path))", note: note)
    }

    /// A problem said in words.
    public init(path: String, message: String, note: String) {
        self.path = path
        self.message = message
        self.note = note
    }

    /// What an errno means for someone writing a report, e.g. ENOSPC → "the disk is full".
    static func reason(_ code: Int32, path: String) -> String {
        SystemErrorText.reason(errno: code, path: path)
    }
}
