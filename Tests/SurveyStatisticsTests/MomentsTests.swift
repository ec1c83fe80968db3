import SurveyTestSupport
import Testing
@testable import SurveyStatistics

/// Moments against the NIST StRD univariate data sets (Fixtures/nist_*.txt, nist_certified.csv).
struct MomentsTests {
    /// The nine NIST data sets with certified values and the exact moments of their binary64 representation.
    private func datasets() throws -> [(name: String, values: [Double], row: [String: String])] {
        try Fixture.csv("nist_certified").map { row in
            let name = row["name"] ?? ""
            let values = try Fixture.lines("nist_\(name)", "txt").compactMap { Double($0) }
            return (name, values, row)
        }
    }

    @Test("mean and sd equal the exact moments of the double inputs to 1e-13 on all NIST StRD sets")
    func exactOnDoubleInputs() throws {
        let sets = try datasets()
        #expect(sets.count == 9)
        var errors: [Double] = []
        for set in sets {
            #expect(set.values.count == Fixture.int(set.row["n"]), "\(set.name) size")
            let moments = try #require(Moments(set.values))
            let mean = try #require(Fixture.double(set.row["binary64_mean"]))
            let sd = try #require(Fixture.double(set.row["binary64_sd"]))
            let computedSD = try #require(moments.standardDeviation)
            errors += [RelativeError.of(moments.mean, mean), RelativeError.of(computedSD, sd)]
            #expect(moments.count == set.values.count)
            #expect(RelativeError.of(moments.mean, mean) <= 1e-15, "\(set.name) mean \(moments.mean) vs \(mean)")
            #expect(RelativeError.of(computedSD, sd) <= 1e-13, "\(set.name) sd \(computedSD) vs \(sd)")
        }
        RelativeError.report("Moments vs exact moments of the double inputs", errors)
    }

    @Test("certified NIST values are reproduced to 13 digits wherever binary64 inputs allow it")
    func certifiedValues() throws {
        var errors: [String: Double] = [:]
        for set in try datasets() {
            let moments = try #require(Moments(set.values))
            let certifiedMean = try #require(Fixture.double(set.row["certified_mean"]))
            let certifiedSD = try #require(Fixture.double(set.row["certified_sd"]))
            // How far the exact sd of the rounded inputs already is from the certified sd (input rounding, not algorithm).
            let representationGap = try #require(Fixture.double(set.row["binary64_vs_certified_sd"]))
            let sd = try #require(moments.standardDeviation)
            let sdError = RelativeError.of(sd, certifiedSD)
            errors[set.name] = sdError
            #expect(RelativeError.of(moments.mean, certifiedMean) <= 1e-14, "\(set.name) certified mean")
            #expect(sdError <= max(1e-13, representationGap * 1.01 + 1e-13), "\(set.name) certified sd \(sd)")
            if representationGap < 1e-14 {
                #expect(sdError <= 1e-13, "\(set.name): 13 significant digits of the certified sd")
            }
        }
        for (name, error) in errors.sorted(by: { $0.key < $1.key }) {
            RelativeError.report("Moments sd vs NIST certified, \(name)", [error])
        }
    }

    @Test("NumAcc1 gives mean 10000002 and sd 1; min and max are exact")
    func numAcc1() throws {
        let moments = try #require(Moments([10000001, 10000003, 10000002]))
        #expect(moments.mean == 10000002)
        #expect(moments.variance == 1)
        #expect(moments.standardDeviation == 1)
        #expect(moments.min == 10000001)
        #expect(moments.max == 10000003)
    }

    @Test("degenerate samples: empty or non-finite gives nil; one value has no variance; constants have variance 0")
    func degenerate() throws {
        #expect(Moments([]) == nil)
        #expect(Moments([1, .nan]) == nil)
        #expect(Moments([1, .infinity]) == nil)
        let single = try #require(Moments([4.5]))
        #expect(single.count == 1)
        #expect(single.mean == 4.5)
        #expect(single.variance == nil)
        #expect(single.standardDeviation == nil)
        let constant = try #require(Moments([0.1, 0.1, 0.1, 0.1]))
        #expect(constant.variance == 0)
        #expect(constant.mean == 0.1)
    }
}
