import SurveyTabulation

/// Every file written for one wave, as relative paths and bytes, in a fixed order.
public struct WaveReport {
    /// Which files to produce.
    public enum Contents: String, Sendable, CaseIterable {
        /// Machine-readable CSV, report.md, report.html, report.docx, tables.xlsx, tables/ and charts/.
        case all
        /// Only results.csv, numbers.csv, tests.csv and summary.csv.
        case csv
        /// Only report.md with its charts/.
        case md
    }

    let tabulation: WaveTabulation
    let chart: (QuestionTabulation, CrossTab?) -> String?
    let batteryChart: (BatteryTabulation) -> String?

    /// Prepares the files of a tabulated wave; `chart` draws a question (with its first axis) as SVG, `batteryChart`
    /// a battery.
    public init(_ tabulation: WaveTabulation, chart: @escaping (QuestionTabulation, CrossTab?) -> String? = { _, _ in nil },
                batteryChart: @escaping (BatteryTabulation) -> String? = { _ in nil }) {
        self.tabulation = tabulation
        self.chart = chart
        self.batteryChart = batteryChart
    }

    /// The files to write under `<out>/<series>/<wave>/`.
    /// `pictures` draws the charts for report.docx (default: rsvg-convert; `{ _ in [:] }` leaves them out).
    public func files(_ contents: Contents, pictures: DocxRenderer.Pictures = SVGRasterizer.pictures) throws -> [(path: String, bytes: [UInt8])] {
        var files: [(String, [UInt8])] = []
        if contents != .md {
            files += TabulationCSV(tabulation).documents.map { ($0.name, $0.document.bytes) }
        }
        guard contents != .csv else { return files }
        let firstAxis = tabulation.definition.breaks.first?.value
        var document = ReportDocument(tabulation) { question in
            chart(question, question.crossTabs.first { $0.axis.id == firstAxis })
        }
        document.batteryChart = batteryChart
        let blocks = document.blocks
        files.append(("report.md", Array(MarkdownRenderer.render(blocks).utf8)))
        for block in blocks {
            if case .chart(let file, let svg, _) = block { files.append(("charts/\(file)", Array(svg.utf8))) }
        }
        if contents == .all {
            files.append(("report.html", Array(HTMLRenderer.render(blocks, title: document.title).utf8)))
            files.append(("tables.xlsx", try TablesWorkbook.bytes(blocks, title: document.title, weighting: document.workbookWeightingText)))
            files.append(("report.docx", try DocxRenderer.render(blocks, title: document.title, images: try pictures(DocxRenderer.charts(blocks)))))
            for question in tabulation.questions where question.question.type != .text {
                let title = question.question.reportHeading
                files.append(("tables/\(question.question.id).csv",
                              QuestionTablesCSV.document(title: title, tables: document.tables(of: question)).bytes))
            }
            for battery in tabulation.batteries {
                files.append(("tables/\(battery.battery.id).csv",
                              QuestionTablesCSV.document(title: battery.reportHeading, tables: document.tables(of: battery)).bytes))
            }
        }
        return files
    }
}
