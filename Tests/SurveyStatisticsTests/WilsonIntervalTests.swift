import SurveyTestSupport
import Testing
@testable import SurveyStatistics

/// Wilson score interval against R's `prop.test(x, n, correct = FALSE)$conf.int` (Fixtures/wilson.csv).
struct WilsonIntervalTests {
    @Test("bounds match R prop.test, including 0/n and n/n")
    func matchesR() throws {
        let rows = try Fixture.csv("wilson")
        #expect(rows.count >= 15)
        var errors: [Double] = []
        for row in rows {
            let x = try #require(Fixture.int(row["x"]))
            let n = try #require(Fixture.int(row["n"]))
            let confidence = try #require(Fixture.double(row["confidence"]))
            let lower = try #require(Fixture.double(row["lower"]))
            let upper = try #require(Fixture.double(row["upper"]))
            let interval = try #require(WilsonInterval(successes: x, trials: n, confidence: confidence))
            errors += [RelativeError.of(interval.lower, lower), RelativeError.of(interval.upper, upper)]
            #expect(RelativeError.of(interval.lower, lower) <= 1e-12, "\(x)/\(n) lower \(interval.lower) vs \(lower)")
            #expect(RelativeError.of(interval.upper, upper) <= 1e-12, "\(x)/\(n) upper \(interval.upper) vs \(upper)")
        }
        RelativeError.report("Wilson bounds vs R prop.test", errors)
    }

    @Test("0 of n has lower bound exactly 0; n of n has upper bound exactly 1")
    func edges() throws {
        let none = try #require(WilsonInterval(successes: 0, trials: 25))
        #expect(none.lower == 0)
        #expect(none.upper > 0 && none.upper < 1)
        let all = try #require(WilsonInterval(successes: 25, trials: 25))
        #expect(all.upper == 1)
        #expect(all.lower > 0 && all.lower < 1)
    }

    @Test("invalid input gives nil")
    func invalid() {
        #expect(WilsonInterval(successes: 0, trials: 0) == nil)
        #expect(WilsonInterval(successes: 5, trials: 4) == nil)
        #expect(WilsonInterval(successes: -1, trials: 4) == nil)
        #expect(WilsonInterval(successes: 1, trials: 4, confidence: 1) == nil)
        #expect(WilsonInterval(successes: 1, trials: 4, confidence: 0) == nil)
        #expect(WilsonInterval(successes: 1, trials: 4, confidence: .nan) == nil)
    }
}
