import SurveyDefinition
import SurveyStatistics
import SurveyTabulation

/// The report of one wave as blocks, in the conventions of the survey chapter of a Japanese municipal plan.
///
/// It formats and phrases what the tabulation computed; every number in a sentence is the
/// printed value of a cell of the table it follows. Renderers turn the blocks into Markdown or HTML.
public struct ReportDocument {
    let tabulation: WaveTabulation
    let chart: (QuestionTabulation) -> String?

    /// Bases below this are 参考値 and marked 「*」.
    public static let referenceBase = 30
    /// Bases below this have their percentages suppressed (「＊」), so tiny groups expose nobody.
    public static let suppressedBase = 10

    /// Prepares the report of a tabulated wave; `chart` gives a question's SVG, if it has one.
    public init(_ tabulation: WaveTabulation, chart: @escaping (QuestionTabulation) -> String? = { _ in nil }) {
        self.tabulation = tabulation
        self.chart = chart
    }

    /// The report's title.
    public var title: String {
        "\(tabulation.definition.title) \(tabulation.definition.label)"
    }

    /// The whole document.
    public var blocks: [ReportBlock] {
        let definition = tabulation.definition
        var out: [ReportBlock] = [
            .heading(level: 1, text: definition.title),
            .paragraph("\(definition.label)" + (definition.plan.map { "（\($0)）" } ?? "")),
        ]
        out += overview
        out += readingGuide
        out.append(.heading(level: 2, text: "3 調査結果"))
        for (index, question) in tabulation.questions.enumerated() {
            out += section(question, number: index + 1)
        }
        return out
    }

    /// The tables of one question (単純集計, summary, cross-tabulations), for `tables/<question>.csv`.
    public func tables(of question: QuestionTabulation) -> [ReportTable] {
        section(question, number: 0).compactMap { block in
            if case .table(let table) = block { return table }
            return nil
        }
    }

    // MARK: 調査概要

    private var overview: [ReportBlock] {
        let definition = tabulation.definition
        let fieldwork = definition.fieldwork
        var lines: [ReportBlock] = [.heading(level: 2, text: "1 調査概要")]
        var rows: [[String]] = []
        let items: [(String, String?)] = [
            ("調査対象", fieldwork.population), ("抽出方法", fieldwork.sampling), ("調査方法", fieldwork.method),
            ("調査期間", fieldwork.period), ("配布数", fieldwork.distributed.map { CountText.grouped($0) + "件" }),
            ("有効回収数", CountText.grouped(tabulation.respondents) + "件"),
            ("有効回収率", fieldwork.distributed.flatMap { PercentText.format(count: tabulation.respondents, base: $0) }.map { $0 + "％" }),
        ]
        for (name, value) in items { if let value { rows.append([name, value]) } }
        lines.append(.table(ReportTable(caption: "調査概要", header: ["項目", "内容"], rows: rows, numericFrom: 2)))
        let rates = tabulation.responseRates.filter { $0.breakID != "total" }
        for breakID in uniqueInOrder(rates.map(\.breakID)) {
            let group = rates.filter { $0.breakID == breakID }
            guard group.contains(where: { $0.distributed != nil }) else { continue }
            let name = axisName(tabulation.definition.anyQuestion(breakID))
            lines.append(.heading(level: 3, text: "回収状況（\(byName(name))）"))
            var rateRows: [[String]] = []
            for rate in group {
                let sent = rate.distributed.map(CountText.grouped) ?? "-"
                let percent = rate.distributed.flatMap { PercentText.format(count: rate.respondents, base: $0) } ?? "-"
                rateRows.append([rate.label, sent, CountText.grouped(rate.respondents), percent])
            }
            lines.append(.table(ReportTable(caption: "回収状況（\(byName(name))）", header: [name, "配布数", "回収数", "回収率（％）"], rows: rateRows)))
        }
        return lines
    }

    // MARK: 報告書の見方

    private var readingGuide: [ReportBlock] {
        let usesMultiple = tabulation.questions.contains { $0.question.type == .multiple }
        let usesAskedIf = tabulation.questions.contains { !$0.question.askedIf.isEmpty }
        var lines: [String] = []
        lines.append("「n」は回答者数（集計の基数）です。該当者のみに尋ねた設問では、該当者の数を基数としています。")
        lines.append("比率（％）は基数に対する百分率で、小数第2位を四捨五入しています。このため、単一回答の設問でも合計が100.0％にならない場合があります。")
        if usesMultiple {
            lines.append("複数回答の設問は、回答者数を基数とした比率のため、合計が100.0％を超えます。")
        }
        lines.append("表中の「-」は回答者がいないこと、「0.0」は0.05％未満であることを示します。")
        lines.append("基数が\(Self.referenceBase)未満の集団は「*」を付けた参考値です。\(Self.suppressedBase)未満の集団は比率を「＊」で伏せています。")
        lines.append("クロス集計では、属性が無回答の方を除いています。")
        lines.append("クロス集計の「▲」「▼」は、カイ二乗検定で5％水準の有意な関連があり（期待度数5未満のセルが2割以下）、調整済み残差が+1.96を上回る（▲：全体より多い）または−1.96を下回る（▼：全体より少ない）セルを示します。")
        if usesAskedIf {
            lines.append("「該当者のみ」の設問は、前の設問で条件に当てはまる方のみを集計しています。")
        }
        lines.append("自由記述の設問は回答数のみを示し、記述内容は掲載していません。")
        return [.heading(level: 2, text: "2 報告書の見方"), .list(lines)]
    }

    // MARK: Question sections

    private func section(_ tab: QuestionTabulation, number: Int) -> [ReportBlock] {
        let question = tab.question
        let heading = question.reportName
        var lines: [ReportBlock] = [.heading(level: 3, text: "\(number). \(question.reportHeading)")]
        var facts = ["n = \(CountText.grouped(tab.total.base))"]
        if question.type == .multiple { facts.append("複数回答" + (question.maxAnswers.map { "（\($0)つまで）" } ?? "")) }
        if !question.askedIf.isEmpty {
            facts.append("該当者のみ（" + question.askedIf.map(conditionText).joined(separator: "、") + "）")
        }
        lines.append(.paragraph(facts.joined(separator: "　")))
        if question.type == .text {
            let answered = tab.total.rows.first?.count ?? 0
            lines.append(.paragraph("自由記述の回答は\(CountText.grouped(answered))件でした（記述内容は掲載していません）。"))
            return lines
        }
        lines.append(simpleTable(tab))
        if let summary = tab.totalSummary { lines += summaryLines(summary, question: question) }
        if let svg = chart(tab) {
            lines.append(.chart(file: "\(question.id).svg", svg: svg, caption: "図　\(heading)"))
        }
        let paragraph = draftParagraph(tab)
        if !paragraph.isEmpty { lines.append(.draft(paragraph)) }
        for crossTab in tab.crossTabs { lines += crossTable(tab, crossTab) }
        return lines
    }

    private func simpleTable(_ tab: QuestionTabulation) -> ReportBlock {
        var rows: [[String]] = []
        for row in tab.total.rows {
            rows.append([row.kind == .nonresponse ? "無回答" : row.label, CountText.grouped(row.count), percentCell(row, base: tab.total.base)])
        }
        rows.append(["全体", CountText.grouped(tab.total.base), tab.total.base > 0 && tab.question.type != .multiple ? "100.0" : "-"])
        var table = ReportTable(caption: "単純集計", header: ["選択肢", "件数", "％"], rows: rows)
        table.role = .simple
        return .table(table)
    }

    private func summaryLines(_ summary: NumberSummary, question: Question) -> [ReportBlock] {
        let unit = question.type == .number ? (question.unit ?? "") : "点"
        func value(_ number: Double?) -> String { number.map { PercentText.decimal($0, places: 2) } ?? "-" }
        let row = [CountText.grouped(summary.n), value(summary.mean), value(summary.standardDeviation), value(summary.min),
                   value(summary.q1), value(summary.median), value(summary.q3), value(summary.max)]
        var table = ReportTable(caption: question.type == .number ? "数値の要約（単位：\(unit)）" : "平均点",
                                header: ["回答数", "平均", "標準偏差", "最小", "第1四分位", "中央値", "第3四分位", "最大"],
                                rows: [row], numericFrom: 0)
        table.role = .summary
        let note = question.type == .number ? "（単位：\(unit)）"
            : "（平均点は " + question.scores.map { "\(label(question, $0.code))=\(PercentText.decimal($0.score, places: 0))点" }.joined(separator: "、") + " として算出）"
        return [.table(table), .paragraph(note)]
    }

    private func crossTable(_ tab: QuestionTabulation, _ crossTab: CrossTab) -> [ReportBlock] {
        let name = axisName(crossTab.axis)
        let rows = tab.total.rows
        let header = [name, "n"] + rows.map { $0.kind == .nonresponse ? "無回答" : $0.label }
        var body = [["全体", CountText.grouped(tab.total.base)] + rows.map { percentCell($0, base: tab.total.base) }]
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
            body.append([group.value.label, n] + cells)
        }
        let title = byName(name)
        var table = ReportTable(caption: title, header: header, rows: body)
        table.role = .crossTab
        return [.heading(level: 4, text: title), .table(table),
                .paragraph(testLine(tab, crossTab))]
    }

    private func testLine(_ tab: QuestionTabulation, _ crossTab: CrossTab) -> String {
        let excluded = crossTab.axisNonresponse > 0 ? "（\(axisName(crossTab.axis))無回答\(CountText.grouped(crossTab.axisNonresponse))人を除く）" : ""
        guard tab.question.type == .single || tab.question.type == .scale else {
            if tab.question.type == .multiple {
                let significant = crossTab.tests.filter { $0.method == .chiSquare && $0.pValue < 0.05 && $0.isReliable }
                let labels = significant.compactMap { test in test.choice.map { label(tab.question, $0) } }
                return "検定：選択肢ごとのカイ二乗検定で5％水準の有意差があったのは" + (labels.isEmpty ? "ありませんでした" : "『" + labels.joined(separator: "』『") + "』です") + "。" + excluded
            }
            return excluded
        }
        guard let chi = crossTab.tests.first(where: { $0.method == .chiSquare })?.chiSquare else {
            return "検定：有効な回答のある組み合わせが2×2に満たないため、検定は行っていません。" + excluded
        }
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
        crossTab.tests.first { $0.method == .chiSquare && $0.choice == nil && $0.pValue < 0.05 && $0.isReliable }
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
        let name = source?.reportName ?? condition.question
        let labels = condition.codes.map { code in source.map { "「\(label($0, code))」" } ?? String(code) }
        return "\(name)で" + labels.joined(separator: "・") + "と回答した方"
    }

    /// A short name for an axis: its column name (地区, 性別, 年齢), or a derived question's text (圏域).
    private func axisName(_ axis: Question?) -> String {
        guard let axis else { return "" }
        return axis.axisName
    }

    /// 「地区別」, but 「性別」 rather than 「性別別」.
    private func byName(_ name: String) -> String {
        name.hasSuffix("別") ? name : name + "別"
    }

    private func pText(_ p: Double) -> String {
        p < 0.001 ? "< 0.001" : "= " + PercentText.decimal(p, places: 3)
    }

    private func uniqueInOrder(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}
