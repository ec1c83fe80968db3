import Foundation

/// The folder a fuzz target writes its inputs into, and the repository it reads its definitions from.
///
/// Each run gets a fresh scratch folder (on /dev/shm when it exists), removed at exit. With
/// `SURVEY_FUZZ_DIR=<folder>` the target writes there instead and leaves the files: running the target on one
/// input (`Fuzz/run.sh unpack …`) then leaves a wave folder that `survey check` reads like any other.
public enum FuzzFolder {
    /// The repository root (this file is `Fuzz/Sources/FuzzSupport/FuzzFolder.swift`).
    public static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The folder inputs are written into.
    public static let scratch: String = {
        if let kept = ProcessInfo.processInfo.environment["SURVEY_FUZZ_DIR"], !kept.isEmpty {
            try? FileManager.default.createDirectory(atPath: kept, withIntermediateDirectories: true)
            return kept
        }
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let folder = (base as NSString).appendingPathComponent("survey-fuzz-\(getpid())")
        try? FileManager.default.removeItem(atPath: folder)
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        atexit { removeScratch() }
        return folder
    }()

    private static func removeScratch() {
        try? FileManager.default.removeItem(atPath: scratch)
    }

    /// Writes `bytes` to `name` in `folder`, replacing what was there; false when the file system refused.
    @discardableResult
    public static func write<Bytes: Sequence>(_ bytes: Bytes, to name: String, in folder: String = scratch) -> Bool
    where Bytes.Element == UInt8 {
        // Not FileManager.createFile: it writes a temporary file, syncs and renames, a cost on every input.
        (try? Data(bytes).write(to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent(name)))) != nil
    }

    /// The text of a file of the repository, or a trap: the fuzz target cannot run without its definitions.
    public static func repositoryText(_ relativePath: String) -> String {
        let path = (repository as NSString).appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: path) else {
            fatalError("the fuzz target needs \(path); run it from a checkout of the repository")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
