import Foundation
import Testing

/// A series of two small waves whose every free text is hostile: formulas for Excel, markup and HTML for Markdown.
enum HostileSeries {
    /// The labels that reach the CSV files, each a formula for Excel.
    static let formulas = ["=1+1", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "=cmd", "\tTab", "=net", "=indicator <img src=i onerror=alert(1)>"]

    static func definition(wave: Int) -> String {
        """
        title: "=HYPERLINK(\\"http://evil\\",\\"x\\") <img src=x onerror=alert(1)>"
        wave: \(wave)
        label: "- wave **bold** <script>alert(1)</script>"
        plan: "- plan [x](javascript:alert(1))"
        fieldwork:
          population: "<img src=p onerror=alert(1)>"
          distributed: 200
        districts:
          question: district
        breaks: [district]
        data:
          - file: d.csv
        questions:
          - id: district
            column: 地区
            text: "@district <script>alert(1)</script>"
            type: single
            choices: {1: "=1+1", 2: "-2+3+cmd|' /C calc'!A0", 3: "@SUM(A1)"}
          - id: q1
            column: 問1
            text: "-q1 <img src=x onerror=alert(2)>"
            type: single
            choices: {1: "=cmd", 2: "\\tTab", 3: "> quote"}
            nets: {"=net": [1, 2]}
          - id: q2
            column: 問2
            text: "1. number"
            type: number
            unit: "<b>人</b>"
        """
    }

    static let series = """
        indicators:
          - id: share
            name: "=indicator <img src=i onerror=alert(1)>"
            question: q1
            choices: [1]
            baseline: {wave: 2018}
            target: {value: 50.0, year: 2028}
            direction: up
        """

    /// 150 respondents: district 1 mostly answers 1, district 3 mostly 3, so the cross-tab is marked both ways.
    static func data(shift: Int) -> String {
        var lines = ["地区,問1,問2"]
        for index in 0..<150 {
            let district = index % 3 + 1
            let answer = index % 5 == 0 ? (index / 5 + shift) % 3 + 1 : district
            lines.append("\(district),\(answer),\(index % 7)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes `s/2018` and `s/2023` with series.yaml under `folder`.
    static func write(under folder: URL) throws {
        for (wave, shift) in [(2018, 1), (2023, 2)] {
            let waveFolder = folder.appendingPathComponent("s/\(wave)")
            try FileManager.default.createDirectory(at: waveFolder, withIntermediateDirectories: true)
            try definition(wave: wave).write(to: waveFolder.appendingPathComponent("survey.yaml"), atomically: true, encoding: .utf8)
            try data(shift: shift).write(to: waveFolder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        }
        try series.write(to: folder.appendingPathComponent("s/series.yaml"), atomically: true, encoding: .utf8)
    }
}

/// The fields of an RFC 4180 CSV file (after its BOM), for checking what Excel will read.
func csvFields(_ data: Data) -> [[String]] {
    let text = String(decoding: data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data, as: UTF8.self)
    var rows: [[String]] = [], row: [String] = [], field = "", quoted = false, wasQuoted = false
    var characters = Array(text.unicodeScalars)[...]
    while let scalar = characters.popFirst() {
        if quoted {
            if scalar == "\"" {
                if characters.first == "\"" { field.unicodeScalars.append("\""); characters = characters.dropFirst() } else { quoted = false }
            } else {
                field.unicodeScalars.append(scalar)
            }
        } else if scalar == "\"" && field.isEmpty && !wasQuoted {
            quoted = true
            wasQuoted = true
        } else if scalar == "," {
            row.append(field); field = ""; wasQuoted = false
        } else if scalar == "\r" && characters.first == "\n" {
            characters = characters.dropFirst()
            row.append(field); rows.append(row); row = []; field = ""; wasQuoted = false
        } else {
            field.unicodeScalars.append(scalar)
        }
    }
    return rows
}

@Suite struct CSVInjectionTests {
    /// Every CSV of `report` and `compare`: no cell starts a formula unless it is a plain number (or the tables' `-`).
    @Test func noCSVCellIsAFormulaAndNumbersStayNumbers() throws {
        let folder = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try HostileSeries.write(under: folder)
        let report = try SurveyBinary.run(["report", "s", "--out", "out"], in: folder)
        #expect(report.status == 0, "\(report.stderr)")
        let compare = try SurveyBinary.run(["compare", "s", "--out", "out"], in: folder)
        #expect(compare.status == 0, "\(compare.stderr)")
        let out = folder.appendingPathComponent("out")
        let files = try FileManager.default.subpathsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".csv") }.sorted()
        #expect(files.count == 2 * (4 + 3) + 3)
        var cells: Set<String> = []
        for file in files {
            for row in csvFields(try Data(contentsOf: out.appendingPathComponent(file))) { cells.formUnion(row) }
        }
        let number = /[-+]?[0-9]+(,[0-9]+)*(\.[0-9]+)?([eE][-+]?[0-9]+)?|-/
        for cell in cells.sorted() {
            guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { continue }
            #expect(cell.wholeMatch(of: number) != nil, "a formula in a CSV cell: \(cell.debugDescription)")
        }
        for formula in HostileSeries.formulas {
            let written = cells.contains("'" + formula)
            #expect(written, "\(formula.debugDescription) not written as text")
        }
        // Negative numbers the tool computed (adjusted residuals, differences, z) are still numbers.
        let negatives = cells.filter { $0.hasPrefix("-") && Double($0).map { $0 < 0 } == true }
        #expect(negatives.count >= 4)
    }
}

@Suite(.enabled(if: pandocExecutable != nil, "pandoc is not installed"))
struct MarkdownInjectionTests {
    /// report.md of a wave and of the comparison, converted by pandoc as a reader would: no raw tag, no handler.
    @Test func noLabelBecomesHTMLAfterPandoc() throws {
        let folder = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try HostileSeries.write(under: folder)
        #expect(try SurveyBinary.run(["report", "s", "--out", "out"], in: folder).status == 0)
        #expect(try SurveyBinary.run(["compare", "s", "--out", "out"], in: folder).status == 0)
        for report in ["out/s/2023/report.md", "out/s/compare/report.md"] {
            let process = Process()
            process.executableURL = pandocExecutable
            process.arguments = ["-f", "gfm", "-t", "html", "--wrap=none", folder.appendingPathComponent(report).path]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let page = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            let allowed: Set<String> = ["h1", "h2", "h3", "h4", "p", "blockquote", "ul", "li", "table", "thead", "tbody",
                                        "tr", "th", "td", "img"]
            for tag in page.matches(of: /<\/?([a-zA-Z0-9]+)[^>]*>/) {
                #expect(allowed.contains(String(tag.output.1)), "\(report): raw tag \(tag.output.0)")
                #expect(tag.output.0.replacing(/"[^"]*"/, with: "").firstMatch(of: /\son[a-z]+=/) == nil, "\(report): \(tag.output.0)")
            }
            for image in page.matches(of: /<img\s+src="([^"]*)"/) {
                #expect(image.output.1.hasPrefix("charts/"), "\(report): image \(image.output.0)")
            }
            #expect(page.contains("&lt;img src=x onerror=alert(2)&gt;") || page.contains("&lt;img src=i onerror=alert(1)&gt;"))
            // The wave's label 「- wave …」 opens the report as a paragraph, not as a list.
            if report.hasSuffix("2023/report.md") {
                #expect(page.contains("<p>- wave **bold** &lt;script&gt;alert(1)&lt;/script&gt;"), "\(page.prefix(400))")
            }
        }
    }
}

/// Runs `survey` like `SurveyBinary.run`, but kills it after `seconds`: nil when it had to be killed (a hang).
func runBounded(_ arguments: [String], in directory: URL, seconds: Double) throws -> SurveyBinary.Result? {
    let process = Process()
    process.executableURL = SurveyBinary.executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    let outFile = directory.appendingPathComponent(".bounded-\(UUID().uuidString).out")
    let errFile = directory.appendingPathComponent(".bounded-\(UUID().uuidString).err")
    FileManager.default.createFile(atPath: outFile.path, contents: nil)
    FileManager.default.createFile(atPath: errFile.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: outFile); try? FileManager.default.removeItem(at: errFile) }
    process.standardOutput = try FileHandle(forWritingTo: outFile)
    process.standardError = try FileHandle(forWritingTo: errFile)
    try process.run()
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    if process.isRunning {
        process.terminate()
        process.waitUntilExit()
        return nil
    }
    return SurveyBinary.Result(status: process.terminationStatus,
                               stdout: String(decoding: try Data(contentsOf: outFile), as: UTF8.self),
                               stderr: String(decoding: try Data(contentsOf: errFile), as: UTF8.self))
}

@Suite struct SurveyTreeLinkTests {
    /// The example series under `Surveys/` with a link to itself at the top and one back up inside the series.
    private func loopingTree() throws -> URL {
        let folder = try SurveyBinary.temporaryFolder()
        let surveys = folder.appendingPathComponent("Surveys")
        try FileManager.default.createDirectory(at: surveys, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: SurveyBinary.repositoryRoot.appendingPathComponent("Surveys/shimin"),
                                         to: surveys.appendingPathComponent("shimin"))
        try FileManager.default.createSymbolicLink(atPath: surveys.appendingPathComponent("a").path, withDestinationPath: ".")
        try FileManager.default.createSymbolicLink(atPath: surveys.appendingPathComponent("shimin/up").path, withDestinationPath: "..")
        return folder
    }

    @Test func checkEndsAndChecksEachRealWaveOnce() throws {
        let folder = try loopingTree()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try runBounded(["check", "Surveys"], in: folder, seconds: 60)
        #expect(result != nil, "check did not end within 60 s")
        guard let result else { return }
        #expect(result.status == 0)
        let waves = result.stdout.components(separatedBy: "\n").filter { $0.contains("(series shimin, wave ") }
        #expect(waves.map { $0.prefix { $0 != ":" } } == ["Surveys/shimin/2018", "Surveys/shimin/2023"])
    }

    @Test func reportWritesEachRealWaveOnceWhateverPathsReachIt() throws {
        let folder = try loopingTree()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try runBounded(["report", "Surveys", "Surveys/shimin/up/shimin/2023", "./Surveys/a/shimin", "--out", "out",
                                     "--format", "csv"], in: folder, seconds: 60)
        #expect(result != nil, "report did not end within 60 s")
        guard let result else { return }
        #expect(result.status == 0)
        #expect(result.stdout == "Surveys/shimin/2018: wrote out/shimin/2018/\nSurveys/shimin/2023: wrote out/shimin/2023/\n")
    }
}
