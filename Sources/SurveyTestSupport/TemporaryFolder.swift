import Foundation

/// Fresh folders under the system's temporary directory for tests; the caller removes them.
public enum TemporaryFolder {
    /// A new empty folder named `<prefix>-<UUID>`.
    public static func create(prefix: String = "survey") throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A new folder holding `files` (path inside the folder → bytes).
    public static func create(prefix: String = "survey", files: [String: [UInt8]]) throws -> URL {
        let folder = try create(prefix: prefix)
        for (name, bytes) in files { try Data(bytes).write(to: folder.appendingPathComponent(name)) }
        return folder
    }

    /// A new folder holding `files` (path inside the folder → UTF-8 text).
    public static func create(prefix: String = "survey", files: [String: String]) throws -> URL {
        try create(prefix: prefix, files: files.mapValues { Array($0.utf8) })
    }
}
