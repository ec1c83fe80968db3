import SurveyDefinition
import SurveyStatistics
import SurveyTabulation

extension ReportDocument {
    /// One cross-tabulation: heading, table with marks (`CellMark`), a number question's means and medians by
    /// group, and the test line.
    func crossTable(_ tab: QuestionTabulation, _ crossTab: CrossTab) -> [ReportBlock] {
        let name = axisName(crossTab.axis)
        let rows = tab.total.rows
        let header = [name, "n"] + rows.map { $0.kind == .nonresponse ? "無回答" : $0.label }
        var body = [["全体", CountText.grouped(tab.total.base)] + rows.map { percentCell($0, base: tab.total.base) }]
        let isMultiple = tab.question.type == .multiple
        for (index, group) in crossTab.groups.enumerated() {
            let base = group.table.base
            let cells = group.table.rows.indices.map { row -> String in
                percentCell(group.table.rows[row], base: base)
                    + (crossTab.mark(group: index, row: row, total: tab.total, isMultiple: isMultiple)?.rawValue ?? "")
            }
            body.append([group.value.label, baseCell(base)] + cells)
        }
        let title = byName(name)
        var table = ReportTable(caption: title, header: header, rows: body)
        table.role = .crossTab
        var blocks: [ReportBlock] = [.heading(level: 4, text: title), .table(table)]
        if tab.question.type == .number, let total = tab.totalSummary {
            blocks.append(.table(numberGroupsTable(tab.question, total: total, crossTab, caption: title + "（平均・中央値）")))
        }
        let line = testLine(tab, crossTab)
        if !line.isEmpty { blocks.append(.paragraph(line)) }
        return blocks
    }

    /// n, mean and median of a number question by group; groups under `suppressedBase` are hidden.
    func numberGroupsTable(_ question: Question, total: NumberSummary, _ crossTab: CrossTab, caption: String) -> ReportTable {
        let unit = question.unit.map { "（\($0)）" } ?? ""
        func row(_ label: String, _ summary: NumberSummary?) -> [String] {
            guard let summary, summary.n > 0 else { return [label, "0", Self.notApplicableMark, Self.notApplicableMark] }
            if summary.n < Self.suppressedBase { return [label, baseCell(summary.n), Self.suppressedMark, Self.suppressedMark] }
            return [label, baseCell(summary.n), statistic(summary.reportedMean), value(summary.reportedMedian)]
        }
        var rows = [row("全体", total)]
        for group in crossTab.groups { rows.append(row(group.value.label, group.summary)) }
        return ReportTable(caption: caption, header: [axisName(crossTab.axis), "回答数", "平均" + unit, "中央値" + unit], rows: rows)
    }

    /// The test line of a weighted cross-tab whose design-based test could not be computed, naming the reason when
    /// its rows share one (`RaoScottTest.Unestimable`), so the line never gives a cause the table contradicts.
    func noDesignTestLine(_ reasons: Set<RaoScottTest.Unestimable>) -> String {
        let cause = switch reasons.count == 1 ? reasons.first : nil {
        case .emptyCellsCloseACycle?: "回答者のいない組み合わせ（0人のセル）の配置から、"
        case .everyStratumLonely?: isStratified ? "どの層（\(strataName)）も回答者が1人だけで、" : "回答者が1人だけで、"
        case .noVariance?: "回答にばらつきがなく、"
        default: ""
        }
        return "検定：" + cause + "ウェイトを考慮した検定の分散を推定できないため、検定は行っていません。"
    }

    /// The test line under a cross-tab: the statistic, p and Cramér's V, the exact p used where the χ²
    /// approximation fails (and why), the BH-adjusted p, whether it is significant, and who is left out; for a
    /// multiple question the choices with a significant difference; for a number question Kruskal–Wallis.
    func testLine(_ tab: QuestionTabulation, _ crossTab: CrossTab) -> String {
        let excluded = crossTab.axisNonresponse > 0 ? "（\(axisName(crossTab.axis))無回答\(CountText.grouped(crossTab.axisNonresponse))人を除く）" : ""
        let weighted = tabulation.definition.weights != nil
        // With weights, an unweighted test without its design-based companion: the design's variance could not be estimated.
        let withoutDesignTest = [.single, .scale, .multiple].contains(tab.question.type)
            ? crossTab.tests.contains(where: { $0.method == .chiSquare }) && !crossTab.tests.contains(where: { $0.method == .raoScott })
            : crossTab.tests.contains(where: { $0.method == .kruskalWallis }) && !crossTab.tests.contains(where: { $0.method == .designKruskalWallis })
        if weighted, withoutDesignTest {
            return noDesignTestLine(Set(crossTab.tests.compactMap(\.designTestUnavailable))) + excluded
        }
        switch tab.question.type {
        case .multiple:
            let labels = tab.question.choices.filter { crossTab.isSignificant(choice: $0.code) }.map(\.label)
            let found = labels.isEmpty ? "5％水準で有意差のみられた選択肢はありませんでした"
                : "5％水準で有意差のみられた選択肢は『" + labels.joined(separator: "』『") + "』です"
            let method = tab.question.choices.contains { crossTab.reportedTest(choice: $0.code)?.method == .raoScott }
                ? Self.raoScottName : "カイ二乗検定"
            return "検定：選択肢ごとの\(method)（選んだ・選ばなかった×\(axisName(crossTab.axis))）で、" + found + "。" + excluded
        case .single, .scale:
            if let test = crossTab.reportedTest(choice: nil), let raoScott = test.raoScott {
                let text = "検定：\(Self.raoScottName) F = \(PercentText.decimal(raoScott.statistic, places: 2))、"
                    + "自由度 (\(PercentText.decimal(raoScott.numeratorDF, places: 2)), \(PercentText.decimal(raoScott.denominatorDF, places: 1)))、p \(pText(raoScott.pValue))"
                return text + significance(test) + excluded
            }
            guard let test = crossTab.reportedTest(choice: nil), let chi = test.chiSquare else {
                return "検定：回答のある組み合わせが2×2に満たないため、検定は行っていません。" + excluded
            }
            var text = "検定：χ² = \(PercentText.decimal(chi.statistic, places: 2))、自由度 \(chi.degreesOfFreedom)、p \(pText(chi.pValue))、クラメールのV = \(PercentText.decimal(chi.cramersV, places: 3))"
            if !chi.isReliable {
                if let exact = test.exactP {
                    text += "。" + unreliableReason(chi) + "、" + exactTestName(test.exactMethod) + "の結果（p \(pText(exact))）を用いています"
                } else {
                    text += "。" + unreliableReason(chi) + "、検定結果は参考値です"
                }
            }
            return text + significance(test) + excluded
        case .number:
            if let test = crossTab.kruskalWallisTest, let design = test.designKruskalWallis {
                let text = "検定：\(Self.designKruskalWallisName) F = \(PercentText.decimal(design.statistic, places: 2))、"
                    + "自由度 (\(design.numeratorDF), \(design.denominatorDF))、p \(pText(design.pValue))"
                return text + significance(test) + excluded
            }
            guard let test = crossTab.kruskalWallisTest, let kruskalWallis = test.kruskalWallis else {
                return "検定：回答のある集団が2つに満たないか、回答の値がすべて同じため、検定は行っていません。" + excluded
            }
            let text = "検定：クラスカル・ウォリス検定 H = \(PercentText.decimal(kruskalWallis.statistic, places: 2))、自由度 \(kruskalWallis.degreesOfFreedom)、p \(pText(kruskalWallis.pValue))"
            return text + significance(test) + excluded
        case .text:
            return excluded
        }
    }

    /// The design-based test's name in the report.
    static let raoScottName = "Rao–Scott補正カイ二乗検定"
    /// The design-based Kruskal–Wallis test's name in the report.
    static let designKruskalWallisName = "ウェイトを考慮したクラスカル・ウォリス検定（デザインベースの順位検定）"

    /// 「（調整後 p = 0.012）。5％水準で有意な差がみられます。」, or just the adjusted p and 「。」.
    func significance(_ test: IndependenceTest) -> String {
        let adjusted = test.adjustedP.map { "（多重比較の調整後 p \(pText($0))）" } ?? ""
        return adjusted + (test.isSignificant ? "。5％水準で有意な差がみられます。" : "。")
    }

    /// The exact test's name as the report writes it, from `IndependenceTest.exactMethod`.
    func exactTestName(_ method: String?) -> String {
        guard let method else { return "正確検定" }
        if method == "fisher" { return "正確検定（フィッシャーの正確確率検定）" }
        if method == "fisher-freeman-halton" { return "正確検定（フィッシャーの正確確率検定、r×c表）" }
        if method.hasPrefix("monte-carlo") {
            let draws = method.filter(\.isNumber)
            return "モンテカルロ法による正確検定" + (Int(draws).map { "（\(CountText.grouped($0))回）" } ?? "")
        }
        return "正確検定（\(method)）"
    }

    /// Why Cochran's rule fails: 「期待度数5未満のセルが33.3％あるため」 or 「期待度数1未満のセルがあるため」.
    func unreliableReason(_ chi: ChiSquareTest) -> String {
        chi.lowExpectedShare > 0.2 ? "期待度数5未満のセルが\(PercentText.decimal(chi.lowExpectedShare * 100, places: 1))％あるため"
            : "期待度数1未満のセルがあるため"
    }

    func pText(_ p: Double) -> String {
        p < 0.001 ? "< 0.001" : "= " + PercentText.decimal(p, places: 3)
    }
}
