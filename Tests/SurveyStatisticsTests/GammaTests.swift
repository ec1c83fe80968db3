import SurveyTestSupport
import Testing
@testable import SurveyStatistics

/// Incomplete gamma and chi-square tails against R's `pgamma`/`pchisq` (Fixtures/gamma_tail.csv, chisq_tail.csv).
struct GammaTests {
    @Test("Q(a, x) and P(a, x) match R pgamma to 1e-12 relative, far into the tails")
    func matchesRPgamma() throws {
        let rows = try Fixture.csv("gamma_tail")
        #expect(rows.count >= 20)
        var upperErrors: [Double] = [], lowerErrors: [Double] = []
        for row in rows {
            let a = try #require(Fixture.double(row["a"]))
            let x = try #require(Fixture.double(row["x"]))
            let upper = try #require(Fixture.double(row["upper"]))
            let lower = try #require(Fixture.double(row["lower"]))
            let q = Gamma.regularizedUpper(a, x)
            let p = Gamma.regularizedLower(a, x)
            upperErrors.append(RelativeError.of(q, upper))
            lowerErrors.append(RelativeError.of(p, lower))
            #expect(RelativeError.of(q, upper) <= 1e-12, "Q(\(a), \(x)) = \(q), R \(upper)")
            #expect(RelativeError.of(p, lower) <= 1e-12, "P(\(a), \(x)) = \(p), R \(lower)")
        }
        RelativeError.report("Gamma Q(a,x) vs R pgamma", upperErrors)
        RelativeError.report("Gamma P(a,x) vs R pgamma", lowerErrors)
    }

    @Test("Q(0.5, 600) ≈ 6.1e-263 and Q(50, 700) ≈ 4.5e-228 do not underflow")
    func deepTail() throws {
        let q1 = Gamma.regularizedUpper(0.5, 600)
        let q2 = Gamma.regularizedUpper(50, 700)
        #expect(RelativeError.of(q1, 6.0995688148084348e-263) <= 1e-12)
        #expect(RelativeError.of(q2, 4.4774296035997468e-228) <= 1e-12)
    }

    @Test("chi-square upper tail matches R pchisq(lower.tail = FALSE)")
    func matchesRPchisq() throws {
        let rows = try Fixture.csv("chisq_tail")
        var errors: [Double] = []
        for row in rows {
            let x = try #require(Fixture.double(row["x"]))
            let df = try #require(Fixture.int(row["df"]))
            let upper = try #require(Fixture.double(row["upper"]))
            let value = ChiSquareDistribution.upperTail(x, degreesOfFreedom: df)
            errors.append(RelativeError.of(value, upper))
            #expect(RelativeError.of(value, upper) <= 1e-12, "pchisq(\(x), \(df)) = \(value), R \(upper)")
        }
        RelativeError.report("chi-square upper tail vs R pchisq", errors)
    }

    @Test("boundary conventions: x ≤ 0, x = ∞, a = 0, invalid shape")
    func boundaries() {
        #expect(Gamma.regularizedUpper(2, 0) == 1)
        #expect(Gamma.regularizedLower(2, 0) == 0)
        #expect(Gamma.regularizedUpper(2, .infinity) == 0)
        #expect(Gamma.regularizedLower(2, .infinity) == 1)
        #expect(Gamma.regularizedUpper(0, 1) == 0)
        #expect(Gamma.regularizedUpper(-1, 1).isNaN)
        #expect(ChiSquareDistribution.upperTail(0, degreesOfFreedom: 3) == 1)
        #expect(ChiSquareDistribution.upperTail(-2, degreesOfFreedom: 3) == 1)
        #expect(ChiSquareDistribution.upperTail(2, degreesOfFreedom: 0) == 0)
        // Closed forms: Q(1, x) = e^−x and the chi-square(2) tail is e^(−x/2).
        #expect(RelativeError.of(Gamma.regularizedUpper(1, 30), 9.357622968840175e-14) <= 1e-13)
        #expect(RelativeError.of(ChiSquareDistribution.upperTail(1000, degreesOfFreedom: 2), 7.124576406741286e-218) <= 1e-12)
    }
}
