import SurveyTestSupport
import Testing
@testable import SurveyStatistics

/// Moments of frequency tables against exact rational references (Fixtures/frequencies_reference.py → frequencies.csv).
@Suite struct MomentsFrequenciesTests {
    private func cases() throws -> [(name: String, table: [(value: Double, count: Int)], row: [String: String])] {
        try Fixture.csv("frequencies").map { row in
            let values = (row["values"] ?? "").split(separator: " ").compactMap { Double($0) }
            let counts = (row["counts"] ?? "").split(separator: " ").compactMap { Int($0) }
            return (row["name"] ?? "?", Array(zip(values, counts)).map { (value: $0.0, count: $0.1) }, row)
        }
    }

    /// Mean and standard deviation within 2 ulps (relative 4.5e-16) of the exact values; count, min and max exact.
    @Test func matchesExactReferences() throws {
        let all = try cases()
        #expect(all.count == 19)
        for (name, table, row) in all {
            let moments = try #require(Moments(frequencies: table), "\(name)")
            #expect(moments.count == Fixture.int(row["n"]), "\(name): n")
            let mean = try #require(Fixture.double(row["mean"]))
            #expect(RelativeError.of(moments.mean, mean) <= 4.5e-16, "\(name): mean \(moments.mean) vs \(mean)")
            if let sd = Fixture.double(row["sd"]) {
                let found = try #require(moments.standardDeviation, "\(name): sd")
                #expect(RelativeError.of(found, sd) <= 4.5e-16, "\(name): sd \(found) vs \(sd)")
            } else {
                #expect(moments.standardDeviation == nil, "\(name): sd of one value")
            }
            let occurring = table.filter { $0.count > 0 }.map(\.value)
            #expect(moments.min.bitPattern == occurring.min()?.bitPattern && moments.max.bitPattern == occurring.max()?.bitPattern,
                    "\(name): min and max")
        }
    }

    /// The same values written out one by one give the same moments to a few ulps (seeded tables).
    @Test func agreesWithTheValuesWrittenOut() {
        var random = SplitMix64(seed: 6)
        for _ in 0..<200 {
            let size = Int(random.next() % 6) + 1
            let table = (0..<size).map { index in
                (value: Double(Int(random.next() % 21) - 10 + index * 3), count: Int(random.next() % 40))
            }
            let written = table.flatMap { repeatElement($0.value, count: $0.count) }
            let fromTable = Moments(frequencies: table)
            let fromValues = Moments(written)
            #expect((fromTable == nil) == (fromValues == nil))
            guard let fromTable, let fromValues else { continue }
            #expect(fromTable.count == fromValues.count)
            #expect(RelativeError.scaled(fromTable.mean, fromValues.mean) <= 1e-15)
            if let a = fromTable.standardDeviation, let b = fromValues.standardDeviation {
                #expect(RelativeError.scaled(a, b) <= 1e-14)
            } else {
                #expect(fromTable.standardDeviation == nil && fromValues.standardDeviation == nil)
            }
        }
    }

    @Test func emptyOrNotFiniteTablesHaveNoMoments() {
        #expect(Moments(frequencies: []) == nil)
        #expect(Moments(frequencies: [(value: 3, count: 0)]) == nil)
        #expect(Moments(frequencies: [(value: .nan, count: 2)]) == nil)
        #expect(Moments(frequencies: [(value: .infinity, count: 1), (value: 1, count: 1)]) == nil)
        #expect(Moments(frequencies: [(value: .nan, count: 0), (value: 2, count: 3)])?.count == 3)
    }
}
