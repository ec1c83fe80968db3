import SurveyDefinition
import SurveyStatistics
import SurveyTabulation

/// The report of one wave as blocks, in the conventions of the survey chapter of a Japanese municipal plan.
///
/// It formats and phrases what the tabulation computed; every number in a sentence is the
/// printed value of a cell of a table (see `claims(of:)`). Renderers turn the blocks into Markdown or HTML.
public struct ReportDocument {
    let tabulation: WaveTabulation
    let chart: (QuestionTabulation) -> String?
    /// A battery's SVG, if it has one (none by default).
    public var batteryChart: (BatteryTabulation) -> String? = { _ in nil }

    /// Bases below this are 参考値 and their n carries `referenceMark`.
    public static let referenceBase = 30
    /// Bases below this have their percentages hidden (`suppressedMark`), so tiny groups expose nobody.
    public static let suppressedBase = 10
    /// After the n of a group under `referenceBase`: 参考値.
    public static let referenceMark = "※"
    /// In place of a percentage of a group under `suppressedBase`: 秘匿 (as 「x」 in official statistics).
    public static let suppressedMark = "x"
    /// A cell where nobody answered (0 people): 「-」.
    public static let nobodyMark = "-"
    /// A cell that cannot hold a value (a percentage over a base of 0, the 100 % of a multiple answer): 「・」.
    public static let notApplicableMark = "・"
    /// Differences smaller than this (in printed percentage points) are not cited in sentences.
    public static let citedDifference = 5
    /// Differences of at least this many points are called 「大きく」.
    public static let largeDifference = 10

    /// Prepares the report of a tabulated wave; `chart` gives a question's SVG, if it has one.
    public init(_ tabulation: WaveTabulation, chart: @escaping (QuestionTabulation) -> String? = { _ in nil }) {
        self.tabulation = tabulation
        self.chart = chart
    }

    /// The report's title.
    public var title: String {
        "\(tabulation.definition.title) \(tabulation.definition.label)"
    }

    /// The whole document: 調査概要, 報告書の見方, 回答者属性 (when the wave has attributes), 調査結果.
    public var blocks: [ReportBlock] {
        let definition = tabulation.definition
        var out: [ReportBlock] = [
            .heading(level: 1, text: definition.title),
            .paragraph("\(definition.label)" + (definition.plan.map { "（\($0)）" } ?? "")),
        ]
        if !definition.subset.isEmpty {
            out.append(.paragraph("集計対象：\(conditionsText(definition.subset, of: "回答者"))（\(CountText.grouped(tabulation.respondents))人）"))
        }
        out += overview
        out += readingGuide
        var chapter = 3
        let attributes = attributeQuestions
        if !attributes.isEmpty {
            out.append(.heading(level: 2, text: "\(chapter) 回答者属性"))
            for (index, question) in attributes.enumerated() { out += section(question, number: index + 1, forCSV: false) }
            chapter += 1
        }
        out.append(.heading(level: 2, text: "\(chapter) 調査結果"))
        let ids = Set(attributes.map(\.question.id))
        out += resultSections(tabulation.questions.filter { !ids.contains($0.question.id) })
        return out
    }

    /// The tables of one question (単純集計, summary, every cross-tabulation), for `tables/<question>.csv`.
    public func tables(of question: QuestionTabulation) -> [ReportTable] {
        section(question, number: 0, forCSV: true).compactMap { block in
            if case .table(let table) = block { return table }
            return nil
        }
    }

    // MARK: 回答者属性

    /// Whether a question describes the respondent: an axis of `breaks`, the district question, a derived
    /// question, or one declared `attribute: true`.
    func isAttribute(_ question: Question) -> Bool {
        let definition = tabulation.definition
        return question.isAttribute || definition.breaks.contains { $0.value == question.id }
            || definition.districts?.question.value == question.id || definition.derived.contains { $0.id == question.id }
    }

    /// The 回答者属性 chapter's questions: in questionnaire order, a derived question right after its source.
    var attributeQuestions: [QuestionTabulation] {
        let attributes = tabulation.questions.filter { isAttribute($0.question) }
        let derived = attributes.filter(\.isDerived)
        var ordered: [QuestionTabulation] = []
        for tab in attributes where !tab.isDerived {
            ordered.append(tab)
            ordered += derived.filter { tabulation.definition.rootSource(of: $0.question.id) == tab.question.id }
        }
        ordered += derived.filter { tab in !ordered.contains { $0.question.id == tab.question.id } }
        return ordered
    }

    /// Whether the report prints this cross-tab's table: not attribute × attribute unless `attribute_tables: true`.
    func printsTable(_ tab: QuestionTabulation, _ crossTab: CrossTab) -> Bool {
        tabulation.definition.attributeTables || !(isAttribute(tab.question) && isAttribute(crossTab.axis))
    }

    // MARK: 調査概要

    private var overview: [ReportBlock] {
        let definition = tabulation.definition
        let fieldwork = definition.fieldwork
        var lines: [ReportBlock] = [.heading(level: 2, text: "1 調査概要")]
        var rows: [[String]] = []
        let items: [(String, String?)] = [
            ("調査対象", fieldwork.population), ("抽出方法", fieldwork.sampling), ("調査方法", fieldwork.method),
            ("調査期間", fieldwork.period),
            ("母集団の大きさ", fieldwork.populationSize.map { CountText.grouped($0) + "人" }),
            ("データの範囲", definition.filter.isEmpty ? nil : conditionsText(definition.filter, of: "行")),
            ("配布数", fieldwork.distributed.map { CountText.grouped($0) + "件" }),
            ("有効回収数", CountText.grouped(tabulation.waveRespondents ?? tabulation.respondents) + "件"),
            ("有効回収率", fieldwork.distributed.flatMap { PercentText.format(count: tabulation.respondents, base: $0) }.map { $0 + "％" }),
            ("集計対象", definition.subset.isEmpty ? nil : conditionsText(definition.subset, of: "回答者")),
            ("集計対象者数", definition.subset.isEmpty ? nil : CountText.grouped(tabulation.respondents) + "人"),
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
                let sent = rate.distributed.map(CountText.grouped) ?? Self.notApplicableMark
                let percent = rate.distributed.flatMap { PercentText.format(count: rate.respondents, base: $0) } ?? Self.notApplicableMark
                rateRows.append([rate.label, sent, CountText.grouped(rate.respondents), percent])
            }
            lines.append(.table(ReportTable(caption: "回収状況（\(byName(name))）", header: [name, "配布数", "回収数", "回収率（％）"], rows: rateRows)))
        }
        return lines
    }

    // MARK: Question sections

    /// A question's heading, facts, 単純集計, summary, chart, draft and cross-tabulations; `forCSV` keeps every
    /// cross-tab (the report leaves out attribute × attribute tables).
    func section(_ tab: QuestionTabulation, number: Int, forCSV: Bool) -> [ReportBlock] {
        let question = tab.question
        var lines: [ReportBlock] = [.heading(level: 3, text: "\(number). \(question.reportHeading)")]
        if question.label != nil && question.text != question.label { lines.append(.paragraph("設問：\(question.text)")) }
        var facts = ["n = \(CountText.grouped(tab.total.base))"]
        if question.type == .multiple { facts.append("複数回答" + (question.maxAnswers.map { "（\($0)つまで）" } ?? "")) }
        if !question.askedIf.isEmpty {
            facts.append("該当者のみ（" + question.askedIf.map(conditionText).joined(separator: "、") + "）")
        } else if excludesNotAsked(tab) {
            facts.append(Self.notAskedFact)
        }
        lines.append(.paragraph(facts.joined(separator: "　")))
        if question.type == .text {
            let answered = tab.total.rows.first?.count ?? 0
            lines.append(.paragraph("自由記述の回答は\(CountText.grouped(answered))件でした（記述内容は掲載していません）。"))
            return lines
        }
        lines.append(simpleTable(tab))
        if let summary = tab.totalSummary { lines += summaryLines(summary, question: question) }
        if !forCSV, let svg = chart(tab) {
            lines.append(.chart(file: "\(question.id).svg", svg: svg, caption: "図　\(question.displayName)"))
        }
        let paragraph = claims(of: tab).map(\.sentence).joined()
        if !forCSV && !paragraph.isEmpty { lines.append(.draft(paragraph)) }
        for crossTab in tab.crossTabs where forCSV || printsTable(tab, crossTab) {
            lines += crossTable(tab, crossTab)
        }
        return lines
    }

    /// What a question whose base leaves out respondents keyed 非該当 (`not_asked`) says of its base.
    static let notAskedFact = "該当者のみ（非該当の方を除く）"

    /// Whether the question's base leaves out respondents keyed 非該当 (it has `not_asked` values and a base
    /// smaller than the wave's respondents).
    func excludesNotAsked(_ tab: QuestionTabulation) -> Bool {
        !tab.question.notAsked.isEmpty && tab.total.base < tabulation.respondents
    }

    private func simpleTable(_ tab: QuestionTabulation) -> ReportBlock {
        var rows: [[String]] = []
        for row in tab.total.rows {
            rows.append([row.kind == .nonresponse ? "無回答" : row.label, CountText.grouped(row.count), percentCell(row, base: tab.total.base)])
        }
        let whole = tab.total.base == 0 ? Self.notApplicableMark : tab.question.type == .multiple ? Self.notApplicableMark : "100.0"
        rows.append(["全体", CountText.grouped(tab.total.base), whole])
        var table = ReportTable(caption: "単純集計", header: ["選択肢", "件数", "％"], rows: rows)
        table.role = .simple
        return .table(table)
    }

    private func summaryLines(_ summary: NumberSummary, question: Question) -> [ReportBlock] {
        let weighted = summary.weighted
        let row = [CountText.grouped(summary.n), statistic(summary.reportedMean),
                   statistic(weighted == nil ? summary.standardDeviation : weighted?.standardError), value(summary.min),
                   value(weighted == nil ? summary.q1 : weighted?.q1), value(summary.reportedMedian),
                   value(weighted == nil ? summary.q3 : weighted?.q3), value(summary.max)]
        let unit = question.unit.map { "（単位：\($0)）" } ?? ""
        var table = ReportTable(caption: question.type == .number ? "数値の要約" + unit : "平均点",
                                header: ["回答数", "平均", weighted == nil ? "標準偏差" : "平均の標準誤差", "最小", "第1四分位", "中央値",
                                         "第3四分位", "最大"],
                                rows: [row], numericFrom: 0)
        table.role = .summary
        var note = question.type == .number ? unit
            : "（平均点は " + question.scores.map { "\(label(question, $0.code))=\(PercentText.number($0.score))点" }.joined(separator: "、") + " として算出）"
        if weighted != nil { note += Self.weightedNumbersNote }
        return note.isEmpty ? [.table(table)] : [.table(table), .paragraph(note)]
    }

    /// Under a weighted wave's number summary: what is weighted and what is not.
    public static let weightedNumbersNote = "（平均・四分位・中央値はウェイト付きの推計値、平均の標準誤差は標本設計に基づく値、回答数は実際の回答者数です）"

    // MARK: Cells

    /// A percentage cell: 「・」 over a base of 0, 「x」 under `suppressedBase`, 「-」 for nobody, else the
    /// percentage the report prints (`FrequencyRow.reportedShare`: weighted when the wave is weighted).
    func percentCell(_ row: FrequencyRow, base: Int) -> String {
        if base == 0 { return Self.notApplicableMark }
        if base < Self.suppressedBase { return Self.suppressedMark }
        if row.count == 0 { return Self.nobodyMark }
        return PercentText.format(row) ?? Self.notApplicableMark
    }

    /// A group's n as printed: with 「※」 under `referenceBase` (but not for nobody).
    func baseCell(_ base: Int) -> String {
        CountText.grouped(base) + (base < Self.referenceBase && base > 0 ? Self.referenceMark : "")
    }

    /// A mean or standard deviation: two decimals.
    func statistic(_ number: Double?) -> String {
        number.map { PercentText.decimal($0, places: 2) } ?? Self.notApplicableMark
    }

    /// A value of the data (minimum, quartile, median): whole numbers without decimals.
    func value(_ number: Double?) -> String {
        number.map { PercentText.number($0) } ?? Self.notApplicableMark
    }

    func isNet(_ row: FrequencyRow) -> Bool {
        if case .net = row.kind { return true }
        return false
    }

    func label(_ question: Question, _ code: Int) -> String {
        question.choice(code: code)?.label ?? String(code)
    }

    func conditionText(_ condition: Condition) -> String {
        let source = tabulation.definition.anyQuestion(condition.question)
        let name = source?.reportName ?? condition.question
        let labels = condition.codes.map { code in source.map { "「\(label($0, code))」" } ?? String(code) }
        return "\(name)で" + labels.joined(separator: "・") + "と回答した方"
    }

    /// 「年齢「60～69歳」「70～79歳」、居住年数 10年以上の回答者」: `filter:` or `--where` conditions in words.
    func conditionsText(_ conditions: [RowCondition], of whom: String) -> String {
        let parts = conditions.map { condition in
            let source = tabulation.definition.anyQuestion(condition.question)
            let name = source?.displayName ?? condition.question
            switch condition.test {
            case .codes(let codes):
                return name + codes.map { code in "「" + (source.map { label($0, code) } ?? String(code)) + "」" }.joined()
            case .range(let minimum, let maximum):
                let unit = source?.unit ?? ""
                let bound = { (value: Double) in (value == value.rounded() ? String(Int(value)) : String(value)) + unit }
                switch (minimum, maximum) {
                case (let minimum?, let maximum?): return "\(name) \(bound(minimum))～\(bound(maximum))"
                case (let minimum?, nil): return "\(name) \(bound(minimum))以上"
                case (nil, let maximum?): return "\(name) \(bound(maximum))以下"
                case (nil, nil): return name
                }
            }
        }
        return parts.joined(separator: "、") + "の" + whom
    }

    /// A short name for an axis: its label, its column name (地区, 性別, 年齢), or a derived question's text (圏域).
    func axisName(_ axis: Question?) -> String {
        guard let axis else { return "" }
        return axis.axisName
    }

    /// 「地区別」, but 「性別」 rather than 「性別別」.
    func byName(_ name: String) -> String {
        name.hasSuffix("別") ? name : name + "別"
    }

    private func uniqueInOrder(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}
