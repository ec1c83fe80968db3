import SurveyDefinition
import SurveyReports
import SurveyTabulation

/// The comparison report as blocks: waves, indicators, then each matched question side by side.
///
/// Differences printed and quoted are those of the printed one-decimal values, so every sentence
/// can be checked against its table by subtraction.
public struct ComparisonReport {
    let comparison: SeriesComparison

    /// Prepares the report of a comparison.
    public init(_ comparison: SeriesComparison) {
        self.comparison = comparison
    }

    /// The report's title.
    public var title: String { "\(comparison.title) 経年比較" }

    /// The whole document.
    public var blocks: [ReportBlock] {
        var out: [ReportBlock] = [
            .heading(level: 1, text: title),
            .paragraph(comparison.waves.map(\.label).joined(separator: "・") + "の比較"),
            .heading(level: 2, text: "1 比較する調査"),
            .table(ReportTable(caption: "比較する調査", header: ["調査", "年度", "有効回収数"],
                               rows: comparison.waves.map { [$0.label, String($0.key), CountText.grouped($0.respondents)] })),
        ]
        out += indicatorBlocks
        out.append(.heading(level: 2, text: "3 設問ごとの比較"))
        out.append(.list([
            "比率（％）は各調査の回答者数（該当者のみの設問は該当者数）を基数とし、小数第2位を四捨五入しています。",
            "「差」は前回調査との差（ポイント）で、表示された比率どうしの差です。",
            "「95％信頼区間」は差の95％信頼区間（ポイント）です。区間が0をまたぐときは、差が標本誤差で説明できる大きさであるため「誤差の範囲内」としています。",
            "「▲」「▼」は、2つの比率の差の検定（z検定）で5％水準の有意な増加・減少で、かつ信頼区間が0をまたがないものを示します。",
            numberNote + "自由記述の設問は回答のあった人の割合を比べています。",
        ] + (comparison.waves.count >= 3 ? [
            "「経年の傾向」は3回以上の調査で尋ねた設問について、各選択肢の割合が調査の順に一方向へ変化しているかを、傾向検定（コクラン・アーミテージ検定、5％水準）で確かめたものです。有意でないものは「誤差の範囲内」としています。",
        ] : []) + weightingNotes))
        for question in comparison.questions { out += section(question) }
        if !comparison.unmatched.isEmpty {
            out.append(.heading(level: 2, text: "4 一部の調査にのみある設問"))
            out.append(.list(comparison.unmatched.map { entry in
                let labels = entry.waves.compactMap { key in comparison.waves.first { $0.key == key }?.label }
                return Question.heading(name: entry.name, text: entry.text) + "（\(labels.joined(separator: "・"))のみ）"
            }))
        }
        return out
    }

    /// How number questions are compared: Welch's t test between unweighted waves; with a weighted wave, the z-test
    /// of the weighting notes (so the note does not name a test that no printed change used).
    private var numberNote: String {
        guard comparison.waves.contains(where: \.isWeighted) else {
            return "数値で答える設問は平均値と中央値を比べ、平均値の差をウェルチのt検定で検定しています。"
        }
        return "数値で答える設問は平均値と中央値を比べ、平均値の差を検定しています（ウェイトのない調査どうしはウェルチのt検定、ウェイト付きの調査を含む比較は下記のz検定）。"
    }

    /// What changes when a wave is weighted: which waves, what their figures are, how they are tested.
    private var weightingNotes: [String] {
        let weighted = comparison.waves.filter(\.isWeighted).map(\.label)
        guard !weighted.isEmpty else { return [] }
        let names = weighted.joined(separator: "・")
        var notes = [
            "\(names)はウェイト付き集計です。比率・平均値・中央値（成果指標の値を含む）は母集団の構成に合わせたウェイト付きの推計値で、回答者数（n）は実際の人数です（ウェイトの作り方は各調査の報告書の「報告書の見方」を参照）。",
            "\(names)を含む比較の差の検定と95％信頼区間は、各調査の標準誤差（ウェイト付きの調査は標本設計に基づく値、ウェイトのない調査は単純無作為抽出とみなした値）から求めたz検定と信頼区間です。数値の平均値の差も同じ方法で検定しています。",
        ]
        if weighted.count < comparison.waves.count {
            notes.append("ウェイトの有無が調査によって異なるため、\(names)とウェイトのない調査との差には、実際の変化のほかに集計方法（ウェイト付けの有無）の違いも含まれます。比較する調査をそろえて同じ方法でウェイト付けすると、この違いはなくなります。")
        }
        if comparison.waves.count >= 3 {
            notes.append("\(names)を含む「経年の傾向」は、その調査の比率をウェイト付きの推計値とし、回答者数をデザイン効果で割った有効回答者数に置き換えて傾向検定を行っています（ラオ・スコットの方法）。")
        }
        return notes
    }

    // MARK: Indicators

    private var indicatorBlocks: [ReportBlock] {
        guard !comparison.indicators.isEmpty else { return [] }
        let header = ["指標", "基準値"] + comparison.waves.map(\.label) + ["目標値", "許容幅", "判定"]
        var rows: [[String]] = []
        var readings: [String] = []
        var untested = false
        for result in comparison.indicators {
            let indicator = result.indicator
            var baseline = result.baselineTenths.map { TenthsText.format($0) + "％" } ?? "-"
            if case .value(_, let year?) = indicator.baseline { baseline += "（\(year)年）" }
            let target = (PercentText.tenths(percent: indicator.target).map { TenthsText.format($0) + "％" } ?? "-") + (indicator.targetYear.map { "（\($0)年）" } ?? "")
            let tolerance = PercentText.tenths(percent: indicator.tolerance).map { "±" + TenthsText.format($0) + "ポイント" } ?? "-"
            let (status, external, latest) = statusText(result)
            if external { untested = true }
            rows.append([indicator.name, baseline] + result.values.map { $0.tenths.map { TenthsText.format($0) + "％" } ?? "-" }
                        + [target, tolerance, status])
            readings.append(reading(result, latest: latest))
        }
        var blocks: [ReportBlock] = [
            .heading(level: 2, text: "2 成果指標の評価"),
            .table(ReportTable(caption: "成果指標", header: header, rows: rows)),
            .list(readings),
            .paragraph("判定は、目標値に達していれば「達成」（基準値がなくても）、基準値から指標ごとの許容幅（表の「許容幅」）を超えて良い方向に変化していれば「改善」、悪い方向なら「悪化」、その間は「現状維持」としています。"
                       + "判定とは別に、基準値とした調査・前回調査からの変化が標本誤差を超えるかを、2つの比率の差の検定（z検定、5％水準）と差の95％信頼区間で確かめています。"
                       + "「改善」「悪化」でも変化が誤差の範囲内であれば、判定に「（誤差の範囲内）」と添えています。"),
        ]
        if comparison.indicators.contains(where: { $0.values.contains { $0.status == .beforeBaseline } }) {
            blocks.append(.paragraph("基準値より前の調査の値は経過を示す参考値で、判定の対象ではありません（indicators.csv の判定は「参考」）。"))
        }
        if untested {
            blocks.append(.paragraph("※ 基準値が調査外の値のため、基準値からの変化が標本誤差を超えるかは検定できません。前回調査からの変化は各指標の説明のとおりです。"))
        }
        return blocks + breakBlocks
    }

    /// Per indicator, a table of its value in each district and area across the waves, with the status there.
    private var breakBlocks: [ReportBlock] {
        guard !comparison.indicatorsByBreak.isEmpty else { return [] }
        let axisNames = comparison.indicatorsByBreak.reduce(into: [String]()) { names, entry in
            if !names.contains(entry.axisName) { names.append(entry.axisName) }
        }
        var blocks: [ReportBlock] = [
            .heading(level: 3, text: axisNames.joined(separator: "・") + "別の成果指標"),
            .paragraph("各指標を\(axisNames.joined(separator: "・"))ごとに、その回答者を基数として評価しています。基準値は基準とした調査の同じ\(axisNames.first ?? "")の値で、判定の規則と許容幅は市全体と同じです。"
                       + "基準値が調査外の値（市全体の値）の指標は、目標値に達していれば「達成」、そうでなければ「判定不可」です。"
                       + "回答者数が\(ReportDocument.referenceBase)人未満の値には「\(ReportDocument.referenceMark)」を付け参考値とし、\(ReportDocument.suppressedBase)人未満は「\(ReportDocument.suppressedMark)」としています。"
                       + "地区ごとの回答者数は市全体より少ないため、「改善」「悪化」の多くは誤差の範囲内です。"),
        ]
        for result in comparison.indicators {
            let entries = comparison.indicatorsByBreak.filter { $0.result.indicator.id == result.indicator.id }
            guard !entries.isEmpty else { continue }
            let header = ["地区・圏域"] + comparison.waves.map(\.label) + ["判定"]
            let rows = entries.map { entry in
                [entry.label] + entry.result.values.map(valueText) + [statusText(entry.result).text]
            }
            let target = PercentText.tenths(percent: result.indicator.target).map { "目標値 " + TenthsText.format($0) + "％" } ?? "目標値なし"
            blocks.append(.paragraph("■ \(result.indicator.name)（\(target)）"))
            blocks.append(.table(ReportTable(caption: result.indicator.name, header: header, rows: rows)))
        }
        return blocks
    }

    /// An indicator's value in a wave: 「12.3％」, with 「※」 under 30 respondents, 「x」 under 10, 「-」 without data.
    private func valueText(_ value: IndicatorValue) -> String {
        guard let base = value.base, let tenths = value.tenths else { return "-" }
        if base < ReportDocument.suppressedBase { return ReportDocument.suppressedMark }
        return TenthsText.format(tenths) + "％" + (base < ReportDocument.referenceBase ? ReportDocument.referenceMark : "")
    }

    /// The latest judged status, with 「（誤差の範囲内）」 when a 改善/悪化 against a baseline wave is within sampling
    /// error, or 「※」 (`untested`) when the baseline is a value from elsewhere.
    private func statusText(_ result: IndicatorResult) -> (text: String, untested: Bool, latest: IndicatorValue?) {
        let latest = result.values.last { $0.status != .notJudgeable } ?? result.values.last
        var status = latest?.status.rawValue ?? "判定不可"
        var untested = false
        if let latest, latest.status == .improved || latest.status == .worsened {
            if let change = latest.baselineChange {
                if change.isWithinSamplingError { status += "（誤差の範囲内）" }
            } else {
                status += "※"
                untested = true
            }
        }
        return (status, untested, latest)
    }

    private func reading(_ result: IndicatorResult, latest: IndicatorValue?) -> String {
        let name = result.indicator.name
        guard let latest, let value = latest.tenths else { return "\(name)は、比較できる回答がないため判定できません。" }
        let label = waveLabel(latest.wave)
        if latest.status == .baseline { return "\(name)は\(label)の\(TenthsText.format(value))％を基準値としています。" }
        if latest.status == .beforeBaseline { return "\(name)は基準値より前の調査にしか回答がないため判定できません。" }
        let target = PercentText.tenths(percent: result.indicator.target).map { TenthsText.format($0) + "％" } ?? "-"
        guard let baseline = result.baselineTenths else {
            let noBaseline: String
            if case .wave(let key) = result.indicator.baseline {
                noBaseline = "基準値とする\(waveLabel(key))にこの設問がないため、基準値はありません"
            } else {
                noBaseline = "基準値はありません"
            }
            if latest.status == .achieved {
                return "\(name)は\(label)で\(TenthsText.format(value))％となり、目標値（\(target)）に達しているため「達成」と判定されます（\(noBaseline)）。"
                    + previousText(latest)
            }
            return "\(name)は\(label)で\(TenthsText.format(value))％ですが、\(noBaseline)。目標値（\(target)）にも達していないため判定できません。" + previousText(latest)
        }
        let difference = value - baseline
        let movement = difference == 0 ? "基準値（\(TenthsText.format(baseline))％）と同じで"
            : "基準値（\(TenthsText.format(baseline))％）から\(TenthsText.format(abs(difference)))ポイント\(difference > 0 ? "上昇" : "低下")し"
        var text = "\(name)は\(label)で\(TenthsText.format(value))％となり、\(movement)、「\(latest.status.rawValue)」と判定されます。"
        if let change = latest.baselineChange {
            text += "基準値からの変化は" + verdict(change) + "。"
        } else if difference != 0 {
            text += "基準値が調査外の値のため、この変化が標本誤差を超えるかは検定できません。"
        }
        if latest.previousChange?.fromWave != latest.baselineChange?.fromWave { text += previousText(latest) }
        return text
    }

    /// 「前回調査（平成30年度調査）からの変化は誤差の範囲内です（…）。」, or nothing without a previous wave.
    private func previousText(_ value: IndicatorValue) -> String {
        guard let change = value.previousChange else { return "" }
        return "前回調査（\(comparison.waves[change.fromWave].label)）からの変化は" + verdict(change) + "。"
    }

    /// 「標本誤差を超えています（95％信頼区間 -9.2～-2.6ポイント、p < 0.001）」 or 「誤差の範囲内です（…）」.
    private func verdict(_ change: Change) -> String {
        var detail: [String] = []
        if let interval = change.intervalPoints {
            detail.append("95％信頼区間 " + PercentText.signed(interval.low, places: 1) + "～" + PercentText.signed(interval.high, places: 1) + "ポイント")
        }
        if let pValue = change.pValue {
            let p = PercentText.pValue(pValue)
            detail.append(p.hasPrefix("<") ? "p " + p : "p = " + p)
        }
        let suffix = detail.isEmpty ? "" : "（" + detail.joined(separator: "、") + "）"
        return (change.isBeyondSamplingError ? "標本誤差を超えています" : "誤差の範囲内です") + suffix
    }

    private func waveLabel(_ key: Int) -> String {
        comparison.waves.first { $0.key == key }?.label ?? "\(key)年度調査"
    }

    // MARK: Questions

    private func section(_ question: ComparedQuestion) -> [ReportBlock] {
        var blocks: [ReportBlock] = [.heading(level: 3, text: Question.heading(name: question.name, text: question.text))]
        let waves = question.waveIndices
        // The trend across waves: a column when three or more waves asked the question.
        let trended = waves.count >= 3
        // With three or more waves in the comparison, n goes on a row of its own (回答者数) so that the wider table
        // still keeps every cell on one line in Word; with two, in the header as before.
        let nRow = comparison.waves.count >= 3
        let bases = waves.map { index in
            let base = question.rows.first?.cells[index]?.base ?? 0
            return CountText.grouped(base) + (base < ReportDocument.referenceBase ? ReportDocument.referenceMark : "")
        }
        let header = [question.type == .number || question.type == .text ? "項目" : "選択肢"] + waves.indices.map { position in
            nRow ? comparison.waves[waves[position]].label : "\(comparison.waves[waves[position]].label)（n=\(bases[position])）"
        } + [question.type == .number ? "差" : "差（ポイント）", "95％信頼区間"] + (trended ? ["経年の傾向"] : [])
        var rows: [[String]] = nRow ? [["回答者数（n）"] + bases + ["-", "-"]] : []
        if question.type == .number { rows += numberRows(question) }
        if question.type == .text, let answered = question.rows.first(where: { $0.kind == .text }) {
            rows.append(["回答数（件）"] + waves.map { answered.cells[$0].map { CountText.grouped($0.count) } ?? "-" } + ["-", "-"])
        }
        if trended { rows = rows.map { $0 + ["-"] } }
        for row in question.rows {
            var cells = [row.label]
            for index in waves { cells.append(percentText(row.cells[index])) }
            cells.append(differenceText(row, waves: waves))
            cells.append(intervalText(row))
            if trended { cells.append(trendText(row)) }
            rows.append(cells)
        }
        blocks.append(.table(ReportTable(caption: question.name, header: header, rows: rows)))
        if question.type != .number && question.type != .text {
            blocks.append(.chart(file: "\(question.id).svg", svg: chart(question), caption: "図　\(question.name)"))
        }
        let draft = (question.type == .number ? numberSentence(question) : sentence(question)) + trendSentence(question)
        if !draft.isEmpty { blocks.append(.draft(draft)) }
        if question.type != .number, let line = scoreLine(question) { blocks.append(.paragraph(line)) }
        if !question.notes.isEmpty { blocks.append(.list(question.notes.map { "注：" + $0 })) }
        return blocks
    }

    /// 平均 and 中央値 rows of a number question (in its unit), with the change of the mean and its interval.
    private func numberRows(_ question: ComparedQuestion) -> [[String]] {
        let waves = question.waveIndices
        let latest = question.numbers.last { $0 != nil } ?? nil
        func value(_ number: Double?) -> String { number.map { PercentText.number($0) } ?? "-" }
        var mean = ["平均（\(question.unit ?? "")）"], median = ["中央値（\(question.unit ?? "")）"]
        if question.unit == nil { mean = ["平均"]; median = ["中央値"] }
        for index in waves {
            mean.append(value(question.numbers[index]?.mean))
            median.append(value(question.numbers[index]?.median))
        }
        guard let latest, let change = latest.change, let old = question.numbers[change.fromWave] else {
            return [mean + ["-", "-"], median + ["-", "-"]]
        }
        // Each difference at the precision of the two figures printed beside it (whole medians: a whole difference).
        func difference(_ old: Double?, _ new: Double?) -> String {
            guard let old, let new else { return "-" }
            return PercentText.numberDifference(from: old, to: new)
        }
        mean.append(difference(old.mean, latest.mean) + (change.isBeyondSamplingError ? (change.meanDifference > 0 ? "▲" : "▼") : ""))
        mean.append(change.interval.map { intervalText(low: $0.lower, high: $0.upper, places: 2, within: change.isWithinSamplingError) } ?? "-")
        median.append(difference(old.median, latest.median))
        median.append("-")
        return [mean, median]
    }

    /// The draft sentence of a number question: the mean's change and whether it is beyond sampling error.
    private func numberSentence(_ question: ComparedQuestion) -> String {
        guard let newIndex = question.numbers.lastIndex(where: { $0 != nil }), let new = question.numbers[newIndex],
              let change = new.change, let old = question.numbers[change.fromWave],
              let newMean = new.mean, let oldMean = old.mean else {
            return "平均値を比較できる回答がありません。"
        }
        let from = comparison.waves[change.fromWave].label
        let text = "平均は\(Question.withUnit(PercentText.number(newMean), unit: question.unit))で、前回調査（\(from)）の\(Question.withUnit(PercentText.number(oldMean), unit: question.unit))"
        guard let pValue = change.pValue else { return text + "と比べています（検定できる回答数がありません）。" }
        let p = (change.designTest != nil ? "標本設計に基づく標準誤差によるz検定" : "ウェルチのt検定") + "、" + pText(pValue)
        if change.isBeyondSamplingError {
            return text + "から\(change.meanDifference > 0 ? "増加" : "減少")しています（\(p)）。"
        }
        return text + "との差は誤差の範囲内です（\(p)）。"
    }

    /// The mean score of a scored scale across waves, e.g. 「平均得点：3.10 → 3.05（差 -0.05、誤差の範囲内）」.
    private func scoreLine(_ question: ComparedQuestion) -> String? {
        let cells = question.waveIndices.compactMap { question.numbers[$0] }
        guard cells.count >= 2, let change = cells.last?.change, let new = cells.last?.mean,
              let old = question.numbers[change.fromWave]?.mean else { return nil }
        let values = cells.map { $0.mean.map { PercentText.decimal($0, places: 2) } ?? "-" }.joined(separator: " → ")
        let verdict = change.isBeyondSamplingError ? "5％水準で有意" : "誤差の範囲内"
        return "平均得点：\(values)（差 \(PercentText.difference(from: old, to: new, places: 2))、\(verdict)）"
    }

    /// The trend test of a row across the waves: 「増加傾向」「減少傾向」 (significant at 5 %), 「誤差の範囲内」, or 「-」.
    /// Short, so that a table of three waves stays on one line per row in Word; p is in trend.csv and the sentence.
    private func trendText(_ row: ComparedRow) -> String {
        guard let trend = row.trend else { return "-" }
        guard trend.isSignificant else { return "誤差の範囲内" }
        return trend.test.slope > 0 ? "増加傾向" : "減少傾向"
    }

    /// 「p < 0.001」 or 「p = 0.012」.
    private func pText(_ p: Double) -> String {
        let text = PercentText.pValue(p)
        return text.hasPrefix("<") ? "p " + text : "p = " + text
    }

    /// The strongest significant trend across three or more waves, quoting the printed shares, e.g.
    /// 「3回の調査を通じてみると、『ほとんどつきあいはない』は6.8％→9.5％→14.7％と増加傾向にあります（傾向検定、p < 0.001）。」;
    /// nothing when no row has one, or a wave's base is under 30.
    private func trendSentence(_ question: ComparedQuestion) -> String {
        var best: (row: ComparedRow, trend: Trend)?
        for row in question.rows where row.kind != .nonresponse {
            guard let trend = row.trend, trend.isSignificant,
                  trend.waveIndices.allSatisfy({ (row.cells[$0]?.base ?? 0) >= ReportDocument.referenceBase }) else { continue }
            if best == nil || abs(trend.test.slope) > abs(best!.trend.test.slope) { best = (row, trend) }
        }
        guard let best else { return "" }
        let shares = best.trend.waveIndices.compactMap { index in
            best.row.cells[index].flatMap(\.tenths).map { TenthsText.format($0) + "％" }
        }
        return "\(best.trend.waveIndices.count)回の調査を通じてみると、『\(best.row.label)』は\(shares.joined(separator: "→"))と"
            + "\(best.trend.test.slope > 0 ? "増加" : "減少")傾向にあります（傾向検定、\(pText(best.trend.test.pValue))）。"
    }

    /// The 95 % interval of the last change in points, e.g. 「-0.5～+3.0（誤差の範囲内）」.
    private func intervalText(_ row: ComparedRow) -> String {
        guard let (old, new, change) = lastChange(row), printedDifference(old, new) != nil,
              let interval = change.intervalPoints else { return "-" }
        return intervalText(low: interval.low, high: interval.high, places: 1, within: change.isWithinSamplingError)
    }

    private func intervalText(low: Double, high: Double, places: Int, within: Bool) -> String {
        PercentText.signed(low, places: places) + "～" + PercentText.signed(high, places: places) + (within ? "（誤差の範囲内）" : "")
    }

    private func percentText(_ cell: WaveCell?) -> String {
        guard let cell else { return "-" }
        if cell.base < ReportDocument.suppressedBase { return ReportDocument.suppressedMark }
        return cell.tenths.map(TenthsText.format) ?? "-"
    }

    /// The printed difference between the last two waves that have the row, e.g. 「+5.2▲」.
    private func differenceText(_ row: ComparedRow, waves: [Int]) -> String {
        guard let (old, new, change) = lastChange(row), let text = printedDifference(old, new) else { return "-" }
        let signed = PercentText.signed(Double(text.tenths) / 10, places: 1)
        guard change.isBeyondSamplingError else { return signed }
        return signed + ((change.z ?? 0) > 0 ? "▲" : "▼")
    }

    private func lastChange(_ row: ComparedRow) -> (old: WaveCell, new: WaveCell, change: Change)? {
        guard let newIndex = row.cells.lastIndex(where: { $0 != nil }), let new = row.cells[newIndex], let change = new.change,
              let old = row.cells[change.fromWave] else { return nil }
        return (old, new, change)
    }

    private func printedDifference(_ old: WaveCell, _ new: WaveCell) -> (tenths: Int, old: Int, new: Int)? {
        guard old.base >= ReportDocument.suppressedBase, new.base >= ReportDocument.suppressedBase,
              let oldTenths = old.tenths, let newTenths = new.tenths else { return nil }
        return (newTenths - oldTenths, oldTenths, newTenths)
    }

    /// The largest significant change, in the register of these reports; nothing cites a base under 30.
    private func sentence(_ question: ComparedQuestion) -> String {
        var best: (row: ComparedRow, old: Int, new: Int, difference: Int, from: Int)?
        for row in question.rows where row.kind != .nonresponse {
            guard let (old, new, change) = lastChange(row), change.isBeyondSamplingError,
                  old.base >= ReportDocument.referenceBase, new.base >= ReportDocument.referenceBase,
                  let printed = printedDifference(old, new), printed.tenths != 0 else { continue }
            if best == nil || abs(printed.tenths) > abs(best!.difference) {
                best = (row, printed.old, printed.new, printed.tenths, change.fromWave)
            }
        }
        let previous = question.waveIndices.count > 1 ? question.waveIndices[question.waveIndices.count - 2] : 0
        // The weighting question of the latest wave and not of the one before: nothing to say of a change (the note
        // says why).
        if best == nil, let latest = question.waveIndices.last, let row = question.rows.first,
           row.cells[latest]?.isWeightingMargin != row.cells[previous]?.isWeightingMargin {
            return ""
        }
        guard let best else {
            return "前回調査（\(comparison.waves[previous].label)）と比べて、統計的に有意な変化はみられません。"
        }
        let from = comparison.waves[best.from].label
        return "『\(best.row.label)』は\(TenthsText.format(best.new))％で、前回調査（\(from)）の\(TenthsText.format(best.old))％から"
            + "\(TenthsText.format(abs(best.difference)))ポイント\(best.difference > 0 ? "増加" : "減少")しています。"
    }

    private func chart(_ question: ComparedQuestion) -> String {
        let series = question.waveIndices.map { index in
            Chart.Series(name: comparison.waves[index].label,
                         cells: question.rows.map { row in row.cells[index].map { ($0.count, $0.base) } }, colour: index,
                         percents: comparison.waves[index].isWeighted ? question.rows.map { $0.cells[index]?.percent } : nil)
        }
        return Chart.groupedBars(title: Question.heading(name: question.name, text: question.text), categories: question.rows.map(\.label), series: series)
    }

    /// Every file of the comparison, relative to `<out>/<series>/compare/`.
    /// `pictures` draws the charts for report.docx (default: rsvg-convert; `{ _ in [:] }` leaves them out).
    public func files(pictures: DocxRenderer.Pictures = SVGRasterizer.pictures) throws -> [(path: String, bytes: [UInt8])] {
        var files: [(String, [UInt8])] = ComparisonCSV(comparison).documents.map { ($0.name, $0.document.bytes) }
        let blocks = self.blocks
        files.append(("report.md", Array(MarkdownRenderer.render(blocks).utf8)))
        files.append(("report.html", Array(HTMLRenderer.render(blocks, title: title).utf8)))
        files.append(("tables.xlsx", try TablesWorkbook.bytes(blocks, title: title)))
        files.append(("report.docx", try DocxRenderer.render(blocks, title: title, images: try pictures(DocxRenderer.charts(blocks)))))
        for block in blocks {
            if case .chart(let file, let svg, _) = block { files.append(("charts/\(file)", Array(svg.utf8))) }
        }
        return files
    }
}
