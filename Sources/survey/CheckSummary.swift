import SurveyDiagnostics
import SurveyReports
import SurveyResponses

/// The few lines `survey check` prints per wave: respondents, districts, problems by kind.
struct CheckSummary {
    let folder: String
    let wave: Wave?
    let diagnostics: DiagnosticsEngine

    var text: String {
        var lines: [String] = []
        guard let wave else {
            lines.append("\(folder): not read (\(diagnostics.errorCount) errors)")
            return (lines + problemLines).joined(separator: "\n")
        }
        let definition = wave.definition
        lines.append("\(folder): \(definition.title) \(definition.label) (series \(definition.series), wave \(definition.wave))")
        let perFile = wave.responses.respondentsPerFile
        let files = zip(definition.dataFiles, perFile).map { "\($0.file) \(CountText.grouped($1))" }.joined(separator: ", ")
        lines.append("  respondents: \(CountText.grouped(wave.responses.count)) (\(files))")
        if let read = wave.responses.rowsBeforeFilter {
            lines.append("  filter: kept \(CountText.grouped(wave.responses.count)) of the \(CountText.grouped(read)) respondents read")
        }
        if let districts = definition.districts, let counts = wave.responses.respondentCounts(of: districts.question.value) {
            var parts = counts.counts.map { "\($0.choice.label) \(CountText.grouped($0.count))" }
            if counts.nonresponse > 0 { parts.append("無回答 \(CountText.grouped(counts.nonresponse))") }
            lines.append("  by district: " + parts.joined(separator: ", "))
        }
        lines.append("  errors: \(diagnostics.errorCount), warnings: \(diagnostics.warningCount)")
        return (lines + problemLines).joined(separator: "\n")
    }

    private var problemLines: [String] {
        diagnostics.countsByKind.map { entry in
            let places = diagnostics.diagnostics.filter { $0.kind == entry.kind && $0.severity == entry.severity }
                .prefix(3).map { $0.location.description }
            let more = entry.count > places.count ? ", …" : ""
            return "    \(entry.severity.rawValue) \(entry.kind): \(entry.count) (\(places.joined(separator: ", "))\(more))"
        }
    }
}
