import Foundation
import SurveyDefinition

/// The classes of a number question's frequency table and histogram: its `bins`, or classes chosen from its
/// answers, with their labels (「5年未満」「5～9年」「30年以上」, 「1人」「2人」…「5人以上」).
///
/// Class 0 holds values below `limits[0]`, class i values in [limits[i − 1], limits[i]), the last class values
/// from `limits.last` up; with no limits there is one class (or none, without answers).
public struct NumberClasses: Sendable, Equatable {
    /// How the classes were chosen.
    public enum Rule: String, Sendable {
        /// The question's `bins`.
        case bins
        /// One class per whole value from the smallest answer (the last one open, 「k以上」, when the largest
        /// values are few).
        case values
        /// Sturges' number of classes, ⌈log₂ n⌉ + 1, on R's `pretty` limits (as R's `hist`).
        case sturges
    }

    /// Class limits, increasing.
    public var limits: [Double]
    /// One label per class; empty when the question has no classes (no bins and no answers).
    public var labels: [String]
    /// Whether every answer is a whole number (reports print them without decimals).
    public var valuesAreWhole: Bool
    /// How the classes were chosen.
    public var rule: Rule

    /// At most this many classes of one whole value each.
    public static let maximumValueClasses = 10
    /// With more whole values than `maximumValueClasses`, the last class is open (「k以上」) when it holds at most
    /// this share of the answers; otherwise Sturges' classes are used.
    public static let openClassShare = 0.1

    /// The classes of `question` given its valid answers: `forEachAnswer` calls its argument once per answer
    /// (it may be called twice).
    package init(question: Question, forEachAnswer: ((Double) -> Void) -> Void) {
        var n = 0
        var smallest = Double.infinity, largest = -Double.infinity
        var whole = true
        forEachAnswer { value in
            n += 1
            smallest = Swift.min(smallest, value)
            largest = Swift.max(largest, value)
            if whole, !(abs(value) < 0x1p53 && value == value.rounded()) { whole = false }
        }
        let unit = question.unit ?? ""
        valuesAreWhole = whole && n > 0
        if !question.bins.isEmpty {
            rule = .bins
            limits = question.bins
            labels = Self.labels(limits, unit: unit, whole: valuesAreWhole)
            return
        }
        guard n > 0 else {
            (rule, limits, labels) = (.values, [], [])
            return
        }
        if valuesAreWhole {
            let span = largest - smallest + 1
            if span <= Double(Self.maximumValueClasses) {
                rule = .values
                limits = stride(from: smallest + 1, through: largest, by: 1).map { $0 }
                labels = ([smallest] + limits).map { Question.withUnit(Self.plain($0), unit: unit) }
                return
            }
            let open = smallest + Double(Self.maximumValueClasses - 1)
            var inOpenClass = 0
            forEachAnswer { value in if value >= open { inOpenClass += 1 } }
            if Double(inOpenClass) <= Self.openClassShare * Double(n) {
                rule = .values
                limits = stride(from: smallest + 1, through: open, by: 1).map { $0 }
                labels = ([smallest] + limits.dropLast()).map { Question.withUnit(Self.plain($0), unit: unit) } + [Question.withUnit(Self.plain(open), unit: unit) + "以上"]
                return
            }
        }
        rule = .sturges
        if smallest == largest {
            limits = []
            labels = [Question.withUnit(Self.plain(smallest), unit: unit)]
            return
        }
        let classCount = Int((log2(Double(n))).rounded(.up)) + 1
        let breaks = Self.prettyBreaks(smallest, largest, classCount: classCount)
        // The outer breaks enclose every answer: the first and last classes are open, the limits are the inner ones.
        limits = Array(breaks.dropFirst().dropLast())
        labels = limits.isEmpty
            ? ["\(Self.plain(smallest))～" + Question.withUnit(Self.plain(largest), unit: unit)]
            : Self.labels(limits, unit: unit, whole: valuesAreWhole)
    }

    /// Labels of classes cut at `limits` (see `ClassLimits.labels`).
    static func labels(_ limits: [Double], unit: String, whole: Bool) -> [String] {
        ClassLimits.labels(limits, unit: unit, whole: whole)
    }

    /// `5` rather than `5.0` (see `ClassLimits.plain`).
    static func plain(_ value: Double) -> String {
        ClassLimits.plain(value)
    }

    /// R's `pretty(c(low, high), n = classCount, min.n = 1)` (R 4.2, `R_pretty` with its default biases
    /// h = 1.5, h5 = 0.5 + 1.5h): about `classCount` equal classes of width 1, 2 or 5 × 10^k covering
    /// [low, high]; `low < high`. Breaks are rounded to the width's decimals, so they print as written.
    static func prettyBreaks(_ low: Double, _ high: Double, classCount: Int) -> [Double] {
        let h = 1.5, h5 = 0.5 + 1.5 * h
        let cell = (high - low) / Double(Swift.max(1, classCount))
        let base = pow(10, (log10(cell)).rounded(.down))
        var unit = base
        if 2 * base - cell < h * (cell - unit) {
            unit = 2 * base
            if 5 * base - cell < h5 * (cell - unit) {
                unit = 5 * base
                if 10 * base - cell < h * (cell - unit) { unit = 10 * base }
            }
        }
        let roundingEps = 1e-10
        var first = (low / unit + roundingEps).rounded(.down)
        var last = (high / unit - roundingEps).rounded(.up)
        while first * unit > low + roundingEps * unit { first -= 1 }
        while last * unit < high - roundingEps * unit { last += 1 }
        if last - first < 1 { last = first + 1 }
        let decimals = Swift.max(0, -Int((log10(unit)).rounded(.down)))
        let scale = pow(10, Double(decimals))
        return stride(from: first, through: last, by: 1).map { ($0 * unit * scale).rounded() / scale }
    }
}
