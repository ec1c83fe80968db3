import Foundation
import SurveyTestSupport

/// Runs the real `survey` executable built beside the tests.
struct SurveyBinary {
    /// The repository root (where `Surveys/` is).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var executable: URL {
        #if os(macOS)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("survey")
        }
        #endif
        return Bundle.main.bundleURL.appendingPathComponent("survey")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `survey` with `arguments` in `directory` (default: the repository root).
    static func run(_ arguments: [String], in directory: URL = repositoryRoot) throws -> Result {
        try run(program: executable, arguments, in: directory)
    }

    /// Runs any program with `arguments` in `directory`, collecting its exit status and output.
    static func run(program: URL, _ arguments: [String], in directory: URL) throws -> Result {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // stderr is drained on another thread: reading one pipe to its end first would block a child that fills
        // the other pipe's buffer (64 KiB) before closing the first.
        let errData = PipeDrain(err)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData.wait(), as: UTF8.self))
    }

    /// Starts `survey` with `arguments` in `directory` without waiting; stdout is dropped, stderr goes to `stderr` if given.
    static func start(_ arguments: [String], in directory: URL, stderr: URL? = nil) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try stderr.map { try FileHandle(forWritingTo: $0) } ?? FileHandle.nullDevice
        try process.run()
        return process
    }

    /// A fresh temporary folder, removed by the caller.
    static func temporaryFolder() throws -> URL {
        try TemporaryFolder.create(prefix: "survey-e2e")
    }

    /// A temporary folder holding a copy of the example series `shimin/` with `series` as its series.yaml.
    static func exampleSeries(_ series: String) throws -> URL {
        let folder = try temporaryFolder()
        let target = folder.appendingPathComponent("shimin")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Surveys/shimin"), to: target)
        try series.write(to: target.appendingPathComponent("series.yaml"), atomically: true, encoding: .utf8)
        return folder
    }
}

/// Reads a pipe to its end on a thread of its own.
private final class PipeDrain: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    /// Everything the pipe held, once its writer closed it.
    func wait() -> Data {
        done.wait()
        return data
    }
}
