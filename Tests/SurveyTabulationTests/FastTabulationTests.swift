import Foundation
import SurveyDefinition
import SurveyDiagnostics
import SurveyIngest
@_spi(Parts) @testable import SurveyResponses
@testable import SurveyTabulation
import SurveyTestSupport
import Testing

/// The one-sweep tabulation (`Tabulator`, `GroupedCounts`) gives what the row-index tabulation (`RowTabulator`)
/// gives: every count, residual, test and quantile bit for bit; means and sds to 1e-14 relative (scores and small
/// whole numbers take them from counts per value, `Moments(frequencies:)`, rather than from the values in row order).
@Suite struct FastTabulationTests {
    /// Same counts and five numbers; mean and sd to 1e-14 relative.
    static func expectSame(_ fast: NumberSummary?, _ slow: NumberSummary?, _ context: String) {
        guard let fast, let slow else {
            #expect(fast == nil && slow == nil, "\(context): summary present in one only")
            return
        }
        for (f, s) in [(fast.mean, slow.mean), (fast.standardDeviation, slow.standardDeviation)] {
            #expect((f == nil) == (s == nil), "\(context): mean or sd present in one only")
            if let f, let s { #expect(abs(f - s) <= 1e-14 * max(abs(s), 1e-300), "\(context): \(f) vs \(s)") }
        }
        var exactFast = fast, exactSlow = slow
        exactFast.mean = nil
        exactFast.standardDeviation = nil
        exactSlow.mean = nil
        exactSlow.standardDeviation = nil
        // The reference path makes no weighted figures (they are checked against R's survey package in
        // WeightedNumbersTests; a wave read in parts sums its weights in another order).
        exactFast.weighted = nil
        exactSlow.weighted = nil
        #expect(exactFast == exactSlow, "\(context): summary")
    }

    /// The table without its weighted sums: `RowTabulator` counts respondents only (the weighted sums are checked
    /// against R's survey package in WeightedTabulationTests).
    static func unweighted(_ table: FrequencyTable) -> FrequencyTable {
        var table = table
        table.weightedBase = nil
        for index in table.rows.indices {
            table.rows[index].weightedCount = nil
            table.rows[index].weightedBase = nil
            table.rows[index].domainTest = nil
        }
        return table
    }

    static func expectSame(_ fast: QuestionTabulation, _ slow: QuestionTabulation, _ context: String) {
        #expect(unweighted(fast.total) == unweighted(slow.total), "\(context): total")
        expectSame(fast.totalSummary, slow.totalSummary, "\(context): total summary")
        #expect(fast.crossTabs.count == slow.crossTabs.count, "\(context): cross-tabs")
        for (f, s) in zip(fast.crossTabs, slow.crossTabs) {
            let where_ = "\(context) × \(s.axis.id)"
            #expect(f.axis.id == s.axis.id, "\(where_): axis")
            #expect(f.axisNonresponse == s.axisNonresponse, "\(where_): axis 無回答")
            #expect(f.groups.map(\.value.code) == s.groups.map(\.value.code), "\(where_): values")
            #expect(f.groups.map { unweighted($0.table) } == s.groups.map { unweighted($0.table) }, "\(where_): tables")
            #expect(f.groups.count == s.groups.count, "\(where_): groups")
            for (group, (a, b)) in zip(f.groups, s.groups).enumerated() {
                expectSame(a.summary, b.summary, "\(where_) group \(group)")
            }
            // The design-based rows of a weighted wave are the fast path's only (checked against R elsewhere).
            let design: Set<IndependenceTest.Method> = [.raoScott, .designTrend, .designKruskalWallis]
            let fTests = f.tests.filter { !design.contains($0.method) }, sTests = s.tests.filter { !design.contains($0.method) }
            #expect(fTests.map(\.chiSquare) == sTests.map(\.chiSquare), "\(where_): chi-square")
            #expect(fTests.map(\.method) == sTests.map(\.method) && fTests.map(\.choice) == sTests.map(\.choice), "\(where_): tests")
            #expect(fTests.map(\.pValue).map(\.bitPattern) == sTests.map(\.pValue).map(\.bitPattern), "\(where_): p")
        }
    }

    @Test(arguments: [UInt64(7), 2024, 0xFA57]) func exampleWaveOverSeededAxes(seed: UInt64) throws {
        let responses = try #require(exampleWave).responses
        let definition = responses.definition
        var generator = SplitMix64(seed: seed)
        let candidates = definition.allQuestions.filter { $0.type == .single || $0.type == .scale }
        for question in definition.allQuestions {
            let axes = Array(candidates.shuffled(using: &generator).prefix(3))
            Self.expectSame(Tabulator.tabulate(question, in: responses, axes: axes),
                            RowTabulator.tabulate(question, in: responses, axes: axes), question.id)
        }
    }

    @Test func wholeWaveInOrder() throws {
        let responses = try #require(exampleWave).responses
        let wave = Tabulator.tabulate(responses)
        let axes = responses.definition.breaks.compactMap { responses.definition.anyQuestion($0.value) }
        #expect(wave.questions.map(\.question.id) == responses.definition.allQuestions.map(\.id))
        for tabulation in wave.questions {
            Self.expectSame(tabulation, RowTabulator.tabulate(tabulation.question, in: responses, axes: axes,
                                                              isDerived: tabulation.isDerived), tabulation.question.id)
        }
    }

    /// A table read in parts keeps a block of rows per part (a derived column keeps its source's blocks, an
    /// eligibility column is one block): its tabulation is the in-order table's, value for value.
    @Test func wholeWaveReadInParts() throws {
        let inOrder = try #require(exampleWave).responses
        var engine = DiagnosticsEngine()
        let folder = repositoryRoot.appendingPathComponent("Surveys/shimin/2023").path
        let inParts = try #require(ResponseReader.read(definition: inOrder.definition, folder: folder, diagnostics: &engine,
                                                       parallelism: CSVParallelism(parts: 3, minimumPartBytes: 1)))
        #expect(inParts.count == inOrder.count)
        #expect(inOrder.columns.values.allSatisfy { $0.blockEnds.count <= 2 }, "in order: a block per file")
        #expect(inParts.columns.values.contains { $0.blockEnds.count >= 4 }, "in parts: blocks per part")
        #expect(inParts.columns["area"]?.blockEnds == inParts.columns["district"]?.blockEnds, "derived keeps its source's blocks")
        #expect(inParts.eligibility.values.allSatisfy { $0.blockEnds.count == 1 })
        let fast = Tabulator.tabulate(inParts)
        let expected = Tabulator.tabulate(inOrder)
        let axes = inParts.definition.breaks.compactMap { inParts.definition.anyQuestion($0.value) }
        for (found, wanted) in zip(fast.questions, expected.questions) {
            Self.expectSame(found, wanted, found.question.id)
            #expect(found.totalSummary == wanted.totalSummary, "\(found.question.id): total summary")
            #expect(found.crossTabs.map { $0.groups.map(\.summary) } == wanted.crossTabs.map { $0.groups.map(\.summary) },
                    "\(found.question.id): summaries by group")
            Self.expectSame(found, RowTabulator.tabulate(found.question, in: inParts, axes: axes, isDerived: found.isDerived),
                            found.question.id)
            // The example is weighted: the weighted sums agree up to the order of additions (parts are summed apart).
            let pairs = zip([found.total] + found.crossTabs.flatMap { $0.groups.map(\.table) },
                            [wanted.total] + wanted.crossTabs.flatMap { $0.groups.map(\.table) })
            for (a, b) in pairs {
                #expect((a.weightedBase == nil) == (b.weightedBase == nil), "\(found.question.id): weighted in one only")
                for (x, y) in zip([a.weightedBase] + a.rows.map(\.weightedCount), [b.weightedBase] + b.rows.map(\.weightedCount)) {
                    if let x, let y { #expect(abs(x - y) <= 1e-9 * max(abs(y), 1), "\(found.question.id): \(x) vs \(y)") }
                }
            }
        }
        #expect(expected.questions.first?.total.weightedBase != nil, "the example wave is weighted")
        #expect(fast.questions.count == expected.questions.count)
    }

    /// Multiple answers of 1, 8, 9 and 64 choices (one to eight byte lanes), with groups of ~1,000 rows (lanes
    /// added to the cells several times), `asked_if`, and an axis with 無回答, as counted row by row.
    @Test func multipleAnswersOfManyChoices() throws {
        let sizes = [1, 8, 9, 64]
        var yaml = """
            title: t
            wave: 2023
            data:
              - file: d.csv
            breaks: [district]
            questions:
              - id: district
                column: 地区
                type: single
                choices: {1: 中央, 2: 東, 3: 西}

            """
        for (index, size) in sizes.enumerated() {
            let choices = (1...size).map { "\($0): c\($0)" }.joined(separator: ", ")
            yaml += """
                  - id: m\(index)
                    column: 問\(index)
                    type: multiple
                    separator: ";"
                    choices: {\(choices)}

                """
            if index == 3 { yaml += "    asked_if: {district: [1, 2]}\n" }
        }
        var csv = "地区," + sizes.indices.map { "問\($0)" }.joined(separator: ",") + "\n"
        var generator = SplitMix64(seed: 0x1A4E5)
        for _ in 0..<3_200 {
            var row = [["", "1", "2", "3"][Int(generator.next() % 20 == 0 ? 0 : 1 + generator.next() % 3)]]
            for size in sizes {
                // Each choice chosen with probability 1/2, 1/4 or 1/16, so some rows choose none.
                let shift = [1, 2, 4][Int(generator.next() % 3)]
                let chosen = (1...size).filter { _ in generator.next() % (1 << UInt64(shift)) == 0 }
                row.append(chosen.map(String.init).joined(separator: ";"))
            }
            csv += row.joined(separator: ",") + "\n"
        }
        let responses = try loadWave(yaml: yaml, csv: csv)
        let axes = responses.definition.breaks.compactMap { responses.definition.anyQuestion($0.value) }
        for question in responses.definition.allQuestions {
            let fast = Tabulator.tabulate(question, in: responses, axes: axes)
            Self.expectSame(fast, RowTabulator.tabulate(question, in: responses, axes: axes), question.id)
        }
        let wide = Tabulator.tabulate(try #require(responses.definition.question("m3")), in: responses, axes: axes)
        #expect(wide.total.rows.contains { $0.count > 255 }, "a choice counted past one lane's 255")
    }

    /// A number question's summaries of an axis's groups depend on those groups' rows only: respondents whose axis
    /// value is 無回答 (with a decimal, or a value past the groups' largest) leave them bit for bit as they were,
    /// whether the axis is the first (whose 無回答 is swept into the total) or a later one. And the total derived
    /// from the first axis's groups is the one a sweep over everyone gives. (With the seeds given, deciding the
    /// groups' counting method over the 無回答 rows too changed standard deviations in their last digit.)
    @Test(arguments: [UInt64(1), 2, 5, 6]) func numberSummariesIgnoreRowsOutsideTheirGroups(seed: UInt64) throws {
        let yaml = """
            title: t
            wave: 2023
            data:
              - file: d.csv
            derived:
              - id: area
                from: district
                groups: {北: [1, 2], 南: [3]}
            breaks: [district, area, sex]
            questions:
              - id: district
                column: 地区
                type: single
                choices: {1: 中央, 2: 東, 3: 西}
              - id: sex
                column: 性別
                type: single
                choices: {1: 男, 2: 女}
              - id: n
                column: 数
                type: number
              - id: k
                column: 数2
                type: number
            """
        var generator = SplitMix64(seed: seed)
        var rows: [String] = []
        for _ in 0..<400 {
            let district = ["", "1", "2", "3", "3"][Int(generator.next() % 5)]
            let sex = ["1", "2"][Int(generator.next() % 2)]
            let n = generator.next() % 10 == 0 ? "" : String(generator.next() % 91)
            rows.append("\(district),\(sex),\(n),\(generator.next() % 20_001)")
        }
        // The same rows, and respondents in no district (so in no area either) with values the groups do not have.
        let more = rows + [",1,1.5,7", ",2,30000,2.5", ",1,65536,65535"]
        func tabulate(_ rows: [String]) throws -> (ResponseTable, WaveTabulation) {
            let responses = try loadWave(yaml: yaml, csv: (["地区,性別,数,数2"] + rows).joined(separator: "\n") + "\n")
            return (responses, Tabulator.tabulate(responses))
        }
        let (_, before) = try tabulate(rows)
        let (responses, after) = try tabulate(more)
        for (old, new) in zip(before.questions, after.questions) where new.question.type == .number {
            for axis in ["district", "area"] {
                let groups = { (tabulation: QuestionTabulation) in
                    tabulation.crossTabs.first { $0.axis.id == axis }?.groups.map(\.summary)
                }
                #expect(groups(new) == groups(old), "\(new.question.id) by \(axis): groups' summaries")
            }
            let everyone = Tabulator.tabulate(new.question, in: responses, axes: [])
            #expect(new.totalSummary == everyone.totalSummary, "\(new.question.id): total as an everyone sweep")
        }
    }

    /// Decimal, negative, large and signed-zero numbers take the sorting path; scores in any order, nets,
    /// multiple answers with `asked_if`, free text.
    @Test func unusualValues() throws {
        let yaml = """
            title: t
            wave: 2023
            data:
              - file: d.csv
            breaks: [district, q1]
            questions:
              - id: district
                column: 地区
                type: single
                choices: {1: 中央, 2: 東, 3: 西}
              - id: q1
                column: 問1
                type: scale
                choices: {1: そう思う, 2: ややそう思う, 3: あまりそう思わない, 4: そう思わない}
                scores: {1: 2.5, 2: 0.1, 3: -1, 4: 0.1}
              - id: q2
                column: 問2
                type: number
                bins: [0, 10.5]
              - id: q3
                column: 問3
                type: number
              - id: q4
                column: 問4
                type: multiple
                choices: {1: a, 2: b, 3: c}
              - id: q5
                column: 問5
                type: text
            """
        var csv = "地区,問1,問2,問3,問4,問5\n"
        var generator = SplitMix64(seed: 99)
        let decimals = ["", "-0", "0", "3.25", "-7.5", "1e6", "12", "0.1", "99999999"]
        let integers = ["", "0", "3", "70000", "12", "5"]
        for _ in 0..<400 {
            let district = ["", "1", "2", "3"].randomElement(using: &generator)!
            let q1 = ["", "1", "2", "3", "4"].randomElement(using: &generator)!
            let q4 = ["", "1", "2", "1 3", "2 3", "1 2 3"].randomElement(using: &generator)!
            let q5 = ["", "あり", "x"].randomElement(using: &generator)!
            csv += "\(district),\(q1),\(decimals.randomElement(using: &generator)!),\(integers.randomElement(using: &generator)!),\"\(q4)\",\(q5)\n"
        }
        let folder = try TemporaryFolder.create(prefix: "survey-fast", files: ["survey.yaml": yaml, "d.csv": csv])
        defer { try? FileManager.default.removeItem(at: folder) }
        var engine = DiagnosticsEngine()
        let responses = try #require(Wave.load(folder: folder.path, diagnostics: &engine)).responses
        let axes = responses.definition.breaks.compactMap { responses.definition.anyQuestion($0.value) }
        for question in responses.definition.allQuestions {
            Self.expectSame(Tabulator.tabulate(question, in: responses, axes: axes),
                            RowTabulator.tabulate(question, in: responses, axes: axes), question.id)
        }
        #expect(Tabulator.tabulate(responses).questions.contains { $0.totalSummary?.n ?? 0 > 300 })
    }
}
