import SurveyReports
import SurveyTabulation

/// The machine-readable files of a comparison: comparison.csv, comparison_by_break.csv, indicators.csv.
public struct ComparisonCSV {
    let comparison: SeriesComparison

    /// Prepares the files of a comparison.
    public init(_ comparison: SeriesComparison) {
        self.comparison = comparison
    }

    /// File name → document, in a fixed order.
    public var documents: [(name: String, document: CSVDocument)] {
        [("comparison.csv", overall), ("comparison_by_break.csv", byBreak), ("trend.csv", trend), ("indicators.csv", indicators),
         ("indicators_by_break.csv", indicatorsByBreak)]
    }

    /// The columns after the row's identification: a share's test and interval, then a mean's or median's.
    /// `weighted` is 1 on a weighted wave's line (its percent or value is the weighted estimate, its standard error
    /// design-based, and so are the test and interval of a change to or from it), else 0; `standard_error` is the
    /// percent's (points) or the mean's.
    static let measureColumns = ["wave", "count", "base", "percent", "diff_points", "z", "p_value", "ci_low", "ci_high",
                                 "value", "difference", "t", "df", "weighted", "standard_error"]

    /// `question,kind,choice,label,wave,count,base,percent,diff_points,z,p_value,ci_low,ci_high,value,difference,t,df,weighted,standard_error`.
    public var overall: CSVDocument {
        var document = CSVDocument(header: ["question", "kind", "choice", "label"] + Self.measureColumns)
        for question in comparison.questions {
            for row in question.rows { append(row, to: &document) { $0.append(question.id) } }
            append(question.numbers, to: &document) { $0.append(question.id) }
        }
        return document
    }

    /// `question,kind,choice,label,waves,statistic,p_value,slope_points,weighted`: the trend test of each row asked in
    /// three or more waves (`waves` the tested waves joined by `;`, χ² with 1 df, p, the slope in points per wave;
    /// `weighted` 1 when a weighted wave entered by its weighted share and effective counts, else 0).
    public var trend: CSVDocument {
        var document = CSVDocument(header: ["question", "kind", "choice", "label", "waves", "statistic", "p_value", "slope_points",
                                            "weighted"])
        for question in comparison.questions {
            for row in question.rows {
                guard let trend = row.trend else { continue }
                document.appendRow { fields in
                    fields.append(question.id)
                    fields.appendKind(row.kind)
                    fields.append(row.label)
                    fields.append(trend.waveIndices.map { String(comparison.waves[$0].key) }.joined(separator: ";"))
                    for value in [trend.test.statistic, trend.test.pValue, trend.slopePoints] { fields.append(number: exact(value)) }
                    fields.append(trend.isDesignBased ? 1 : 0)
                }
            }
        }
        return document
    }

    /// The same per axis value: `question,break,break_value,break_label,kind,…`.
    public var byBreak: CSVDocument {
        var document = CSVDocument(header: ["question", "break", "break_value", "break_label", "kind", "choice", "label"]
                                   + Self.measureColumns)
        for question in comparison.questions {
            for group in question.breaks {
                let prefix = { (fields: inout CSVDocument.Row) in
                    fields.append(question.id)
                    fields.append(group.axis)
                    fields.append(group.value)
                    fields.append(group.label)
                }
                for row in group.rows { append(row, to: &document, prefix: prefix) }
                append(group.numbers, to: &document, prefix: prefix)
            }
        }
        return document
    }

    /// One line per wave that has the row, after the fields `prefix` writes.
    private func append(_ row: ComparedRow, to document: inout CSVDocument, prefix: (inout CSVDocument.Row) -> Void) {
        for (index, cell) in row.cells.enumerated() {
            guard let cell else { continue }
            let change = cell.change
            document.appendRow { fields in
                prefix(&fields)
                fields.appendKind(row.kind)
                fields.append(row.label)
                fields.append(comparison.waves[index].key)
                fields.append(cell.count)
                fields.append(cell.base)
                for value in [cell.percent, change?.differencePoints, change?.z, change?.pValue,
                              change?.intervalPoints?.low, change?.intervalPoints?.high, nil, nil, nil, nil] {
                    fields.append(number: exact(value))
                }
                fields.append(cell.weighted != nil ? 1 : 0)
                fields.append(number: exact(cell.standardError.map { 100 * $0 }))
            }
        }
    }

    /// A `mean` and a `median` line per wave with a summary: count = answers, base = eligible respondents.
    private func append(_ numbers: [NumberCell?], to document: inout CSVDocument, prefix: (inout CSVDocument.Row) -> Void) {
        for kind in ["mean", "median"] {
            for (index, cell) in numbers.enumerated() {
                guard let cell else { continue }
                let change = cell.change
                let isMean = kind == "mean"
                document.appendRow { fields in
                    prefix(&fields)
                    fields.append(kind)
                    fields.append("")
                    fields.append(isMean ? "平均" : "中央値")
                    fields.append(comparison.waves[index].key)
                    fields.append(cell.summary.n)
                    fields.append(cell.summary.n + cell.summary.missing)
                    let tested = isMean ? change : nil
                    for value in [nil, nil, tested?.designTest?.z, tested?.pValue, tested?.interval?.lower, tested?.interval?.upper,
                                  isMean ? cell.mean : cell.median,
                                  isMean ? change?.meanDifference : change?.medianDifference,
                                  tested?.test?.t, tested?.test?.degreesOfFreedom] {
                        fields.append(number: exact(value))
                    }
                    fields.append(cell.isWeighted ? 1 : 0)
                    fields.append(number: exact(isMean ? cell.standardError : nil))
                }
            }
        }
    }

    /// `indicator,name,wave,value,baseline,target,progress,status,tolerance`; percents to one decimal, as published;
    /// then the test of the change from the baseline wave and from the previous wave:
    /// `baseline_z,baseline_p_value,baseline_ci_low,baseline_ci_high,previous_z,previous_p_value,previous_ci_low,previous_ci_high`,
    /// and `weighted` (1: the wave's value is its weighted share, and its tests design-based).
    public var indicators: CSVDocument {
        var document = CSVDocument(header: ["indicator", "name", "wave"] + Self.indicatorColumns)
        for result in comparison.indicators { append(result, to: &document, counts: false) { _ in } }
        return document
    }

    /// The indicators within each district and area:
    /// `indicator,name,break,break_value,break_label,wave,count,base,value,…` then the columns of `indicators.csv`.
    public var indicatorsByBreak: CSVDocument {
        var document = CSVDocument(header: ["indicator", "name", "break", "break_value", "break_label", "wave", "count", "base"]
                                   + Self.indicatorColumns)
        for entry in comparison.indicatorsByBreak {
            append(entry.result, to: &document, counts: true) { fields in
                fields.append(entry.axis)
                fields.append(entry.value)
                fields.append(entry.label)
            }
        }
        return document
    }

    /// The columns of an indicator's value after its wave (and counts).
    static let indicatorColumns = ["value", "baseline", "target", "progress", "status", "tolerance",
                                   "baseline_z", "baseline_p_value", "baseline_ci_low", "baseline_ci_high",
                                   "previous_z", "previous_p_value", "previous_ci_low", "previous_ci_high", "weighted"]

    /// One line per wave: id, name, the fields `prefix` writes, the wave, count and base when `counts`, the rest.
    private func append(_ result: IndicatorResult, to document: inout CSVDocument, counts: Bool,
                        prefix: (inout CSVDocument.Row) -> Void) {
        for value in result.values {
            document.appendRow { fields in
                fields.append(result.indicator.id)
                fields.append(result.indicator.name)
                prefix(&fields)
                fields.append(value.wave)
                if counts {
                    fields.append(value.count)
                    fields.append(value.base)
                }
                fields.append(number: value.tenths.map(TenthsText.format) ?? "")
                fields.append(number: result.baselineTenths.map(TenthsText.format) ?? "")
                fields.append(number: PercentText.tenths(percent: result.indicator.target).map(TenthsText.format) ?? "")
                fields.append(number: value.progress.map { PercentText.decimal($0, places: 1) } ?? "")
                fields.append(value.status.rawValue)
                fields.append(number: PercentText.tenths(percent: result.indicator.tolerance).map(TenthsText.format) ?? "")
                for change in [value.baselineChange, value.previousChange] {
                    for number in [change?.z, change?.pValue, change?.intervalPoints?.low, change?.intervalPoints?.high] {
                        fields.append(number: exact(number))
                    }
                }
                fields.append(value.weighted != nil ? 1 : 0)
            }
        }
    }

    private func exact(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return "\(value)"
    }
}

/// Tenths of a percent as one-decimal text: 242 → 24.2, −52 → −5.2.
enum TenthsText {
    static func format(_ tenths: Int) -> String {
        let sign = tenths < 0 ? "-" : ""
        let magnitude = tenths.magnitude
        return "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }
}
