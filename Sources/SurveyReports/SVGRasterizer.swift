import Foundation

/// Turns the SVG charts into PNG pictures for report.docx with `rsvg-convert` (Debian: librsvg2-bin).
///
/// Word and LibreOffice both place PNG reliably; the PNG is drawn at 1.5× the SVG's size (about 180 dpi at the
/// text width). The same SVG, rsvg-convert and fonts give the same PNG bytes.
public enum SVGRasterizer {
    /// A failure to run rsvg-convert, with the fix.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The program that draws the charts.
    public static let program = "rsvg-convert"
    static let zoom = 1.5

    /// The PNG of each SVG, by key; runs two rsvg-convert at a time.
    public static func pictures(_ svgs: [(key: String, svg: String)]) throws -> [String: DocxRenderer.Image] {
        guard let executable = locate() else {
            throw Failure(description: "cannot find \(program) to draw the charts of report.docx; install it (Debian: apt-get install librsvg2-bin, which `make deps` does)")
        }
        let results = Results(count: svgs.count)
        DispatchQueue.concurrentPerform(iterations: svgs.count) { index in
            results.set(index, Result { try png(svgs[index].svg, executable: executable) })
        }
        var pictures: [String: DocxRenderer.Image] = [:]
        for (index, entry) in svgs.enumerated() {
            let png = try results.get(index)
            let (width, height) = size(of: entry.svg)
            pictures[entry.key] = DocxRenderer.Image(png: png, width: width, height: height)
        }
        return pictures
    }

    /// The SVG's `width` and `height` attributes (the charts always have them), or 4:3.
    static func size(of svg: String) -> (Int, Int) {
        func attribute(_ name: String) -> Int? {
            guard let start = svg.range(of: " \(name)=\"") else { return nil }
            let digits = svg[start.upperBound...].prefix { $0.isNumber }
            return Int(digits)
        }
        return (attribute("width") ?? 800, attribute("height") ?? 600)
    }

    private static func locate() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    private static func png(_ svg: String, executable: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--zoom", String(zoom), "--format", "png"]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let writer = Thread {
            input.fileHandleForWriting.write(Data(svg.utf8))
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, !data.isEmpty else {
            throw Failure(description: "\(program) failed (status \(process.terminationStatus)): " + String(decoding: message, as: UTF8.self))
        }
        return [UInt8](data)
    }

    private final class Results: @unchecked Sendable {
        private var values: [Result<[UInt8], Error>?]
        private let lock = NSLock()

        init(count: Int) { values = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ value: Result<[UInt8], Error>) {
            lock.lock(); defer { lock.unlock() }
            values[index] = value
        }

        func get(_ index: Int) throws -> [UInt8] {
            lock.lock(); defer { lock.unlock() }
            guard let value = values[index] else { throw Failure(description: "\(program) gave no picture") }
            return try value.get()
        }
    }
}
