import ArgumentParser
import Foundation
import SurveyDefinition
import SurveyDiagnostics
import SurveyResponses
import SurveyWaves

/// `survey check`: validates definitions and data and prints a summary per wave.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate survey definitions and their data files.",
        discussion: "PATH is a wave folder (holding survey.yaml), a series folder, or a folder of series. Problems go to stderr as path:line:column; the exit status is 1 when any error is found.")

    @Argument(help: "Wave, series or survey folders (default: Surveys).")
    var paths: [String] = ["Surveys"]

    func run() throws {
        let folders = try WaveFolders.resolve(paths)
        var failed = false
        var bySeries: [(folder: String, waves: [Wave?])] = []
        for folder in folders {
            var diagnostics = DiagnosticsEngine()
            let wave = Wave.load(folder: folder, diagnostics: &diagnostics)
            printDiagnostics(diagnostics)
            print(CheckSummary(folder: folder, wave: wave, diagnostics: diagnostics).text)
            failed = failed || diagnostics.hasErrors || wave == nil
            let parent = folder.parentFolder ?? "."
            let kept = diagnostics.hasErrors ? nil : wave
            if let index = bySeries.firstIndex(where: { $0.folder == parent }) {
                bySeries[index].waves.append(kept)
            } else {
                bySeries.append((parent, [kept]))
            }
        }
        for entry in bySeries where !checkSeries(entry.folder, waves: entry.waves) { failed = true }
        if failed { throw ExitCode(1) }
    }

    /// Checks the series.yaml beside two or more waves, if there is one, against them; false on errors.
    /// (A single wave checked alone, `survey check Surveys/shimin/2023`, leaves its series alone.)
    private func checkSeries(_ folder: String, waves: [Wave?]) -> Bool {
        let path = (folder as NSString).appendingPathComponent("series.yaml")
        guard waves.count >= 2, FileManager.default.fileExists(atPath: path) else { return true }
        var diagnostics = DiagnosticsEngine()
        let series = SeriesReader.read(path: path, diagnostics: &diagnostics)
        let loaded = waves.compactMap { $0 }
        if let series, loaded.count == waves.count {
            SeriesValidator.validate(series, waves: loaded, diagnostics: &diagnostics)
        }
        printDiagnostics(diagnostics)
        var line = "\(path): "
        if let series {
            line += "matches: \(series.matches.count), indicators: \(series.indicators.count), checked against waves "
                + loaded.map { String($0.definition.wave) }.sorted().joined(separator: ", ")
            if loaded.count < waves.count { line += " (not checked against the waves: a wave has errors)" }
        } else {
            line += "not read"
        }
        print(line + "\n  errors: \(diagnostics.errorCount), warnings: \(diagnostics.warningCount)")
        return !diagnostics.hasErrors
    }
}
