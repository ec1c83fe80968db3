import Foundation

/// Finds wave folders (folders holding a `survey.yaml`) under a path: a wave, a series, or a whole `Surveys/` tree.
public enum SurveyFolders {
    /// The name of a wave's definition file.
    public static let definitionFileName = "survey.yaml"

    /// Every wave folder at or below `path`, sorted by path; empty when there is none.
    public static func waves(under path: String) -> [String] {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        if !isDirectory.boolValue {
            return URL(fileURLWithPath: path).lastPathComponent == definitionFileName
                ? [(path as NSString).deletingLastPathComponent] : []
        }
        if fileManager.fileExists(atPath: (path as NSString).appendingPathComponent(definitionFileName)) {
            return [path]
        }
        let children = (try? fileManager.contentsOfDirectory(atPath: path)) ?? []
        return children.sorted().filter { !$0.hasPrefix(".") }.flatMap { child in
            waves(under: path == "." ? child : (path as NSString).appendingPathComponent(child))
        }
    }
}
