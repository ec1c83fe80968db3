#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SurveyDiagnostics

/// A read-only private mapping of a whole regular file whose parsed pages can be given back early.
///
/// Mapped pages count toward the resident set, so a reader that walks the file once releases
/// each window behind it (`MADV_DONTNEED`); memory then stays bounded whatever the file's size.
/// A file cut short while it is mapped would kill the process with SIGBUS on the next page read past its
/// new end: `PageFaultGuard` puts zeros there instead, and `changed` tells the reader to distrust what it read.
final class MappedFile {
    /// How many bytes are parsed between two releases.
    static let window = 2 << 20

    private let base: UnsafeMutableRawPointer?
    private let length: Int
    private let descriptor: Int32
    private let openedAs: stat
    private var released = 0

    /// Opens and maps `path`, which must be a regular file; anything else throws at once, without blocking (a FIFO
    /// without a writer is opened non-blocking and then refused).
    init(path: String) throws(FileOpeningFailure) {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileOpeningFailure(errno: errno) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let error = FileOpeningFailure(errno: errno)
            closeDescriptor(descriptor)
            throw error
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            closeDescriptor(descriptor)
            throw FileOpeningFailure(notRegular: info.st_mode)
        }
        let length = Int(info.st_size)
        var base: UnsafeMutableRawPointer?
        if length > 0 {
            guard let mapped = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED else {
                let error = FileOpeningFailure(errno: errno)
                closeDescriptor(descriptor)
                throw error
            }
            madvise(mapped, length, MADV_SEQUENTIAL)
            PageFaultGuard.register(mapped, length: length)
            base = mapped
        }
        self.base = base
        self.length = length
        self.descriptor = descriptor
        openedAs = info
    }

    /// The file's bytes (valid until `close`).
    var bytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base, count: base == nil ? 0 : length)
    }

    /// Whether the file was cut short under the mapping (a page past its new end was read as zeros), or its size or
    /// modification time differ from when it was opened: what was read may mix old and new contents.
    var changed: Bool {
        if let base, PageFaultGuard.faulted(base) { return true }
        var now = stat()
        guard fstat(descriptor, &now) == 0 else { return true }
        return fingerprint(now) != fingerprint(openedAs)
    }

    /// Whether a page past the file's end has been read (as zeros) so far: cheap, for checks between windows.
    var cutShort: Bool {
        guard let base else { return false }
        return PageFaultGuard.faulted(base)
    }

    /// Gives back the whole pages before byte `offset`; touching them again reads them from the file.
    func release(upTo offset: Int) {
        guard offset > released else { return }
        release(released..<offset)
        released = Swift.max(released, offset / Self.pageSize * Self.pageSize)
    }

    /// Gives back the whole pages inside `range` (for readers of separate parts of the file at once).
    func release(_ range: Range<Int>) {
        guard let base else { return }
        let from = (range.lowerBound + Self.pageSize - 1) / Self.pageSize * Self.pageSize
        let to = range.upperBound / Self.pageSize * Self.pageSize
        guard to > from else { return }
        madvise(base + from, to - from, MADV_DONTNEED)
    }

    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Unmaps and closes the file.
    func close() {
        if let base {
            PageFaultGuard.unregister(base)
            munmap(base, length)
        }
        closeDescriptor(descriptor)
    }
}

private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}

/// The size and modification time of a file, to tell whether it changed between two looks.
private func fingerprint(_ info: stat) -> [Int] {
    #if canImport(Darwin)
    [Int(info.st_size), Int(info.st_mtimespec.tv_sec), Int(info.st_mtimespec.tv_nsec), Int(info.st_ino)]
    #else
    [Int(info.st_size), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec), Int(info.st_ino)]
    #endif
}

/// Why a data file could not be opened for reading, in words.
struct FileOpeningFailure: Error, Equatable {
    var reason: String

    init(errno code: Int32) {
        reason = SystemErrorText.reason(errno: code)
    }

    init(notRegular mode: mode_t) {
        let kind = switch mode & S_IFMT {
        case S_IFDIR: "a folder"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
        reason = "it is \(kind), not a regular file"
    }
}
