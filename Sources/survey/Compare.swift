import ArgumentParser
import Foundation
import SurveyDefinition
import SurveyDiagnostics
import SurveyReports
import SurveyResponses
import SurveyTabulation
import SurveyWaves

/// `survey compare`: compares the waves of each series and evaluates its indicators.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare the waves of a series and evaluate the plan's indicators.",
        discussion: "SERIES is a series folder (holding one folder per wave and an optional series.yaml) or a folder of series; the default is every series under Surveys with two or more waves. Writes OUT/<series>/compare/: comparison.csv, comparison_by_break.csv, trend.csv, indicators.csv, indicators_by_break.csv, report.md, report.html, report.docx, tables.xlsx and charts/.")

    @Argument(help: "Series folders, or folders of series (default: Surveys).")
    var paths: [String] = ["Surveys"]

    @Option(name: .shortAndLong, help: "The folder to write into.")
    var out: String = "Reports"

    func run() throws {
        let folders = try WaveFolders.resolve(paths)
        var bySeries: [(folder: String, waves: [String])] = []
        for wave in folders {
            let parent = wave.parentFolder ?? "."
            if let index = bySeries.firstIndex(where: { $0.folder == parent }) {
                bySeries[index].waves.append(wave)
            } else {
                bySeries.append((parent, [wave]))
            }
        }
        let comparable = bySeries.filter { $0.waves.count >= 2 }
        guard !comparable.isEmpty else {
            throw ValidationError("found no series with two or more waves under \(paths.map { "'\($0)'" }.joined(separator: ", ")); expected a series folder holding wave folders such as Surveys/shimin/2018 and Surveys/shimin/2023")
        }
        let output = try openOutput(out)
        var failed = false
        for entry in comparable {
            var diagnostics = DiagnosticsEngine()
            let seriesPath = (entry.folder as NSString).appendingPathComponent("series.yaml")
            let series = SeriesReader.read(path: seriesPath, diagnostics: &diagnostics)
            var input: [(wave: Wave, tabulation: WaveTabulation)] = []
            for folder in entry.waves {
                if let wave = Wave.load(folder: folder, diagnostics: &diagnostics) {
                    input.append((wave, Tabulator.tabulate(wave.responses)))
                }
            }
            guard let series, input.count == entry.waves.count, !diagnostics.hasErrors else {
                printDiagnostics(diagnostics)
                print("\(entry.folder): not compared (\(diagnostics.errorCount) errors; run `survey check \(entry.folder)` for the waves)")
                failed = true
                continue
            }
            let id = input.last?.wave.definition.series ?? (entry.folder as NSString).lastPathComponent
            let comparison = SeriesComparison.compare(input, series: series, id: id, diagnostics: &diagnostics)
            printDiagnostics(diagnostics, warnings: false)
            guard !diagnostics.hasErrors else {
                print("\(entry.folder): not compared (\(diagnostics.errorCount) errors in series.yaml)")
                failed = true
                continue
            }
            try write(ComparisonReport(comparison).files(), into: [id, "compare"], of: output)
            print("\(entry.folder): compared \(comparison.waves.map { String($0.key) }.joined(separator: ", ")); wrote \((out as NSString).appendingPathComponent("\(id)/compare"))/")
        }
        if failed { throw ExitCode(1) }
    }
}
