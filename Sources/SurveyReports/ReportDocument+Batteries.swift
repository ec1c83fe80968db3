import SurveyDefinition
import SurveyTabulation

/// Batteries in the report: one table with the items as rows, one 100 % stacked chart and a sentence naming the
/// highest and lowest items, then each item's cross-tabulations as a section of its own.
extension ReportDocument {
    /// The 調査結果 sections in order: a question's section, or for the first item of a battery the battery's
    /// section followed by one section per item (its cross-tabs); sections are numbered in order.
    func resultSections(_ questions: [QuestionTabulation]) -> [ReportBlock] {
        var out: [ReportBlock] = []
        var number = 0
        var written: Set<String> = []
        let shown = Set(questions.map(\.question.id))
        for tab in questions {
            guard let battery = tabulation.battery(holding: tab.question.id) else {
                number += 1
                out += section(tab, number: number, forCSV: false)
                continue
            }
            guard written.insert(battery.battery.id).inserted else { continue }
            number += 1
            let heading = "\(number). \(battery.reportHeading)"
            out += batterySection(battery, heading: heading)
            for item in battery.items where shown.contains(item.question.id) {
                number += 1
                out += itemSection(item, number: number, batteryHeading: heading)
            }
        }
        return out
    }

    /// The battery's heading, facts, table (items × choices, nets, 無回答), chart and draft.
    func batterySection(_ battery: BatteryTabulation, heading: String) -> [ReportBlock] {
        let definition = battery.battery
        var lines: [ReportBlock] = [.heading(level: 3, text: heading)]
        if definition.label != nil && definition.text != definition.label { lines.append(.paragraph("設問：\(definition.text)")) }
        var facts = ["\(battery.items.count)項目（各項目1つずつ回答）"]
        let bases = Set(battery.items.map(\.total.base))
        if bases.count == 1, let base = bases.first { facts.insert("n = \(CountText.grouped(base))", at: 0) }
        let conditions = battery.items.first?.question.askedIf ?? []
        if !conditions.isEmpty {
            facts.append("該当者のみ（" + conditions.map(conditionText).joined(separator: "、") + "）")
        }
        // Why the bases are smaller than the respondents (and differ between items): the 非該当 left out.
        let excluded = notApplicableCounts(battery)
        if excluded.contains(where: { $0 > 0 }) {
            if conditions.isEmpty { facts.append(Self.notAskedFact) }
            let counts = Set(excluded)
            facts.append(counts.count == 1 ? "非該当 \(CountText.grouped(excluded[0]))人" : "非該当の人数は項目により異なります（表の「非該当」）")
        }
        lines.append(.paragraph(facts.joined(separator: "　")))
        lines.append(.table(batteryTable(battery)))
        if let svg = batteryChart(battery) {
            lines.append(.chart(file: "\(definition.id).svg", svg: svg, caption: "図　\(battery.displayName)"))
        }
        let paragraph = batteryClaims(battery).map(\.sentence).joined()
        if !paragraph.isEmpty { lines.append(.draft(paragraph)) }
        return lines
    }

    /// The battery's one table, for `tables/<battery>.csv`.
    public func tables(of battery: BatteryTabulation) -> [ReportTable] {
        [batteryTable(battery)]
    }

    /// Per item: the wave's respondents left out of its base as 非該当 (an unmet `asked_if`, or a `not_asked` value).
    func notApplicableCounts(_ battery: BatteryTabulation) -> [Int] {
        battery.items.map { max(0, tabulation.respondents - $0.total.base) }
    }

    /// One row per item: its n (and, when some item leaves respondents out, how many were 非該当), then the
    /// percentage of each choice, net and 無回答 over the item's base.
    func batteryTable(_ battery: BatteryTabulation) -> ReportTable {
        let first = battery.items.first?.total.rows ?? []
        let excluded = notApplicableCounts(battery)
        let showsExcluded = excluded.contains { $0 > 0 }
        let header = ["項目", "n"] + (showsExcluded ? ["非該当"] : []) + first.map { $0.kind == .nonresponse ? "無回答" : $0.label }
        let rows = zip(battery.items, excluded).map { item, excluded in
            [item.question.itemName, baseCell(item.total.base)] + (showsExcluded ? [CountText.grouped(excluded)] : [])
                + item.total.rows.map { percentCell($0, base: item.total.base) }
        }
        var table = ReportTable(caption: "単純集計（項目別）", header: header, rows: rows)
        table.role = .simple
        return table
    }

    /// The items with the highest and the lowest printed share of the battery's `leadingRow`, among items with a
    /// base of at least `referenceBase`; nothing when fewer than two such items.
    public func batteryClaims(_ battery: BatteryTabulation) -> [ReportClaim] {
        var shares: [(tenths: Int, share: PrintedShare)] = []
        var measure = ""
        for (item, row) in zip(battery.items, battery.leadingRows) {
            guard let row, item.total.base >= Self.referenceBase, let tenths = PercentText.tenths(row),
                  let printed = PercentText.format(row) else { continue }
            measure = row.label
            shares.append((tenths, PrintedShare(label: item.question.itemName, percent: printed)))
        }
        guard shares.count >= 2, let high = shares.map(\.tenths).max(), let low = shares.map(\.tenths).min() else { return [] }
        return [.batteryRange(BatteryRange(measure: measure, highest: shares.filter { $0.tenths == high }.map(\.share),
                                           lowest: shares.filter { $0.tenths == low }.map(\.share)))]
    }

    /// An item's section: heading, where its overall result is, a draft on its groups, and its cross-tabs.
    func itemSection(_ tab: QuestionTabulation, number: Int, batteryHeading: String) -> [ReportBlock] {
        var lines: [ReportBlock] = [.heading(level: 3, text: "\(number). \(tab.question.reportHeading)")]
        let notAsked = tab.question.askedIf.isEmpty && excludesNotAsked(tab) ? "　" + Self.notAskedFact : ""
        lines.append(.paragraph("n = \(CountText.grouped(tab.total.base))\(notAsked)　全体の結果は「\(batteryHeading)」の表と図にあります。"))
        let paragraph = claims(of: tab).filter(\.isAboutGroups).map(\.sentence).joined()
        if !paragraph.isEmpty { lines.append(.draft(paragraph)) }
        for crossTab in tab.crossTabs where printsTable(tab, crossTab) {
            lines += crossTable(tab, crossTab)
        }
        return lines
    }
}

extension ReportClaim {
    /// Whether the claim compares groups of an axis (differences, trends, means by group), not the whole.
    public var isAboutGroups: Bool {
        switch self {
        case .choiceDifference, .trend, .numberByGroup: true
        case .leading, .tied, .nets, .numberSummary, .batteryRange: false
        }
    }
}
