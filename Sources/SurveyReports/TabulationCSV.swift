import SurveyDefinition
import SurveyTabulation

/// The machine-readable tables of a wave: results.csv, numbers.csv, tests.csv, summary.csv.
public struct TabulationCSV {
    /// The tabulation to render.
    public let tabulation: WaveTabulation

    /// Prepares the files of one wave.
    public init(_ tabulation: WaveTabulation) {
        self.tabulation = tabulation
    }

    /// File name → document, in a fixed order.
    public var documents: [(name: String, document: CSVDocument)] {
        [("results.csv", results), ("numbers.csv", numbers), ("tests.csv", tests), ("summary.csv", summary)]
    }

    /// `question,break,break_value,break_label,kind,choice,label,count,base,percent,adj_residual,weighted_count,weighted_base,weighted_percent,design_z`
    /// (the weighted columns and `design_z`, the design-based cell z, empty when the wave has no weights).
    public var results: CSVDocument {
        var document = CSVDocument(header: ["question", "break", "break_value", "break_label", "kind", "choice", "label",
                                            "count", "base", "percent", "adj_residual", "weighted_count", "weighted_base",
                                            "weighted_percent", "design_z"])
        for question in tabulation.questions {
            append(question.total, question: question.question.id, break: nil, to: &document)
            for crossTab in question.crossTabs {
                for group in crossTab.groups {
                    append(group.table, question: question.question.id, break: (crossTab.axis.id, group.value), to: &document)
                }
            }
        }
        return document
    }

    private func append(_ table: FrequencyTable, question: String, break axis: (id: String, value: Choice)?,
                        to document: inout CSVDocument) {
        for row in table.rows {
            document.appendRow { fields in
                fields.append(question)
                fields.appendBreak(axis)
                fields.appendKind(row.kind)
                fields.append(row.label)
                fields.append(row.count)
                fields.append(row.base)
                fields.append(exact: row.percent)
                fields.append(exact: row.adjustedResidual)
                fields.append(exact: row.weightedCount)
                fields.append(exact: row.weightedBase)
                fields.append(exact: row.weightedPercent)
                fields.append(exact: row.domainTest?.z)
            }
        }
    }

    /// `question,break,break_value,break_label,n,missing,mean,sd,min,q1,median,q3,max,weighted_mean,weighted_mean_se,
    /// weighted_q1,weighted_median,weighted_q3` (the weighted columns empty when the wave is not weighted).
    public var numbers: CSVDocument {
        var document = CSVDocument(header: ["question", "break", "break_value", "break_label", "n", "missing", "mean", "sd",
                                            "min", "q1", "median", "q3", "max", "weighted_mean", "weighted_mean_se",
                                            "weighted_q1", "weighted_median", "weighted_q3"])
        func append(_ summary: NumberSummary, question: String, break axis: (id: String, value: Choice)?) {
            document.appendRow { fields in
                fields.append(question)
                fields.appendBreak(axis)
                fields.append(summary.n)
                fields.append(summary.missing)
                for value in [summary.mean, summary.standardDeviation, summary.min, summary.q1, summary.median,
                              summary.q3, summary.max] {
                    fields.append(exact: value)
                }
                let weighted = summary.weighted
                for value in [weighted?.mean, weighted?.standardError, weighted?.q1, weighted?.median, weighted?.q3] {
                    fields.append(exact: value)
                }
            }
        }
        for question in tabulation.questions {
            guard let total = question.totalSummary else { continue }
            append(total, question: question.question.id, break: nil)
            for crossTab in question.crossTabs {
                for group in crossTab.groups {
                    if let summary = group.summary {
                        append(summary, question: question.question.id, break: (crossTab.axis.id, group.value))
                    }
                }
            }
        }
        return document
    }

    /// `question,break,choice,test,statistic,df,p_value,cramers_v,n,min_expected,low_expected_share,exact_p,exact_method,p_adjusted,df_denominator`
    /// (on rao-scott rows `statistic` is F, `df` its numerator and `df_denominator` its denominator degrees of freedom).
    public var tests: CSVDocument {
        var document = CSVDocument(header: ["question", "break", "choice", "test", "statistic", "df", "p_value", "cramers_v",
                                            "n", "min_expected", "low_expected_share", "exact_p", "exact_method", "p_adjusted",
                                            "df_denominator"])
        for question in tabulation.questions {
            for crossTab in question.crossTabs {
                for test in crossTab.tests {
                    // The table's expected counts, on chi-square and Fisher rows; Cramér's V on chi-square rows.
                    let table = test.chiSquare
                    document.appendRow { fields in
                        fields.append(question.question.id)
                        fields.append(crossTab.axis.id)
                        fields.append(test.choice)
                        fields.append(test.method.rawValue)
                        fields.append(exact: test.statistic)
                        if let f = test.fDegreesOfFreedom { fields.append(exact: f.numerator) } else { fields.append(test.degreesOfFreedom) }
                        fields.append(exact: test.pValue)
                        fields.append(exact: test.method == .chiSquare ? table?.cramersV : nil)
                        fields.append(test.n)
                        fields.append(exact: table?.minimumExpected)
                        fields.append(exact: table?.lowExpectedShare)
                        fields.append(exact: test.exactP)
                        fields.append(test.exactMethod ?? "")
                        fields.append(exact: test.adjustedP)
                        fields.append(exact: test.fDegreesOfFreedom?.denominator)
                    }
                }
            }
        }
        return document
    }

    /// `break,break_value,break_label,respondents,distributed,response_rate,effective_n,design_effect` (the last two
    /// Kish's, empty when the wave has no weights).
    public var summary: CSVDocument {
        var document = CSVDocument(header: ["break", "break_value", "break_label", "respondents", "distributed", "response_rate",
                                            "effective_n", "design_effect"])
        for rate in tabulation.responseRates {
            document.appendRow { fields in
                fields.append(rate.breakID)
                fields.append(rate.value)
                fields.append(rate.label)
                fields.append(rate.respondents)
                fields.append(rate.distributed)
                fields.append(exact: rate.rate)
                fields.append(exact: rate.effectiveSize)
                fields.append(exact: rate.designEffect)
            }
        }
        return document
    }
}

extension CSVDocument.Row {
    /// `break,break_value,break_label`: the axis and group, or `total` with two empty fields.
    mutating func appendBreak(_ axis: (id: String, value: Choice)?) {
        guard let axis else {
            append("total")
            append("")
            append("")
            return
        }
        append(axis.id)
        append(axis.value.code)
        append(axis.value.label)
    }

    /// `kind,choice`: `choice` and the code, `net` and its label, `bin` and the class number, or `text` / `nonresponse`.
    public mutating func appendKind(_ kind: RowKind) {
        switch kind {
        case .choice(let code):
            append("choice")
            append(code)
        case .net(let label):
            append("net")
            append(label)
        case .bin(let index):
            append("bin")
            append(index)
        case .text:
            append("text")
            append("")
        case .nonresponse:
            append("nonresponse")
            append("")
        }
    }
}
