extension SurveyDefinition {
    /// The defined questions followed by the derived ones, each derived question as a single question with codes 1…k.
    public var allQuestions: [Question] {
        questions + derived.map { $0.asQuestion() }
    }

    /// The question or derived question with this id.
    public func anyQuestion(_ id: String) -> Question? {
        allQuestions.first { $0.id == id }
    }

    /// The id of the question a derived question (transitively) comes from, or the id itself.
    public func rootSource(of id: String) -> String {
        var current = id
        var seen: Set<String> = []
        while let derived = derived.first(where: { $0.id == current }), seen.insert(current).inserted {
            current = derived.from.value
        }
        return current
    }
}

extension DerivedQuestion {
    /// This derived question as a single question whose group k has code k.
    public func asQuestion() -> Question {
        Question(
            id: id, text: text, type: .single, column: nil, columns: [], separator: nil,
            choices: groups.enumerated().map { Choice(code: $0.offset + 1, label: $0.element.label) },
            nets: [], scores: [], maxAnswers: nil, unit: nil, bins: [], askedIf: [], location: location,
            isOrdered: isOrdered)
    }
}
