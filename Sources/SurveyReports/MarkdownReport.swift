import SurveyDefinition
import SurveyStatistics
import SurveyTabulation

/// The Markdown report of one wave, in the conventions of the survey chapter of a Japanese municipal plan.
///
/// It formats and phrases what the tabulation computed; every number in a sentence is the
/// printed value of a cell of the table it follows.
public struct MarkdownReport {
    let tabulation: WaveTabulation

    /// Bases below this are 参考値 and marked 「*」.
    public static let referenceBase = 30
    /// Bases below this have their percentages suppressed (「＊」), so tiny groups expose nobody.
    public static let suppressedBase = 10

    /// Prepares the report of a tabulated wave.
    public init(_ tabulation: WaveTabulation) {
        self.tabulation = tabulation
    }

    /// The whole document.
    public var text: String {
        var out: [String] = []
        let definition = tabulation.definition
        out.append("# \(definition.title)")
        out.append("")
        out.append("\(definition.label)" + (definition.plan.map { "（\($0)）" } ?? ""))
        out.append("")
        out += overview
        out += readingGuide
        out.append("## 3 調査結果")
        out.append("")
        for (index, question) in tabulation.questions.enumerated() {
            out += section(question, number: index + 1)
        }
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: 調査概要

    private var overview: [String] {
        let definition = tabulation.definition
        let fieldwork = definition.fieldwork
        var lines = ["## 1 調査概要", "", "| 項目 | 内容 |", "|---|---|"]
        let items: [(String, String?)] = [
            ("調査対象", fieldwork.population), ("抽出方法", fieldwork.sampling), ("調査方法", fieldwork.method),
            ("調査期間", fieldwork.period), ("配布数", fieldwork.distributed.map { CountText.grouped($0) + "件" }),
            ("有効回収数", CountText.grouped(tabulation.respondents) + "件"),
            ("有効回収率", fieldwork.distributed.flatMap { PercentText.format(count: tabulation.respondents, base: $0) }.map { $0 + "％" }),
        ]
        for (name, value) in items { if let value { lines.append("| \(name) | \(cell(value)) |") } }
        lines.append("")
        let rates = tabulation.responseRates.filter { $0.breakID != "total" }
        for breakID in uniqueInOrder(rates.map(\.breakID)) {
            let group = rates.filter { $0.breakID == breakID }
            guard group.contains(where: { $0.distributed != nil }) else { continue }
            let name = axisName(tabulation.definition.anyQuestion(breakID))
            lines += ["### 回収状況（\(byName(name))）", "", "| \(name) | 配布数 | 回収数 | 回収率（％） |", "|---|---:|---:|---:|"]
            for rate in group {
                let sent = rate.distributed.map(CountText.grouped) ?? "-"
                let percent = rate.distributed.flatMap { PercentText.format(count: rate.respondents, base: $0) } ?? "-"
                lines.append("| \(cell(rate.label)) | \(sent) | \(CountText.grouped(rate.respondents)) | \(percent) |")
            }
            lines.append("")
        }
        return lines
    }

    // MARK: 報告書の見方

    private var readingGuide: [String] {
        let usesMultiple = tabulation.questions.contains { $0.question.type == .multiple }
        let usesAskedIf = tabulation.questions.contains { !$0.question.askedIf.isEmpty }
        var lines = ["## 2 報告書の見方", ""]
        lines.append("- 「n」は回答者数（集計の基数）です。該当者のみに尋ねた設問では、該当者の数を基数としています。")
        lines.append("- 比率（％）は基数に対する百分率で、小数第2位を四捨五入しています。このため、単一回答の設問でも合計が100.0％にならない場合があります。")
        if usesMultiple {
            lines.append("- 複数回答の設問は、回答者数を基数とした比率のため、合計が100.0％を超えます。")
        }
        lines.append("- 表中の「-」は回答者がいないこと、「0.0」は0.05％未満であることを示します。")
        lines.append("- 基数が\(Self.referenceBase)未満の集団は「*」を付けた参考値です。\(Self.suppressedBase)未満の集団は比率を「＊」で伏せています。")
        lines.append("- クロス集計では、属性が無回答の方を除いています。")
        lines.append("- クロス集計の「▲」「▼」は、カイ二乗検定で5％水準の有意な関連があり（期待度数5未満のセルが2割以下）、調整済み残差が+1.96を上回る（▲：全体より多い）または−1.96を下回る（▼：全体より少ない）セルを示します。")
        if usesAskedIf {
            lines.append("- 「該当者のみ」の設問は、前の設問で条件に当てはまる方のみを集計しています。")
        }
        lines.append("- 自由記述の設問は回答数のみを示し、記述内容は掲載していません。")
        lines.append("")
        return lines
    }

    // MARK: Question sections

    private func section(_ tab: QuestionTabulation, number: Int) -> [String] {
        let question = tab.question
        let heading = question.column?.value ?? question.id
        var lines = ["### \(number). \(heading)　\(cell(question.text))", ""]
        var facts = ["n = \(CountText.grouped(tab.total.base))"]
        if question.type == .multiple { facts.append("複数回答" + (question.maxAnswers.map { "（\($0)つまで）" } ?? "")) }
        if !question.askedIf.isEmpty {
            facts.append("該当者のみ（" + question.askedIf.map(conditionText).joined(separator: "、") + "）")
        }
        lines.append(facts.joined(separator: "　"))
        lines.append("")
        if question.type == .text {
            let answered = tab.total.rows.first?.count ?? 0
            lines += ["自由記述の回答は\(CountText.grouped(answered))件でした（記述内容は掲載していません）。", ""]
            return lines
        }
        lines += simpleTable(tab)
        if let summary = tab.totalSummary { lines += summaryLines(summary, question: question) }
        let paragraph = draftParagraph(tab)
        if !paragraph.isEmpty { lines += ["> " + paragraph, ""] }
        for crossTab in tab.crossTabs { lines += crossTable(tab, crossTab) }
        return lines
    }

    private func simpleTable(_ tab: QuestionTabulation) -> [String] {
        var lines = ["| 選択肢 | 件数 | ％ |", "|---|---:|---:|"]
        for row in tab.total.rows {
            let label = row.kind == .nonresponse ? "無回答" : cell(row.label)
            let shown = isNet(row) ? "**\(label)**" : label
            lines.append("| \(shown) | \(CountText.grouped(row.count)) | \(percentCell(row, base: tab.total.base)) |")
        }
        lines.append("| 全体 | \(CountText.grouped(tab.total.base)) | \(tab.total.base > 0 && tab.question.type != .multiple ? "100.0" : "-") |")
        lines.append("")
        return lines
    }

    private func summaryLines(_ summary: NumberSummary, question: Question) -> [String] {
        let unit = question.type == .number ? (question.unit ?? "") : "点"
        func value(_ number: Double?) -> String { number.map { PercentText.decimal($0, places: 2) } ?? "-" }
        var lines = ["| 回答数 | 平均 | 標準偏差 | 最小 | 第1四分位 | 中央値 | 第3四分位 | 最大 |", "|---:|---:|---:|---:|---:|---:|---:|---:|"]
        lines.append("| \(CountText.grouped(summary.n)) | \(value(summary.mean)) | \(value(summary.standardDeviation)) | \(value(summary.min)) | \(value(summary.q1)) | \(value(summary.median)) | \(value(summary.q3)) | \(value(summary.max)) |")
        lines.append("")
        lines.append(question.type == .number ? "（単位：\(unit)）" : "（平均点は " + question.scores.map { "\(label(question, $0.code))=\(PercentText.decimal($0.score, places: 0))点" }.joined(separator: "、") + " として算出）")
        lines.append("")
        return lines
    }

    private func crossTable(_ tab: QuestionTabulation, _ crossTab: CrossTab) -> [String] {
        let name = axisName(crossTab.axis)
        let rows = tab.total.rows
        var lines = ["#### \(byName(name))", ""]
        lines.append("| \(name) | n | " + rows.map { cell($0.kind == .nonresponse ? "無回答" : $0.label) }.joined(separator: " | ") + " |")
        lines.append("|---|---:|" + String(repeating: "---:|", count: rows.count))
        lines.append("| 全体 | \(CountText.grouped(tab.total.base)) | " + rows.map { percentCell($0, base: tab.total.base) }.joined(separator: " | ") + " |")
        let marks = significantTest(crossTab) != nil
        for group in crossTab.groups {
            let base = group.table.base
            let n = CountText.grouped(base) + (base < Self.referenceBase && base > 0 ? "*" : "")
            let cells = group.table.rows.map { row -> String in
                var text = percentCell(row, base: base)
                if marks, base >= Self.suppressedBase, let residual = row.adjustedResidual, residual.isFinite {
                    if residual > 1.96 { text += "▲" } else if residual < -1.96 { text += "▼" }
                }
                return text
            }
            lines.append("| \(cell(group.value.label)) | \(n) | " + cells.joined(separator: " | ") + " |")
        }
        lines.append("")
        lines.append(testLine(tab, crossTab))
        lines.append("")
        return lines
    }

    private func testLine(_ tab: QuestionTabulation, _ crossTab: CrossTab) -> String {
        let excluded = crossTab.axisNonresponse > 0 ? "（\(axisName(crossTab.axis))無回答\(CountText.grouped(crossTab.axisNonresponse))人を除く）" : ""
        guard tab.question.type == .single || tab.question.type == .scale else {
            if tab.question.type == .multiple {
                let significant = crossTab.tests.filter { $0.method == .chiSquare && $0.chiSquare.pValue < 0.05 && $0.chiSquare.isReliable }
                let labels = significant.compactMap { test in test.choice.map { label(tab.question, $0) } }
                return "検定：選択肢ごとのカイ二乗検定で5％水準の有意差があったのは" + (labels.isEmpty ? "ありませんでした" : "『" + labels.joined(separator: "』『") + "』です") + "。" + excluded
            }
            return excluded
        }
        guard let test = crossTab.tests.first(where: { $0.method == .chiSquare }) else {
            return "検定：有効な回答のある組み合わせが2×2に満たないため、検定は行っていません。" + excluded
        }
        let chi = test.chiSquare
        var text = "検定：χ² = \(PercentText.decimal(chi.statistic, places: 2))、自由度 \(chi.degreesOfFreedom)、p \(pText(chi.pValue))、クラメールのV = \(PercentText.decimal(chi.cramersV, places: 3))"
        if let fisher = crossTab.tests.first(where: { $0.method == .fisher }) {
            text += "、フィッシャーの正確確率検定 p \(pText(fisher.pValue))"
        }
        if !chi.isReliable {
            text += "。期待度数5未満のセルが\(PercentText.decimal(chi.lowExpectedShare * 100, places: 1))％あり、検定結果は参考です"
        }
        return text + "。" + excluded
    }

    // MARK: Draft paragraph

    /// Sentences built only from printed values of the tables above; nothing cites a base under 30.
    private func draftParagraph(_ tab: QuestionTabulation) -> String {
        let question = tab.question
        let base = tab.total.base
        guard base >= Self.referenceBase else { return "" }
        var sentences: [String] = []
        func percentText(_ row: FrequencyRow) -> String { PercentText.format(count: row.count, base: base) ?? "-" }
        let choiceRows = tab.total.rows.filter { if case .choice = $0.kind { return true }; if case .bin = $0.kind { return true }; return false }
        let ranked = choiceRows.enumerated().sorted { a, b in
            a.element.count != b.element.count ? a.element.count > b.element.count : a.offset < b.offset
        }.map(\.element)
        if let first = ranked.first, first.count > 0, let firstText = PercentText.format(count: first.count, base: base) {
            if ranked.count > 1, ranked[1].count == first.count {
                sentences.append("『\(first.label)』と『\(ranked[1].label)』がともに\(firstText)％で最も多くなっています。")
            } else if question.type == .multiple, ranked.count > 2, ranked[1].count > 0, ranked[2].count > 0 {
                sentences.append("『\(first.label)』が\(firstText)％と最も多く、次いで『\(ranked[1].label)』（\(percentText(ranked[1]))％）、『\(ranked[2].label)』（\(percentText(ranked[2]))％）の順となっています。")
            } else if ranked.count > 1, ranked[1].count > 0 {
                sentences.append("『\(first.label)』が\(firstText)％と最も多く、次いで『\(ranked[1].label)』が\(percentText(ranked[1]))％となっています。")
            } else {
                sentences.append("『\(first.label)』が\(firstText)％となっています。")
            }
        }
        let nets = tab.total.rows.filter(isNet)
        if !nets.isEmpty {
            let parts = nets.compactMap { row in PercentText.format(count: row.count, base: base).map { "『\(row.label)』は\($0)％" } }
            sentences.append(parts.joined(separator: "、") + "となっています。")
        }
        if question.type == .number, let summary = tab.totalSummary, let mean = summary.mean, let median = summary.median {
            let unit = question.unit ?? ""
            sentences.append("平均は\(PercentText.decimal(mean, places: 2))\(unit)、中央値は\(PercentText.decimal(median, places: 2))\(unit)です。")
        }
        for crossTab in tab.crossTabs {
            if let sentence = differenceSentence(tab, crossTab) { sentences.append(sentence) }
        }
        return sentences.joined()
    }

    /// The largest significant excess of a group over the whole, if the table is marked.
    private func differenceSentence(_ tab: QuestionTabulation, _ crossTab: CrossTab) -> String? {
        guard tab.question.type == .single || tab.question.type == .scale, significantTest(crossTab) != nil else { return nil }
        var best: (group: String, row: FrequencyRow, total: FrequencyRow, residual: Double)?
        for group in crossTab.groups where group.table.base >= Self.referenceBase {
            for (index, row) in group.table.rows.enumerated() {
                guard let residual = row.adjustedResidual, residual > 1.96 else { continue }
                let total = tab.total.rows[index]
                guard let groupTenths = PercentText.tenths(count: row.count, base: row.base),
                      let totalTenths = PercentText.tenths(count: total.count, base: total.base),
                      groupTenths > totalTenths else { continue }
                if best == nil || residual > best!.residual { best = (group.value.label, row, total, residual) }
            }
        }
        guard let best, let groupText = PercentText.format(count: best.row.count, base: best.row.base),
              let totalText = PercentText.format(count: best.total.count, base: best.total.base) else { return nil }
        return "\(byName(axisName(crossTab.axis)))にみると、「\(best.group)」では『\(best.row.label)』が\(groupText)％と、全体（\(totalText)％）より高くなっています。"
    }

    // MARK: Cells

    private func significantTest(_ crossTab: CrossTab) -> IndependenceTest? {
        crossTab.tests.first { $0.method == .chiSquare && $0.choice == nil && $0.chiSquare.pValue < 0.05 && $0.chiSquare.isReliable }
    }

    private func percentCell(_ row: FrequencyRow, base: Int) -> String {
        if base == 0 { return "-" }
        if base < Self.suppressedBase { return "＊" }
        if row.count == 0 { return "-" }
        return PercentText.format(count: row.count, base: base) ?? "-"
    }

    private func isNet(_ row: FrequencyRow) -> Bool {
        if case .net = row.kind { return true }
        return false
    }

    private func label(_ question: Question, _ code: Int) -> String {
        question.choice(code: code)?.label ?? String(code)
    }

    private func conditionText(_ condition: Condition) -> String {
        let source = tabulation.definition.anyQuestion(condition.question)
        let name = source?.column?.value ?? condition.question
        let labels = condition.codes.map { code in source.map { "「\(label($0, code))」" } ?? String(code) }
        return "\(name)で" + labels.joined(separator: "・") + "と回答した方"
    }

    /// A short name for an axis: its column name (地区, 性別, 年齢), or a derived question's text (圏域).
    private func axisName(_ axis: Question?) -> String {
        guard let axis else { return "" }
        return axis.column?.value ?? axis.text
    }

    /// 「地区別」, but 「性別」 rather than 「性別別」.
    private func byName(_ name: String) -> String {
        name.hasSuffix("別") ? name : name + "別"
    }

    private func pText(_ p: Double) -> String {
        p < 0.001 ? "< 0.001" : "= " + PercentText.decimal(p, places: 3)
    }

    /// Escapes what would break a pipe table.
    private func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "｜").replacingOccurrences(of: "\n", with: " ")
    }

    private func uniqueInOrder(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}
