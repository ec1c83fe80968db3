import ArgumentParser
import Foundation
import SurveyDefinition
import SurveyDiagnostics
import SurveyResponses

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
        for folder in folders {
            var diagnostics = DiagnosticsEngine()
            let wave = Wave.load(folder: folder, diagnostics: &diagnostics)
            printDiagnostics(diagnostics)
            print(CheckSummary(folder: folder, wave: wave, diagnostics: diagnostics).text)
            failed = failed || diagnostics.hasErrors || wave == nil
        }
        if failed { throw ExitCode(1) }
    }
}
