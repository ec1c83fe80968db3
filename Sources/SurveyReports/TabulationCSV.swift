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

    /// `question,break,break_value,break_label,kind,choice,label,count,base,percent,adj_residual`.
    public var results: CSVDocument {
        var document = CSVDocument(header: ["question", "break", "break_value", "break_label", "kind", "choice", "label",
                                            "count", "base", "percent", "adj_residual"])
        for question in tabulation.questions {
            append(question.total, question: question.question.id, breakFields: ["total", "", ""], to: &document)
            for crossTab in question.crossTabs {
                for group in crossTab.groups {
                    append(group.table, question: question.question.id,
                           breakFields: [crossTab.axis.id, String(group.value.code), group.value.label], to: &document)
                }
            }
        }
        return document
    }

    private func append(_ table: FrequencyTable, question: String, breakFields: [String], to document: inout CSVDocument) {
        for row in table.rows {
            let (kind, choice): (String, String) = switch row.kind {
            case .choice(let code): ("choice", String(code))
            case .net(let label): ("net", label)
            case .bin(let index): ("bin", String(index))
            case .text: ("text", "")
            case .nonresponse: ("nonresponse", "")
            }
            document.append([question] + breakFields + [kind, choice, row.label, String(row.count), String(row.base),
                                                        NumberText.exact(row.percent), NumberText.exact(row.adjustedResidual)])
        }
    }

    /// `question,break,break_value,break_label,n,missing,mean,sd,min,q1,median,q3,max`.
    public var numbers: CSVDocument {
        var document = CSVDocument(header: ["question", "break", "break_value", "break_label", "n", "missing", "mean", "sd",
                                            "min", "q1", "median", "q3", "max"])
        func append(_ summary: NumberSummary, question: String, breakFields: [String]) {
            document.append([question] + breakFields + [
                String(summary.n), String(summary.missing), NumberText.exact(summary.mean),
                NumberText.exact(summary.standardDeviation), NumberText.exact(summary.min), NumberText.exact(summary.q1),
                NumberText.exact(summary.median), NumberText.exact(summary.q3), NumberText.exact(summary.max),
            ])
        }
        for question in tabulation.questions {
            guard let total = question.totalSummary else { continue }
            append(total, question: question.question.id, breakFields: ["total", "", ""])
            for crossTab in question.crossTabs {
                for group in crossTab.groups {
                    if let summary = group.summary {
                        append(summary, question: question.question.id,
                               breakFields: [crossTab.axis.id, String(group.value.code), group.value.label])
                    }
                }
            }
        }
        return document
    }

    /// `question,break,choice,test,statistic,df,p_value,cramers_v,n,min_expected,low_expected_share`.
    public var tests: CSVDocument {
        var document = CSVDocument(header: ["question", "break", "choice", "test", "statistic", "df", "p_value", "cramers_v",
                                            "n", "min_expected", "low_expected_share"])
        for question in tabulation.questions {
            for crossTab in question.crossTabs {
                for test in crossTab.tests {
                    let chi = test.chiSquare
                    let isFisher = test.method == .fisher
                    document.append([
                        question.question.id, crossTab.axis.id, NumberText.integer(test.choice), test.method.rawValue,
                        isFisher ? "" : NumberText.exact(chi.statistic), isFisher ? "" : String(chi.degreesOfFreedom),
                        NumberText.exact(test.pValue), isFisher ? "" : NumberText.exact(chi.cramersV), String(chi.n),
                        NumberText.exact(chi.minimumExpected), NumberText.exact(chi.lowExpectedShare),
                    ])
                }
            }
        }
        return document
    }

    /// `break,break_value,break_label,respondents,distributed,response_rate`.
    public var summary: CSVDocument {
        var document = CSVDocument(header: ["break", "break_value", "break_label", "respondents", "distributed", "response_rate"])
        for rate in tabulation.responseRates {
            document.append([rate.breakID, NumberText.integer(rate.value), rate.label, String(rate.respondents),
                             NumberText.integer(rate.distributed), NumberText.exact(rate.rate)])
        }
        return document
    }
}
