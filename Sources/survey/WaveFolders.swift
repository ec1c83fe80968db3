import ArgumentParser
import Foundation
import SurveyDefinition
import SurveyDiagnostics

/// Turns the PATH arguments of a command into wave folders, or a usage error naming the bad path.
enum WaveFolders {
    /// Each real wave folder once, in the order of `paths`, even when links or overlapping paths reach it twice.
    static func resolve(_ paths: [String]) throws -> [String] {
        var folders: [String] = []
        var walk = SurveyFolders()
        for path in paths {
            let found = walk.waves(under: path)
            if found.isEmpty, SurveyFolders.waves(under: path).isEmpty {
                let exists = FileManager.default.fileExists(atPath: path)
                throw ValidationError(exists
                    ? "found no survey.yaml in '\(path)' or its subfolders; expected a wave folder (holding survey.yaml), a series folder, or a folder of series"
                    : "found no file or folder '\(path)'; expected a wave, series or survey folder such as 'Surveys'")
            }
            folders += found
        }
        return folders
    }
}

/// Writes diagnostics to stderr, compiler style, with a count of those not shown; `warnings: false` prints errors only.
func printDiagnostics(_ diagnostics: DiagnosticsEngine, warnings: Bool = true) {
    var text = ""
    for diagnostic in diagnostics.diagnostics where warnings || diagnostic.severity == .error {
        text += diagnostic.description + "\n"
    }
    if diagnostics.suppressedCount > 0 {
        text += "… and \(diagnostics.suppressedCount) more problems of the same kinds (at most \(diagnostics.limitPerFile) of each severity are shown per file)\n"
    }
    FileHandle.standardError.write(Data(text.utf8))
}
