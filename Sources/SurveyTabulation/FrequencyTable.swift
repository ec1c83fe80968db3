import SurveyDefinition
import SurveyStatistics

/// What a row of a frequency table counts.
public enum RowKind: Sendable, Equatable {
    /// A choice, by its code.
    case choice(code: Int)
    /// A net (合算) row of a scale, by its label.
    case net(label: String)
    /// A class of a number question's frequency table, 1…k+1.
    case bin(index: Int)
    /// Non-empty answers to a text question.
    case text
    /// 無回答: eligible respondents without a (valid) answer.
    case nonresponse
}

/// One row of a frequency table: a count over a base.
public struct FrequencyRow: Sendable, Equatable {
    /// What the row counts.
    public var kind: RowKind
    /// The printed label (choice text, net label, class label, 無回答).
    public var label: String
    /// Respondents in the row.
    public var count: Int
    /// The base: eligible respondents, 無回答 included (the convention of Japanese survey reports).
    public var base: Int
    /// Haberman's adjusted residual of the cell, on choice rows of cross-tabulations.
    public var adjustedResidual: Double?
    /// With weights: the sum of the weights of the row's respondents (nil unweighted).
    public var weightedCount: Double? = nil
    /// With weights: the sum of the weights of the base's respondents (nil unweighted).
    public var weightedBase: Double? = nil
    /// With weights, on choice rows of cross-tabulations: the design-based test of the group's weighted share
    /// against the other groups' (among respondents who answered, as the residual), nil unweighted.
    public var domainTest: DomainDifferenceTest? = nil

    /// The cell statistic ▲/▼ follow (against ±1.96): with weights the design-based z of `domainTest`, else
    /// Haberman's adjusted residual (nil on rows that are not cells of a cross-tabulation).
    public var cellStatistic: Double? {
        weightedBase == nil ? adjustedResidual : domainTest?.z
    }

    /// 100·count/base, or nil when the base is 0.
    public var percent: Double? {
        base == 0 ? nil : 100 * Double(count) / Double(base)
    }

    /// With weights: 100·weighted count/weighted base (the estimate R's `svymean` gives), nil unweighted or when
    /// the weighted base is 0.
    public var weightedPercent: Double? {
        guard let weightedCount, let weightedBase, weightedBase > 0 else { return nil }
        return 100 * weightedCount / weightedBase
    }

    /// The share reports print and draw: the weighted count over the weighted base when the wave is weighted,
    /// else the count over the base (the one decision; the base printed beside it is always `base`, the actual n).
    public var reportedShare: ReportedShare {
        if let weightedCount, let weightedBase { return .weighted(weightedCount, of: weightedBase) }
        return .counts(count, of: base)
    }

    /// 100 × `reportedShare`, nil over an empty base.
    public var reportedPercent: Double? {
        switch reportedShare {
        case .counts: percent
        case .weighted: weightedPercent
        }
    }
}

/// The share of a row that reports print: respondents over the base, or with weights their weights' sum over the
/// base's (the convention of weighted Japanese reports: weighted percentages beside the unweighted n).
public enum ReportedShare: Sendable, Equatable {
    /// Unweighted: a count of respondents over the base (exact integer rounding is possible).
    case counts(Int, of: Int)
    /// Weighted: the sum of the row's weights over the base's.
    case weighted(Double, of: Double)

    /// Each row's share plus those of the rows before it (the edges of a stacked bar).
    public static func cumulative(_ rows: [FrequencyRow]) -> [ReportedShare] {
        var count = 0, weighted = 0.0
        return rows.map { row in
            count += row.count
            switch row.reportedShare {
            case .counts(_, let base):
                return .counts(count, of: base)
            case .weighted(let sum, let base):
                weighted += sum
                return .weighted(weighted, of: base)
            }
        }
    }
}

/// The frequency table of one question over one group of respondents (everyone, or one value of an axis).
public struct FrequencyTable: Sendable, Equatable {
    /// The base: eligible respondents in the group, 無回答 included.
    public var base: Int
    /// The rows in report order: choices (or classes), nets, then 無回答.
    public var rows: [FrequencyRow]
    /// With weights: the sum of the weights of the group's eligible respondents (nil unweighted).
    public var weightedBase: Double? = nil
}

extension FrequencyTable {
    /// Assembles a question's rows from counts already made, so every counting path lays tables out alike.
    ///
    /// - Parameters:
    ///   - base: eligible respondents in the group.
    ///   - counts: per choice (single, scale: valid answers; multiple: respondents choosing it), or per class
    ///     of a number question (`classLabels`); empty otherwise.
    ///   - answered: respondents with an answer (a valid code, at least one choice, a number, a non-empty text);
    ///     the 無回答 row is `base − answered`, and a text question's one row is `answered`.
    ///   - classLabels: the labels of a number question's classes (`NumberClasses`).
    ///   - weighted: with weights, the same base, counts and answered as sums of weights.
    package init(question: Question, base: Int, counts: [Int], answered: Int, classLabels: [String] = [],
                 weighted: (base: Double, counts: [Double], answered: Double)? = nil) {
        var rows: [FrequencyRow] = []
        func row(_ kind: RowKind, _ label: String, _ count: Int) -> FrequencyRow {
            FrequencyRow(kind: kind, label: label, count: count, base: base, adjustedResidual: nil)
        }
        switch question.type {
        case .single, .scale, .multiple:
            for (choice, count) in zip(question.choices, counts) { rows.append(row(.choice(code: choice.code), choice.label, count)) }
            for net in question.nets where question.type != .multiple {
                let count = zip(question.choices, counts).filter { net.codes.contains($0.0.code) }.reduce(0) { $0 + $1.1 }
                rows.append(row(.net(label: net.label), net.label, count))
            }
            rows.append(row(.nonresponse, "無回答", base - answered))
        case .number:
            for (index, (label, count)) in zip(classLabels, counts).enumerated() {
                rows.append(row(.bin(index: index + 1), label, count))
            }
            rows.append(row(.nonresponse, "無回答", base - answered))
        case .text:
            rows.append(row(.text, "回答あり", answered))
        }
        self.init(base: base, rows: rows)
        if let weighted { weigh(question: question, weighted) }
    }

    /// Gives the rows their weighted counts, laid out as `init` lays out the counts.
    private mutating func weigh(question: Question, _ weighted: (base: Double, counts: [Double], answered: Double)) {
        weightedBase = weighted.base
        for index in rows.indices {
            rows[index].weightedBase = weighted.base
            switch rows[index].kind {
            case .choice(let code):
                rows[index].weightedCount = question.choices.firstIndex { $0.code == code }.map { weighted.counts[$0] }
            case .net(let label):
                let codes = question.nets.first { $0.label == label }?.codes ?? []
                rows[index].weightedCount = zip(question.choices, weighted.counts).filter { codes.contains($0.0.code) }.reduce(0) { $0 + $1.1 }
            case .bin(let number):
                rows[index].weightedCount = weighted.counts.indices.contains(number - 1) ? weighted.counts[number - 1] : nil
            case .text:
                rows[index].weightedCount = weighted.answered
            case .nonresponse:
                // Nobody without an answer weighs exactly 0 (base − answered would leave rounding, 9.1e-13).
                rows[index].weightedCount = rows[index].count == 0 ? 0 : weighted.base - weighted.answered
            }
        }
    }
}

/// The summary of a number question (or of a scale's scores) over one group.
public struct NumberSummary: Sendable, Equatable {
    /// Valid answers.
    public var n: Int
    /// Eligible respondents without a valid answer.
    public var missing: Int
    /// Mean, or nil without answers.
    public var mean: Double?
    /// Sample standard deviation (n − 1), or nil with fewer than 2 answers.
    public var standardDeviation: Double?
    /// Minimum, quartiles (Hyndman–Fan type 7), median and maximum, or nil without answers.
    public var min: Double?, q1: Double?, median: Double?, q3: Double?, max: Double?
    /// With weights: the weighted mean and quartiles of the same values (nil unweighted).
    public var weighted: WeightedNumbers? = nil

    package init(n: Int, missing: Int, mean: Double?, standardDeviation: Double?, min: Double?, q1: Double?,
                 median: Double?, q3: Double?, max: Double?) {
        (self.n, self.missing, self.mean, self.standardDeviation) = (n, missing, mean, standardDeviation)
        (self.min, self.q1, self.median, self.q3, self.max) = (min, q1, median, q3, max)
    }

    /// The mean reports print and waves compare: with weights the weighted mean (printed beside the unweighted
    /// `n`, as `FrequencyRow.reportedShare` beside the base), else the mean (the one decision).
    public var reportedMean: Double? {
        weighted.map { $0.mean } ?? mean
    }

    /// The median reports print and waves compare: with weights the weighted median, else the median.
    public var reportedMedian: Double? {
        weighted.map { $0.median } ?? median
    }
}

/// A number summary's weighted figures: the design-based mean and its standard error (R `svymean`, `WeightedMean`)
/// and the weighted quartiles (R `svyquantile`'s default rule, `WeightedQuantile.math`).
public struct WeightedNumbers: Sendable, Equatable {
    /// The weighted mean.
    public var mean: Double
    /// Its linearised standard error (nil where a stratum has a single respondent).
    public var standardError: Double?
    /// Weighted quartiles and median.
    public var q1: Double?, median: Double?, q3: Double?

    package init(mean: WeightedMean, quartiles: [Double]?) {
        self.mean = mean.estimate
        standardError = mean.standardError
        (q1, median, q3) = (quartiles?[0], quartiles?[1], quartiles?[2])
    }
}
