/// Classes of a number cut at increasing limits: class 0 holds values below `limits[0]`, class i values in
/// [limits[i − 1], limits[i]), the last class values from `limits.last` up (a number question's `bins`, and the
/// classes of a `derived` question made from a number).
public enum ClassLimits {
    /// The class of `value` (0-based): how many limits are at most `value`.
    @inlinable
    public static func classIndex(of value: Double, limits: [Double]) -> Int {
        var index = 0
        while index < limits.count, !(value < limits[index]) { index += 1 }
        return index
    }

    /// Labels of classes cut at `limits`: 「5年未満」「5～10年未満」「30年以上」; for whole answers and whole limits
    /// the classes are named by the whole values they hold: 「5～9年」, and 「2人」 for a class of one value.
    public static func labels(_ limits: [Double], unit: String, whole: Bool) -> [String] {
        guard let first = limits.first, let last = limits.last else { return [] }
        let wholeLimits = whole && limits.allSatisfy { abs($0) < 0x1p53 && $0 == $0.rounded() }
        var labels = [Question.withUnit(plain(first), unit: unit) + "未満"]
        for (low, high) in zip(limits, limits.dropFirst()) {
            if !wholeLimits {
                labels.append("\(plain(low))～" + Question.withUnit(plain(high), unit: unit) + "未満")
            } else if high - low == 1 {
                labels.append(Question.withUnit(plain(low), unit: unit))
            } else {
                labels.append("\(plain(low))～" + Question.withUnit(plain(high - 1), unit: unit))
            }
        }
        labels.append(Question.withUnit(plain(last), unit: unit) + "以上")
        return labels
    }

    /// `5` rather than `5.0`; other values as the shortest text that reads back exactly.
    public static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
