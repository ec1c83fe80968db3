import CFileSystem
import Foundation

/// The `--out` folder of a run: locked while the run lasts, and each report folder in it replaced as a whole.
///
/// A report folder (`<series>/<wave>`, `<series>/compare`) is built complete in a hidden sibling folder, then swapped
/// with the old one in one step (`renameat2(RENAME_EXCHANGE)`) and the old one deleted: a reader sees the whole old
/// report or the whole new one, never a mix, and nothing of a question since removed stays behind. A run that fails
/// removes what it built; what a killed run left is removed by the next run. A second run into the same `--out`
/// waits for the first (`flock` on the folder). Every path written is checked to stay below `--out`.
public final class OutputFolder {
    /// The folder as the user named it.
    public let path: String
    /// Its real path, symbolic links resolved: every folder written must resolve below it.
    private let realPath: String
    /// The open folder, locked for this run.
    private let descriptor: Int32

    /// Extensions of the files report folders hold: a folder holding anything else is not replaced.
    public static let reportExtensions: Set<String> = ["csv", "md", "html", "svg", "docx", "xlsx", "pdf", "png"]

    /// Files that file browsers leave in any folder they show; a report folder holding them is still replaced.
    static let systemLitter: Set<String> = [".DS_Store", "Thumbs.db", "desktop.ini"]

    /// Opens `path`, creating it when missing, and locks it; while another run holds it, calls `waiting` once and waits.
    public init(_ path: String, waiting: (String) -> Void) throws(OutputError) {
        self.path = path
        try Self.makeFolders(path)
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw OutputError("cannot write the report: cannot open the folder", path: path, errno: errno, note: Self.fix(errno))
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            var code = errno
            if code == EWOULDBLOCK {
                waiting("\(path): waiting for another survey run writing into this folder to finish")
                while flock(descriptor, LOCK_EX) != 0 {
                    code = errno
                    guard code == EINTR else { break }
                }
                code = 0
            }
            if code != 0 {
                close(descriptor)
                throw OutputError("cannot write the report: cannot lock the folder", path: path, errno: code,
                                  note: "another run may be writing into it; run one at a time")
            }
        }
        guard let resolved = realpath(path, nil) else {
            close(descriptor)
            throw OutputError("cannot write the report", path: path, errno: errno, note: Self.fix(errno))
        }
        realPath = String(cString: resolved)
        free(resolved)
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Replaces the folder `subfolder` (e.g. `["shimin", "2023"]`) with exactly `files` (paths relative to it), as a whole.
    public func replace(_ subfolder: [String], with files: [(path: String, bytes: [UInt8])]) throws(OutputError) {
        guard let name = subfolder.last else { preconditionFailure("a report folder below --out has a name") }
        let display = Self.join(path, subfolder.joined(separator: "/"))
        try checkNames(subfolder, display: display)
        for file in files { try checkNames(file.path.components(separatedBy: "/"), display: Self.join(display, file.path)) }
        var parent = path
        for component in subfolder.dropLast() {
            parent = Self.join(parent, component)
            try Self.makeFolders(parent)
            try checkInside(parent)
        }
        let target = Self.join(parent, name)
        let existed = try Self.replaceable(target)
        Self.removeLeftovers(in: parent)
        let staging = Self.join(parent, ".\(name).survey-new.\(getpid())")
        let unchanged = existed ? "the previous report in '\(display)/' is unchanged" : "nothing was written to '\(display)/'"
        guard mkdir(staging, 0o777) == 0 else {
            throw OutputError("cannot write the report", path: display, errno: errno, note: "\(unchanged); \(Self.fix(errno))")
        }
        do {
            for file in files {
                try Self.write(file.bytes, to: staging, relative: file.path, display: Self.join(display, file.path), unchanged: unchanged)
            }
            try swap(staging, into: target, existed: existed, display: display, unchanged: unchanged)
        } catch {
            Self.remove(staging)
            throw error
        }
        Self.remove(staging)
    }

    // MARK: Steps

    /// Puts the complete new folder in place: exchanged with the old one (left at `staging`), or renamed when new.
    private func swap(_ staging: String, into target: String, existed: Bool, display: String, unchanged: String) throws(OutputError) {
        if !existed {
            guard rename(staging, target) == 0 else {
                throw OutputError("cannot write the report", path: display, errno: errno, note: "\(unchanged); \(Self.fix(errno))")
            }
            return
        }
        if survey_exchange_paths(staging, target) == 0 { return }
        let code = errno
        guard code == EINVAL || code == ENOSYS || code == ENOTSUP || code == EOPNOTSUPP else {
            throw OutputError("cannot write the report: cannot replace the folder", path: display, errno: code,
                              note: "\(unchanged); \(Self.fix(code))")
        }
        // A file system that cannot exchange: the old folder is moved aside, then the new one in (a moment without it).
        let aside = staging.replacingOccurrences(of: ".survey-new.", with: ".survey-old.")
        guard rename(target, aside) == 0 else {
            throw OutputError("cannot write the report: cannot replace the folder", path: display, errno: errno,
                              note: "\(unchanged); \(Self.fix(errno))")
        }
        guard rename(staging, target) == 0 else {
            let failure = errno
            _ = rename(aside, target)
            throw OutputError("cannot write the report: cannot replace the folder", path: display, errno: failure,
                              note: "\(unchanged); \(Self.fix(failure))")
        }
        _ = rename(aside, staging)
    }

    /// Writes one file below `folder`, creating its subfolders; never follows a link, never overwrites.
    private static func write(_ bytes: [UInt8], to folder: String, relative: String, display: String, unchanged: String) throws(OutputError) {
        let components = relative.components(separatedBy: "/")
        var current = folder
        for component in components.dropLast() {
            current = join(current, component)
            if mkdir(current, 0o777) != 0 && errno != EEXIST {
                throw OutputError("cannot write the report", path: display, errno: errno, note: "\(unchanged); \(fix(errno))")
            }
        }
        let file = join(current, components.last ?? relative)
        let descriptor = open(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            if errno == EEXIST {
                throw OutputError(path: display, message: "cannot write the report: two files of the report are named '\(relative)'",
                                  note: "\(unchanged); give the questions distinct ids")
            }
            throw OutputError("cannot write the report", path: display, errno: errno, note: "\(unchanged); \(fix(errno))")
        }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if result < 0 {
                let code = errno
                if code == EINTR { continue }
                close(descriptor)
                throw OutputError("cannot write the report", path: display, errno: code, note: "\(unchanged); \(fix(code))")
            }
            written += result
        }
        if close(descriptor) != 0 {
            throw OutputError("cannot write the report", path: display, errno: errno, note: "\(unchanged); \(fix(errno))")
        }
    }

    // MARK: Checks

    /// Refuses names that would leave the folder they are joined to: empty, `.`, `..` or holding a NUL.
    private func checkNames(_ components: [String], display: String) throws(OutputError) {
        for component in components where component.isEmpty || component == "." || component == ".." || component.contains("\0") {
            throw OutputError(path: display, message: "refusing to write '\(display)': it is not inside the --out folder '\(path)'",
                              note: "series names, waves and question ids become folder and file names; use letters, digits, '_' and '-'")
        }
    }

    /// Refuses a folder that resolves (through symbolic links) outside `--out`.
    private func checkInside(_ folder: String) throws(OutputError) {
        guard let resolved = realpath(folder, nil) else {
            throw OutputError("cannot write the report", path: folder, errno: errno, note: Self.fix(errno))
        }
        let real = String(cString: resolved)
        free(resolved)
        guard real.hasPrefix(realPath.hasSuffix("/") ? realPath : realPath + "/") else {
            throw OutputError(path: folder, message: "refusing to write into this folder: it leads to '\(real)', outside the --out folder '\(path)'",
                              note: "remove the symbolic link, or choose an --out folder that holds the real folder")
        }
    }

    /// Whether `target` exists as a report folder this tool may replace; throws when it is anything else.
    private static func replaceable(_ target: String) throws(OutputError) -> Bool {
        var info = stat()
        if lstat(target, &info) != 0 {
            guard errno == ENOENT else { throw OutputError("cannot write the report", path: target, errno: errno, note: fix(errno)) }
            return false
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            if let stranger = foreignEntry(in: target) {
                throw OutputError(path: target, message: "refusing to replace this folder: it holds '\(stranger)', which survey does not write",
                                  note: "a report folder is replaced as a whole, so it must hold reports only; choose an --out folder of its own (not a survey folder)")
            }
            return true
        case S_IFLNK:
            throw OutputError(path: target, message: "refusing to replace this folder: it is a symbolic link",
                              note: "remove the link, or choose another --out folder")
        default:
            throw OutputError(path: target, message: "cannot write the report: '\(target)' is a file, not a folder",
                              note: "remove or rename that file, or choose another --out folder")
        }
    }

    /// The first entry (relative path) below `folder` that is not a report file or folder, if any.
    private static func foreignEntry(in folder: String, prefix: String = "") -> String? {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        for name in names {
            let relative = prefix + name
            var info = stat()
            guard lstat(join(folder, name), &info) == 0 else { return relative }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                if let inner = foreignEntry(in: join(folder, name), prefix: relative + "/") { return inner }
            case S_IFREG:
                let parts = name.split(separator: ".", omittingEmptySubsequences: false)
                let isReport = parts.count > 1 && parts.last.map { reportExtensions.contains($0.lowercased()) } == true
                let isOldTemporary = name.hasPrefix(".") && name.hasSuffix(".tmp")
                if !isReport && !isOldTemporary && !systemLitter.contains(name) { return relative }
            default:
                return relative
            }
        }
        return nil
    }

    // MARK: File system

    /// Creates `path` and its missing parents; an existing file where a folder should be is an error naming it.
    private static func makeFolders(_ path: String) throws(OutputError) {
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw OutputError(path: path, message: "cannot write the report: '\(path)' is a file, not a folder",
                                  note: "name a folder for --out (it is created when missing), or move that file away")
            }
            return
        }
        guard errno == ENOENT else { throw OutputError("cannot write the report", path: path, errno: errno, note: fix(errno)) }
        if let parent = path.parentFolder { try makeFolders(parent) }
        if mkdir(path, 0o777) != 0 && errno != EEXIST {
            throw OutputError("cannot write the report: cannot create the folder", path: path, errno: errno, note: fix(errno))
        }
    }

    /// Removes what killed runs left beside the report folders of `parent` (only runs holding the lock get here).
    private static func removeLeftovers(in parent: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
        where name.hasPrefix(".") && (name.contains(".survey-new.") || name.contains(".survey-old.")) {
            remove(join(parent, name))
        }
    }

    private static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    private static func join(_ folder: String, _ name: String) -> String {
        folder.isEmpty ? name : folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }


    /// What to do about a failed write, by its cause.
    private static func fix(_ code: Int32) -> String {
        switch code {
        case ENOSPC, EDQUOT: "free some space, then run again"
        case EACCES, EPERM: "check that the --out folder and its subfolders may be written to by you"
        case EROFS: "choose an --out folder on a writable disk"
        default: "check that the --out folder can be created and written to"
        }
    }
}
