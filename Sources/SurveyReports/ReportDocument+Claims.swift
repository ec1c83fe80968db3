import SurveyDefinition
import SurveyTabulation

extension ReportDocument {
    /// The claims of a question's draft paragraph, in order; each quotes printed values only.
    ///
    /// Nothing is said of a whole base under `referenceBase`. Group differences (`groupDifferences`) cite
    /// marked cells only, of groups with a base of at least `referenceBase`, differing from 全体 by at least
    /// `citedDifference` printed points.
    public func claims(of tab: QuestionTabulation) -> [ReportClaim] {
        let question = tab.question
        let base = tab.total.base
        guard base >= Self.referenceBase, question.type != .text else { return [] }
        var claims: [ReportClaim] = []
        func share(_ row: FrequencyRow) -> PrintedShare? {
            PercentText.format(row).map { PrintedShare(label: row.label, percent: $0) }
        }
        let answerRows = tab.total.rows.filter { row in
            if case .choice = row.kind { return true }
            if case .bin = row.kind { return true }
            return false
        }
        // Ranked by the reported share (weighted when the wave is; over one base, the same order as the counts').
        func share(of row: FrequencyRow) -> Double { row.reportedPercent ?? 0 }
        let ranked = answerRows.enumerated().sorted { a, b in
            share(of: a.element) != share(of: b.element) ? share(of: a.element) > share(of: b.element) : a.offset < b.offset
        }.map(\.element).filter { $0.count > 0 }
        if ranked.count > 1, share(of: ranked[1]) == share(of: ranked[0]) {
            claims.append(.tied(ranked.prefix { share(of: $0) == share(of: ranked[0]) }.compactMap(share)))
        } else if !ranked.isEmpty {
            claims.append(.leading(ranked.prefix(question.type == .multiple ? 3 : 2).compactMap(share)))
        }
        let nets = tab.total.rows.filter(isNet).compactMap(share)
        if !nets.isEmpty { claims.append(.nets(nets)) }
        if question.type == .number, let summary = tab.totalSummary, let mean = summary.reportedMean, let median = summary.reportedMedian {
            claims.append(.numberSummary(mean: statistic(mean), median: value(median), unit: question.unit))
        }
        claims += choiceDifferences(tab).map(ReportClaim.choiceDifference)
        claims += trends(tab).map(ReportClaim.trend)
        claims += numbersByGroup(tab).map(ReportClaim.numberByGroup)
        return claims
    }

    /// Per cross-tab: for single and scale questions the marked cell farthest above and the one farthest below
    /// 全体; for multiple questions, per choice, the highest ▲ and the lowest ▼ group. Findings on the same
    /// choice are joined into one claim across axes; choices in the order first met (multiple: choice order).
    func choiceDifferences(_ tab: QuestionTabulation) -> [ChoiceDifference] {
        struct Cell {
            var row: Int
            var direction: CellMark
            var gap: Int
            var group: ChoiceDifference.Group
        }
        let isMultiple = tab.question.type == .multiple
        guard [.single, .scale, .multiple].contains(tab.question.type) else { return [] }
        var picked: [Cell] = []
        for crossTab in tab.crossTabs {
            let caption = byName(axisName(crossTab.axis))
            var cells: [Cell] = []
            for (index, group) in crossTab.groups.enumerated() where group.table.base >= Self.referenceBase {
                for (row, cell) in group.table.rows.enumerated() {
                    guard let mark = crossTab.mark(group: index, row: row, total: tab.total, isMultiple: isMultiple),
                          let tenths = PercentText.tenths(cell), let whole = PercentText.tenths(tab.total.rows[row]),
                          abs(tenths - whole) >= Self.citedDifference * 10 else { continue }
                    cells.append(Cell(row: row, direction: mark, gap: tenths - whole,
                                      group: .init(caption: caption, label: group.value.label, percent: percentCell(cell, base: cell.base))))
                }
            }
            // The farthest first; on equal gaps the earlier group and choice.
            let farthest = cells.enumerated().sorted { a, b in
                abs(a.element.gap) != abs(b.element.gap) ? abs(a.element.gap) > abs(b.element.gap) : a.offset < b.offset
            }.map(\.element)
            var seen: Set<String> = []
            var chosen: [Cell] = []
            for cell in farthest {
                let key = isMultiple ? "\(cell.row)\(cell.direction.rawValue)" : cell.direction.rawValue
                if seen.insert(key).inserted { chosen.append(cell) }
            }
            if isMultiple { chosen.sort { $0.row < $1.row } }
            picked += chosen
        }
        var findings: [ChoiceDifference] = []
        var rows: [Int] = []
        for cell in picked {
            let index: Int
            if let found = rows.firstIndex(of: cell.row) {
                index = found
            } else {
                let choice = tab.total.rows[cell.row]
                guard let total = PercentText.format(choice) else { continue }
                findings.append(ChoiceDifference(choice: choice.label, total: total, above: nil, below: nil))
                rows.append(cell.row)
                index = findings.count - 1
            }
            let isLarge = abs(cell.gap) >= Self.largeDifference * 10
            if cell.direction == .above {
                findings[index].above = extend(findings[index].above, cell.group, isLarge: isLarge)
            } else {
                findings[index].below = extend(findings[index].below, cell.group, isLarge: isLarge)
            }
        }
        if isMultiple {
            return zip(rows, findings).sorted { $0.0 < $1.0 }.map(\.1)
        }
        return findings
    }

    private func extend(_ side: ChoiceDifference.Side?, _ group: ChoiceDifference.Group, isLarge: Bool) -> ChoiceDifference.Side {
        guard var side else { return ChoiceDifference.Side(groups: [group], isLarge: isLarge) }
        side.groups.append(group)
        side.isLarge = side.isLarge && isLarge
        return side
    }

    /// How a trend sentence walks an ordered axis. An axis made by `bins` from a number question is named by that
    /// question, with the verb its unit takes: 「居住年数が長くなるほど」 (年, か月, 日, 時間), 「世帯人数が多くなるほど」
    /// (人, 件, 回, 個, 台, 世帯); any other ordered axis 「年齢が高くなるほど」.
    func along(_ axis: Question) -> String {
        let definition = tabulation.definition
        guard let derived = definition.derived.first(where: { $0.id == axis.id }), !derived.bins.isEmpty,
              let source = definition.anyQuestion(derived.from.value) else { return axisName(axis) + "が高くなるほど" }
        let unit = source.unit ?? ""
        let verb = ["年", "か月", "ヶ月", "カ月", "ヵ月", "月", "日", "時間", "分"].contains(unit) ? "長く"
            : ["人", "件", "回", "個", "台", "世帯", "冊", "軒"].contains(unit) ? "多く" : "高く"
        return axisName(source) + "が" + verb + "なるほど"
    }

    /// Per ordered axis: the choices with a significant trend test whose slope agrees with the printed
    /// percentages of the first and last groups of n ≥ `referenceBase`, differing by at least `citedDifference`
    /// points.
    func trends(_ tab: QuestionTabulation) -> [Trend] {
        guard [.single, .scale, .multiple].contains(tab.question.type) else { return [] }
        var found: [Trend] = []
        for crossTab in tab.crossTabs where crossTab.axis.isOrdered {
            let shown = crossTab.groups.filter { $0.table.base >= Self.referenceBase }
            guard let first = shown.first, let last = shown.last, shown.count >= 2 else { continue }
            let caption = byName(axisName(crossTab.axis))
            var trend = Trend(caption: caption, axis: axisName(crossTab.axis), along: along(crossTab.axis), rising: [], falling: [])
            for (row, total) in tab.total.rows.enumerated() {
                guard case .choice(let code) = total.kind, let test = crossTab.trendTest(choice: code), test.isSignificant,
                      let slope = test.slope,
                      let from = PercentText.tenths(first.table.rows[row]), let to = PercentText.tenths(last.table.rows[row]) else { continue }
                let choice = Trend.Choice(
                    choice: total.label,
                    first: .init(caption: caption, label: first.value.label, percent: percentCell(first.table.rows[row], base: first.table.base)),
                    last: .init(caption: caption, label: last.value.label, percent: percentCell(last.table.rows[row], base: last.table.base)))
                if slope > 0 && to - from >= Self.citedDifference * 10 { trend.rising.append(choice) }
                if slope < 0 && from - to >= Self.citedDifference * 10 { trend.falling.append(choice) }
            }
            if !trend.rising.isEmpty || !trend.falling.isEmpty { found.append(trend) }
        }
        return found
    }

    /// Per axis where Kruskal–Wallis is significant: the groups (n ≥ `referenceBase`) with the highest and the
    /// lowest printed mean, when they differ.
    func numbersByGroup(_ tab: QuestionTabulation) -> [NumberByGroup] {
        guard tab.question.type == .number else { return [] }
        var found: [NumberByGroup] = []
        for crossTab in tab.crossTabs where crossTab.kruskalWallisTest?.isSignificant == true {
            let caption = byName(axisName(crossTab.axis))
            let means = crossTab.groups.compactMap { group -> ChoiceDifference.Group? in
                guard let summary = group.summary, summary.n >= Self.referenceBase, let mean = summary.reportedMean else { return nil }
                return .init(caption: caption + "（平均・中央値）", label: group.value.label, percent: statistic(mean))
            }
            func value(_ group: ChoiceDifference.Group) -> Double { Double(group.percent) ?? 0 }
            guard let highest = means.max(by: { value($0) < value($1) }), let lowest = means.min(by: { value($0) < value($1) }),
                  value(highest) > value(lowest) else { continue }
            found.append(NumberByGroup(caption: caption, highest: highest, lowest: lowest, unit: tab.question.unit))
        }
        return found
    }
}
