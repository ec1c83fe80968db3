import Foundation
import Testing

/// report.docx and tables.xlsx read back by tools that did not write them: LibreOffice lays the Word file out as
/// a reader sees it (PDF, then pdftotext), openpyxl reads the workbook. The checks are the scripts under scripts/.
///
/// Runs where LibreOffice, poppler and openpyxl are installed (`.ci/run` installs them).
let sofficeExecutable: URL? = ["/usr/bin/soffice", "/usr/local/bin/soffice"].map(URL.init(fileURLWithPath:))
    .first { FileManager.default.isExecutableFile(atPath: $0.path) }

private func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    process.currentDirectoryURL = SurveyBinary.repositoryRoot
    let out = Pipe()
    process.standardOutput = out
    process.standardError = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

private let hasOpenpyxl = (try? python(["-c", "import openpyxl"]).status) == 0

@Suite(.serialized)
struct DeliverablesTests {
    /// The committed example, written by a fresh run (reproducesTheCommittedReports checks they are the same bytes).
    private let reports = SurveyBinary.repositoryRoot.appendingPathComponent("Reports/shimin")

    @Test(.enabled(if: hasOpenpyxl, "python3 with openpyxl is not installed"), arguments: ["2023", "2018", "compare"])
    func tablesWorkbookHoldsTheNumbersOfTheCSV(_ folder: String) throws {
        let result = try python(["scripts/check_xlsx.py", reports.appendingPathComponent(folder).path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("1 passed"))
    }

    /// The weighted wave's workbook says what is weighted: on 目次 (a merged note under the title, how the weights
    /// were made) and under each table; the unweighted waves' workbooks have no such note.
    @Test func weightedWorkbookSaysItsPercentagesAreWeighted() throws {
        let weighted = reports.appendingPathComponent("2023/tables.xlsx")
        let strings = try BatteryCommandTests.zipPart(weighted, "xl/sharedStrings.xml")
        #expect(strings.contains("ごとに「母集団の人数 ÷ 回答者数」をウェイトとしています"))
        #expect(strings.contains("この集計表の比率（％）はウェイトを用いた比率（ウェイト付き集計）で、「n」と件数は実際の回答者数"))
        #expect(strings.contains("（比率はウェイト付き、nは実際の回答者数）"))
        #expect(strings.contains("平均・四分位・中央値はウェイト付きの推計値"))
        #expect(try BatteryCommandTests.zipPart(weighted, "xl/worksheets/sheet1.xml").contains("<mergeCell ref=\"A2:C2\"/>"))
        let unweighted = try BatteryCommandTests.zipPart(reports.appendingPathComponent("2018/tables.xlsx"), "xl/sharedStrings.xml")
        #expect(!unweighted.contains("ウェイト"))
    }

    @Test(.enabled(if: sofficeExecutable != nil, "LibreOffice is not installed"), arguments: ["2023", "compare"])
    func wordReportLaysOutOnA4WithEveryCellOnOneLine(_ folder: String) throws {
        let work = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try python(["scripts/check_docx_pdf.py", reports.appendingPathComponent(folder).path, work.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("1 passed"))
    }

    @Test func rerunsGiveTheSameBytes() throws {
        let first = try SurveyBinary.temporaryFolder(), second = try SurveyBinary.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        for folder in [first, second] {
            #expect(try SurveyBinary.run(["report", "Surveys/shimin/2023", "--out", folder.path]).status == 0)
        }
        for file in ["report.docx", "tables.xlsx"] {
            let a = try Data(contentsOf: first.appendingPathComponent("shimin/2023/\(file)"))
            let b = try Data(contentsOf: second.appendingPathComponent("shimin/2023/\(file)"))
            #expect(a == b, "\(file) differs between two runs")
            #expect(a.count > 10_000)
        }
    }
}
