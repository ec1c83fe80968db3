import SurveyResponses
import SurveyStatistics

/// A weighted wave's sums for one question, per group (everyone, or each value of an axis) and stratum: Σw, Σw² and
/// respondents of each answer slot and of the base, from which any row's weighted proportion and its design-based
/// standard error follow (`WeightedProportion`). Built only for weighted waves; one pass over the wave.
///
/// Slots: single/scale: the choice position (0 = 無回答); multiple: 0 = answered, 1 + p = choice p chosen; number:
/// 0 = a valid value; text: 0 = a non-empty answer.
struct WaveDesign {
    let strataSizes: [Int]
    let groups: Int
    let slots: Int
    /// Per group and stratum, per slot then the base (slot `slots`): Σw, Σw², respondents.
    private var sums: [Double], squares: [Double], rows: [Int]

    /// The sums of `question` among its eligible respondents of `responses` (nil unweighted, or without its column),
    /// per position of `axis` (its column's positions 1…`axisValues`; 0 = 無回答, left out), or everyone.
    init?(_ responses: ResponseTable, question: String, axis: (column: ResponseColumn<UInt16>, values: Int)? = nil) {
        guard let weights = responses.weights, let column = responses.columns[question] else { return nil }
        strataSizes = responses.weightStrataSizes
        let strata = responses.weightStrata?.column
        groups = axis?.values ?? 1
        switch column {
        case .choices(let choices): slots = Int(choices.reduce(0) { Swift.max($0, $1) }) + 1
        case .selections(let selections): slots = 64 - (selections.reduce(0) { $0 | $1 }).leadingZeroBitCount + 1
        case .numbers, .texts: slots = 1
        }
        let stride = slots + 1
        let count = groups * strataSizes.count * stride
        var sums = [Double](repeating: 0, count: count)
        var squares = sums
        var rows = [Int](repeating: 0, count: count)
        let base = slots
        for row in 0..<responses.count where responses.isEligible(row, for: question) {
            var group = 0
            if let axis {
                let position = Int(axis.column[row])
                guard position > 0, position <= axis.values else { continue }
                group = position - 1
            }
            let w = weights[row]
            let start = (group * strataSizes.count + Int(strata?[row] ?? 0)) * stride
            func add(_ slot: Int) {
                sums[start + slot] += w
                squares[start + slot] += w * w
                rows[start + slot] += 1
            }
            // The row's answer slots (none, one, or a multiple answer's 0 and each choice's), then the base.
            switch column {
            case .choices(let choices):
                add(Int(choices[row]))
            case .selections(let selections):
                var bits = selections[row]
                if bits != 0 { add(0) }
                while bits != 0 {
                    add(1 + bits.trailingZeroBitCount)
                    bits &= bits &- 1
                }
            case .numbers(let numbers):
                if !numbers[row].isNaN { add(0) }
            case .texts(let texts):
                if texts[row] { add(0) }
            }
            add(base)
        }
        (self.sums, self.squares, self.rows) = (sums, squares, rows)
    }

    /// The weighted proportion of group `group` whose answer is in one of `slots` (disjoint slots), or, with
    /// `complement`, in none of the one slot given (e.g. 無回答 of a multiple question: not answered); nil when the
    /// group has no weight.
    func proportion(group: Int, slots chosen: [Int], complement: Bool = false) -> WeightedProportion? {
        let stride = slots + 1
        let strata = strataSizes.indices.map { s -> WeightedProportion.StratumSums in
            let start = (group * strataSizes.count + s) * stride
            var sum = 0.0, square = 0.0
            for slot in chosen where slot >= 0 && slot < slots {
                sum += sums[start + slot]
                square += squares[start + slot]
            }
            let base = (sums[start + slots], squares[start + slots])
            if complement { (sum, square) = (Swift.max(base.0 - sum, 0), Swift.max(base.1 - square, 0)) }
            return WeightedProportion.StratumSums(size: strataSizes[s], respondents: rows[start + slots],
                                                  chosen: Swift.min(sum, base.0), chosenSquares: Swift.min(square, base.1),
                                                  base: base.0, baseSquares: base.1)
        }
        return WeightedProportion(strata: strata)
    }
}
