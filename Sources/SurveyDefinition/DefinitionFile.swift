import Foundation
import SurveyDiagnostics

/// Reads a definition file (`survey.yaml`, `series.yaml`) as UTF-8 text, or says in words why it cannot.
enum DefinitionFile {
    /// The file's text, or the reason it cannot be read: "permission denied", "it is a folder, not a file", ….
    static func text(atPath path: String) -> Result<String, DefinitionFileFailure> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(DefinitionFileFailure(errno: errno)) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            return .failure(DefinitionFileFailure(reason: info.st_mode & S_IFMT == S_IFDIR ? "it is a folder, not a file" : "it is not a regular file"))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { return .failure(DefinitionFileFailure(errno: errno)) }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            return .failure(DefinitionFileFailure(errno: EIO))
        }
        guard let text = String(data: data, encoding: .utf8) else { return .failure(DefinitionFileFailure(reason: "it is not UTF-8 text")) }
        return .success(text)
    }
}

/// Why a definition file could not be read, in words.
struct DefinitionFileFailure: Error {
    var reason: String

    init(reason: String) {
        self.reason = reason
    }

    init(errno code: Int32) {
        reason = SystemErrorText.reason(errno: code)
    }
}
