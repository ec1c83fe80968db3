import Testing
@testable import SurveyStatistics

/// Fisher's exact test against R's `fisher.test` (Fixtures/fisher.csv).
struct FisherExactTestTests {
    @Test("two-sided p matches R fisher.test, including margins in the thousands")
    func matchesR() throws {
        let rows = try Fixture.csv("fisher")
        #expect(rows.count >= 15)
        var errors: [Double] = []
        for row in rows {
            let a = try #require(Fixture.int(row["a"]))
            let b = try #require(Fixture.int(row["b"]))
            let c = try #require(Fixture.int(row["c"]))
            let d = try #require(Fixture.int(row["d"]))
            let expected = try #require(Fixture.double(row["p_value"]))
            let p = FisherExactTest.twoSided(a, b, c, d)
            errors.append(RelativeError.of(p, expected))
            #expect(RelativeError.of(p, expected) <= 1e-9, "[[\(a),\(b)],[\(c),\(d)]] p \(p) vs R \(expected)")
        }
        RelativeError.report("Fisher exact p vs R fisher.test", errors)
    }

    @Test("the 2×2 chi-square reference table also has its Fisher p")
    func twoByTwoAlsoFisher() {
        let p = FisherExactTest.twoSided(18, 7, 9, 16)
        #expect(RelativeError.of(p, 0.022241295691722503) <= 1e-9)
    }

    @Test("degenerate tables: all zero or one-table support give 1; negative counts give NaN")
    func degenerate() {
        #expect(FisherExactTest.twoSided(0, 0, 0, 0) == 1)
        #expect(FisherExactTest.twoSided(1, 0, 0, 0) == 1)
        #expect(FisherExactTest.twoSided(5, 0, 3, 0) == 1)
        #expect(FisherExactTest.twoSided(-1, 2, 3, 4).isNaN)
    }
}
