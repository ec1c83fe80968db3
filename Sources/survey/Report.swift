import ArgumentParser
import Foundation
import SurveyDefinition
import SurveyDiagnostics
import SurveyReports
import SurveyResponses
import SurveyTabulation

/// `survey report`: tabulates every wave and writes its files under `--out`.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Tabulate waves and write their tables.",
        discussion: "Writes OUT/<series>/<wave>/: report.md, report.html and report.docx (the draft of the plan's survey chapter), tables.xlsx (集計表), charts/ (SVG), tables/ (one CSV per question) and results.csv, numbers.csv, tests.csv, summary.csv (UTF-8 with BOM, CRLF). A wave with errors in its data is not written; the exit status is then 1.")

    @Argument(help: "Wave, series or survey folders (default: Surveys).")
    var paths: [String] = ["Surveys"]

    @Option(name: .shortAndLong, help: "The folder to write into (default: Reports; required with --where).")
    var out: String?

    @Option(name: .customLong("where"), help: ArgumentHelp(
        "Report only the respondents meeting a condition: ID=CODE[,CODE…] or ID>=NUMBER / ID<=NUMBER; repeat to require several.",
        valueName: "condition"))
    var subset: [String] = []

    @Option(help: "What to write: all (CSV, report.md, report.html, report.docx, tables.xlsx, tables/, charts/), csv, or md.")
    var format: WaveReport.Contents = .all

    func run() throws {
        let conditions = try parseConditions(subset)
        if !conditions.isEmpty && out == nil {
            reportFailure(OutputError(path: "--where", message: "a report of a subset needs its own --out folder",
                                      note: "add e.g. --out Reports/subset, so that the whole wave's report under Reports stays as it is"))
            throw ExitCode(1)
        }
        let out = out ?? "Reports"
        let folders = try WaveFolders.resolve(paths)
        let output = try openOutput(out)
        var failed = false
        var written: [String: String] = [:]
        for folder in folders {
            var diagnostics = DiagnosticsEngine()
            let wave = Wave.load(folder: folder, subset: conditions, diagnostics: &diagnostics)
            printDiagnostics(diagnostics)
            guard let wave, !diagnostics.hasErrors else {
                print("\(folder): not written (\(diagnostics.errorCount) errors; run `survey check \(folder)` for details)")
                failed = true
                continue
            }
            let subfolder = [wave.definition.series, String(wave.definition.wave)]
            let shown = (out as NSString).appendingPathComponent(subfolder.joined(separator: "/"))
            if let earlier = written[shown] {
                reportFailure(OutputError(path: folder, message: "not written: '\(earlier)' is the same wave (series \(subfolder[0]), wave \(subfolder[1])) and was written to '\(shown)/'",
                                          note: "give each wave folder its own `wave:` (or `series:`) in survey.yaml, or report them into different --out folders"))
                failed = true
                continue
            }
            let tabulation = Tabulator.tabulate(wave.responses)
            try write(WaveReport(tabulation, chart: Chart.svg, batteryChart: Chart.svg(battery:)).files(format), into: subfolder, of: output)
            written[shown] = folder
            let subsetNote = wave.responses.waveRespondents.map { " (subset: \(wave.responses.count) of \($0) respondents)" } ?? ""
            print("\(folder): wrote \(shown)/" + subsetNote)
        }
        if failed { throw ExitCode(1) }
    }
}

/// Reads `--where` conditions; a malformed one is reported and ends the run with exit 1.
func parseConditions(_ texts: [String]) throws -> [RowCondition] {
    var diagnostics = DiagnosticsEngine()
    var conditions: [RowCondition] = []
    for text in texts {
        switch RowCondition.parse(commandLine: text) {
        case .success(let condition): conditions.append(condition)
        case .failure(let problem): diagnostics.emit(problem)
        }
    }
    printDiagnostics(diagnostics)
    if diagnostics.hasErrors { throw ExitCode(1) }
    return conditions
}

/// Opens and locks the `--out` folder for the run, saying so on stderr while another run holds it.
func openOutput(_ path: String) throws -> OutputFolder {
    do {
        return try OutputFolder(path) { message in FileHandle.standardError.write(Data((message + "\n").utf8)) }
    } catch {
        reportFailure(error)
        throw ExitCode(1)
    }
}

/// Replaces one report folder with `files` as a whole; a failure is reported and ends the run with exit 1.
func write(_ files: [(path: String, bytes: [UInt8])], into subfolder: [String], of output: OutputFolder) throws {
    do {
        try output.replace(subfolder, with: files)
    } catch {
        reportFailure(error)
        throw ExitCode(1)
    }
}

/// Prints `path: error: …` and its note to stderr.
func reportFailure(_ error: OutputError) {
    FileHandle.standardError.write(Data((error.description + "\n").utf8))
}

extension WaveReport.Contents: ExpressibleByArgument {}
