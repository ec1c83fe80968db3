import SurveyDefinition

extension Question {
    /// How reports name the question: its column (問4), the common stem of its flag columns (問14 from 問14_1…),
    /// or, for a derived question, its text (圏域).
    public var reportName: String {
        if let column { return column.value }
        if let stem = Self.stem(of: columns.map(\.value)) { return stem }
        return columns.isEmpty ? text : id
    }

    /// The common stem of columns named `<stem>_<n>` (問14 from 問14_1, 問14_2…), if they all share one.
    public static func stem(of columns: [String]) -> String? {
        guard let first = columns.first, let stem = first.split(separator: "_").first, !stem.isEmpty,
              columns.allSatisfy({ $0.hasPrefix(stem + "_") }) else { return nil }
        return String(stem)
    }

    /// The short name people read in headings, axes and charts: the `label:` when given, else `reportName`.
    public var displayName: String {
        label ?? reportName
    }

    /// 「問4　あなたは…」, 「問1　居住年数」 with a `label:`, or just the text when the name is the text.
    public var reportHeading: String {
        Self.heading(name: reportName, text: label ?? text)
    }

    /// A name and a text joined by an ideographic space, the name alone when they are the same.
    public static func heading(name: String, text: String) -> String {
        name == text ? text : name + "　" + text
    }

    /// A short name for an axis: its `label:`, its column name (地区, 性別, 年齢), or a derived question's text (圏域).
    public var axisName: String {
        label ?? column?.value ?? text
    }
}
