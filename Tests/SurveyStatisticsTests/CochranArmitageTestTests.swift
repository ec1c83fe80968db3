import SurveyTestSupport
import Testing
@testable import SurveyStatistics

/// Cochran–Armitage trend test against R's `prop.trend.test` (Fixtures/trend.csv).
struct CochranArmitageTestTests {
    @Test("statistic, p and slope match R prop.trend.test; R's no-test cases give nil")
    func matchesR() throws {
        let rows = try Fixture.csv("trend")
        #expect(rows.count >= 15)
        var statisticErrors: [Double] = [], pErrors: [Double] = [], slopeErrors: [Double] = []
        for row in rows {
            let name = row["case"] ?? "?"
            let scores = row["scores"] == "NA" ? nil : Fixture.doubles(row["scores"])
            let test = CochranArmitageTest(
                successes: Fixture.ints(row["successes"]), trials: Fixture.ints(row["trials"]), scores: scores)
            guard let statistic = Fixture.double(row["statistic"]) else {
                #expect(test == nil, "\(name): R has no test, expected nil")
                continue
            }
            let result = try #require(test, "\(name): expected a test")
            let p = try #require(Fixture.double(row["p_value"]))
            let slope = try #require(Fixture.double(row["slope"]))
            statisticErrors.append(RelativeError.scaled(result.statistic, statistic, floor: 1e-12))
            pErrors.append(RelativeError.of(result.pValue, p))
            slopeErrors.append(RelativeError.scaled(result.slope, slope, floor: 1e-3))
            #expect(RelativeError.scaled(result.statistic, statistic, floor: 1e-12) <= 1e-11, "\(name) χ² \(result.statistic) vs \(statistic)")
            #expect(RelativeError.of(result.pValue, p) <= 1e-9, "\(name) p \(result.pValue) vs \(p)")
            #expect(RelativeError.scaled(result.slope, slope, floor: 1e-3) <= 1e-11, "\(name) slope \(result.slope) vs \(slope)")
        }
        RelativeError.report("trend χ² vs R prop.trend.test", statisticErrors)
        RelativeError.report("trend p vs R prop.trend.test", pErrors)
        RelativeError.report("trend slope vs R lm", slopeErrors)
    }

    @Test("the sign of the slope is the direction; reversing the groups reverses it and keeps χ²")
    func direction() throws {
        let x = [12, 18, 25, 30, 41, 52], n = [80, 95, 100, 98, 110, 104]
        let up = try #require(CochranArmitageTest(successes: x, trials: n))
        let down = try #require(CochranArmitageTest(successes: x.reversed(), trials: n.reversed()))
        #expect(up.slope > 0 && down.slope < 0)
        #expect(RelativeError.of(up.statistic, down.statistic) <= 1e-13)
        // Two groups: the trend χ² is the 2×2 Pearson χ² (no continuity correction).
        let two = try #require(CochranArmitageTest(successes: [18, 9], trials: [25, 25]))
        let pearson = try #require(ChiSquareTest.pearson([[18, 7], [9, 16]]))
        #expect(RelativeError.of(two.statistic, pearson.statistic) <= 1e-13)
    }

    @Test("invalid input gives nil: lengths differ, negative, successes above trials, NaN score, no groups")
    func invalid() {
        #expect(CochranArmitageTest(successes: [1, 2], trials: [3]) == nil)
        #expect(CochranArmitageTest(successes: [1, 2], trials: [3, 4], scores: [1]) == nil)
        #expect(CochranArmitageTest(successes: [-1, 2], trials: [3, 4]) == nil)
        #expect(CochranArmitageTest(successes: [4, 2], trials: [3, 4]) == nil)
        #expect(CochranArmitageTest(successes: [1, 2], trials: [3, 4], scores: [1, .nan]) == nil)
        #expect(CochranArmitageTest(successes: [], trials: []) == nil)
        #expect(CochranArmitageTest(successes: [1, 2], trials: [Int.max, Int.max]) == nil)
    }
}
