import Foundation
import SurveyDefinition
import SurveyResponses
import SurveyTabulation
import SurveyTestSupport
import Testing

/// Invariants of the tabulation of the example wave: over the wave's own `breaks`, and over axes drawn from
/// its single/scale questions with a seeded generator (so every run checks the same, reproducible pairs).
struct TabulationPropertyTests {
    static let seeds: [UInt64] = [1, 2023, 0x5EED]

    /// Single and scale questions (derived ones included), the candidates for random axes.
    static func axisCandidates(_ definition: SurveyDefinition) -> [Question] {
        definition.allQuestions.filter { $0.type == .single || $0.type == .scale }
    }

    /// A dictionary key for a row kind.
    static func key(_ kind: RowKind) -> String { String(describing: kind) }

    /// Respondents eligible for `question` whose value on `axis` is 無回答, counted per row kind straight
    /// from the response table (independently of the tabulator).
    static func leftOutCounts(_ question: Question, axis: Question, responses: ResponseTable) -> [String: Int] {
        guard let axisPositions = responses.columns[axis.id]?.choices else { return [:] }
        let rows = (0..<responses.count).filter { responses.isEligible($0, for: question.id) && axisPositions[$0] == 0 }
        var counts: [String: Int] = [:]
        switch question.type {
        case .single, .scale:
            let positions = responses.columns[question.id]?.choices ?? []
            for row in rows {
                let position = Int(positions[row])
                if position == 0 {
                    counts[key(.nonresponse), default: 0] += 1
                    continue
                }
                let code = question.choices[position - 1].code
                counts[key(.choice(code: code)), default: 0] += 1
                for net in question.nets where net.codes.contains(code) { counts[key(.net(label: net.label)), default: 0] += 1 }
            }
        case .multiple:
            let selections = responses.columns[question.id]?.selections ?? []
            for row in rows {
                if selections[row] == 0 { counts[key(.nonresponse), default: 0] += 1; continue }
                for (position, choice) in question.choices.enumerated() where selections[row] & (1 << UInt64(position)) != 0 {
                    counts[key(.choice(code: choice.code)), default: 0] += 1
                }
            }
        case .number, .text:
            break
        }
        return counts
    }

    /// Checks one question's tabulation; returns how many cross-tabs were checked.
    @discardableResult
    static func check(_ tabulation: QuestionTabulation, responses: ResponseTable) -> Int {
        let question = tabulation.question
        checkTable(tabulation.total, question: question, context: "\(question.id) total")
        if let summary = tabulation.totalSummary {
            #expect(summary.n + summary.missing == tabulation.total.base, "\(question.id): n + missing ≠ base")
        }
        for crossTab in tabulation.crossTabs {
            let context = "\(question.id) by \(crossTab.axis.id)"
            #expect(crossTab.groups.count == crossTab.axis.choices.count, "\(context): a group per axis value")
            for group in crossTab.groups {
                checkTable(group.table, question: question, context: "\(context) = \(group.value.code)")
                if let summary = group.summary {
                    #expect(summary.n + summary.missing == group.table.base, "\(context) = \(group.value.code): n + missing ≠ base")
                }
            }
            // Bases: the groups plus the respondents left out for axis 無回答 make up the total base.
            let groupBases = crossTab.groups.reduce(0) { $0 + $1.table.base }
            #expect(groupBases + crossTab.axisNonresponse == tabulation.total.base, "\(context): bases do not add up")
            // Rows: margins over the axis groups, plus the left-out respondents, equal the one-way table.
            guard question.type == .single || question.type == .scale || question.type == .multiple else { continue }
            let leftOut = leftOutCounts(question, axis: crossTab.axis, responses: responses)
            if question.type != .multiple {
                let leftOutRespondents = leftOut.filter { !$0.key.hasPrefix("net(") }.values.reduce(0, +)
                #expect(leftOutRespondents == crossTab.axisNonresponse, "\(context): axis 無回答 respondents")
            }
            for (index, totalRow) in tabulation.total.rows.enumerated() {
                let margin = crossTab.groups.reduce(0) { $0 + $1.table.rows[index].count }
                #expect(crossTab.groups.allSatisfy { $0.table.rows[index].kind == totalRow.kind }, "\(context): row order")
                #expect(margin + leftOut[key(totalRow.kind), default: 0] == totalRow.count,
                        "\(context) row \(totalRow.label): \(margin) in groups + \(leftOut[key(totalRow.kind), default: 0]) left out ≠ \(totalRow.count)")
            }
        }
        return tabulation.crossTabs.count
    }

    /// Choice counts plus 無回答 equal the base (single/scale; for multiple each count is at most the answered
    /// respondents); nets add up their choices; percents are 100·count/base.
    static func checkTable(_ table: FrequencyTable, question: Question, context: String) {
        let choiceRows = table.rows.filter { if case .choice = $0.kind { true } else { false } }
        let nonresponse = table.rows.filter { $0.kind == .nonresponse }
        #expect(nonresponse.count == (question.type == .text ? 0 : 1), "\(context): one 無回答 row")
        let missing = nonresponse.first?.count ?? 0
        switch question.type {
        case .single, .scale:
            #expect(choiceRows.count == question.choices.count, "\(context): a row per choice")
            #expect(choiceRows.reduce(0) { $0 + $1.count } + missing == table.base, "\(context): choices + 無回答 ≠ base")
            for net in question.nets {
                let row = table.rows.first { $0.kind == .net(label: net.label) }
                let sum = choiceRows.filter { if case .choice(let code) = $0.kind { net.codes.contains(code) } else { false } }
                    .reduce(0) { $0 + $1.count }
                #expect(row?.count == sum, "\(context): net \(net.label)")
            }
        case .multiple:
            #expect(choiceRows.count == question.choices.count, "\(context): a row per choice")
            let answered = table.base - missing
            #expect(answered >= 0, "\(context): 無回答 exceeds the base")
            #expect(choiceRows.allSatisfy { $0.count <= answered }, "\(context): a choice chosen by more than the answered")
            #expect(choiceRows.reduce(0) { $0 + $1.count } >= answered, "\(context): answered respondents chose nothing")
            if let maximum = question.maxAnswers {
                #expect(choiceRows.reduce(0) { $0 + $1.count } <= maximum * answered, "\(context): more than max answers")
            }
        case .number:
            let bins = table.rows.filter { if case .bin = $0.kind { true } else { false } }
            if !bins.isEmpty { #expect(bins.reduce(0) { $0 + $1.count } + missing == table.base, "\(context): bins + 無回答 ≠ base") }
        case .text:
            break
        }
        for row in table.rows {
            #expect(row.base == table.base, "\(context) \(row.label): row base")
            #expect(row.count >= 0 && row.count <= table.base, "\(context) \(row.label): count outside 0…base")
            if table.base == 0 {
                #expect(row.percent == nil, "\(context) \(row.label): percent of an empty base")
            } else {
                let expected = 100 * Double(row.count) / Double(table.base)
                let percent = row.percent ?? .nan
                #expect(RelativeError.ofLarger(percent, expected) <= 1e-12, "\(context) \(row.label): percent \(percent) ≠ \(expected)")
            }
        }
    }

    @Test func marginsOverTheWaveBreaks() throws {
        let wave = try #require(exampleWave)
        let tabulation = try #require(exampleTabulation)
        var checked = 0
        for question in tabulation.questions { checked += Self.check(question, responses: wave.responses) }
        #expect(checked > 50)
    }

    @Test(arguments: seeds) func marginsOverSeededAxes(seed: UInt64) throws {
        let wave = try #require(exampleWave)
        let responses = wave.responses
        var generator = SplitMix64(seed: seed)
        let candidates = Self.axisCandidates(responses.definition)
        for question in responses.definition.allQuestions where [.single, .scale, .multiple].contains(question.type) {
            let axes = Array(candidates.shuffled(using: &generator).prefix(3))
            let tabulation = Tabulator.tabulate(question, in: responses, axes: axes)
            let expected = axes.filter {
                $0.id != question.id && responses.definition.rootSource(of: $0.id) != responses.definition.rootSource(of: question.id)
            }
            #expect(tabulation.crossTabs.map(\.axis.id) == expected.map(\.id), "\(question.id): axes kept")
            Self.check(tabulation, responses: responses)
        }
    }
}
