import SurveyDiagnostics

/// Checks the references between parts of a definition: ids, `asked_if`, `derived`, `breaks`, `districts`.
struct DefinitionValidator {
    let definition: SurveyDefinition

    func validate(into problems: inout [DefinitionProblem]) {
        var firstLine: [String: Int?] = [:]
        var codesByID: [String: [Int]] = [:]
        /// The codes of each question as a set, for the membership tests (lists of codes can be long).
        var codeSets: [String: Set<Int>] = [:]
        var typeByID: [String: QuestionType] = [:]
        for question in definition.questions {
            if let line = firstLine[question.id] {
                problems.append(.duplicateID(question.location, id: question.id, firstLine: line))
            } else {
                firstLine[question.id] = question.location.line
                codesByID[question.id] = question.choices.map(\.code)
                codeSets[question.id] = Set(question.choices.map(\.code))
                typeByID[question.id] = question.type
            }
        }
        let allIDs = { Array(firstLine.keys).sorted() }
        var batteryItems: [String: [String]] = [:]
        for battery in definition.batteries {
            if let line = firstLine[battery.id] {
                // Cited where the id is written the second time.
                if let question = definition.questions.first(where: { $0.id == battery.id }), let first = battery.location.line,
                   let second = line, first < second {
                    problems.append(.duplicateID(question.location, id: battery.id, firstLine: first))
                } else {
                    problems.append(.duplicateID(battery.location, id: battery.id, firstLine: line))
                }
            } else {
                batteryItems[battery.id] = battery.itemIDs
            }
        }
        func unknown(_ id: String, key: String, at location: SourceLocation) -> DefinitionProblem {
            if let items = batteryItems[id] {
                return .batteryMisuse(location, battery: id, found: "'\(id)' in '\(key)'", expected: "a question id, and a battery is not a question",
                                      fix: "name one of its items instead: \(items.joined(separator: ", "))")
            }
            return .unknownQuestion(location, key: key, id: id, suggestion: NearestName.suggestion(for: id, among: allIDs()))
        }
        for derived in definition.derived {
            if let line = firstLine[derived.id] ?? definition.batteries.first(where: { $0.id == derived.id }).map({ $0.location.line }) {
                problems.append(.duplicateID(derived.location, id: derived.id, firstLine: line))
                continue
            }
            if let codes = codesByID[derived.from.value], let codeSet = codeSets[derived.from.value] {
                let sourceType = typeByID[derived.from.value]
                if !derived.bins.isEmpty, sourceType != .number {
                    problems.append(.invalidValue(derived.from.location, key: "from", found: derived.from.value,
                                                  expected: "a number question for 'bins' (this one is \(sourceType?.rawValue ?? "derived"); group its codes with 'groups')"))
                } else if derived.bins.isEmpty, sourceType == .multiple || sourceType == .number || sourceType == .text {
                    problems.append(.invalidValue(derived.from.location, key: "from", found: derived.from.value,
                                                  expected: "a single, scale or derived question for 'groups'"
                                                    + (sourceType == .number ? " (classes of a number question are made with 'bins')" : "")))
                }
                for group in derived.groups where sourceType == .single || sourceType == .scale {
                    for code in group.codes.uniqued() where !codeSet.contains(code) {
                        problems.append(.unknownCode(derived.from.location, key: "groups.\(group.label)",
                                                     question: derived.from.value, code: code, valid: codes))
                    }
                }
            } else {
                problems.append(unknown(derived.from.value, key: "from", at: derived.from.location))
            }
            firstLine[derived.id] = derived.location.line
            codesByID[derived.id] = Array(1...max(1, derived.groups.count))
            codeSets[derived.id] = Set(1...max(1, derived.groups.count))
            typeByID[derived.id] = .single
        }
        for question in definition.questions {
            for condition in question.askedIf {
                guard let codes = codesByID[condition.question], let codeSet = codeSets[condition.question] else {
                    problems.append(unknown(condition.question, key: "asked_if", at: condition.location))
                    continue
                }
                if condition.question == question.id {
                    problems.append(.invalidValue(condition.location, key: "asked_if", found: condition.question,
                                                  expected: "another question than '\(question.id)' itself"))
                }
                for code in condition.codes.uniqued() where !codeSet.contains(code) {
                    problems.append(.unknownCode(condition.location, key: "asked_if", question: condition.question, code: code, valid: codes))
                }
            }
        }
        for axis in definition.breaks {
            guard let type = typeByID[axis.value] else {
                problems.append(unknown(axis.value, key: "breaks", at: axis.location))
                continue
            }
            if type != .single && type != .scale {
                problems.append(.invalidValue(axis.location, key: "breaks", found: axis.value,
                                              expected: "a single, scale or derived question (this one is \(type.rawValue))"))
            }
        }
        if let districts = definition.districts {
            if let codes = codesByID[districts.question.value], let codeSet = codeSets[districts.question.value] {
                for entry in districts.distributed where !codeSet.contains(entry.code) {
                    problems.append(.unknownCode(districts.question.location, key: "districts.distributed",
                                                 question: districts.question.value, code: entry.code, valid: codes))
                }
            } else {
                problems.append(unknown(districts.question.value, key: "districts", at: districts.question.location))
            }
        }
        problems += definition.problems(in: definition.filter)
        if let weights = definition.weights {
            let margins: [(margin: PopulationMargin, key: String)]
            switch weights.method {
            case .column: margins = []
            case .strata(let margin): margins = [(margin, "weights.strata")]
            case .rake(let raking): margins = raking.margins.map { ($0, "weights.rake.margins") }
            }
            var seen = Set<String>()
            for (margin, key) in margins {
                let id = margin.question.value
                guard let type = typeByID[id], let codes = codesByID[id], let codeSet = codeSets[id] else {
                    problems.append(unknown(id, key: key, at: margin.question.location))
                    continue
                }
                if !seen.insert(id).inserted {
                    problems.append(.invalidValue(margin.question.location, key: key, found: id, expected: "each question once"))
                }
                if type != .single && type != .scale {
                    problems.append(.invalidValue(margin.question.location, key: key, found: id,
                                                  expected: "a single, scale or derived question (this one is \(type.rawValue))"))
                    continue
                }
                for entry in margin.population where !codeSet.contains(entry.code.value) {
                    problems.append(.unknownCode(entry.code.location, key: "\(key == "weights.strata" ? "weights.strata.population" : "\(key).\(id)")",
                                                 question: id, code: entry.code.value, valid: codes))
                }
            }
        }
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once (a code listed many times is reported once).
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
