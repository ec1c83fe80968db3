import SurveyTestSupport
import Testing
@testable import SurveyStatistics

/// Kish's design effect: the shifted sums against the textbook formula n·Σw²/(Σw)², and exactness on equal weights.
struct KishDesignEffectTests {
    @Test("equal weights give deff exactly 1 and n_eff exactly n, whatever the weight")
    func equalWeights() throws {
        for (count, weight) in [(216, 57.407407407407405), (180, 0.1), (1, 3.0), (147, 1.0 / 3.0), (5, 1e9)] {
            let kish = try #require(KishDesignEffect([Double](repeating: weight, count: count)))
            #expect(kish.designEffect == 1)
            #expect(kish.effectiveSize == Double(count))
            #expect(kish.count == count)
        }
    }

    @Test("unequal weights agree with n·Σw²/(Σw)² at 1e-12 (seeded)")
    func agreesWithTheTextbookFormula() throws {
        var random = SplitMix64(seed: 20261203)
        for _ in 0..<200 {
            let weights = (0..<Int.random(in: 2...400, using: &random)).map { _ in Double.random(in: 0.2...40, using: &random) }
            let kish = try #require(KishDesignEffect(weights))
            let sum = weights.reduce(0, +), squares = weights.reduce(0) { $0 + $1 * $1 }
            let textbook = try #require(KishDesignEffect(count: weights.count, sum: sum, sumOfSquares: squares))
            #expect(abs(kish.designEffect - textbook.designEffect) <= 1e-12 * textbook.designEffect)
            #expect(abs(kish.effectiveSize - textbook.effectiveSize) <= 1e-12 * textbook.effectiveSize)
        }
    }

    @Test("no weights, or a sum not above 0, give nil")
    func degenerate() {
        #expect(KishDesignEffect([Double]()) == nil)
        #expect(KishDesignEffect([0.0, 0.0]) == nil)
        #expect(KishDesignEffect([-1.0, -2.0]) == nil)
    }
}
