@_spi(Parts) import SurveyIngest
import SurveyDefinition

extension ResponseTable {
    /// Whether each row meets every condition (see `RowCondition`); conditions on unknown questions hold nowhere.
    func rowsMeeting(_ conditions: [RowCondition]) -> [Bool] {
        var kept = [Bool](repeating: true, count: count)
        for condition in conditions {
            let question = definition.anyQuestion(condition.question)
            switch (condition.test, columns[condition.question]) {
            case (.codes(let codes), .choices(let positions)?):
                let allowed = Set(codes)
                let positionMeets = [false] + (question?.choices ?? []).map { allowed.contains($0.code) }
                for row in 0..<count where kept[row] {
                    let position = Int(positions[row])
                    kept[row] = position < positionMeets.count && positionMeets[position]
                }
            case (.codes(let codes), .selections(let selections)?):
                let allowed = Set(codes)
                var mask: UInt64 = 0
                for (index, choice) in (question?.choices ?? []).enumerated() where index < 64 && allowed.contains(choice.code) {
                    mask |= 1 << UInt64(index)
                }
                for row in 0..<count where kept[row] { kept[row] = selections[row] & mask != 0 }
            case (.range(let minimum, let maximum), .numbers(let values)?):
                for row in 0..<count where kept[row] {
                    let value = values[row]
                    kept[row] = !value.isNaN && value >= (minimum ?? -.infinity) && value <= (maximum ?? .infinity)
                }
            default:
                kept = [Bool](repeating: false, count: count)
            }
        }
        return kept
    }

    /// Keeps the rows where `kept` is true (a value per row), in order, in every column and in `sources`.
    mutating func keepRows(_ kept: [Bool]) {
        columns = columns.mapValues { column in
            switch column {
            case .choices(let values): .choices(values.keeping(kept))
            case .selections(let values): .selections(values.keeping(kept))
            case .numbers(let values): .numbers(values.keeping(kept))
            case .texts(let values): .texts(values.keeping(kept))
            }
        }
        eligibility = eligibility.mapValues { $0.keeping(kept) }
        weights = weights?.keeping(kept)
        sources = sources.keeping(kept)
        count = sources.count
    }
}

extension ResponseColumn {
    /// The values of the rows where `kept` is true, as one block.
    func keeping(_ kept: [Bool]) -> ResponseColumn {
        var values: [Element] = []
        values.reserveCapacity(kept.count)
        var start = 0
        for end in blockEnds {
            withValues(in: start..<end) { block in
                for (offset, value) in block.enumerated() where kept[start + offset] { values.append(value) }
            }
            start = end
        }
        return ResponseColumn(values)
    }
}
