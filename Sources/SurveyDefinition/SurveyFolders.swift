import Foundation

/// Finds wave folders (folders holding a `survey.yaml`) under a path: a wave, a series, or a whole `Surveys/` tree.
///
/// Symbolic links are followed, but every real folder is walked once: a link back up the tree (`ln -s .. up`) or to
/// itself (`ln -s . a`) ends the walk there instead of looping, and a wave reached by two paths is found once, under
/// the first path in sorted order.
public struct SurveyFolders {
    /// The name of a wave's definition file.
    public static let definitionFileName = "survey.yaml"

    /// The real paths (symbolic links resolved) of the folders walked so far.
    private var walked: Set<String> = []

    /// A walk that has found nothing yet; walk several paths with one value to find each wave once across them.
    public init() {}

    /// Every wave folder at or below `path`, sorted by path; empty when there is none.
    public static func waves(under path: String) -> [String] {
        var walk = SurveyFolders()
        return walk.waves(under: path)
    }

    /// The wave folders at or below `path` that this walk has not found before, sorted by path.
    public mutating func waves(under path: String) -> [String] {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        if !isDirectory.boolValue {
            guard URL(fileURLWithPath: path).lastPathComponent == Self.definitionFileName else { return [] }
            let folder = (path as NSString).deletingLastPathComponent
            return firstVisit(folder.isEmpty ? "." : folder) ? [folder] : []
        }
        guard firstVisit(path) else { return [] }
        if fileManager.fileExists(atPath: (path as NSString).appendingPathComponent(Self.definitionFileName)) {
            return [path]
        }
        let children = (try? fileManager.contentsOfDirectory(atPath: path)) ?? []
        return children.sorted().filter { !$0.hasPrefix(".") }.flatMap { child in
            waves(under: path == "." ? child : (path as NSString).appendingPathComponent(child))
        }
    }

    /// Records the folder's real path; false when it was walked before (or cannot be resolved).
    private mutating func firstVisit(_ folder: String) -> Bool {
        guard let resolved = realpath(folder, nil) else { return false }
        defer { free(resolved) }
        return walked.insert(String(cString: resolved)).inserted
    }
}
