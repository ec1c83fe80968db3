/// Answer labels in a known order: the usual Japanese agreement and satisfaction scales (and their English forms),
/// with their nets, and age bands ordered by their numbers.
struct Scale {
    var labels: [String]
    /// A rating scale (`type: scale`) rather than ordered categories.
    var isScale: Bool
    var ordered: Bool?
    var nets: [(label: String, codes: [Int])]

    /// Known scales, best to worst, the nets of their two ends, and whether they are rating scales (else ordered
    /// categories); the shorter form of a scale comes first, so the smallest one holding every answer is taken.
    private static let known: [(labels: [String], positive: String, negative: String, isScale: Bool)] = [
        (["そう思う", "ややそう思う", "あまりそう思わない", "そう思わない"], "そう思う（計）", "そう思わない（計）", true),
        (["そう思う", "ややそう思う", "どちらともいえない", "あまりそう思わない", "そう思わない"], "そう思う（計）", "そう思わない（計）", true),
        (["満足", "やや満足", "やや不満", "不満"], "満足（計）", "不満（計）", true),
        (["満足", "やや満足", "どちらともいえない", "やや不満", "不満"], "満足（計）", "不満（計）", true),
        (["とても満足", "まあ満足", "どちらともいえない", "やや不満", "とても不満"], "満足（計）", "不満（計）", true),
        (["よく知っている", "ある程度知っている", "名前は聞いたことがある", "知らない"], "知っている（計）", "知らない（計）", true),
        (["参加している", "時々参加している", "以前は参加していた", "参加したことはない"], "参加している（計）", "参加していない（計）", false),
        (["Strongly agree", "Agree", "Disagree", "Strongly disagree"], "Agree (net)", "Disagree (net)", true),
        (["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"], "Agree (net)", "Disagree (net)", true),
    ]
    private static let dontKnow: Set<String> = ["わからない", "分からない", "Don't know"]

    /// The order of `labels` when they are (part of) a known scale, or age bands; nil otherwise.
    static func order(of labels: [String]) -> Scale? {
        let present = Set(labels)
        for scale in known {
            let body = present.subtracting(dontKnow)
            guard body.count >= 2, body.isSubset(of: scale.labels) else { continue }
            // The whole scale (choices nobody chose included), then 「わからない」.
            let ordered = scale.labels + labels.filter { dontKnow.contains($0) }
            let half = scale.labels.count / 2
            return Scale(labels: ordered, isScale: scale.isScale,
                         ordered: scale.isScale ? (ordered.count > scale.labels.count ? false : nil) : true,
                         nets: [(scale.positive, [1, 2]), (scale.negative, Array((scale.labels.count - half + 1)...scale.labels.count))])
        }
        // A rating written as numbers with labelled ends (「1 - It doesn't matter to me」, 「4」, 「5 - It's extremely
        // important」): by the number; bands such as 「0-1」「2-3」「5+」: ordered by their first number.
        let leading = labels.map { label in (label, label.firstMatch(of: /^\s*(\d{1,2})/).flatMap { Int($0.output.1) }) }
        if labels.count >= 3, leading.allSatisfy({ $0.1 != nil }), Set(leading.map(\.1)).count == labels.count {
            let rating = labels.allSatisfy { $0.wholeMatch(of: /\s*\d{1,2}(\s*[-–:：]\s*\D.*)?/) != nil }
            return Scale(labels: leading.sorted { ($0.1 ?? 0) < ($1.1 ?? 0) }.map(\.0), isScale: rating, ordered: true, nets: [])
        }
        // Age bands and other numbered classes: 「20歳代」「30～39歳」「70歳以上」, ordered by their first number.
        let numbered = labels.map { label in (label, label.firstMatch(of: /\d+/).flatMap { Int($0.output) }) }
        if labels.count >= 3, numbered.allSatisfy({ $0.1 != nil }), labels.allSatisfy({ $0.contains("歳") || $0.contains("代") || $0.contains("年") || $0.contains("人") }) {
            return Scale(labels: numbered.sorted { ($0.1 ?? 0) < ($1.1 ?? 0) }.map(\.0), isScale: false, ordered: true, nets: [])
        }
        return nil
    }
}
