/// A question as `survey init` guesses it from a column (or a group of flag columns), with what it is unsure of.
public struct QuestionDraft: Sendable {
    public var id: String
    public var type: String
    public var text: String
    /// A short display name (`label:`), e.g. a grid item's.
    public var label: String?
    public var column: String?
    public var columns: [String] = []
    public var separator: String?
    /// A multiple question's choices whose column holds written-in text (`written_in:`, "Other (please specify)").
    public var writtenIn: [Int] = []
    public var choices: [(code: Int, label: String)] = []
    public var attribute = false
    /// `ordered: true` (age bands) or `false` (a scale ending in 「わからない」); nil: the default.
    public var ordered: Bool?
    public var nets: [(label: String, codes: [Int])] = []
    /// A number question's own 無回答 and 非該当 codes (negative codes of the export); the draft's texts are added
    /// when written, as a question's own list replaces the global one.
    public var missing: [Int] = []
    public var notAsked: [Int] = []
    /// A battery's items (`type: battery`): each its own id, column and text.
    public var items: [(id: String, column: String, text: String)] = []
    /// Guesses to check, written as `# TODO:` comments above the question.
    public var todos: [String] = []
}
