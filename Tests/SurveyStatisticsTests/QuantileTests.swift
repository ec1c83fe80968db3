import SurveyTestSupport
import Testing
@testable import SurveyStatistics

/// Type-7 quantiles against R's `quantile(x, p, type = 7)` (Fixtures/quantile.csv).
struct QuantileTests {
    @Test("type 7 matches R quantile() on odd, even, duplicated, single and two-value samples")
    func matchesR() throws {
        let rows = try Fixture.csv("quantile")
        #expect(rows.count >= 50)
        var errors: [Double] = []
        for row in rows {
            let values = Fixture.doubles(row["sorted_values"])
            let p = try #require(Fixture.double(row["p"]))
            let expected = try #require(Fixture.double(row["quantile"]))
            let q = try #require(Quantile.type7(values, p))
            errors.append(RelativeError.of(q, expected))
            #expect(RelativeError.of(q, expected) <= 1e-15, "\(row["case"] ?? "") p \(p): \(q) vs R \(expected)")
        }
        RelativeError.report("type-7 quantile vs R quantile()", errors)
    }

    @Test("five-number summary uses type-7 quartiles, from unsorted input")
    func fiveNumberSummary() throws {
        let rows = try Fixture.csv("quantile").filter { $0["case"] == "likert_ages" }
        func reference(_ p: Double) throws -> Double {
            let row = try #require(rows.first { Fixture.double($0["p"]) == p })
            return try #require(Fixture.double(row["quantile"]))
        }
        let summary = try #require(FiveNumberSummary([65, 72, 80, 68, 91, 77, 74, 69, 83, 70, 66]))
        #expect(summary.min == 65)
        #expect(summary.max == 91)
        #expect(RelativeError.of(summary.q1, try reference(0.25)) <= 1e-15)
        #expect(RelativeError.of(summary.median, try reference(0.5)) <= 1e-15)
        #expect(RelativeError.of(summary.q3, try reference(0.75)) <= 1e-15)
    }

    @Test("invalid input gives nil: empty, unsorted, NaN, p outside [0, 1]")
    func invalid() {
        #expect(Quantile.type7([], 0.5) == nil)
        #expect(Quantile.type7([3, 1, 2], 0.5) == nil)
        #expect(Quantile.type7([1, .nan, 2], 0.5) == nil)
        #expect(Quantile.type7([1, 2], -0.1) == nil)
        #expect(Quantile.type7([1, 2], 1.1) == nil)
        #expect(Quantile.type7([1, 2], .nan) == nil)
        #expect(FiveNumberSummary([]) == nil)
        #expect(FiveNumberSummary([1, .nan]) == nil)
    }
}
