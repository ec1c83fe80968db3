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
        [("comparison.csv", overall), ("comparison_by_break.csv", byBreak), ("indicators.csv", indicators)]
    }

    /// `question,kind,choice,label,wave,count,base,percent,diff_points,z,p_value`.
    public var overall: CSVDocument {
        var document = CSVDocument(header: ["question", "kind", "choice", "label", "wave", "count", "base", "percent",
                                            "diff_points", "z", "p_value"])
        for question in comparison.questions {
            for row in question.rows { append(row, prefix: [question.id], to: &document) }
        }
        return document
    }

    /// The same per axis value: `question,break,break_value,break_label,kind,…`.
    public var byBreak: CSVDocument {
        var document = CSVDocument(header: ["question", "break", "break_value", "break_label", "kind", "choice", "label", "wave",
                                            "count", "base", "percent", "diff_points", "z", "p_value"])
        for question in comparison.questions {
            for group in question.breaks {
                for row in group.rows {
                    append(row, prefix: [question.id, group.axis, String(group.value), group.label], to: &document)
                }
            }
        }
        return document
    }

    private func append(_ row: ComparedRow, prefix: [String], to document: inout CSVDocument) {
        let (kind, choice): (String, String) = switch row.kind {
        case .choice(let code): ("choice", String(code))
        case .net(let label): ("net", label)
        default: ("", "")
        }
        for (index, cell) in row.cells.enumerated() {
            guard let cell else { continue }
            let change = cell.change
            document.append(prefix + [kind, choice, row.label, String(comparison.waves[index].key), String(cell.count), String(cell.base),
                                      exact(cell.percent), exact(change?.differencePoints), exact(change?.test?.z),
                                      exact(change?.test?.pValue)])
        }
    }

    /// `indicator,name,wave,value,baseline,target,progress,status`; percents to one decimal, as published.
    public var indicators: CSVDocument {
        var document = CSVDocument(header: ["indicator", "name", "wave", "value", "baseline", "target", "progress", "status"])
        for result in comparison.indicators {
            for value in result.values {
                document.append([
                    result.indicator.id, result.indicator.name, String(value.wave),
                    value.tenths.map(TenthsText.format) ?? "", result.baselineTenths.map(TenthsText.format) ?? "",
                    TenthsText.format(Int((result.indicator.target * 10).rounded())),
                    value.progress.map { PercentText.decimal($0, places: 1) } ?? "", value.status.rawValue,
                ])
            }
        }
        return document
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
