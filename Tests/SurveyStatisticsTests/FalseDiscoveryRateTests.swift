import Foundation
import SurveyTestSupport
import Testing
@testable import SurveyStatistics

/// Benjamini–Hochberg adjustment against R's `p.adjust(method = "BH")` (Fixtures/bh.csv).
struct FalseDiscoveryRateTests {
    @Test("adjusted p-values match R p.adjust(BH), including ties, NaN, 0 and 1 and a 203-test wave")
    func matchesR() throws {
        let rows = try Fixture.csv("bh")
        #expect(rows.count >= 8)
        var errors: [Double] = []
        for row in rows {
            let name = row["case"] ?? "?"
            let p = Fixture.doubles(row["p"])
            let expected = Fixture.doubles(row["adjusted"])
            try #require(p.count == expected.count && !p.isEmpty, "\(name): fixture lists")
            let adjusted = FalseDiscoveryRate.benjaminiHochberg(p)
            #expect(adjusted.count == p.count)
            for (a, e) in zip(adjusted, expected) {
                if e.isNaN {
                    #expect(a.isNaN, "\(name): NaN must stay NaN")
                } else {
                    errors.append(RelativeError.of(a, e))
                    #expect(RelativeError.of(a, e) <= 1e-15, "\(name): \(a) vs R \(e)")
                }
            }
        }
        RelativeError.report("BH adjusted p vs R p.adjust", errors)
    }

    @Test("NaN is not counted in m: [0.01, NaN] adjusts like [0.01] alone")
    func nanNotCounted() {
        let adjusted = FalseDiscoveryRate.benjaminiHochberg([0.01, .nan, 0.04])
        #expect(adjusted[0] == 0.02 && adjusted[2] == 0.04 && adjusted[1].isNaN)
        #expect(FalseDiscoveryRate.benjaminiHochberg([]) == [])
        #expect(FalseDiscoveryRate.benjaminiHochberg([.nan, .nan]).allSatisfy { $0.isNaN })
    }

    @Test("adjusted values are monotone in p, never below p and never above 1")
    func properties() {
        var generator = SplitMix64(seed: 14)
        let p = (0..<500).map { _ in pow(Double.random(in: 0..<1, using: &generator), 3) }
        let adjusted = FalseDiscoveryRate.benjaminiHochberg(p)
        let order = p.indices.sorted { p[$0] < p[$1] }
        for (a, b) in zip(order, order.dropFirst()) {
            #expect(adjusted[a] <= adjusted[b])
        }
        #expect(zip(p, adjusted).allSatisfy { $1 >= $0 && $1 <= 1 })
    }
}
