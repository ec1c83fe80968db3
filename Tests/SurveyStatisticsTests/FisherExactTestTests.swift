import SurveyTestSupport
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

/// Fisher–Freeman–Halton r × c exact test against R's `fisher.test` (Fixtures/rxc.csv, column fisher_p).
struct FisherExactRByCTests {
    @Test("r × c p matches R fisher.test on every table R's default workspace allows; nil on those it does not")
    func matchesR() throws {
        let rows = try Fixture.csv("rxc")
        #expect(rows.count >= 20)
        var errors: [Double] = []
        var computed = 0
        for row in rows {
            let name = row["case"] ?? "?"
            let p = FisherExactTest.rByC(Fixture.table(row["table"]))
            // R needed workspace = 2e8 (and 1.6–1.8 s) or failed altogether: beyond the default state limit here too.
            guard row["fisher_default_workspace"] == "yes", let expected = Fixture.double(row["fisher_p"]) else {
                #expect(p == nil, "\(name): beyond R's default workspace, expected nil")
                continue
            }
            let value = try #require(p, "\(name): expected an exact p")
            errors.append(RelativeError.of(value, expected))
            #expect(RelativeError.of(value, expected) <= 1e-9, "\(name): \(value) vs R \(expected)")
            computed += 1
        }
        #expect(computed >= 13)
        RelativeError.report("Fisher r×c p vs R fisher.test", errors)
    }

    @Test("2 × 2 tables: the r × c p equals twoSided on every 2 × 2 reference table (margins up to 3000)")
    func twoByTwo() throws {
        for row in try Fixture.csv("fisher") {
            let a = try #require(Fixture.int(row["a"])), b = try #require(Fixture.int(row["b"]))
            let c = try #require(Fixture.int(row["c"])), d = try #require(Fixture.int(row["d"]))
            let p = try #require(FisherExactTest.rByC([[a, b], [c, d]]))
            #expect(RelativeError.of(p, FisherExactTest.twoSided(a, b, c, d)) <= 1e-9, "[[\(a),\(b)],[\(c),\(d)]]")
        }
    }

    @Test("transposing, permuting rows and columns, adding zero rows or columns keep the p")
    func invariance() throws {
        let table = [[3, 1, 0, 2], [5, 2, 1, 0], [4, 6, 2, 1]]
        let p = try #require(FisherExactTest.rByC(table))
        let transposed = table[0].indices.map { j in table.map { $0[j] } }
        let permuted = [[6, 2, 1, 4], [1, 0, 2, 3], [2, 1, 0, 5]]
        let padded = [[0, 0, 0, 0, 0], [3, 1, 0, 0, 2], [5, 2, 0, 1, 0], [4, 6, 0, 2, 1]]
        for other in [transposed, permuted, padded] {
            let q = try #require(FisherExactTest.rByC(other))
            #expect(RelativeError.of(q, p) <= 1e-12, "\(other): \(q) vs \(p)")
        }
    }

    @Test("degenerate tables: fewer than 2 non-empty rows or columns give 1; ragged or negative give nil")
    func degenerate() {
        #expect(FisherExactTest.rByC([[5, 9, 12]]) == 1)
        #expect(FisherExactTest.rByC([[5, 0], [7, 0], [3, 0]]) == 1)
        #expect(FisherExactTest.rByC([[0, 0], [0, 0]]) == 1)
        #expect(FisherExactTest.rByC([]) == 1)
        #expect(FisherExactTest.rByC([[1, 2], [3]]) == nil)
        #expect(FisherExactTest.rByC([[1, -2], [3, 4]]) == nil)
    }

    @Test("beyond the state limit the answer is nil, not a hang: 10 × 5 with n = 1577, or a tiny limit")
    func stateLimit() throws {
        let large = (0..<10).map { i in (0..<5).map { j in 12 + (i * 11 + j * 17) % 41 } }
        #expect(FisherExactTest.rByC(large) == nil)
        let district = [[20, 27, 1], [35, 17, 3], [22, 24, 0], [30, 18, 2]]
        #expect(FisherExactTest.rByC(district, stateLimit: 1_000) == nil)
        #expect(FisherExactTest.rByC(district) != nil)
        // 11 × 11 with n = 1210: the smaller side has more categories than fit in the packed state (2·⌊64/11⌋ = 10).
        let wide = (0..<11).map { i in (0..<11).map { j in i == j ? 100 : 1 } }
        #expect(FisherExactTest.rByC(wide) == nil)
        // n above 6 × the limit: declined before tabulating ln k!.
        #expect(FisherExactTest.rByC([[1, 0], [0, 700]], stateLimit: 100) == nil)
        #expect(FisherExactTest.rByC([[1, 0], [0, 500]], stateLimit: 100) != nil)
    }
}
