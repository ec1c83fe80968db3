import SurveyDiagnostics

/// One wave of a survey as described by its `survey.yaml`: what was asked, where the answers are, how to break them down.
public struct SurveyDefinition: Sendable {
    /// The series this wave belongs to (`series:`, else the parent folder's name).
    public var series: String
    /// The survey's title (`title:`).
    public var title: String
    /// The wave's key: the fiscal year of fieldwork, which orders waves (`wave:`).
    public var wave: Int
    /// How reports name the wave, e.g. 令和5年度調査 (`label:`).
    public var label: String
    /// The plan the survey serves, e.g. 第4次地域福祉計画 (`plan:`).
    public var plan: String?
    /// The fieldwork facts printed as 調査概要 (`fieldwork:`).
    public var fieldwork: Fieldwork
    /// The data files, read in order and concatenated (`data:`).
    public var dataFiles: [DataFile]
    /// The column holding a unique respondent id (`respondent_id:`).
    public var respondentIDColumn: Located<String>?
    /// Values meaning 無回答 besides an empty cell (`missing:`): codes for coded questions, texts for every
    /// question, unless a question has its own list.
    public var missing: [Located<CellValue>]
    /// Values meaning 非該当 (`not_asked:`): the respondent leaves the question's base, as with `asked_if`.
    public var notAsked: [Located<CellValue>] = []
    /// Which question holds the district, and how many questionnaires went to each (`districts:`).
    public var districts: Districts?
    /// Questions made by grouping the codes of another (`derived:`), in order.
    public var derived: [DerivedQuestion]
    /// The cross-tabulation axes, in report order (`breaks:`).
    public var breaks: [Located<String>]
    /// The questions, in questionnaire order (`questions:`).
    public var questions: [Question]
    /// Whether the report prints attribute × attribute cross-tabulation tables (`attribute_tables:`; default false).
    public var attributeTables: Bool = false
    /// The `survey.yaml` file, as the user named it.
    public var path: String
    /// How the wave's tests are adjusted for multiplicity (`multiple_testing:`, default Benjamini–Hochberg).
    public var multipleTesting: MultipleTesting = .benjaminiHochberg
    /// The batteries (`type: battery`), in order; their items are scale questions in `questions`.
    public var batteries: [Battery] = []
    /// Which rows of the data files are this wave's respondents (`filter:`): all must hold; empty keeps all.
    public var filter: [RowCondition] = []
    /// The subset of the respondents a report describes (`survey report --where`): all must hold; empty: everyone.
    public var subset: [RowCondition] = []
    /// How each respondent is weighted (`weights:`); nil: unweighted.
    public var weights: Weighting? = nil

    /// The defined question with this id, if any.
    public func question(_ id: String) -> Question? {
        questions.first { $0.id == id }
    }

    /// The codes of the global `missing` list.
    public var missingCodes: [Int] {
        missing.compactMap { if case .code(let code) = $0.value { code } else { nil } }
    }
}

/// A value of `missing` or `not_asked` as written: a code of any sign (`99`, `-1`) or a text (`NA`, `不明`).
public enum CellValue: Sendable, Hashable, CustomStringConvertible {
    /// A whole number, matched against a cell's integer (`-1`, `-1.0`).
    case code(Int)
    /// A text, matched against a cell's normalised text exactly (`NA`, `Not applicable`).
    case text(String)

    public var description: String {
        switch self {
        case .code(let code): String(code)
        case .text(let text): text
        }
    }
}

/// How the p-values of a wave's tests are adjusted for multiplicity before marks and sentences use them.
public enum MultipleTesting: String, Sendable, CaseIterable {
    /// Benjamini–Hochberg: the false discovery rate over all the wave's tests is controlled at 5 % (`bh`).
    case benjaminiHochberg = "bh"
    /// No adjustment: each test at 5 % on its own (`none`).
    case none
}

/// A value together with where it was written in `survey.yaml`.
public struct Located<Value: Sendable>: Sendable {
    /// The value.
    public var value: Value
    /// Where it was written.
    public var location: SourceLocation

    /// Pairs a value with its location.
    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

extension Located: Equatable where Value: Equatable {}

/// The 調査概要 facts of a wave; every field is optional.
public struct Fieldwork: Sendable, Equatable {
    /// 調査対象, e.g. 市内在住の18歳以上の方.
    public var population: String?
    /// 抽出方法, e.g. 住民基本台帳から無作為抽出.
    public var sampling: String?
    /// 調査方法, e.g. 郵送配布・郵送回収.
    public var method: String?
    /// 調査期間.
    public var period: String?
    /// 配布数: the number of questionnaires sent out.
    public var distributed: Int?
    /// 母集団の大きさ: the size of the population sampled, for the finite population correction of 標本誤差.
    public var populationSize: Int?

    /// An empty description.
    public init(population: String? = nil, sampling: String? = nil, method: String? = nil, period: String? = nil, distributed: Int? = nil) {
        self.population = population
        self.sampling = sampling
        self.method = method
        self.period = period
        self.distributed = distributed
    }
}

/// A data file named under `data:`.
public struct DataFile: Sendable, Equatable {
    /// The file name, relative to the `survey.yaml` folder.
    public var file: String
    /// The declared encoding: `auto`, `utf-8`, `cp932` or `utf-16`.
    public var encoding: String
    /// For an `.xlsx` workbook: the sheet to read (nil: the first visible one).
    public var sheet: String?
    /// How many rows the header takes: 1, or 2 for SurveyMonkey's (`TwoRowHeader` names the columns).
    public var headerRows: Int = 1
    /// Where the entry stands in `survey.yaml`.
    public var location: SourceLocation
}

/// The district question and the questionnaires sent to each district.
public struct Districts: Sendable {
    /// The id of the question holding the district.
    public var question: Located<String>
    /// Questionnaires sent out per district code, in the order written.
    public var distributed: [(code: Int, count: Int)]
}

/// A single-choice question whose choices group the codes of another question, or classes of a number question.
public struct DerivedQuestion: Sendable {
    /// Its id, usable in `breaks` like any question.
    public var id: String
    /// Its text, e.g. 圏域.
    public var text: String
    /// The question whose codes are grouped.
    public var from: Located<String>
    /// The groups in order: group k gets code k (1-based).
    public var groups: [(label: String, codes: [Int])]
    /// Where the entry stands.
    public var location: SourceLocation
    /// Whether the groups are in a meaningful order (`ordered: true`), for trend tests when it is an axis.
    public var isOrdered = false
    /// From a number question: the class limits (`bins`; see `ClassLimits`), one group per class; else empty.
    public var bins: [Double] = []
}

/// The kinds of question a survey can hold.
public enum QuestionType: String, Sendable, CaseIterable {
    /// One code from a list (単一回答).
    case single
    /// Any number of codes from a list (複数回答).
    case multiple
    /// An ordered single choice, with optional nets and scores.
    case scale
    /// A number, such as years lived in the area.
    case number
    /// Free text; counted, never printed.
    case text
}

/// One choice of a coded question.
public struct Choice: Sendable, Hashable {
    /// The code keyed in the data.
    public var code: Int
    /// The choice's text as printed on the questionnaire.
    public var label: String

    /// Creates a choice.
    public init(code: Int, label: String) {
        self.code = code
        self.label = label
    }
}

/// A net (合算) row of a scale question: the share choosing any of its codes.
public struct Net: Sendable, Equatable {
    /// The printed label, e.g. そう思う（計）.
    public var label: String
    /// The codes it adds up.
    public var codes: [Int]
}

/// A condition of `asked_if`: the respondent's answer to `question` is one of `codes`.
public struct Condition: Sendable, Equatable {
    /// The question the condition looks at.
    public var question: String
    /// The codes that make the respondent eligible.
    public var codes: [Int]
    /// Where the condition is written.
    public var location: SourceLocation
}

/// A question of the questionnaire and where its answers are.
public struct Question: Sendable {
    /// The id used in `breaks`, `asked_if` and reports (e.g. `q5`).
    public var id: String
    /// The question text.
    public var text: String
    /// Its kind.
    public var type: QuestionType
    /// The column holding its answers (single, scale, number, text, or a one-cell multiple).
    public var column: Located<String>?
    /// The flag columns of a multiple question, one per choice in choice order.
    public var columns: [Located<String>]
    /// Flag columns written as a range (`columns: 問8_1..問8_12`): every header column from the first to the last, in
    /// the header's order; `columns` is empty until the data's header expands it (`ResponseReader`).
    public var columnRange: (first: Located<String>, last: Located<String>)? = nil
    /// For a one-cell multiple question, what separates the answers, e.g. `,`.
    public var separator: String?
    /// The choices, in order.
    public var choices: [Choice]
    /// Net rows of a scale question.
    public var nets: [Net]
    /// Scores per code for a mean score.
    public var scores: [(code: Int, score: Double)]
    /// For a multiple question: how many answers are allowed.
    public var maxAnswers: Int?
    /// For a multiple question with flag columns: the codes of the choices whose column holds written-in text
    /// (`written_in:`, SurveyMonkey's "Other (please specify)", a code sheet's その他（具体的に）): any other text chosen.
    public var writtenIn: [Int] = []
    /// The unit of a number question, e.g. 年.
    public var unit: String?
    /// Class limits for a number question's frequency table.
    public var bins: [Double]
    /// Eligibility: all conditions must hold (empty: everyone is asked).
    public var askedIf: [Condition]
    /// The question's own `missing:` list, which replaces the global one (nil: none written).
    public var ownMissing: [Located<CellValue>]? = nil
    /// The question's own `not_asked:` list, which replaces the global one (nil: none written).
    public var ownNotAsked: [Located<CellValue>]? = nil
    /// The values that are 無回答 in this question, besides an empty cell: its own list, else the global one (codes
    /// only for single, scale and multiple questions), and the labels of choices whose code is listed.
    public var missing: [CellValue] = []
    /// The values that are 非該当 in this question (the respondent leaves its base), resolved as `missing`.
    public var notAsked: [CellValue] = []
    /// Where the question's entry starts.
    public var location: SourceLocation
    /// Whether the choices are in a meaningful order, for trend tests when it is an axis (`ordered:`; default:
    /// true for scales, false otherwise).
    public var isOrdered = false
    /// A short display name for headings, axes and charts (`label:`), e.g. 居住年数.
    public var label: String? = nil
    /// Whether the question describes the respondent (`attribute: true`) and belongs to 回答者属性.
    public var isAttribute: Bool = false

    /// Whether answers are flag columns (`columns`, or a range of them), not one cell.
    public var hasFlagColumns: Bool { !columns.isEmpty || columnRange != nil }

    /// The choice with this code.
    public func choice(code: Int) -> Choice? {
        choices.first { $0.code == code }
    }
}
