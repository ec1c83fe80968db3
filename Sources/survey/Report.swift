import ArgumentParser
import Foundation
import SurveyDiagnostics
import SurveyReports
import SurveyResponses
import SurveyTabulation

/// `survey report`: tabulates every wave and writes its files under `--out`.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Tabulate waves and write their tables.",
        discussion: "Writes OUT/<series>/<wave>/: report.md and report.html (the draft of the plan's survey chapter), charts/ (SVG), tables/ (one CSV per question) and results.csv, numbers.csv, tests.csv, summary.csv (UTF-8 with BOM, CRLF). A wave with errors in its data is not written; the exit status is then 1.")

    @Argument(help: "Wave, series or survey folders (default: Surveys).")
    var paths: [String] = ["Surveys"]

    @Option(name: .shortAndLong, help: "The folder to write into.")
    var out: String = "Reports"

    @Option(help: "What to write: all (CSV, report.md, report.html, tables/, charts/), csv, or md.")
    var format: WaveReport.Contents = .all

    func run() throws {
        let folders = try WaveFolders.resolve(paths)
        var failed = false
        for folder in folders {
            var diagnostics = DiagnosticsEngine()
            let wave = Wave.load(folder: folder, diagnostics: &diagnostics)
            printDiagnostics(diagnostics)
            guard let wave, !diagnostics.hasErrors else {
                print("\(folder): not written (\(diagnostics.errorCount) errors; run `survey check \(folder)` for details)")
                failed = true
                continue
            }
            let tabulation = Tabulator.tabulate(wave.responses)
            let target = URL(fileURLWithPath: out)
                .appendingPathComponent(wave.definition.series)
                .appendingPathComponent(String(wave.definition.wave))
            try writeReportFiles(WaveReport(tabulation, chart: Chart.svg).files(format), under: target)
            print("\(folder): wrote \((out as NSString).appendingPathComponent("\(wave.definition.series)/\(wave.definition.wave)"))/")
        }
        if failed { throw ExitCode(1) }
    }
}

/// Writes each file atomically under `folder`; the first that fails is reported and ends the run with exit 1.
func writeReportFiles(_ files: [(path: String, bytes: [UInt8])], under folder: URL) throws {
    for (name, bytes) in files {
        let url = folder.appendingPathComponent(name)
        do {
            try AtomicFile.write(bytes, to: url)
        } catch {
            throw WriteFailure(path: url.path, reason: error.localizedDescription).report()
        }
    }
}

/// A report file that could not be written.
struct WriteFailure {
    var path: String
    var reason: String

    /// Prints `path: error: …` and a note to stderr, and gives the exit status for bad data (1).
    func report() -> ExitCode {
        let text = "\(path): error: cannot write the report: \(reason)\n\(path): note: check that the --out folder can be created and written to\n"
        FileHandle.standardError.write(Data(text.utf8))
        return ExitCode(1)
    }
}

extension WaveReport.Contents: ExpressibleByArgument {}
