import SurveyTestSupport
import Testing
@testable import SurveyStatistics

/// 標本誤差 (sampling error half-width) against the formula evaluated in R (Fixtures/sampling_error.csv).
struct SamplingErrorTests {
    @Test("half-width matches z·√((N−n)/(N−1)·p(1−p)/n) evaluated in R")
    func matchesR() throws {
        let rows = try Fixture.csv("sampling_error")
        var errors: [Double] = []
        for row in rows {
            let p = try #require(Fixture.double(row["p"]))
            let n = try #require(Fixture.int(row["n"]))
            let population = Fixture.int(row["N"])
            let z = try #require(Fixture.double(row["z"]))
            let expected = try #require(Fixture.double(row["half_width"]))
            let value = SamplingError.halfWidth(proportion: p, sampleSize: n, populationSize: population, z: z)
            errors.append(RelativeError.scaled(value, expected, floor: 1e-15))
            #expect(RelativeError.scaled(value, expected, floor: 1e-15) <= 1e-12, "p \(p) n \(n) N \(String(describing: population))")
        }
        RelativeError.report("sampling error vs R", errors)
    }

    @Test("typical report value: 1,000 respondents, p = 50 %, no population size → ±3.1 points")
    func typicalValue() {
        let value = SamplingError.halfWidth(proportion: 0.5, sampleSize: 1000, populationSize: nil)
        #expect(RelativeError.of(value, 1.96 * (0.25 / 1000.0).squareRoot()) <= 1e-15)
        #expect(abs(value - 0.031) < 0.0001)
    }

    @Test("a design effect d gives the half-width of n/d respondents (Kish's effective size); the correction keeps n")
    func designEffect() {
        for (n, d) in [(1000, 1.25), (1665, 1.1019), (200, 2.5009067952249771)] {
            let value = SamplingError.halfWidth(proportion: 0.3, sampleSize: n, populationSize: nil, designEffect: d)
            #expect(RelativeError.of(value, 1.96 * (0.21 / (Double(n) / d)).squareRoot()) <= 1e-15)
            let corrected = SamplingError.halfWidth(proportion: 0.3, sampleSize: n, populationSize: 98000, designEffect: d)
            #expect(RelativeError.of(corrected, 1.96 * (Double(98000 - n) / 97999 * 0.21 * d / Double(n)).squareRoot()) <= 1e-15)
        }
        #expect(SamplingError.halfWidth(proportion: 0.3, sampleSize: 100, populationSize: nil, designEffect: 1)
                == SamplingError.halfWidth(proportion: 0.3, sampleSize: 100, populationSize: nil))
        for bad in [0, -1, Double.nan, .infinity] {
            #expect(SamplingError.halfWidth(proportion: 0.3, sampleSize: 100, populationSize: nil, designEffect: bad) == .infinity)
        }
    }

    @Test("a census has zero sampling error; no respondents gives +∞; p is clamped to [0, 1]")
    func degenerate() {
        #expect(SamplingError.halfWidth(proportion: 0.4, sampleSize: 500, populationSize: 500) == 0)
        #expect(SamplingError.halfWidth(proportion: 0.4, sampleSize: 600, populationSize: 500) == 0)
        #expect(SamplingError.halfWidth(proportion: 0.4, sampleSize: 0, populationSize: nil) == .infinity)
        #expect(SamplingError.halfWidth(proportion: 1.3, sampleSize: 100, populationSize: nil) == 0)
        #expect(SamplingError.halfWidth(proportion: 0, sampleSize: 100, populationSize: 1000) == 0)
    }
}
