import SurveyDefinition
import SurveyDiagnostics
import SurveyReports
import SurveyResponses
import SurveyTabulation
import SurveyWaves

/// What the command line does with a read wave, in memory: `check`'s summary, then `report`'s and `crosstab`'s output.
public enum FuzzPipeline {
    /// Renders the diagnostics and, for a wave without errors, tabulates it and renders its CSV files, or
    /// every report file when `everything`.
    public static func exercise(_ table: ResponseTable?, diagnostics: DiagnosticsEngine, everything: Bool = true) {
        for diagnostic in diagnostics.diagnostics { blackHole(diagnostic.description) }
        guard let table else { return }
        blackHole(table.respondentsPerFile)
        if let districts = table.definition.districts {
            blackHole(table.respondentCounts(of: districts.question.value)?.nonresponse)
        }
        guard !diagnostics.hasErrors else { return }
        let tabulation = Tabulator.tabulate(table)
        for (path, bytes) in (try? WaveReport(tabulation, chart: Chart.svg, batteryChart: Chart.svg(battery:)).files(everything ? .all : .csv, pictures: { _ in [:] })) ?? [] {
            blackHole(path)
            blackHole(bytes.count)
        }
        guard everything else { return }
        for question in tabulation.questions {
            if let crossTab = question.crossTabs.first {
                blackHole(CrossTabText(question: question, crossTab: crossTab).text)
            }
        }
    }

    /// What a reading gave, as text to compare: every diagnostic, the respondents per file, and for a wave
    /// without errors its CSV files.
    public static func outcome(_ table: ResponseTable?, diagnostics: DiagnosticsEngine) -> String {
        var lines = diagnostics.diagnostics.map(\.description)
        guard let table else { return (lines + ["no table"]).joined(separator: "\n") }
        lines.append("respondents per file: \(table.respondentsPerFile)")
        guard !diagnostics.hasErrors else { return lines.joined(separator: "\n") }
        for (path, bytes) in (try? WaveReport(Tabulator.tabulate(table)).files(.csv)) ?? [] {
            lines.append("\(path):\n" + String(decoding: bytes, as: UTF8.self))
        }
        return lines.joined(separator: "\n")
    }

    /// Compares `waves` under `series` and renders every file of the comparison.
    public static func exercise(series: SeriesDefinition, waves: [(wave: Wave, tabulation: WaveTabulation)]) {
        var diagnostics = DiagnosticsEngine()
        let id = waves.last?.wave.definition.series ?? "series"
        let comparison = SeriesComparison.compare(waves, series: series, id: id, diagnostics: &diagnostics)
        for diagnostic in diagnostics.diagnostics { blackHole(diagnostic.description) }
        guard !diagnostics.hasErrors else { return }
        for (path, bytes) in (try? ComparisonReport(comparison).files(pictures: { _ in [:] })) ?? [] {
            blackHole(path)
            blackHole(bytes.count)
        }
    }
}

/// Keeps a value alive so the optimizer cannot drop the work that made it.
@inline(never)
public func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
