import SurveyTestSupport
import Testing
@testable import SurveyStatistics

/// Strata with a single respondent (lonely PSUs) against R's survey package under
/// `options(survey.lonely.psu = "adjust")` (Fixtures/reference_lonely_psu.R → Fixtures/lonely_psu.csv on the
/// respondents of Fixtures/lonely_psu_data.csv: strata of 30, 20, 11, 1 and 1 respondents; and every respondent its
/// own stratum).
struct LonelyStratumTests {
    struct Respondent {
        let id: Int, stratum: Int, group: Int, band: Int, age: Int, weight: Double, value: Double, flag: Bool, x: Double
    }

    static func data() throws -> [Respondent] {
        try Fixture.csv("lonely_psu_data").map { row in
            func int(_ key: String) throws -> Int { try #require(Fixture.int(row[key])) }
            return Respondent(id: try int("id"), stratum: try int("stratum"), group: try int("group"), band: try int("band"),
                              age: try int("age"), weight: try #require(Fixture.double(row["w"])),
                              value: Fixture.double(row["value"]) ?? .nan, flag: try int("flag") == 1, x: Fixture.double(row["x"]) ?? .nan)
        }
    }

    static func expected() throws -> [String: Double] {
        var expected: [String: Double] = [:]
        for row in try Fixture.csv("lonely_psu") {
            expected["\(row["design"]!),\(row["test"]!),\(row["domain"]!),\(row["quantity"]!)"] = Double(row["value"]!)
        }
        return expected
    }

    /// The respondent's stratum in a design, 0-based, and the design's strata sizes.
    static func design(_ name: String, _ data: [Respondent]) -> (stratum: (Respondent) -> Int, sizes: [Int]) {
        let stratum: (Respondent) -> Int = name == "strata" ? { $0.stratum - 1 } : { $0.id - 1 }
        var sizes = [Int](repeating: 0, count: data.map(stratum).max()! + 1)
        for respondent in data { sizes[stratum(respondent)] += 1 }
        return (stratum, sizes)
    }

    @Test("mean, proportion and their SEs with lonely strata, overall and in domains, match R's \"adjust\" at 1e-9")
    func meansMatchR() throws {
        let data = try Self.data(), expected = try Self.expected()
        var checked = 0, errors: [Double] = []
        for name in ["strata", "all_lonely"] {
            let (stratum, sizes) = Self.design(name, data)
            for domain in ["all", "group1", "group2"] {
                let mine = data.filter { domain == "all" || "group\($0.group)" == domain }
                let mean = try #require(WeightedMean(values: mine.map(\.value), weights: mine.map(\.weight), strata: mine.map(stratum),
                                                     strataSizes: sizes))
                let proportion = try #require(WeightedProportion(strata: sizes.indices.map { s in
                    let members = mine.filter { stratum($0) == s }, chosen = members.filter(\.flag)
                    return WeightedProportion.StratumSums(size: sizes[s], respondents: members.count,
                                                          chosen: chosen.reduce(0) { $0 + $1.weight },
                                                          chosenSquares: chosen.reduce(0) { $0 + $1.weight * $1.weight },
                                                          base: members.reduce(0) { $0 + $1.weight },
                                                          baseSquares: members.reduce(0) { $0 + $1.weight * $1.weight })
                }))
                let actual: [String: Double?] = ["mean": mean.estimate, "se": mean.standardError, "p": proportion.estimate,
                                                 "p_se": proportion.standardError]
                for (quantity, value) in actual {
                    let reference = try #require(expected["\(name),mean,\(domain),\(quantity)"])
                    let value = try #require(value, "\(name) \(domain) \(quantity)")
                    #expect(RelativeError.of(value, reference) <= 1e-9, "\(name) \(domain) \(quantity): \(value) vs \(reference)")
                    errors.append(RelativeError.of(value, reference))
                    checked += 1
                }
                // Group 2 has one respondent in stratum 3 (of 11): not lonely (R's default survey.adjust.domain.lonely =
                // FALSE); treating it as lonely gives R's other figures, which ours must not be.
                if name == "strata" && domain == "group2" {
                    for (value, quantity) in [(mean.standardError, "se"), (proportion.standardError, "p_se")] {
                        let lonely = try #require(expected["strata,mean,group2,\(quantity)_domain_lonely"])
                        #expect(RelativeError.of(value ?? 0, lonely) > 1e-3, "\(quantity) must not treat the domain's single respondent as lonely")
                    }
                }
            }
        }
        #expect(checked == 24)
        RelativeError.report("lonely strata: svymean, svyby", errors)
    }

    @Test("Rao–Scott F, both df (H counting the lonely strata), p and X² match R's svychisq(statistic = \"F\") at 1e-9; no test when every stratum is lonely")
    func raoScottMatchesR() throws {
        let data = try Self.data(), expected = try Self.expected()
        var checked = 0, errors: [Double] = []
        for name in ["strata", "all_lonely"] {
            let (stratum, _) = Self.design(name, data)
            for row in ["group", "band"] {
                let rows = data.map { (row == "group" ? $0.group : $0.band) - 1 }
                let test = RaoScottTest(rows: rows, columns: data.map { $0.age - 1 }, weights: data.map(\.weight), strata: data.map(stratum))
                guard name == "strata" else {
                    // n = H: R's d₂ = 0 and p NaN; no test here.
                    #expect(expected["\(name),chisq,\(row),ddf"] == 0 && test == nil)
                    continue
                }
                let mine = try #require(test)
                for (actual, key) in [(mine.statistic, "f"), (mine.numeratorDF, "ndf"), (mine.denominatorDF, "ddf"), (mine.pValue, "p"),
                                      (mine.pearson, "pearson")] {
                    let reference = try #require(expected["\(name),chisq,\(row),\(key)"])
                    #expect(RelativeError.of(actual, reference) <= 1e-9, "\(name) \(row) × age \(key): \(actual) vs \(reference)")
                    errors.append(RelativeError.of(actual, reference))
                    checked += 1
                }
                #expect(RelativeError.of(mine.denominatorDF, mine.numeratorDF * Double(data.count - 5)) <= 1e-15)
            }
        }
        #expect(checked == 10)
        RelativeError.report("lonely strata: svychisq", errors)
    }

    @Test("the per-cell domain difference and its SE with lonely strata match R's svyglm slope and SE at 1e-9")
    func domainDifferenceMatchesR() throws {
        let data = try Self.data(), expected = try Self.expected()
        var checked = 0, errors: [Double] = []
        for name in ["strata", "all_lonely"] {
            let (stratum, _) = Self.design(name, data)
            for row in ["group", "band"] {
                let value: (Respondent) -> Int = row == "group" ? { $0.group } : { $0.band }
                for g in Set(data.map(value)).sorted() {
                    for k in 1...3 {
                        let test = try #require(DomainDifferenceTest(indicators: data.map { $0.age == k ? 1 : 0 }, domains: data.map { value($0) == g ? 1 : 0 },
                                                                     weights: data.map(\.weight), strata: data.map(stratum)))
                        let key = "\(name),glm,\(row)=\(g):age=\(k)"
                        let difference = try #require(expected["\(key),difference"]), se = try #require(expected["\(key),se"])
                        #expect(RelativeError.scaled(test.difference, difference, floor: 1e-15) <= 1e-9, "\(key) d: \(test.difference) vs \(difference)")
                        #expect(RelativeError.of(test.standardError, se) <= 1e-9, "\(key) se: \(test.standardError) vs \(se)")
                        errors += [RelativeError.scaled(test.difference, difference, floor: 1e-15), RelativeError.of(test.standardError, se)]
                        checked += 1
                    }
                }
            }
        }
        #expect(checked == 2 * (2 * 3 + 3 * 3))
        RelativeError.report("lonely strata: svyglm", errors)
    }

    @Test("the design-based trend (svyglm on a score) and Kruskal–Wallis (svyranktest) with lonely strata match R at 1e-9")
    func trendAndKruskalWallisMatchR() throws {
        let data = try Self.data(), expected = try Self.expected()
        var checked = 0, errors: [Double] = []
        func check(_ actual: Double, _ key: String) throws {
            let reference = try #require(expected[key], "\(key)")
            #expect(RelativeError.of(actual, reference) <= 1e-9, "\(key): \(actual) vs \(reference)")
            errors.append(RelativeError.of(actual, reference))
            checked += 1
        }
        for name in ["strata", "all_lonely"] {
            let (stratum, sizes) = Self.design(name, data)
            for k in 1...3 {
                let trend = try #require(DesignTrendTest(indicators: data.map { $0.age == k ? 1 : 0 }, groups: data.map { $0.band - 1 },
                                                         weights: data.map(\.weight), strata: data.map(stratum), strataSizes: sizes))
                try check(trend.slope, "\(name),trend,age\(k),slope")
                try check(trend.standardError, "\(name),trend,age\(k),se")
            }
        }
        let (stratum, _) = Self.design("strata", data)
        let kruskal = try #require(DesignKruskalWallisTest(values: data.map(\.x), groups: data.map { $0.band - 1 }, weights: data.map(\.weight),
                                                           strata: data.map(stratum)))
        try check(kruskal.wald, "strata,kruskal,x,chisq")
        try check(kruskal.pValue, "strata,kruskal,x,p")
        #expect(Double(kruskal.numeratorDF) == expected["strata,kruskal,x,ndf"] && Double(kruskal.denominatorDF) == expected["strata,kruskal,x,ddf"])
        #expect(checked == 14)
        RelativeError.report("lonely strata: svyglm trend, svyranktest", errors)
    }

    @Test("a stratum of one adds its unit's squared z with scale 1; the others keep n_h/(n_h − 1) and their own mean")
    func handComputed() throws {
        // Values 1, 2 in a stratum of two, 6 alone; weights 1: ȳ = 3, z = (−2, −1, 3)/3.
        let mean = try #require(WeightedMean(values: [1, 2, 6], weights: [1, 1, 1], strata: [0, 0, 1], strataSizes: [2, 1]))
        // Stratum 0: 2·[(4 + 1)/9 − (3/3)²/2] = 2·(5/9 − 1/2) = 1/9; stratum 1: (3/3)² = 1.
        #expect(RelativeError.of(try #require(mean.standardError), (1.0 / 9 + 1).squareRoot()) <= 1e-15)
        // The lonely respondent outside the domain adds nothing.
        let domain = try #require(WeightedMean(values: [1, 2, .nan], weights: [1, 1, 1], strata: [0, 0, 1], strataSizes: [2, 1]))
        // ȳ = 1.5, z = (−0.25, 0.25): 2·(0.125 − 0) = 0.25.
        #expect(RelativeError.of(try #require(domain.standardError), 0.5) <= 1e-15)
        #expect(WeightedMean.stratumScale(size: 1) == (1, false) && WeightedMean.stratumScale(size: 4) == (4.0 / 3, true))
    }
}
