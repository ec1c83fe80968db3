import SurveyTestSupport
import Testing
@testable import SurveyStatistics

/// Normal quantile and tails against R's `qnorm`/`pnorm` (Fixtures/qnorm.csv, pnorm.csv).
struct NormalDistributionTests {
    @Test("quantile matches R qnorm to 1e-14 relative across all three AS 241 regions")
    func quantileMatchesR() throws {
        let rows = try Fixture.csv("qnorm")
        #expect(rows.count >= 20)
        var errors: [Double] = []
        for row in rows {
            let p = try #require(Fixture.double(row["p"]))
            let expected = try #require(Fixture.double(row["quantile"]))
            let z = NormalDistribution.quantile(p)
            errors.append(RelativeError.of(z, expected))
            #expect(RelativeError.of(z, expected) <= 1e-14, "qnorm(\(p)) = \(z) vs R \(expected)")
        }
        RelativeError.report("normal quantile vs R qnorm", errors)
    }

    @Test("upper and two-sided tails match R pnorm to 1e-12 relative (z up to 37)")
    func tailsMatchR() throws {
        let rows = try Fixture.csv("pnorm")
        var errors: [Double] = []
        for row in rows {
            let z = try #require(Fixture.double(row["z"]))
            let upper = try #require(Fixture.double(row["upper"]))
            let twoSided = try #require(Fixture.double(row["two_sided"]))
            errors += [
                RelativeError.of(NormalDistribution.upperTail(z), upper),
                RelativeError.of(NormalDistribution.twoSidedP(z), twoSided),
            ]
            #expect(RelativeError.of(NormalDistribution.upperTail(z), upper) <= 1e-12, "upper(\(z))")
            #expect(RelativeError.of(NormalDistribution.twoSidedP(z), twoSided) <= 1e-12, "twoSided(\(z))")
            #expect(RelativeError.scaled(NormalDistribution.cdf(z) + NormalDistribution.upperTail(z), 1) <= 1e-15)
        }
        RelativeError.report("normal tails vs R pnorm", errors)
    }

    @Test("boundaries: p = 0, 1 give ∓∞; outside [0, 1] gives NaN")
    func boundaries() {
        #expect(NormalDistribution.quantile(0) == -.infinity)
        #expect(NormalDistribution.quantile(1) == .infinity)
        #expect(NormalDistribution.quantile(1.5).isNaN)
        #expect(NormalDistribution.quantile(0.5) == 0)
        #expect(NormalDistribution.twoSidedP(0) == 1)
    }
}
