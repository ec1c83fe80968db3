import SurveyDefinition
import SurveyDiagnostics
import SurveyReports
import SurveyResponses
import SurveyStatistics
import SurveyTabulation

/// How one wave's questions and codes map to the common ones.
struct WaveMapping {
    /// Wave question id → (common id, wave code → common code).
    var questions: [String: (common: String, codes: [Int: Int])] = [:]
    /// Wave question id from a common id.
    var waveID: [String: String] = [:]

    init(definition: SurveyDefinition, matches: [QuestionMatch]) {
        for question in definition.allQuestions {
            questions[question.id] = (question.id, [:])
        }
        for match in matches where match.wave == definition.wave {
            questions[match.question] = (match.commonID, Dictionary(match.choices.map { ($0.code, $0.common) }, uniquingKeysWith: { a, _ in a }))
        }
        for (id, entry) in questions { waveID[entry.common] = id }
    }

    func common(_ code: Int, question: String) -> Int {
        questions[question]?.codes[code] ?? code
    }
}

extension SeriesComparison {
    /// Compares the waves of one series (any order; they are sorted by `wave`).
    ///
    /// Problems in `series` (matches or indicators naming unknown waves, questions or codes) go to `diagnostics`.
    public static func compare(_ input: [(wave: Wave, tabulation: WaveTabulation)], series: SeriesDefinition, id: String,
                               diagnostics: inout DiagnosticsEngine) -> SeriesComparison {
        let sorted = input.sorted { $0.wave.definition.wave < $1.wave.definition.wave }
        let mappings = sorted.map { WaveMapping(definition: $0.wave.definition, matches: series.matches) }
        SeriesValidator.validate(series, waves: sorted.map(\.wave), diagnostics: &diagnostics)
        let waves = sorted.map { WaveInfo(key: $0.wave.definition.wave, label: $0.wave.definition.label, respondents: $0.wave.responses.count,
                                            isWeighted: $0.wave.responses.weights != nil) }

        // Common ids in the latest wave's order, then those only older waves have.
        var order: [String] = []
        for (index, item) in sorted.enumerated().reversed() {
            for question in item.wave.definition.allQuestions {
                if let common = mappings[index].questions[question.id]?.common, !order.contains(common) { order.append(common) }
            }
        }
        var questions: [ComparedQuestion] = []
        var unmatched: [(String, String, String, [Int])] = []
        for common in order {
            let present = sorted.indices.filter { index in
                mappings[index].waveID[common].flatMap { sorted[index].tabulation.question($0) } != nil
            }
            guard let latest = present.last, let waveID = mappings[latest].waveID[common],
                  let latestTab = sorted[latest].tabulation.question(waveID) else { continue }
            if present.count < 2 {
                unmatched.append((common, latestTab.question.reportName, latestTab.question.text, present.map { waves[$0].key }))
                continue
            }
            questions.append(compareQuestion(common, present: present, sorted: sorted, mappings: mappings, matches: series.matches))
        }
        let indicators = series.indicators.map { indicator in
            evaluate(indicator, measured: sorted.indices.map { share(of: indicator, in: sorted[$0].wave, mapping: mappings[$0]) },
                     waves: waves.map(\.key), cityBaseline: true)
        }
        let title = series.title ?? sorted.last?.wave.definition.title ?? id
        var comparison = SeriesComparison(series: id, title: title, waves: waves, questions: questions, unmatched: unmatched, indicators: indicators)
        comparison.indicatorsByBreak = indicatorsByBreak(series.indicators, sorted: sorted, mappings: mappings)
        return comparison
    }

    private static func compareQuestion(_ common: String, present: [Int], sorted: [(wave: Wave, tabulation: WaveTabulation)],
                                        mappings: [WaveMapping], matches: [QuestionMatch]) -> ComparedQuestion {
        let waveCount = sorted.count
        let tabs: [Int: QuestionTabulation] = Dictionary(uniqueKeysWithValues: present.compactMap { index in
            mappings[index].waveID[common].flatMap { sorted[index].tabulation.question($0) }.map { (index, $0) }
        })
        let latest = present[present.count - 1]
        let latestTab = tabs[latest]!
        // Common codes: the latest wave's choices, then codes only older waves have.
        var codes: [(code: Int, label: String)] = []
        for index in present.reversed() {
            let tab = tabs[index]!
            for choice in tab.question.choices {
                let code = mappings[index].common(choice.code, question: tab.question.id)
                if !codes.contains(where: { $0.code == code }) { codes.append((code, choice.label)) }
            }
        }
        var netLabels: [String] = []
        for index in present.reversed() { for net in tabs[index]!.question.nets where !netLabels.contains(net.label) { netLabels.append(net.label) } }

        // A weighted wave's sums for the question, overall and per axis value (built once each).
        var designs: [String: WaveDesign] = [:]
        func design(_ index: Int, axis: String?) -> WaveDesign? {
            guard sorted[index].wave.responses.weights != nil, let tab = tabs[index] else { return nil }
            let key = "\(index)|\(axis ?? "")"
            if let known = designs[key] { return known }
            let responses = sorted[index].wave.responses
            var axisColumn: (column: ResponseColumn<UInt16>, values: Int)?
            if let axis {
                guard let column = responses.columns[axis]?.choices, let question = sorted[index].wave.definition.anyQuestion(axis) else { return nil }
                axisColumn = (column, question.choices.count)
            }
            let made = WaveDesign(responses, question: tab.question.id, axis: axisColumn)
            designs[key] = made
            return made
        }
        // The position (group) of axis code `code` in wave `index`'s axis question.
        func axisPosition(_ index: Int, axis: String, code: Int) -> Int? {
            sorted[index].wave.definition.anyQuestion(axis)?.choices.firstIndex { $0.code == code }
        }

        // The waves weighted by this question: overall, their shares are the population's (no change to or from the others).
        let weightedBy = Set(wavesWeighted(by: common, present: present, sorted: sorted, tabs: tabs))
        /// `table(index)`: the wave's frequency table of the group; `weighted(index)`: its design sums and group;
        /// `margins`: the waves whose shares of the group are fixed by their weights.
        func rows(_ table: (Int) -> FrequencyTable?, _ weighted: (Int) -> (design: WaveDesign, group: Int)?,
                  margins: Set<Int> = []) -> [ComparedRow] {
            func cells(_ counts: [CellCounts?]) -> [WaveCell?] { SeriesComparison.cells(counts, weightedBy: margins) }
            var result: [ComparedRow] = []
            // A row's weighted share in a weighted wave: the answer slots given, or (`complement`) none of slot 0.
            func share(_ index: Int, slots: [Int], complement: Bool = false) -> WeightedProportion? {
                weighted(index).flatMap { $0.design.proportion(group: $0.group, slots: slots, complement: complement) }
            }
            for entry in codes {
                let counts: [CellCounts?] = (0..<waveCount).map { index in
                    guard let tab = tabs[index], let frequency = table(index) else { return nil }
                    var count = 0, found = false
                    for row in frequency.rows {
                        if case .choice(let code) = row.kind, mappings[index].common(code, question: tab.question.id) == entry.code {
                            count += row.count
                            found = true
                        }
                    }
                    let slots = tab.question.choices.indices.filter {
                        mappings[index].common(tab.question.choices[$0].code, question: tab.question.id) == entry.code
                    }.map { $0 + 1 }  // single/scale: the position; multiple: 1 + p
                    return found ? (count, frequency.base, share(index, slots: slots)) : nil
                }
                result.append(ComparedRow(kind: .choice(code: entry.code), label: entry.label, cells: cells(counts)))
            }
            for label in netLabels {
                let counts: [CellCounts?] = (0..<waveCount).map { index in
                    guard let tab = tabs[index], let frequency = table(index),
                          let row = frequency.rows.first(where: { $0.kind == .net(label: label) }) else { return nil }
                    let codes = tab.question.nets.first { $0.label == label }?.codes ?? []
                    let slots = tab.question.choices.indices.filter { codes.contains(tab.question.choices[$0].code) }.map { $0 + 1 }
                    return (row.count, frequency.base, share(index, slots: slots))
                }
                result.append(ComparedRow(kind: .net(label: label), label: label, cells: cells(counts)))
            }
            // A text question's 回答あり, then 無回答, in every wave that has the row.
            for (kind, label) in [(RowKind.text, "回答あり"), (RowKind.nonresponse, "無回答")] {
                let counts: [CellCounts?] = (0..<waveCount).map { index in
                    guard let tab = tabs[index], let frequency = table(index), let row = frequency.rows.first(where: { $0.kind == kind }) else { return nil }
                    // 無回答 of a single or scale question is its slot 0; of the others, not slot 0 (answered).
                    let coded = tab.question.type == .single || tab.question.type == .scale
                    let weightedShare = kind == .text ? share(index, slots: [0])
                        : coded ? share(index, slots: [0]) : share(index, slots: [0], complement: true)
                    return (row.count, frequency.base, weightedShare)
                }
                if counts.contains(where: { $0 != nil }) { result.append(ComparedRow(kind: kind, label: label, cells: cells(counts))) }
            }
            return result
        }

        let overall = rows({ tabs[$0]?.total }, { index in design(index, axis: nil).map { ($0, 0) } }, margins: weightedBy)
        let numbers = NumberCell.cells((0..<waveCount).map { tabs[$0]?.totalSummary }, weightedBy: weightedBy)
        var breaks: [ComparedBreak] = []
        for crossTab in latestTab.crossTabs {
            let axis = crossTab.axis.id
            guard present.allSatisfy({ index in tabs[index]!.crossTabs.contains { $0.axis.id == axis } }) else { continue }
            for group in crossTab.groups {
                let groupRows = rows({ index in
                    tabs[index]?.crossTabs.first { $0.axis.id == axis }?.groups.first { $0.value.code == group.value.code }?.table
                }, { index in
                    guard let made = design(index, axis: axis), let position = axisPosition(index, axis: axis, code: group.value.code) else { return nil }
                    return (made, position)
                })
                let groupNumbers = NumberCell.cells((0..<waveCount).map { index in
                    tabs[index]?.crossTabs.first { $0.axis.id == axis }?.groups.first { $0.value.code == group.value.code }?.summary
                })
                breaks.append(ComparedBreak(axis: axis, value: group.value.code, label: group.value.label, rows: groupRows,
                                            numbers: groupNumbers))
            }
        }
        return ComparedQuestion(id: common, name: latestTab.question.reportName, text: latestTab.question.text,
                                type: latestTab.question.type, unit: latestTab.question.unit, waveIndices: present, rows: overall, numbers: numbers, breaks: breaks,
                                notes: notes(common, present: present, tabs: tabs, sorted: sorted, mappings: mappings, matches: matches))
    }

    /// A wave's count and base of a row, and its weighted share in a weighted wave.
    typealias CellCounts = (count: Int, base: Int, weighted: WeightedProportion?)

    /// Cells with each one's change from the previous wave that has a value; the cells of the waves in `weightedBy`
    /// are `isWeightingMargin`, and no change is measured between such a wave and one that is not.
    private static func cells(_ counts: [CellCounts?], weightedBy: Set<Int>) -> [WaveCell?] {
        var result: [WaveCell?] = []
        var previous: (index: Int, cell: WaveCell)?
        for (index, entry) in counts.enumerated() {
            guard let entry else {
                result.append(nil)
                continue
            }
            var cell = WaveCell(count: entry.count, base: entry.base, change: nil, weighted: entry.weighted)
            cell.isWeightingMargin = weightedBy.contains(index)
            if let previous, previous.cell.base > 0, entry.base > 0, previous.cell.isWeightingMargin == cell.isWeightingMargin {
                cell.change = Change(fromWave: previous.index, previous: previous.cell, cell: cell)
            }
            result.append(cell)
            previous = (index, cell)
        }
        return result
    }

    private static func notes(_ common: String, present: [Int], tabs: [Int: QuestionTabulation],
                              sorted: [(wave: Wave, tabulation: WaveTabulation)], mappings: [WaveMapping],
                              matches: [QuestionMatch]) -> [String] {
        var notes: [String] = []
        let latestTab = tabs[present[present.count - 1]]!
        let absent = sorted.indices.filter { !present.contains($0) }
        if !absent.isEmpty {
            notes.append(absent.map { sorted[$0].wave.definition.label }.joined(separator: "・") + "にはこの設問がないため、比較に含めていません。")
        }
        var recoded: [(labels: [String], changed: String)] = []
        for index in present {
            let tab = tabs[index]!
            let definition = sorted[index].wave.definition
            guard let match = matches.first(where: { $0.wave == definition.wave && $0.question == tab.question.id }) else { continue }
            if match.question != match.commonID {
                notes.append("\(definition.label)では設問「\(tab.question.reportName)」を比較しています。")
            }
            var merged: [Int: [String]] = [:]
            for choice in tab.question.choices {
                let code = mappings[index].common(choice.code, question: tab.question.id)
                merged[code, default: []].append(choice.label)
            }
            let changed = merged.keys.sorted().compactMap { code -> String? in
                guard let labels = merged[code], let current = latestTab.question.choice(code: code)?.label else { return nil }
                if labels == [current] { return nil }
                return labels.map { "「\($0)」" }.joined() + "→「\(current)」"
            }
            if !changed.isEmpty {
                let text = changed.joined(separator: "、")
                if let same = recoded.firstIndex(where: { $0.changed == text }) {
                    recoded[same].labels.append(definition.label)
                } else {
                    recoded.append(([definition.label], text))
                }
            }
        }
        for entry in recoded {
            notes.append("選択肢が変更されたため、\(entry.labels.joined(separator: "・"))の回答を読み替えて比較しています（\(entry.changed)）。")
        }
        let conditions = present.map { index -> [String] in
            tabs[index]!.question.askedIf.map { condition in
                let common = mappings[index].questions[condition.question]?.common ?? condition.question
                let codes = condition.codes.map { mappings[index].common($0, question: condition.question) }.sorted()
                return "\(common)=\(codes)"
            }.sorted()
        }
        if Set(conditions.map { $0.joined(separator: ";") }).count > 1 {
            notes.append("回答の対象者（該当者の条件）が調査によって異なるため、比較には注意が必要です。")
        }
        // A weighted wave whose weights are made from this question (or the question it is derived from): its
        // weighted shares are the population's, so a change from an unweighted wave is the sample's make-up.
        let weightedBy = wavesWeighted(by: common, present: present, sorted: sorted, tabs: tabs)
        if !weightedBy.isEmpty {
            let others = present.count > weightedBy.count
            notes.append(weightedBy.map { sorted[$0].wave.definition.label }.joined(separator: "・")
                         + "はこの設問（またはその元の設問）でウェイトを付けているため、その割合は母集団の構成に合わせた値です。"
                         + (others ? "ウェイトのない調査との差は標本の構成の違いを表し、実際の変化ではないため、差・検定・経年の傾向は示していません。" : ""))
        }
        let small = present.filter { tabs[$0]!.total.base < ReportDocument.referenceBase }
        if !small.isEmpty {
            notes.append(small.map { sorted[$0].wave.definition.label }.joined(separator: "・") + "は回答者数が\(ReportDocument.referenceBase)人未満のため、参考値です。")
        }
        return notes
    }

    /// The waves (of `present`) whose weights are made from question `common` or the question it is derived from:
    /// the `strata` question or a `rake` margin.
    private static func wavesWeighted(by common: String, present: [Int], sorted: [(wave: Wave, tabulation: WaveTabulation)],
                                      tabs: [Int: QuestionTabulation]) -> [Int] {
        present.filter { index in
            guard let tab = tabs[index] else { return false }
            let definition = sorted[index].wave.definition
            let margins: [String]
            switch definition.weights?.method {
            case .strata(let margin)?: margins = [margin.question.value]
            case .rake(let raking)?: margins = raking.margins.map(\.question.value)
            default: margins = []
            }
            return margins.contains(definition.rootSource(of: tab.question.id))
        }
    }

    /// The indicators within each district and each area (a derived question grouping the districts), in the latest
    /// wave's order of values; a wave without the axis has no value there.
    private static func indicatorsByBreak(_ indicators: [Indicator], sorted: [(wave: Wave, tabulation: WaveTabulation)],
                                          mappings: [WaveMapping]) -> [IndicatorBreak] {
        guard !indicators.isEmpty, let latest = sorted.last?.wave.definition,
              let district = latest.districts?.question.value, let districtQuestion = latest.anyQuestion(district) else { return [] }
        var axes: [(id: String, name: String, values: [(code: Int, label: String)])] = [
            (district, districtQuestion.label ?? districtQuestion.reportName, districtQuestion.choices.map { ($0.code, $0.label) }),
        ]
        for derived in latest.derived where derived.from.value == district {
            axes.append((derived.id, derived.text, derived.groups.enumerated().map { ($0.offset + 1, $0.element.label) }))
        }
        var result: [IndicatorBreak] = []
        for axis in axes {
            for value in axis.values {
                for indicator in indicators {
                    let measured = sorted.indices.map { index in
                        share(of: indicator, in: sorted[index].wave, mapping: mappings[index], axis: axis.id, value: value.code)
                    }
                    result.append(IndicatorBreak(axis: axis.id, axisName: axis.name, value: value.code, label: value.label,
                                                 result: evaluate(indicator, measured: measured, waves: sorted.map(\.wave.definition.wave),
                                                                  cityBaseline: false)))
                }
            }
        }
        return result
    }

    /// An indicator's statuses and tests from its count and base in each wave (`waves`: their keys, oldest first).
    /// `cityBaseline: false` (within a district) leaves out a baseline `value` from elsewhere, which is the city's.
    private static func evaluate(_ indicator: Indicator, measured: [CellCounts?], waves: [Int], cityBaseline: Bool) -> IndicatorResult {
        var baselineTenths: Int?
        var baselineWave: Int?
        var baselineYear: Int?
        switch indicator.baseline {
        case .wave(let key):
            baselineWave = key
            baselineYear = key
            if let index = waves.firstIndex(of: key), let value = measured[index] {
                baselineTenths = WaveCell(count: value.count, base: value.base, weighted: value.weighted).tenths
            }
        case .value(let value, let year):
            baselineTenths = cityBaseline ? PercentText.tenths(percent: value) : nil
            baselineYear = year
        }
        let baselineIndex = waves.firstIndex { $0 == baselineWave }
        let values = waves.indices.map { index -> IndicatorValue in
            let key = waves[index]
            let value = measured[index]
            var entry = IndicatorValue(wave: key, count: value?.count, base: value?.base, status: .notJudgeable, progress: nil,
                                       weighted: value?.weighted)
            if key == baselineWave {
                entry.status = value == nil ? .notJudgeable : .baseline
            } else if let baselineYear, key < baselineYear {
                entry.status = value == nil ? .notJudgeable : .beforeBaseline
            } else {
                (entry.status, entry.progress) = IndicatorResult.status(value: entry.tenths, baseline: baselineTenths, indicator: indicator)
            }
            guard let value else { return entry }
            let cell = { (counts: CellCounts) in WaveCell(count: counts.count, base: counts.base, weighted: counts.weighted) }
            if let baselineIndex, baselineIndex < index, let old = measured[baselineIndex] {
                entry.baselineChange = Change(fromWave: baselineIndex, previous: cell(old), cell: cell(value))
            }
            if let previous = measured[..<index].lastIndex(where: { $0 != nil }), let old = measured[previous] {
                entry.previousChange = Change(fromWave: previous, previous: cell(old), cell: cell(value))
            }
            return entry
        }
        return IndicatorResult(indicator: indicator, baselineTenths: baselineTenths, baselineWave: baselineWave, values: values)
    }
}

extension SeriesComparison {
    /// An indicator's count and base in one wave (nil when the wave lacks its question or nobody is eligible), within
    /// the respondents whose answer to `axis` (a single or derived question, by common code) is `value` when given.
    static func share(of indicator: Indicator, in wave: Wave, mapping: WaveMapping, axis: String? = nil, value: Int? = nil) -> CellCounts? {
        guard let waveID = mapping.waveID[indicator.question], let question = wave.definition.anyQuestion(waveID) else { return nil }
        let wanted = Set(indicator.choices)
        let positions = question.choices.indices.filter { wanted.contains(mapping.common(question.choices[$0].code, question: waveID)) }
        var within: (column: ResponseColumn<UInt16>, position: UInt16)?
        if let axis, let value {
            let axisID = mapping.waveID[axis] ?? axis
            guard let column = wave.responses.columns[axisID]?.choices else { return nil }
            let codes: [Int]
            if let derived = wave.definition.derived.first(where: { $0.id == axisID }) {
                codes = derived.groups.indices.map { $0 + 1 }
            } else if let axisQuestion = wave.definition.anyQuestion(axisID) {
                codes = axisQuestion.choices.map { mapping.common($0.code, question: axisID) }
            } else {
                return nil
            }
            guard let position = codes.firstIndex(of: value) else { return nil }
            within = (column, UInt16(position + 1))
        }
        let share = wave.responses.shareChoosingAny(of: waveID, positions: positions, within: within)
        return share.base > 0 ? share : nil
    }
}

extension WaveTabulation {
    /// The tabulation of a question by id.
    func question(_ id: String) -> QuestionTabulation? {
        questions.first { $0.question.id == id }
    }
}

extension ResponseTable {
    /// Eligible respondents, and how many of them chose any of the choices at `positions` (0-based); only the rows
    /// whose `within.column` holds `within.position` when given. In a weighted wave also the weighted share with its
    /// design-based standard error (`WeightedProportion`).
    func shareChoosingAny(of question: String, positions: [Int],
                          within: (column: ResponseColumn<UInt16>, position: UInt16)? = nil) -> SeriesComparison.CellCounts {
        var count = 0, base = 0
        let sizes = weightStrataSizes
        let strata = weightStrata?.column
        var sums = [WeightedProportion.StratumSums](repeating: .init(size: 0, respondents: 0, chosen: 0, chosenSquares: 0, base: 0, baseSquares: 0),
                                                    count: sizes.count)
        for s in sizes.indices { sums[s].size = sizes[s] }
        func counted(_ row: Int) -> Bool {
            isEligible(row, for: question) && within.map { $0.column[row] == $0.position } ?? true
        }
        func add(_ row: Int, chosen: Bool) {
            base += 1
            if chosen { count += 1 }
            guard let weights else { return }
            let w = weights[row], s = Int(strata?[row] ?? 0)
            sums[s].respondents += 1
            sums[s].base += w
            sums[s].baseSquares += w * w
            if chosen {
                sums[s].chosen += w
                sums[s].chosenSquares += w * w
            }
        }
        if let coded = columns[question]?.choices {
            let wanted = Set(positions.map { UInt16($0 + 1) })
            for row in 0..<self.count where counted(row) { add(row, chosen: wanted.contains(coded[row])) }
        } else if let selections = columns[question]?.selections {
            var mask: UInt64 = 0
            for position in positions { mask |= 1 << UInt64(position) }
            for row in 0..<self.count where counted(row) { add(row, chosen: selections[row] & mask != 0) }
        }
        return (count, base, weights == nil ? nil : WeightedProportion(strata: sums))
    }
}
