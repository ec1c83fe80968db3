import Foundation
import ZIPFoundation

/// The parts of a `.xlsx` workbook's zip archive, read with a cap on their uncompressed size (a zip bomb is an
/// error, never a machine out of memory).
struct WorkbookArchive {
    /// How many bytes a workbook file may have, and how many each part and all parts together may have uncompressed.
    static let fileLimit = 256 << 20
    static let partLimit = 256 << 20
    static let totalLimit = 512 << 20

    private let archive: Archive
    private let path: String
    private var budget = WorkbookArchive.totalLimit

    /// Opens `path` (a regular file: anything else is refused without blocking), shown in problems as `shownPath`.
    init(path: String, shownPath: String) throws(SheetProblem) {
        self.path = shownPath
        let file: MappedFile
        do throws(FileOpeningFailure) {
            file = try MappedFile(path: path)
        } catch {
            throw .notAWorkbook(path: shownPath, reason: error.reason)
        }
        defer { file.close() }
        let bytes = file.bytes
        guard bytes.count <= Self.fileLimit else {
            throw .tooLarge(path: shownPath, part: "(the file itself)", bytes: UInt64(bytes.count), limit: Self.fileLimit)
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw .notAWorkbook(path: shownPath, reason: "it is an old Excel .xls workbook or a password-protected one, not an .xlsx zip archive")
        }
        guard bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) else {
            throw .notAWorkbook(path: shownPath, reason: bytes.isEmpty ? "the file is empty" : "it is not a zip archive (an .xlsx file is one)")
        }
        let data = Data(bytes)
        if file.changed { throw .notAWorkbook(path: shownPath, reason: "the file changed while it was read") }
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw .notAWorkbook(path: shownPath, reason: "its zip directory cannot be read (\(error))")
        }
    }

    /// The uncompressed bytes of part `name` (matched without regard to case when not found as written), or nil
    /// when the archive has no such part.
    mutating func part(_ name: String) throws(SheetProblem) -> [UInt8]? {
        let wanted = name.hasPrefix("/") ? String(name.dropFirst()) : name
        guard let entry = archive[wanted] ?? archive.first(where: { $0.path.lowercased() == wanted.lowercased() }) else { return nil }
        let limit = min(Self.partLimit, budget)
        guard entry.uncompressedSize <= UInt64(limit) else {
            throw .tooLarge(path: path, part: wanted, bytes: entry.uncompressedSize, limit: limit)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(entry.uncompressedSize))
        var overflow = false
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                // The declared size may lie: the bytes themselves are counted.
                guard bytes.count + chunk.count <= limit else {
                    overflow = true
                    throw CocoaError(.fileReadTooLarge)
                }
                bytes.append(contentsOf: chunk)
            }
        } catch {
            if overflow { throw .tooLarge(path: path, part: wanted, bytes: UInt64(bytes.count) + 1, limit: limit) }
            throw .notAWorkbook(path: path, reason: "its part '\(wanted)' cannot be uncompressed (\(error))")
        }
        budget -= bytes.count
        return bytes
    }

    /// Part `name`, which every workbook has.
    mutating func requiredPart(_ name: String) throws(SheetProblem) -> [UInt8] {
        guard let bytes = try part(name) else { throw .missingPart(path: path, part: name) }
        return bytes
    }
}
