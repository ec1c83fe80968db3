import SurveyDiagnostics

extension SurveyDefinition {
    /// The problems of `conditions` against this definition: an unknown question, a text question, codes on a
    /// number question or bounds on a coded one, a code that is not a choice, a minimum above the maximum.
    public func problems(in conditions: [RowCondition]) -> [DefinitionProblem] {
        var problems: [DefinitionProblem] = []
        let key = { (condition: RowCondition) in
            condition.location == RowCondition.commandLine ? "--where" : "filter.\(condition.question)"
        }
        for condition in conditions {
            guard let question = anyQuestion(condition.question) else {
                if let battery = batteries.first(where: { $0.id == condition.question }) {
                    problems.append(.batteryMisuse(condition.location, battery: battery.id, found: "'\(battery.id)' in '\(key(condition))'",
                                                   expected: "a question id, and a battery is not a question",
                                                   fix: "name one of its items instead: \(battery.itemIDs.joined(separator: ", "))"))
                } else {
                    problems.append(.unknownQuestion(condition.location, key: key(condition), id: condition.question,
                                                     suggestion: NearestName.suggestion(for: condition.question, among: allQuestions.map(\.id))))
                }
                continue
            }
            switch (condition.test, question.type) {
            case (.codes(let codes), .single), (.codes(let codes), .scale), (.codes(let codes), .multiple):
                let valid = Set(question.choices.map(\.code))
                for code in codes.uniqued() where !valid.contains(code) {
                    problems.append(.unknownCode(condition.location, key: key(condition), question: question.id, code: code,
                                                 valid: question.choices.map(\.code)))
                }
            case (.range(let minimum?, let maximum?), .number) where minimum > maximum:
                problems.append(.invalidValue(condition.location, key: key(condition), found: "min \(formatNumber(minimum)) above max \(formatNumber(maximum))",
                                              expected: "a minimum at most the maximum"))
            case (.range, .number):
                break
            case (.codes, .number):
                problems.append(.invalidValue(condition.location, key: key(condition), found: question.id,
                                              expected: "bounds for a number question: {min: NUMBER, max: NUMBER} (--where: ID>=NUMBER, ID<=NUMBER)"))
            case (.range, _), (.codes, .text):
                problems.append(.invalidValue(condition.location, key: key(condition), found: question.id,
                                              expected: question.type == .text ? "a coded or number question (this one is text)"
                                                : "codes for a \(question.type.rawValue) question: a list such as [1, 2] (--where: ID=1,2)"))
            }
        }
        return problems
    }

    /// Narrows the wave to the respondents meeting `conditions` (`survey report --where`), in `subset`.
    ///
    /// The 配布数 of the whole wave (`fieldwork.distributed`, `districts.distributed`) and the population size
    /// describe no subset, so they are dropped: a subset has no 回収率 and no finite population correction.
    /// Returns the conditions' problems; with errors the definition is unchanged.
    public mutating func narrow(to conditions: [RowCondition]) -> [DefinitionProblem] {
        let problems = problems(in: conditions)
        guard !conditions.isEmpty, !problems.contains(where: { $0.severity == .error }) else { return problems }
        subset += conditions
        fieldwork.distributed = nil
        fieldwork.populationSize = nil
        if var districts { districts.distributed = []; self.districts = districts }
        return problems
    }
}
