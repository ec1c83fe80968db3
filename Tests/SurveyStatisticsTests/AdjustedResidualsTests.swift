import SurveyTestSupport
import Testing
@testable import SurveyStatistics

/// Haberman adjusted residuals against R's `chisq.test(correct = FALSE)$stdres` (Fixtures/residuals.csv).
struct AdjustedResidualsTests {
    @Test("match R stdres cell by cell; dropped rows/columns give nil")
    func matchesR() throws {
        let rows = try Fixture.csv("residuals")
        let cases = Dictionary(grouping: rows) { $0["case"] ?? "" }
        #expect(cases.count >= 5)
        var errors: [Double] = []
        for (name, cells) in cases {
            let table = Fixture.table(cells.first?["table"])
            let residuals = AdjustedResiduals.haberman(table)
            #expect(residuals.count == table.count, "\(name) shape")
            #expect(residuals.map(\.count) == table.map(\.count), "\(name) shape")
            for cell in cells {
                let i = try #require(Fixture.int(cell["row"]))
                let j = try #require(Fixture.int(cell["column"]))
                let actual = residuals[i][j]
                guard let expected = Fixture.double(cell["residual"]) else {
                    #expect(actual == nil, "\(name)[\(i)][\(j)] should be nil")
                    continue
                }
                let value = try #require(actual, "\(name)[\(i)][\(j)] should have a value")
                errors.append(RelativeError.scaled(value, expected, floor: 1e-6))
                #expect(RelativeError.scaled(value, expected, floor: 1e-6) <= 1e-10, "\(name)[\(i)][\(j)] \(value) vs \(expected)")
            }
        }
        RelativeError.report("adjusted residuals vs R stdres", errors)
    }

    @Test("the 3×4 survey table's residuals from the reference match known values")
    func knownCell() throws {
        let residuals = AdjustedResiduals.haberman([[25, 40, 20, 15], [30, 35, 25, 10], [12, 20, 30, 38]])
        let corner = try #require(residuals[0][2])
        #expect(RelativeError.of(corner, -1.4142135623730949) <= 1e-12)
    }

    @Test("invalid tables give all-nil results of the input's shape")
    func invalidTables() {
        let ragged = AdjustedResiduals.haberman([[1, 2], [3]])
        #expect(ragged.map(\.count) == [2, 1])
        #expect(ragged.allSatisfy { $0.allSatisfy { $0 == nil } })
        let negative = AdjustedResiduals.haberman([[1, -2], [3, 4]])
        #expect(negative.allSatisfy { $0.allSatisfy { $0 == nil } })
        #expect(AdjustedResiduals.haberman([]).isEmpty)
        let single = AdjustedResiduals.haberman([[4, 6, 9]])
        #expect(single.allSatisfy { $0.allSatisfy { $0 == nil } })
    }
}
