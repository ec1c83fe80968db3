import SurveyDiagnostics

/// A battery (grid, マトリクス設問): several items answered on one scale, declared once in `questions:` as
/// `type: battery` with shared `choices` (and `nets`, `scores`, `ordered`, `asked_if`) and `items`.
///
/// Each item is also a scale question of its own in `SurveyDefinition.questions` (in the battery's place, in item
/// order), so it is coded, tabulated and cross-tabulated like any scale; the battery only groups them for the
/// report's one table and one chart.
public struct Battery: Sendable {
    /// The battery's id (`charts/<id>.svg`, `tables/<id>.csv`); not a question id.
    public var id: String
    /// The question text common to the items, e.g. 次の取組や制度を知っていますか。
    public var text: String
    /// A short display name (`label:`), e.g. 取組の認知.
    public var label: String?
    /// The items' question ids, in questionnaire order.
    public var itemIDs: [String]
    /// The choices every item shares.
    public var choices: [Choice]
    /// The net rows every item shares (知っている（計）).
    public var nets: [Net]
    /// Where the battery's entry starts.
    public var location: SourceLocation

    /// Creates a battery.
    public init(id: String, text: String, label: String? = nil, itemIDs: [String], choices: [Choice], nets: [Net],
                location: SourceLocation) {
        self.id = id
        self.text = text
        self.label = label
        self.itemIDs = itemIDs
        self.choices = choices
        self.nets = nets
        self.location = location
    }
}

extension SurveyDefinition {
    /// The battery that holds the question with this id, if any.
    public func battery(holding questionID: String) -> Battery? {
        batteries.first { $0.itemIDs.contains(questionID) }
    }
}
