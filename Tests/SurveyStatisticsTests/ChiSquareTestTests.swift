import SurveyTestSupport
import Testing
@testable import SurveyStatistics

/// Pearson chi-square test against R's `chisq.test(correct = FALSE)` (Fixtures/chisq.csv).
struct ChiSquareTestTests {
    @Test("matches R chisq.test on every reference table, including dropped rows/columns and 1e-250 p-values")
    func matchesR() throws {
        let rows = try Fixture.csv("chisq")
        #expect(rows.count >= 15)
        var statisticErrors: [Double] = [], pErrors: [Double] = [], otherErrors: [Double] = []
        for row in rows {
            let name = row["case"] ?? "?"
            let table = Fixture.table(row["table"])
            let result = ChiSquareTest.pearson(table)
            guard let statistic = Fixture.double(row["statistic"]) else {
                #expect(result == nil, "\(name): R has no test, expected nil")
                continue
            }
            let test = try #require(result, "\(name): expected a test")
            let expectedP = try #require(Fixture.double(row["p_value"]))
            statisticErrors.append(RelativeError.scaled(test.statistic, statistic, floor: 1e-12))
            #expect(RelativeError.scaled(test.statistic, statistic, floor: 1e-12) <= 1e-12, "\(name) statistic \(test.statistic) vs \(statistic)")
            #expect(test.degreesOfFreedom == Fixture.int(row["df"]), "\(name) df")
            #expect(test.n == Fixture.int(row["n"]), "\(name) n")
            if expectedP == 0 {
                #expect(test.pValue < 1e-300, "\(name): R's p underflows to 0, ours is \(test.pValue)")
            } else {
                pErrors.append(RelativeError.of(test.pValue, expectedP))
                #expect(RelativeError.of(test.pValue, expectedP) <= 1e-9, "\(name) p \(test.pValue) vs \(expectedP)")
            }
            let v = try #require(Fixture.double(row["cramers_v"]))
            let minimum = try #require(Fixture.double(row["min_expected"]))
            let share = try #require(Fixture.double(row["low_expected_share"]))
            otherErrors += [
                RelativeError.scaled(test.cramersV, v, floor: 1e-12),
                RelativeError.of(test.minimumExpected, minimum),
                RelativeError.scaled(test.lowExpectedShare, share, floor: 1e-12),
            ]
            #expect(RelativeError.scaled(test.cramersV, v, floor: 1e-12) <= 1e-12, "\(name) V")
            #expect(RelativeError.of(test.minimumExpected, minimum) <= 1e-12, "\(name) min expected")
            #expect(RelativeError.scaled(test.lowExpectedShare, share, floor: 1e-12) <= 1e-12, "\(name) low share")
            #expect(test.keptRows == Fixture.ints(row["kept_rows"]), "\(name) kept rows")
            #expect(test.keptColumns == Fixture.ints(row["kept_columns"]), "\(name) kept columns")
            #expect(test.isReliable == (minimum >= 1 && share <= 0.2), "\(name) Cochran")
        }
        RelativeError.report("chi-square statistic vs R", statisticErrors)
        RelativeError.report("chi-square p-value vs R", pErrors)
        RelativeError.report("chi-square V / min expected / low share vs R", otherErrors)
    }

    @Test("p-values near 1e-100 and 1e-250 keep their relative accuracy instead of underflowing")
    func tinyPValues() throws {
        let rows = try Fixture.csv("chisq").filter { ($0["case"] ?? "").hasPrefix("tiny_p") }
        #expect(rows.count == 3)
        for row in rows {
            let test = try #require(ChiSquareTest.pearson(Fixture.table(row["table"])))
            let expected = try #require(Fixture.double(row["p_value"]))
            #expect(test.pValue > 0)
            #expect(expected < 1e-90)
            #expect(RelativeError.of(test.pValue, expected) <= 1e-9)
        }
    }

    @Test("all-zero rows and columns are dropped and reported by index")
    func dropsEmptyCategories() throws {
        let test = try #require(ChiSquareTest.pearson([[10, 0, 5, 8], [0, 0, 0, 0], [7, 0, 9, 3], [4, 0, 6, 12]]))
        #expect(test.keptRows == [0, 2, 3])
        #expect(test.keptColumns == [0, 2, 3])
        #expect(test.degreesOfFreedom == 4)
        #expect(test.n == 64)
        let nobodyPicked = try #require(ChiSquareTest.pearson([[12, 7, 0], [9, 15, 0]]))
        #expect(nobodyPicked.keptColumns == [0, 1])
        #expect(nobodyPicked.degreesOfFreedom == 1)
    }

    @Test("degenerate tables give nil: 1×k, k×1 after dropping, all zero, empty, ragged, negative")
    func degenerateTables() {
        #expect(ChiSquareTest.pearson([[5, 9, 12, 4]]) == nil)
        #expect(ChiSquareTest.pearson([[5, 0], [7, 0], [3, 0]]) == nil)
        #expect(ChiSquareTest.pearson([[0, 0], [0, 0]]) == nil)
        #expect(ChiSquareTest.pearson([]) == nil)
        #expect(ChiSquareTest.pearson([[]]) == nil)
        #expect(ChiSquareTest.pearson([[1, 2], [3]]) == nil)
        #expect(ChiSquareTest.pearson([[1, -2], [3, 4]]) == nil)
    }

    @Test("exact independence gives statistic 0, p 1, V 0; Cochran's rule flags sparse tables")
    func independenceAndCochran() throws {
        let independent = try #require(ChiSquareTest.pearson([[10, 20], [20, 40]]))
        #expect(abs(independent.statistic) <= 1e-12)
        #expect(abs(independent.pValue - 1) <= 1e-12)
        #expect(abs(independent.cramersV) <= 1e-6)
        #expect(independent.isReliable)
        let sparse = try #require(ChiSquareTest.pearson([[3, 1, 0, 2], [5, 2, 1, 0], [4, 6, 2, 1]]))
        #expect(!sparse.isReliable)
        #expect(sparse.lowExpectedShare > 0.2)
        #expect(sparse.minimumExpected < 1)
    }
}
