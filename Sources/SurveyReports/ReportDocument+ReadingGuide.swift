import SurveyDefinition
import SurveyStatistics
import SurveyTabulation

extension ReportDocument {
    /// 報告書の見方's paragraph on the weights, when the wave declares `weights:`: how they were made, Kish's
    /// effective sample size, what is weighted (percentages, charts, sentences) and that n is the actual count.
    var weightingText: String? {
        guard let method = weightsMethodText else { return nil }
        var text = method
        if let kish = tabulation.responseRates.first, let effective = kish.effectiveSize, let deff = kish.designEffect {
            text += "ウェイトのばらつきによる有効標本数は約\(CountText.grouped(Int(effective.rounded())))人（デザイン効果\(PercentText.decimal(deff, places: 2))）で、標本誤差早見表はこれを考慮しています。"
        }
        return text + Self.weightedSharesText(of: "本報告書の表・グラフ・本文")
            + "クロス集計の検定と「▲」「▼」も、ウェイトと抽出のデザインを考慮した方法によります（下記）。"
    }

    /// What the percentages of `subject` are when the wave is weighted: weighted shares beside actual counts.
    static func weightedSharesText(of subject: String) -> String {
        subject + "の比率（％）はウェイトを用いた比率（ウェイト付き集計）で、「n」と件数は実際の回答者数（ウェイトを用いない人数）です。"
            + "このため、件数どうしの割り算は表の比率と一致しません。"
    }

    /// tables.xlsx's note on its first sheet, when the wave is weighted: how the weights were made and what is weighted.
    public var workbookWeightingText: String? {
        weightsMethodText.map { $0 + Self.weightedSharesText(of: "この集計表") }
    }

    /// Under each weighted table of percentages in tables.xlsx (report.md says it once, in 報告書の見方).
    static let weightedTableNote = "（比率はウェイト付き、nは実際の回答者数）"

    /// How the weights were made, when the wave declares `weights:` (the first sentence of `weightingText`).
    var weightsMethodText: String? {
        let definition = tabulation.definition
        guard let weights = definition.weights else { return nil }
        func name(_ id: String) -> String { definition.anyQuestion(id).map { "「\($0.displayName)」" } ?? id }
        var text: String
        switch weights.method {
        case .column(let column):
            text = "集計には、データのウェイト列「\(column.value)」の値を回答者ごとのウェイトとして用いています。"
        case .strata(let margin):
            text = "この調査は\(name(margin.question.value))ごとに抽出率が異なるため、\(name(margin.question.value))ごとに「母集団の人数 ÷ 回答者数」を"
                + "ウェイトとしています（\(name(margin.question.value))が無回答の方は、母集団の総数 ÷ \(name(margin.question.value))の回答者数）。"
        case .rake(let raking):
            text = "ウェイトは、" + raking.margins.map { name($0.question.value) }.joined(separator: "・")
                + "の母集団の構成に合うよう、反復比例調整（レイキング）で作成しています"
                + (raking.trim.map { "（平均の\(PercentText.decimal($0.lower, places: 1))倍～\(PercentText.decimal($0.upper, places: 1))倍に収まるよう調整）" } ?? "") + "。"
        }
        return text
    }

    /// 報告書の見方: bases, rounding, symbols, marks and tests, how sentences are chosen, and the 標本誤差早見表.
    var readingGuide: [ReportBlock] {
        let questions = tabulation.questions
        let usesMultiple = questions.contains { $0.question.type == .multiple }
        let usesAskedIf = questions.contains { !$0.question.askedIf.isEmpty }
        let usesNets = questions.contains { $0.total.rows.contains(where: isNet) }
        var lines: [String] = []
        if !tabulation.definition.subset.isEmpty {
            lines.append("この報告書は、回答者のうち\(conditionsText(tabulation.definition.subset, of: "回答者"))（\(CountText.grouped(tabulation.respondents))人）だけを集計したものです。"
                         + "比率の基数も、この方々のうちの回答者数です。回収率は調査全体についての値のため示していません。")
        }
        if let weighting = weightingText { lines.append(weighting) }
        lines.append("「n」は回答者数（集計の基数）です。該当者のみに尋ねた設問では、該当者の数を基数としています。")
        lines.append("比率（％）は基数に対する百分率で、小数第2位を四捨五入しています。このため、単一回答の設問でも合計が100.0％にならない場合があります。")
        if usesMultiple {
            lines.append("複数回答の設問は、回答者数を基数とした比率のため、合計が100.0％を超えます（全体の比率欄は「\(Self.notApplicableMark)」としています）。")
        }
        if usesNets {
            let summed = tabulation.definition.weights == nil ? "件数" : "件数（ウェイト付きの比率ではウェイトの合計）"
            lines.append("「（計）」の比率は、該当する選択肢の\(summed)を合計してから算出しているため、表中の各選択肢の比率の合計と一致しない場合があります。")
        }
        lines.append("表中の記号は次のとおりです。「\(Self.nobodyMark)」：該当する回答者がいない（0人）、「0.0」：0.05％未満、「\(Self.notApplicableMark)」：該当しない（基数が0人など、比率を計算できない）、"
                     + "「\(Self.referenceMark)」（nの後）：基数が\(Self.referenceBase)人未満のため参考値、「\(Self.suppressedMark)」：基数が\(Self.suppressedBase)人未満のため比率を表示しない。")
        lines.append("クロス集計では、属性が無回答の方を除いています。「全体」の行は、属性が無回答の方を含む回答者全体の比率です。")
        let adjusts = tabulation.definition.multipleTesting == .benjaminiHochberg
        let pUsed = adjusts ? "p値（下記の調整後）" : "p値"
        if tabulation.definition.weights != nil {
            lines.append("クロス集計の「▲」「▼」は、検定の\(pUsed)が5％未満で、その集団のウェイト付き比率とほかの集団（属性が無回答の方を除く）のウェイト付き比率の差を標準誤差で割った値（z値）が+1.96を上回り全体の比率より高い（▲）、"
                         + "または−1.96を下回り全体の比率より低い（▼）セルを示します。標準誤差は、ウェイトと層（\(strataName)）ごとの抽出を考慮した線形化法によります"
                         + (isStratified ? "（回答者が1人だけの層は、層の平均の代わりに全体の平均を中心として分散に加えています。Rのsurveyパッケージの lonely.psu = \"adjust\" と同じ方法です）。" : "。")
                         + "基数が\(Self.suppressedBase)人未満の集団には付けていません。複数回答の設問では、選択肢ごとに（選んだ・選ばなかった）の検定を行っています。")
            lines.append("検定は、ウェイトと抽出のデザインを考慮したRao–Scott補正カイ二乗検定（F検定）によります（正確検定は用いません）。"
                         + "年齢などの傾向検定と数値の設問の検定（クラスカル・ウォリス検定）も、ウェイトと抽出のデザインを考慮した検定（デザインベースの検定）によります。"
                         + "ウェイトを用いない検定の結果は tests.csv の chi-square、trend、kruskal-wallis の行にあります。")
        } else {
            lines.append("クロス集計の「▲」「▼」は、検定の\(pUsed)が5％未満で、調整済み残差が+1.96を上回り全体の比率より高い（▲）、または−1.96を下回り全体の比率より低い（▼）セルを示します。"
                         + "基数が\(Self.suppressedBase)人未満の集団には付けていません。複数回答の設問では、選択肢ごとに（選んだ・選ばなかった）の検定を行っています。")
            lines.append("検定はカイ二乗検定によります。期待度数5未満のセルが2割を超える（または1未満のセルがある）表ではカイ二乗検定の近似が不確かなため、"
                         + "正確検定（フィッシャーの正確確率検定。計算量の大きい表ではモンテカルロ法）のp値を用い、その旨を検定結果の行に記しています。正確検定のp値も得られない場合は参考値としています。")
        }
        if adjusts {
            lines.append("1回の調査で多数の検定を行うため、偶然による「有意差」が紛れ込まないよう、調査全体の検定のp値をBenjamini–Hochberg法で調整し（偽発見率の制御）、調整後のp値が0.05未満のものを「5％水準で有意」としています。")
        }
        if questions.contains(where: { $0.crossTabs.contains { $0.axis.isOrdered } }) {
            let trendTest = tabulation.definition.weights == nil ? "コクラン・アーミテージの傾向検定"
                : "傾向検定（ウェイト付きの比率の、属性の区分の順番（1, 2, 3, …）に対する回帰直線の傾きの検定。標準誤差は線形化法）"
            lines.append("年齢など順序のある属性では、選択肢ごとに\(trendTest)を行い、有意な傾向があり、最初と最後の区分（基数\(Self.referenceBase)人以上）の比率が同じ向きに\(Self.citedDifference)ポイント以上異なる場合に「年齢が高くなるほど…の割合が高くなる傾向がみられます」と記述しています（居住年数など期間の区分では「長くなるほど」、人数などでは「多くなるほど」）。")
        }
        if questions.contains(where: { $0.question.type == .number && !$0.crossTabs.isEmpty }) {
            let rankTest = tabulation.definition.weights == nil ? "クラスカル・ウォリス検定"
                : "ウェイトを考慮したクラスカル・ウォリス検定（ウェイトから推定した全体の分布での順位を用いるデザインベースの検定）"
            lines.append("数値で回答する設問の属性別の比較は、回答者数・平均・中央値の表と\(rankTest)によります。有意な場合、平均が最も大きい集団と最も小さい集団（基数\(Self.referenceBase)人以上）を記述しています。")
        }
        lines.append("本文（文案）は表の数値のみから作成しています。クロス集計については、「▲」「▼」の付いたセルのうち、基数が\(Self.referenceBase)人以上で全体との差が\(Self.citedDifference)ポイント以上のものを取り上げ、"
                     + "属性ごとに最も高い（▼は最も低い）集団を示しています。差が\(Self.citedDifference)ポイント未満のものは、表に印があっても本文では取り上げていません。差が\(Self.largeDifference)ポイント以上の場合は「大きく」と表現しています。")
        if !attributeQuestions.isEmpty && !tabulation.definition.attributeTables {
            lines.append("回答者属性どうしのクロス集計表は掲載を省略し、特徴的な差のみ本文で記述しています（表は集計表のCSVに収録しています）。")
        }
        if usesAskedIf {
            lines.append("「該当者のみ」の設問は、前の設問で条件に当てはまる方のみを集計しています。")
        }
        if questions.contains(where: { $0.question.askedIf.isEmpty && excludesNotAsked($0) }) {
            lines.append("「\(Self.notAskedFact)」の設問は、データで非該当とされた方（設問の対象外の方）を基数から除いています。")
        }
        lines.append("自由記述の設問は回答数のみを示し、記述内容は掲載していません。")
        return [.heading(level: 2, text: "2 報告書の見方"), .list(lines)] + samplingErrorBlocks
    }

    /// Whether the weights are `strata` weights (the design has strata of their own).
    var isStratified: Bool {
        if case .strata? = tabulation.definition.weights?.method { return true }
        return false
    }

    /// How the weights' strata are named in 報告書の見方: the strata question (「地区」), or 「層の区別なし」.
    var strataName: String {
        guard case .strata(let margin)? = tabulation.definition.weights?.method else { return "層の区別なし" }
        return tabulation.definition.anyQuestion(margin.question.value)?.displayName ?? margin.question.value
    }

    /// The proportions of the 標本誤差早見表's columns, in percent: 10 (and 90), 20, 30, 40, 50.
    static let samplingErrorPercents = [10, 20, 30, 40, 50]
    /// The round bases the 早見表 also lists.
    static let samplingErrorRoundBases = [1000, 500, 200, 100]

    /// 標本誤差早見表: ± points at 95 % for the wave's n (with the finite population correction when
    /// `fieldwork.population_size` is known), per area, and a few round bases. With weights each row also has its
    /// effective sample size and the half-widths carry Kish's design effect (`SamplingError.halfWidth`'s `designEffect`):
    /// the wave's and each area's from their respondents' weights, the round bases the wave's.
    var samplingErrorBlocks: [ReportBlock] {
        let population = tabulation.definition.fieldwork.populationSize
        let whole = tabulation.responseRates.first?.designEffect
        var rows: [(label: String, n: Int, population: Int?, designEffect: Double?)] = [("全体", tabulation.respondents, population, whole)]
        for rate in samplingErrorAreas { rows.append((rate.label, rate.respondents, nil, rate.designEffect)) }
        for n in Self.samplingErrorRoundBases { rows.append(("（参考）", n, nil, whole)) }
        let weighted = whole != nil
        let header = ["区分", "n"] + (weighted ? ["有効標本数"] : []) + Self.samplingErrorPercents.map { $0 == 50 ? "50％" : "\($0)％または\(100 - $0)％" }
        let body = rows.map { row in
            let effective = row.designEffect.map { CountText.grouped(Int((Double(row.n) / $0).rounded())) }
            return [row.label, CountText.grouped(row.n)] + (weighted ? [effective ?? Self.notApplicableMark] : []) + Self.samplingErrorPercents.map { percent in
                let width = SamplingError.halfWidth(proportion: Double(percent) / 100, sampleSize: row.n, populationSize: row.population,
                                                    designEffect: row.designEffect ?? 1)
                return width.isFinite ? PercentText.decimal(width * 100, places: 1) : Self.notApplicableMark
            }
        }
        var note = "標本調査の結果には誤差があります。回答の比率がp（％）のとき、真の比率は95％の確からしさで「p ± 表の値」ポイントの範囲にあります。"
            + (weighted ? "標本誤差 = 1.96 × √(デザイン効果 × p(1 − p) / n) = 1.96 × √(p(1 − p) / 有効標本数)" : "標本誤差 = 1.96 × √(p(1 − p) / n)")
        if let population {
            note += "（全体の行は有限母集団修正 (N − n)/(N − 1) を掛けています。N = \(CountText.grouped(population))）"
        }
        note += "。"
        if let whole {
            note += "ウェイト付きの集計のため、ウェイトのばらつきによるデザイン効果（Kishの式 n × Σw² ÷ (Σw)²、全体\(PercentText.decimal(whole, places: 2))）を掛けています。"
                + "有効標本数は n ÷ デザイン効果で、全体と地区・圏域などの行はそれぞれの回答者のウェイトから、（参考）の行は全体のデザイン効果から求めています。"
        }
        note += "地区・圏域などの行と（参考）の行は母集団の大きさを考慮しない値で、やや大きめ（安全側）になります。"
        return [.heading(level: 3, text: "標本誤差早見表"), .paragraph(note),
                .table(ReportTable(caption: "標本誤差早見表（単位：±ポイント）", header: header, rows: body, numericFrom: 1))]
    }

    /// The areas of the 早見表: the groups of a question derived from the district question, else the districts.
    private var samplingErrorAreas: [ResponseRate] {
        let definition = tabulation.definition
        guard let district = definition.districts?.question.value else { return [] }
        let area = definition.derived.first { $0.from.value == district }?.id ?? district
        return tabulation.responseRates.filter { $0.breakID == area && $0.value != nil }
    }
}
