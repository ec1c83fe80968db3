#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed system call's `errno` in words a planner can act on; the one place such words are written.
public enum SystemErrorText {
    /// `code` in words, e.g. ENOSPC → "the disk is full"; `path`, when given, is named where the reason concerns it.
    public static func reason(errno code: Int32, path: String? = nil) -> String {
        switch code {
        case ENOSPC: "the disk is full"
        case EDQUOT: "the disk quota is used up"
        case EACCES, EPERM: "permission denied"
        case EROFS: "the file system is read-only"
        case ENOTDIR: path.map { "a part of '\($0)' is a file, not a folder" } ?? "a part of the path is a file, not a folder"
        case EISDIR: path.map { "'\($0)' is a folder" } ?? "it is a folder, not a file"
        case ENOENT: path == nil ? "no such file" : "no such file or folder"
        case EEXIST: path.map { "'\($0)' already exists" } ?? "it already exists"
        case ENAMETOOLONG: "the name is too long"
        case ELOOP: "too many symbolic links (a link loop?)"
        case EIO: "an input/output error (the disk may be failing or was removed)"
        case EMFILE, ENFILE: "too many open files"
        case EFBIG: "the file is larger than allowed (ulimit -f)"
        default: String(cString: strerror(code))
        }
    }
}
