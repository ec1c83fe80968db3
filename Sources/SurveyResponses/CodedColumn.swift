/// One question's coded answers, a value per respondent in row order: the one type a question's column has, so
/// that a new question type adds a case here (and its coding and counting), not a table of its own.
public enum CodedColumn: Sendable {
    /// Single, scale and derived questions: the choice position (0 = 無回答, k = the k-th choice, 1-based).
    case choices(ResponseColumn<UInt16>)
    /// Multiple questions: a bit per choice position (bit 0 = first choice); 0 = 無回答.
    case selections(ResponseColumn<UInt64>)
    /// Number questions: the value, NaN when 無回答.
    case numbers(ResponseColumn<Double>)
    /// Text questions: whether the answer is non-empty.
    case texts(ResponseColumn<Bool>)

    /// The choice positions of a single, scale or derived question (nil for other columns).
    public var choices: ResponseColumn<UInt16>? {
        if case .choices(let column) = self { column } else { nil }
    }

    /// The chosen bits of a multiple question (nil for other columns).
    public var selections: ResponseColumn<UInt64>? {
        if case .selections(let column) = self { column } else { nil }
    }

    /// The values of a number question (nil for other columns).
    public var numbers: ResponseColumn<Double>? {
        if case .numbers(let column) = self { column } else { nil }
    }

    /// Whether each respondent answered a text question (nil for other columns).
    public var texts: ResponseColumn<Bool>? {
        if case .texts(let column) = self { column } else { nil }
    }

    /// Where the column's blocks of rows end (see `ResponseColumn.blockEnds`).
    public var blockEnds: [Int] {
        switch self {
        case .choices(let column): column.blockEnds
        case .selections(let column): column.blockEnds
        case .numbers(let column): column.blockEnds
        case .texts(let column): column.blockEnds
        }
    }
}
