import SurveyDefinition

/// What one draft sentence says, kept as data: the sentence is phrased from it, and tests check each claim
/// against the printed tables (labels and percentages are the printed texts).
public enum ReportClaim: Sendable, Equatable {
    /// The most chosen answers overall, most first (one, two or three): 『A』が47.9％と最も多く、…
    case leading([PrintedShare])
    /// Two answers tied for the most: 『A』と『B』がともに12.0％で最も多く…
    case tied([PrintedShare])
    /// The net (（計）) rows overall.
    case nets([PrintedShare])
    /// A number question's mean and median as printed, with its unit.
    case numberSummary(mean: String, median: String, unit: String?)
    /// A choice whose printed share in some groups is significantly above and/or below the whole's.
    case choiceDifference(ChoiceDifference)
    /// Choices whose share rises or falls along an ordered axis.
    case trend(Trend)
    /// The highest and lowest mean of a number question by an axis, where Kruskal–Wallis is significant.
    case numberByGroup(NumberByGroup)
    /// The items of a battery with the highest and the lowest share of its first net (or first choice).
    case batteryRange(BatteryRange)

    /// The sentence in the register of Japanese survey reports.
    public var sentence: String {
        switch self {
        case .leading(let shares):
            guard let first = shares.first else { return "" }
            switch shares.count {
            case 1: return "『\(first.label)』が\(first.percent)％となっています。"
            case 2: return "『\(first.label)』が\(first.percent)％と最も多く、次いで『\(shares[1].label)』が\(shares[1].percent)％となっています。"
            default:
                let rest = shares.dropFirst().map { "『\($0.label)』（\($0.percent)％）" }.joined(separator: "、")
                return "『\(first.label)』が\(first.percent)％と最も多く、次いで\(rest)の順となっています。"
            }
        case .tied(let shares):
            guard let first = shares.first else { return "" }
            return shares.map { "『\($0.label)』" }.joined(separator: "と") + "がともに\(first.percent)％で最も多くなっています。"
        case .nets(let shares):
            return shares.map { "『\($0.label)』は\($0.percent)％" }.joined(separator: "、") + "となっています。"
        case .numberSummary(let mean, let median, let unit):
            return "平均は\(Question.withUnit(mean, unit: unit))、中央値は\(Question.withUnit(median, unit: unit))です。"
        case .choiceDifference(let difference):
            func groups(_ side: ChoiceDifference.Side) -> String {
                side.groups.map { "\($0.label)（" + ($0.percent == ReportDocument.nobodyMark ? "0人" : $0.percent + "％") + "）" }.joined(separator: "、")
            }
            let start = "『\(difference.choice)』の割合は、"
            let whole = "で全体（\(difference.total)％）を"
            switch (difference.above, difference.below) {
            case (let above?, let below?):
                return start + groups(above) + whole + (above.isLarge ? "大きく" : "") + "上回り、"
                    + groups(below) + "で" + (below.isLarge ? "大きく" : "") + "下回っています。"
            case (let above?, nil):
                return start + groups(above) + whole + (above.isLarge ? "大きく" : "") + "上回っています。"
            case (nil, let below?):
                return start + groups(below) + whole + (below.isLarge ? "大きく" : "") + "下回っています。"
            case (nil, nil):
                return ""
            }
        case .trend(let trend):
            func names(_ choices: [Trend.Choice]) -> String { choices.map { "『\($0.choice)』" }.joined() }
            let start = trend.along
            switch (trend.rising.isEmpty, trend.falling.isEmpty) {
            case (false, false):
                return start + names(trend.rising) + "の割合が高く、" + names(trend.falling) + "の割合が低くなる傾向がみられます。"
            case (false, true):
                return start + names(trend.rising) + "の割合が高くなる傾向がみられます。"
            case (true, false):
                return start + names(trend.falling) + "の割合が低くなる傾向がみられます。"
            case (true, true):
                return ""
            }
        case .numberByGroup(let groups):
            let high = Question.withUnit(groups.highest.percent, unit: groups.unit)
            let low = Question.withUnit(groups.lowest.percent, unit: groups.unit)
            return "\(groups.caption)にみると、平均は\(groups.highest.label)（\(high)）で最も大きく、\(groups.lowest.label)（\(low)）で最も小さくなっています。"
        case .batteryRange(let range):
            func items(_ shares: [PrintedShare]) -> String {
                guard let first = shares.first else { return "" }
                let names = shares.map { "『\($0.label)』" }.joined(separator: "と")
                return names + (shares.count > 1 ? "（いずれも\(first.percent)％）" : "（\(first.percent)％）")
            }
            let start = "『\(range.measure)』の割合は、"
            guard let top = range.highest.first, let bottom = range.lowest.first, top.percent != bottom.percent else {
                return start + "すべての項目で\(range.highest.first?.percent ?? "")％となっています。"
            }
            return start + items(range.highest) + "で最も高く、" + items(range.lowest) + "で最も低くなっています。"
        }
    }
}

/// A label with the percentage printed beside it.
public struct PrintedShare: Sendable, Equatable {
    /// The row's label as printed.
    public var label: String
    /// The percentage as printed (「47.9」).
    public var percent: String
}

/// Groups whose printed share of one choice lies significantly above or below the whole's; each group is the
/// most extreme marked group of its cross-tab on that side.
public struct ChoiceDifference: Sendable, Equatable {
    /// One cited group.
    public struct Group: Sendable, Equatable {
        /// The caption of the cross-tab it comes from (「年齢別」).
        public var caption: String
        /// The group's label (「18～29歳」).
        public var label: String
        /// Its printed cell for the choice without the mark (「37.7」, or 「-」 for nobody).
        public var percent: String
    }

    /// The groups on one side of the whole, in the order of the axes.
    public struct Side: Sendable, Equatable {
        /// The groups cited.
        public var groups: [Group]
        /// Whether every cited group differs by at least `ReportDocument.largeDifference` points (「大きく」).
        public var isLarge: Bool
    }

    /// The choice's label.
    public var choice: String
    /// The 全体 row's printed percentage.
    public var total: String
    /// Groups above the whole (▲), if any are cited.
    public var above: Side?
    /// Groups below the whole (▼), if any are cited.
    public var below: Side?
}

/// Choices whose share changes steadily along an ordered axis: each has a significant trend test whose slope
/// agrees with its first and last groups' printed percentages, which differ by at least
/// `ReportDocument.citedDifference` points.
public struct Trend: Sendable, Equatable {
    /// One choice of the trend, with the printed cells it was checked against.
    public struct Choice: Sendable, Equatable {
        /// The choice's label.
        public var choice: String
        /// The first group (in axis order, n ≥ `ReportDocument.referenceBase`) and its printed cell.
        public var first: ChoiceDifference.Group
        /// The last such group and its printed cell.
        public var last: ChoiceDifference.Group
    }

    /// The cross-tab's caption (「年齢別」).
    public var caption: String
    /// The axis's name (「年齢」).
    public var axis: String
    /// How the sentence walks the axis: 「年齢が高くなるほど」, 「居住年数が長くなるほど」 (`ReportDocument.along`).
    public var along: String
    /// Choices whose share rises along the axis.
    public var rising: [Choice]
    /// Choices whose share falls along the axis.
    public var falling: [Choice]
}

/// The groups with the highest and lowest printed mean of a number question by one axis (n ≥ 30).
public struct NumberByGroup: Sendable, Equatable {
    /// The cross-tab's caption (「地区別」).
    public var caption: String
    /// The group with the highest mean; `percent` holds the printed mean.
    public var highest: ChoiceDifference.Group
    /// The group with the lowest mean; `percent` holds the printed mean.
    public var lowest: ChoiceDifference.Group
    /// The question's unit.
    public var unit: String?
}
