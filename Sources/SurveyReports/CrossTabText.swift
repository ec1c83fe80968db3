import SurveyTabulation

/// A cross-tabulation as plain text for the terminal (`survey crosstab`).
public struct CrossTabText {
    let question: QuestionTabulation
    let crossTab: CrossTab

    /// Renders `crossTab` of `question`.
    public init(question: QuestionTabulation, crossTab: CrossTab) {
        self.question = question
        self.crossTab = crossTab
    }

    /// Tab-separated lines: a header of choices, the total, one line per axis value, then the tests.
    public var text: String {
        var lines = ["\(question.question.id) \(question.question.text)", "  × \(crossTab.axis.id) \(crossTab.axis.text)"]
        let labels = question.total.rows.map(\.label)
        lines.append((["", "n"] + labels).joined(separator: "\t"))
        lines.append(line("全体", question.total))
        for group in crossTab.groups { lines.append(line(group.value.label, group.table)) }
        if crossTab.axisNonresponse > 0 {
            lines.append("(\(crossTab.axis.id) 無回答 \(crossTab.axisNonresponse) 人は除く)")
        }
        if crossTab.tests.isEmpty { lines.append("no test: fewer than 2 × 2 non-empty cells") }
        for test in crossTab.tests {
            let choice = test.choice.map { "choice \($0): " } ?? ""
            switch test.method {
            case .chiSquare:
                guard let chi = test.chiSquare else { continue }
                lines.append("\(choice)χ² = \(PercentText.decimal(chi.statistic, places: 3)), df = \(chi.degreesOfFreedom), "
                    + "p = \(pText(chi.pValue)), Cramér's V = \(PercentText.decimal(chi.cramersV, places: 3)), n = \(chi.n), "
                    + "expected < 5: \(PercentText.decimal(chi.lowExpectedShare * 100, places: 1))%"
                    + (chi.isReliable ? "" : " (not reliable by Cochran's rule)"))
            case .fisher:
                lines.append("\(choice)Fisher's exact test: p = \(pText(test.pValue))")
            case .trend:
                guard let trend = test.trend else { continue }
                lines.append("\(choice)trend (Cochran–Armitage): χ² = \(PercentText.decimal(trend.statistic, places: 3)), "
                    + "p = \(pText(trend.pValue)), " + (trend.slope > 0 ? "rising" : "falling") + " along \(crossTab.axis.id)")
            case .kruskalWallis:
                guard let kruskalWallis = test.kruskalWallis else { continue }
                lines.append("Kruskal–Wallis: H = \(PercentText.decimal(kruskalWallis.statistic, places: 3)), "
                    + "df = \(kruskalWallis.degreesOfFreedom), p = \(pText(kruskalWallis.pValue)), n = \(kruskalWallis.n)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Cells are marked only when the (single) chi-square test is significant at 5% and reliable by Cochran's rule.
    private var marksCells: Bool {
        guard let test = crossTab.tests.first(where: { $0.method == .chiSquare && $0.choice == nil }) else {
            return false
        }
        return test.pValue < 0.05 && test.isReliable
    }

    private func line(_ label: String, _ table: FrequencyTable) -> String {
        let cells = table.rows.map { row -> String in
            let percent = PercentText.format(count: row.count, base: row.base) ?? "-"
            guard marksCells, let residual = row.adjustedResidual, residual.isFinite, abs(residual) > 1.96 else { return percent }
            return percent + (residual > 0 ? "▲" : "▼")
        }
        return ([label, String(table.base)] + cells).joined(separator: "\t")
    }

    private func pText(_ p: Double) -> String {
        p < 1e-4 ? "\(p)" : PercentText.decimal(p, places: 4)
    }
}
