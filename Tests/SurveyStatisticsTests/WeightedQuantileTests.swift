import SurveyTestSupport
import Testing
@testable import SurveyStatistics

/// The order WeightedQuantile walks: a counting sort for small whole numbers, a comparison sort otherwise, both
/// stable (R's `order`), against a plain stable sort of the positions.
struct WeightedQuantileTests {
    static func expected(_ values: [Double]) -> [Int] {
        values.indices.filter { !values[$0].isNaN }.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
    }

    @Test("ascendingOrder equals a stable sort of the positions: scores with ties, negatives, NaN, fractions, wide ranges (seeded)")
    func orderIsTheStableSort() {
        var random = SplitMix64(seed: 31)
        for round in 0..<300 {
            let count = Int.random(in: 0...300, using: &random)
            let values: [Double] = (0..<count).map { _ in
                if Double.random(in: 0..<1, using: &random) < 0.05 { return .nan }
                switch round % 4 {
                case 0: return Double(Int.random(in: 1...5, using: &random))              // scores
                case 1: return Double(Int.random(in: -20...120, using: &random))          // whole numbers, negatives
                case 2: return Double.random(in: -5...5, using: &random).rounded() / 4     // fractions with ties
                default: return Double(Int.random(in: 0...3, using: &random)) * 1e7      // whole, range beyond the counting sort's
                }
            }
            #expect(WeightedQuantile.ascendingOrder(values) == Self.expected(values), "round \(round)")
        }
    }

    @Test("quartiles of small whole numbers (counting sort) are R's")
    func quartilesOfScores() throws {
        let values: [Double] = [3, 1, 2, 2, 4, 1, 3, 3, 5, 2]
        let weights: [Double] = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
        // Equal weights: R quantile(x, c(.25, .5, .75), type = 1) and svyquantile both give 2, 2, 3.
        #expect(WeightedQuantile.math(values, weights: weights, [0.25, 0.5, 0.75]) == [2, 2, 3])
    }
}
