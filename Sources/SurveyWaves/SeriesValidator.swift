import SurveyDefinition
import SurveyDiagnostics
import SurveyReports
import SurveyResponses

/// Checks a `series.yaml` against its waves (`survey check` on a series, and before every `survey compare`).
///
/// Errors: a match naming an unknown wave, question or code; an indicator naming an unknown question, an unknown
/// baseline wave or codes no wave has; a tolerance of 0. Warnings: a baseline wave that did not ask the
/// indicator's question; a target on the wrong side of the baseline for the indicator's direction.
public enum SeriesValidator {
    /// Emits every problem of `series` against `waves` (any order), located at the key in `series.yaml`.
    public static func validate(_ series: SeriesDefinition, waves unsorted: [Wave], diagnostics: inout DiagnosticsEngine) {
        let waves = unsorted.sorted { $0.definition.wave < $1.definition.wave }
        let mappings = waves.map { WaveMapping(definition: $0.definition, matches: series.matches) }
        let keys = waves.map { $0.definition.wave }
        let waveList = "one of the series' waves: " + keys.map(String.init).joined(separator: ", ")
        for match in series.matches {
            guard let index = keys.firstIndex(of: match.wave) else {
                diagnostics.emit(DefinitionProblem.invalidValue(match.location(of: "wave"), key: "wave", found: String(match.wave), expected: waveList))
                continue
            }
            guard let question = waves[index].definition.anyQuestion(match.question) else {
                diagnostics.emit(DefinitionProblem.unknownQuestion(match.location(of: "question"), key: "match.question", id: match.question,
                                                                   suggestion: NearestName.suggestion(for: match.question, among: waves[index].definition.allQuestions.map(\.id))))
                continue
            }
            for entry in match.choices where question.choice(code: entry.code) == nil {
                diagnostics.emit(DefinitionProblem.unknownCode(match.location(of: "choices"), key: "match.choices", question: match.question,
                                                               code: entry.code, valid: question.choices.map(\.code)))
            }
        }
        for indicator in series.indicators {
            let asked = mappings.indices.filter { index in
                mappings[index].waveID[indicator.question].flatMap { waves[index].definition.anyQuestion($0) } != nil
            }
            if asked.isEmpty {
                let all = Set(mappings.flatMap { $0.waveID.keys }).sorted()
                diagnostics.emit(DefinitionProblem.unknownQuestion(indicator.location(of: "question"), key: "indicators.question", id: indicator.question,
                                                                   suggestion: NearestName.suggestion(for: indicator.question, among: all)))
            }
            // Codes: each must be a (common) choice code of the question in some wave that asked it.
            var codes = Set<Int>()
            for index in asked {
                guard let waveID = mappings[index].waveID[indicator.question], let question = waves[index].definition.anyQuestion(waveID) else { continue }
                for choice in question.choices { codes.insert(mappings[index].common(choice.code, question: waveID)) }
            }
            if !asked.isEmpty {
                for code in indicator.choices where !codes.contains(code) {
                    diagnostics.emit(DefinitionProblem.unknownCode(indicator.location(of: "choices"), key: "indicators.choices", question: indicator.question,
                                                                   code: code, valid: codes.sorted()))
                }
            }
            var baselineTenths: Int?
            switch indicator.baseline {
            case .wave(let key):
                guard let index = keys.firstIndex(of: key) else {
                    diagnostics.emit(DefinitionProblem.invalidValue(indicator.location(of: "baseline.wave"), key: "baseline.wave", found: String(key), expected: waveList))
                    break
                }
                if !asked.isEmpty, !asked.contains(index) {
                    let askedKeys = asked.map { String(keys[$0]) }.joined(separator: ", ")
                    diagnostics.emit(Diagnostic(
                        severity: .warning, location: indicator.location(of: "baseline.wave"),
                        message: "indicator '\(Excerpt.of(indicator.id))': found baseline wave \(key), which has no question '\(Excerpt.of(indicator.question))' (asked in \(askedKeys))",
                        note: "name a wave that asked it (baseline: {wave: \(keys[asked[0]])}) or give the value from another source (baseline: {value: 45.0, year: \(key)}); without a baseline the indicator can only be 達成 or 判定不可",
                        kind: "baseline-lacks-question"))
                } else if let share = SeriesComparison.share(of: indicator, in: waves[index], mapping: mappings[index]) {
                    baselineTenths = PercentText.tenths(count: share.count, base: share.base)
                }
            case .value(let value, _):
                baselineTenths = PercentText.tenths(percent: value)
            }
            if let baselineTenths, let target = PercentText.tenths(percent: indicator.target) {
                let up = indicator.direction == .up
                if up ? target <= baselineTenths : target >= baselineTenths {
                    diagnostics.emit(Diagnostic(
                        severity: .warning, location: indicator.location(of: "target.value"),
                        message: "indicator '\(Excerpt.of(indicator.id))': found target \(TenthsText.format(target)), which is not \(up ? "above" : "below") the baseline \(TenthsText.format(baselineTenths)) although direction is \(indicator.direction.rawValue)",
                        note: up ? "an 'up' indicator improves as it rises: set a target above the baseline, or direction: down if lower is better"
                            : "a 'down' indicator improves as it falls: set a target below the baseline, or direction: up if higher is better",
                        kind: "target-wrong-side"))
                }
            }
            if indicator.tolerance <= 0 {
                diagnostics.emit(Diagnostic(
                    severity: .error, location: indicator.location(of: "tolerance"),
                    message: "indicator '\(Excerpt.of(indicator.id))': found tolerance \(PercentText.decimal(indicator.tolerance, places: 1)); expected more than 0 points",
                    note: "give the points within which a change counts as 現状維持, e.g. tolerance: 3.0 (the default)",
                    kind: "tolerance-not-positive"))
            }
        }
    }
}
