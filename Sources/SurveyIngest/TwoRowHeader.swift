/// A header written on two rows, as SurveyMonkey exports it, and the one name it gives each column.
///
/// Row 1 holds a question's text over the group of columns it takes, its other cells blank (or the same text
/// repeated); row 2 holds what each column of the group is: a choice's label (a multiple answer, whose cells then
/// hold that label or nothing), an item of a grid, or `Response` / `Open-Ended Response` for a question of one
/// column. Columns before the questions (Respondent ID, Start Date…) have a blank row 2.
///
/// A column's name is its question's text alone when row 2 is blank, `Response` or `Open-Ended Response`, and
/// `question / label` otherwise (`Which do you use? / Bus`); a column blank on both rows has a blank name.
public enum TwoRowHeader {
    /// Row-2 cells that say the column is the question's one answer rather than a choice or an item.
    public static let answerLabels: Set<String> = ["Response", "Open-Ended Response"]
    /// What joins a question's text and a row-2 label in a column's name.
    public static let separator = " / "

    /// One column of a two-row header.
    public struct Column: Sendable, Equatable {
        /// The column's name: `question`, or `question / label`.
        public var name: String
        /// The question's text over the column's group (row 1, carried over its blank cells); empty when none.
        public var question: String
        /// The row-2 label (a choice or an item), or nil for a blank row-2 cell, `Response` or `Open-Ended Response`.
        public var label: String?
        /// Whether row 2 says `Open-Ended Response` (a comment box: free text).
        public var isOpenEnded = false
    }

    /// The columns of a header whose rows are `first` and `second` (cells trimmed; a missing cell is blank).
    public static func columns(first: [String], second: [String]) -> [Column] {
        var question = ""
        return (0..<max(first.count, second.count)).map { index in
            let top = index < first.count ? first[index].trimmingCharacters(in: .whitespaces) : ""
            let bottom = index < second.count ? second[index].trimmingCharacters(in: .whitespaces) : ""
            if !top.isEmpty {
                question = top
            } else if bottom.isEmpty {
                // Blank on both rows: no question continues over it (Excel's trailing empty columns).
                question = ""
            }
            let label = bottom.isEmpty || answerLabels.contains(bottom) ? nil : bottom
            let name = label.map { question.isEmpty ? $0 : question + separator + $0 } ?? question
            return Column(name: name, question: question, label: label, isOpenEnded: bottom == "Open-Ended Response")
        }
    }
}
