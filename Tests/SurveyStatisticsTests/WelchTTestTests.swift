import SurveyTestSupport
import Testing
@testable import SurveyStatistics

/// Welch's t test, Student's t distribution and the interval of a difference of proportions against R
/// (Fixtures/reference_waves.R: `t.test`, `pt`, `qt`, `prop.test(correct = FALSE)$conf.int`).
struct WelchTTestTests {
    private struct MissingField: Error { let name: String }
    private func number(_ row: [String: String], _ name: String) throws -> Double {
        guard let value = Fixture.double(row[name]) else { throw MissingField(name: name) }
        return value
    }
    private func count(_ row: [String: String], _ name: String) throws -> Int {
        guard let value = Fixture.int(row[name]) else { throw MissingField(name: name) }
        return value
    }

    @Test("t, df, p and the interval equal R's t.test(later, earlier)")
    func matchesR() throws {
        let rows = try Fixture.csv("welch")
        #expect(rows.count == 7)
        for row in rows {
            let test = try #require(WelchTTest(
                count1: try count(row, "n1"), mean1: try number(row, "mean1"),
                variance1: try number(row, "var1"),
                count2: try count(row, "n2"), mean2: try number(row, "mean2"),
                variance2: try number(row, "var2")))
            #expect(RelativeError.of(test.t, try number(row, "t")) <= 1e-12, "\(row)")
            #expect(RelativeError.of(test.degreesOfFreedom, try number(row, "df")) <= 1e-12, "\(row)")
            #expect(RelativeError.of(test.pValue, try number(row, "p_value")) <= 1e-9, "\(row)")
            #expect(RelativeError.of(test.lower, try number(row, "lower")) <= 1e-9, "\(row)")
            #expect(RelativeError.of(test.upper, try number(row, "upper")) <= 1e-9, "\(row)")
        }
    }

    @Test("nil for fewer than two values or no variance at all")
    func degenerate() {
        #expect(WelchTTest(count1: 1, mean1: 1, variance1: 0, count2: 5, mean2: 2, variance2: 1) == nil)
        #expect(WelchTTest(count1: 4, mean1: 1, variance1: 0, count2: 5, mean2: 2, variance2: 0) == nil)
        #expect(WelchTTest(count1: 4, mean1: 1, variance1: -1, count2: 5, mean2: 2, variance2: 1) == nil)
        #expect(WelchTTest(count1: 4, mean1: .nan, variance1: 1, count2: 5, mean2: 2, variance2: 1) == nil)
    }

    @Test("Student's t tails and quantiles equal R's pt and qt")
    func studentT() throws {
        for row in try Fixture.csv("student_t") {
            let t = try number(row, "t"), df = try number(row, "df")
            #expect(RelativeError.of(StudentTDistribution.upperTail(t, degreesOfFreedom: df), try number(row, "upper_tail")) <= 1e-10, "\(row)")
            #expect(RelativeError.of(StudentTDistribution.twoSidedP(t, degreesOfFreedom: df), try number(row, "two_sided")) <= 1e-10, "\(row)")
        }
        for row in try Fixture.csv("student_t_quantile") {
            let p = try number(row, "p"), df = try number(row, "df")
            #expect(RelativeError.of(StudentTDistribution.quantile(p, degreesOfFreedom: df), try number(row, "quantile")) <= 1e-10, "\(row)")
        }
    }

    @Test("the interval of a difference of proportions equals R's prop.test(c(x2, x1), c(n2, n1), correct = FALSE)$conf.int")
    func proportionDifference() throws {
        let rows = try Fixture.csv("prop_diff_ci")
        #expect(rows.count == 14)
        for row in rows {
            let interval = try #require(ProportionDifferenceInterval(
                successes1: try count(row, "x1"), trials1: try count(row, "n1"),
                successes2: try count(row, "x2"), trials2: try count(row, "n2")))
            #expect(RelativeError.scaled(interval.lower, try number(row, "lower"), floor: 1e-12) <= 1e-12, "\(row)")
            #expect(RelativeError.scaled(interval.upper, try number(row, "upper"), floor: 1e-12) <= 1e-12, "\(row)")
        }
        #expect(ProportionDifferenceInterval(successes1: 1, trials1: 0, successes2: 1, trials2: 2) == nil)
        #expect(ProportionDifferenceInterval(successes1: 45, trials1: 100, successes2: 60, trials2: 100)?.includesZero == false)
        #expect(ProportionDifferenceInterval(successes1: 30, trials1: 100, successes2: 30, trials2: 100)?.includesZero == true)
    }
}
