import SurveyDefinition

extension ResponseTable {
    /// Respondents per choice of a single question (its choices in order), and how many left it blank.
    public func respondentCounts(of questionID: String) -> (counts: [(choice: Choice, count: Int)], nonresponse: Int)? {
        guard let positions = columns[questionID]?.choices, let question = definition.anyQuestion(questionID) else { return nil }
        var counts = [Int](repeating: 0, count: question.choices.count + 1)
        for position in positions { counts[Int(position)] += 1 }
        return (zip(question.choices, counts.dropFirst()).map { ($0, $1) }, counts[0])
    }

    /// How many respondents came from each data file, in `data:` order.
    public var respondentsPerFile: [Int] {
        var counts = [Int](repeating: 0, count: definition.dataFiles.count)
        for source in sources { counts[source.file] += 1 }
        return counts
    }
}
