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
        lines.append((["全体", String(question.total.base)] + question.total.rows.map(percent)).joined(separator: "\t"))
        let isMultiple = question.question.type == .multiple
        for (index, group) in crossTab.groups.enumerated() {
            let cells = group.table.rows.indices.map { row in
                percent(group.table.rows[row])
                    + (crossTab.mark(group: index, row: row, total: question.total, isMultiple: isMultiple)?.rawValue ?? "")
            }
            lines.append(([group.value.label, String(group.table.base)] + cells).joined(separator: "\t"))
        }
        if question.question.type == .number {
            // The figures the report prints: with weights the weighted mean and median beside the actual n.
            lines.append(["", "n", "mean", "median"].joined(separator: "\t"))
            let summaries = [("全体", question.totalSummary)] + crossTab.groups.map { ($0.value.label, $0.summary) }
            for (label, summary) in summaries {
                lines.append([label, String(summary?.n ?? 0), statistic(summary?.reportedMean), number(summary?.reportedMedian)].joined(separator: "\t"))
            }
        }
        if question.total.weightedBase != nil {
            let figures = question.question.type == .number ? "percentages, means and medians" : "percentages"
            lines.append("(weighted wave: \(figures) are weighted estimates, as in the report; n is the number of respondents)")
        }
        if crossTab.axisNonresponse > 0 {
            lines.append("(\(crossTab.axis.id) 無回答 \(crossTab.axisNonresponse) 人は除く)")
        }
        if crossTab.tests.isEmpty && question.question.type != .number {
            lines.append("no test: fewer than 2 × 2 non-empty cells")
        }
        for test in crossTab.tests {
            let choice = test.choice.map { "choice \($0): " } ?? ""
            var line: String
            switch test.method {
            case .chiSquare:
                guard let chi = test.chiSquare else { continue }
                line = "\(choice)χ² = \(PercentText.decimal(chi.statistic, places: 3)), df = \(chi.degreesOfFreedom), "
                    + "p = \(pText(chi.pValue)), Cramér's V = \(PercentText.decimal(chi.cramersV, places: 3)), n = \(chi.n), "
                    + "expected < 5: \(PercentText.decimal(chi.lowExpectedShare * 100, places: 1))%"
                    + (chi.isReliable ? "" : " (not reliable by Cochran's rule)")
                if let exact = test.exactP { line += ", exact p = \(pText(exact))" + (test.exactMethod.map { " (\($0))" } ?? "") }
            case .fisher:
                line = "\(choice)Fisher's exact test: p = \(pText(test.pValue))"
            case .trend:
                guard let trend = test.trend else { continue }
                line = "\(choice)trend (Cochran–Armitage): χ² = \(PercentText.decimal(trend.statistic, places: 3)), "
                    + "p = \(pText(trend.pValue)), " + (trend.slope > 0 ? "rising" : "falling") + " along \(crossTab.axis.id)"
            case .kruskalWallis:
                guard let kruskalWallis = test.kruskalWallis else { continue }
                line = "Kruskal–Wallis: H = \(PercentText.decimal(kruskalWallis.statistic, places: 3)), "
                    + "df = \(kruskalWallis.degreesOfFreedom), p = \(pText(kruskalWallis.pValue)), n = \(kruskalWallis.n)"
            case .designTrend:
                guard let trend = test.designTrend else { continue }
                line = "\(choice)weighted trend (design-based slope): z = \(PercentText.decimal(trend.z, places: 3)), "
                    + "p = \(pText(trend.pValue)), " + (trend.slope > 0 ? "rising" : "falling") + " along \(crossTab.axis.id)"
            case .designKruskalWallis:
                guard let kruskalWallis = test.designKruskalWallis else { continue }
                line = "weighted Kruskal–Wallis (design-based): F = \(PercentText.decimal(kruskalWallis.statistic, places: 3)), "
                    + "df = \(kruskalWallis.numeratorDF), \(kruskalWallis.denominatorDF), p = \(pText(kruskalWallis.pValue)), n = \(kruskalWallis.n)"
            case .raoScott:
                guard let raoScott = test.raoScott else { continue }
                line = "\(choice)weighted (Rao–Scott): F = \(PercentText.decimal(raoScott.statistic, places: 3)), "
                    + "df = \(PercentText.decimal(raoScott.numeratorDF, places: 2)), \(PercentText.decimal(raoScott.denominatorDF, places: 1)), "
                    + "p = \(pText(raoScott.pValue)), n = \(raoScott.n)"
            }
            if let adjusted = test.adjustedP { line += ", BH-adjusted p = \(pText(adjusted))" }
            if test.method != .fisher { line += test.isSignificant ? " (significant)" : "" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// A row percentage to one decimal (weighted when the wave is), 「・」 over a base of 0.
    private func percent(_ row: FrequencyRow) -> String {
        PercentText.format(row) ?? ReportDocument.notApplicableMark
    }

    /// A mean as the report prints it: two decimals.
    private func statistic(_ value: Double?) -> String {
        value.map { PercentText.decimal($0, places: 2) } ?? ReportDocument.notApplicableMark
    }

    /// A value of the data (a median) as the report prints it: whole numbers without decimals.
    private func number(_ value: Double?) -> String {
        value.map { PercentText.number($0) } ?? ReportDocument.notApplicableMark
    }

    private func pText(_ p: Double) -> String {
        p < 1e-4 ? "\(p)" : PercentText.decimal(p, places: 4)
    }
}
