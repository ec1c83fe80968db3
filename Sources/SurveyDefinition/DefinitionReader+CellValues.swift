import SurveyDiagnostics
import Yams

/// Reading `missing` (無回答) and `not_asked` (非該当), globally and per question, and resolving each question's lists.
extension NodeDecoder {
    /// A `missing` or `not_asked` list: each entry a code of any sign (`99`, `-1`) or a text (`NA`, `不明`).
    mutating func cellValues(_ node: Node, key: String) -> [Located<CellValue>]? {
        guard let items = list(node, key: key) else { return nil }
        var values: [Located<CellValue>] = []
        for item in items {
            guard let scalar = item.scalar else {
                problems.append(.wrongType(location(item), key: key, found: describe(item), expected: "a code such as -1 or 99, or a text such as NA"))
                continue
            }
            let text = scalar.string.trimmingCharacters(in: .whitespaces)
            if text.isEmpty {
                problems.append(.valueListMisuse(location(item), key: key, found: "an empty value",
                                                 expected: "a code such as -1 or 99, or a text such as NA",
                                                 fix: "remove it: a blank cell is 無回答 already"))
            } else if let code = Int(text) {
                guard abs(code) <= DefinitionLimits.largestCode else {
                    problems.append(.invalidValue(location(item), key: key, found: text,
                                                  expected: "a code from -\(DefinitionLimits.largestCode) to \(DefinitionLimits.largestCode), or a text"))
                    continue
                }
                values.append(Located(.code(code), at: location(item)))
            } else {
                values.append(Located(.text(text), at: location(item)))
            }
        }
        return values
    }

    /// Gives each question its `missing` and `not_asked` values: its own list, else the global one (codes only for
    /// single, scale and multiple questions, and for flag columns not 0 or 1, which are flags). A listed code that is a
    /// choice code takes the choice out of the question (its label then means the same as the code), with a warning
    /// when the global list did it. Misuse is an error with its fix: a value in both lists, 0 or 1 in a flag
    /// question's own list.
    mutating func resolveCellValues(_ questions: inout [Question], missing: [Located<CellValue>], notAsked: [Located<CellValue>]) {
        var reported = Set<String>()
        func reportOverlap(_ value: Located<CellValue>, missingAt: SourceLocation, question: String?) {
            let key = "\(value.location.line ?? 0):\(value.location.column ?? 0)"
            guard reported.insert(key).inserted else { return }
            let whose = question.map { " for '\($0)'" } ?? ""
            problems.append(.valueListMisuse(value.location, key: "not_asked", found: "'\(value.value)' (also in 'missing'\(whose) on line \(missingAt.line ?? 0))",
                                             expected: "a value either 無回答 (missing) or 非該当 (not_asked), not both",
                                             fix: "remove '\(value.value)' from one of the lists; a question's own 'missing:' or 'not_asked:' replaces the global list there"))
        }
        for value in notAsked {
            if let twin = missing.first(where: { $0.value == value.value }) { reportOverlap(value, missingAt: twin.location, question: nil) }
        }
        for index in questions.indices {
            var question = questions[index]
            let coded = [QuestionType.single, .scale, .multiple].contains(question.type)
            let flags = question.type == .multiple && question.hasFlagColumns
            func resolve(own: [Located<CellValue>]?, global: [Located<CellValue>], key: String) -> [Located<CellValue>] {
                if let own {
                    for value in own where flags && (value.value == .code(0) || value.value == .code(1)) {
                        problems.append(.valueListMisuse(value.location, key: key, found: "\(value.value) for the flag question '\(question.id)'",
                                                         expected: "a value that is not a flag (1 is chosen, 0 not chosen)",
                                                         fix: "remove \(value.value): a flag column's 0 or blank is not chosen, and a question with no flag chosen is 無回答"))
                    }
                    return own
                }
                return global.filter { value in
                    guard case .code(let code) = value.value else { return true }
                    return coded && !(flags && (code == 0 || code == 1))
                }
            }
            let ownMissing = question.ownMissing, ownNotAsked = question.ownNotAsked
            let missingValues = resolve(own: ownMissing, global: missing, key: "missing")
            let notAskedValues = resolve(own: ownNotAsked, global: notAsked, key: "not_asked")
            if ownMissing != nil || ownNotAsked != nil {
                for value in notAskedValues {
                    if let twin = missingValues.first(where: { $0.value == value.value }) {
                        reportOverlap(value, missingAt: twin.location, question: question.id)
                    }
                }
            }
            question.missing = missingValues.map(\.value)
            question.notAsked = notAskedValues.map(\.value)
            if coded {
                var kept: [Choice] = []
                for choice in question.choices {
                    // A global code does not take out a real answer (第9地区 under a global `missing: [9]`): there
                    // the choice wins, with a warning; a choice labelled as no answer (9: 無回答) is taken out.
                    if ownMissing == nil, missingValues.contains(where: { $0.value == .code(choice.code) }),
                       !Self.saysNoAnswer(choice.label, besides: missingValues) {
                        question.missing.removeAll { $0 == .code(choice.code) }
                        problems.append(.globalCodeIsAnswer(question.location, code: choice.code, question: question.id, label: choice.label, key: "missing"))
                        kept.append(choice)
                    } else if ownNotAsked == nil, notAskedValues.contains(where: { $0.value == .code(choice.code) }),
                              !Self.saysNoAnswer(choice.label, besides: notAskedValues) {
                        question.notAsked.removeAll { $0 == .code(choice.code) }
                        problems.append(.globalCodeIsAnswer(question.location, code: choice.code, question: question.id, label: choice.label, key: "not_asked"))
                        kept.append(choice)
                    } else if missingValues.contains(where: { $0.value == .code(choice.code) }) {
                        question.missing.append(.text(choice.label))
                        if ownMissing == nil { problems.append(.missingCodeIsChoice(question.location, code: choice.code, question: question.id, label: choice.label, key: "missing")) }
                    } else if notAskedValues.contains(where: { $0.value == .code(choice.code) }) {
                        question.notAsked.append(.text(choice.label))
                        if ownNotAsked == nil { problems.append(.missingCodeIsChoice(question.location, code: choice.code, question: question.id, label: choice.label, key: "not_asked")) }
                    } else {
                        kept.append(choice)
                    }
                }
                question.choices = kept
            }
            questions[index] = question
        }
        for index in batteries.indices {
            if let item = questions.first(where: { $0.id == batteries[index].itemIDs.first }) { batteries[index].choices = item.choices }
        }
    }

    /// Labels that say the answer is missing or not applicable (a choice `9: 無回答`, `99: NA`), besides the texts of
    /// the list itself: a global code takes such a choice out of the question.
    static let noAnswerLabels: Set<String> = ["無回答", "不明", "非該当", "NA", "N/A", "#N/A", "No answer", "Not applicable", "Refused"]

    /// Whether `label` says no answer: one of `noAnswerLabels`, or a text of `values`.
    static func saysNoAnswer(_ label: String, besides values: [Located<CellValue>]) -> Bool {
        noAnswerLabels.contains(label) || values.contains { $0.value == .text(label) }
    }
}
