import SurveyTestSupport
import Testing
@testable import SurveyStatistics

/// Two-proportion z test against R's `prop.test(c(x1, x2), c(n1, n2), correct = FALSE)` (Fixtures/prop_test.csv).
struct TwoProportionZTestTests {
    @Test("z² equals R's X-squared, p equals R's p, difference is p2 − p1")
    func matchesR() throws {
        let rows = try Fixture.csv("prop_test")
        #expect(rows.count >= 10)
        var zErrors: [Double] = [], pErrors: [Double] = []
        for row in rows {
            let x1 = try #require(Fixture.int(row["x1"])), n1 = try #require(Fixture.int(row["n1"]))
            let x2 = try #require(Fixture.int(row["x2"])), n2 = try #require(Fixture.int(row["n2"]))
            let squared = try #require(Fixture.double(row["x_squared"]))
            let p = try #require(Fixture.double(row["p_value"]))
            let difference = try #require(Fixture.double(row["difference"]))
            let test = try #require(TwoProportionZTest(successes1: x1, trials1: n1, successes2: x2, trials2: n2))
            zErrors.append(RelativeError.scaled(test.z * test.z, squared, floor: 1e-12))
            pErrors.append(RelativeError.of(test.pValue, p))
            #expect(RelativeError.scaled(test.z * test.z, squared, floor: 1e-12) <= 1e-12, "\(x1)/\(n1) vs \(x2)/\(n2): z² \(test.z * test.z) vs X² \(squared)")
            #expect(RelativeError.of(test.pValue, p) <= 1e-9, "\(x1)/\(n1) vs \(x2)/\(n2): p \(test.pValue) vs \(p)")
            #expect(RelativeError.scaled(test.difference, difference, floor: 1e-12) <= 1e-12)
            #expect((test.z > 0) == (difference > 0) || difference == 0)
        }
        RelativeError.report("two-proportion z² vs R X-squared", zErrors)
        RelativeError.report("two-proportion p vs R prop.test", pErrors)
    }

    @Test("nil when a trial count is 0, counts are invalid, or the pooled proportion is 0 or 1")
    func degenerate() {
        #expect(TwoProportionZTest(successes1: 0, trials1: 10, successes2: 0, trials2: 12) == nil)
        #expect(TwoProportionZTest(successes1: 10, trials1: 10, successes2: 12, trials2: 12) == nil)
        #expect(TwoProportionZTest(successes1: 0, trials1: 0, successes2: 3, trials2: 12) == nil)
        #expect(TwoProportionZTest(successes1: 11, trials1: 10, successes2: 3, trials2: 12) == nil)
        #expect(TwoProportionZTest(successes1: -1, trials1: 10, successes2: 3, trials2: 12) == nil)
    }

    @Test("equal proportions give z = 0 and p = 1")
    func equalProportions() throws {
        let test = try #require(TwoProportionZTest(successes1: 30, trials1: 100, successes2: 60, trials2: 200))
        #expect(test.difference == 0)
        #expect(test.z == 0)
        #expect(test.pValue == 1)
    }
}
