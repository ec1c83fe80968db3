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
        #expect(files.count == 2 * (4 + 3) + 5)   // compare: comparison, comparison_by_break, trend (header only: two waves), indicators, indicators_by_break
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
    _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
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
        #expect(waves.map { $0.prefix { $0 != ":" } } == ["Surveys/shimin/2013", "Surveys/shimin/2018", "Surveys/shimin/2023"])
    }

    @Test func reportWritesEachRealWaveOnceWhateverPathsReachIt() throws {
        let folder = try loopingTree()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try runBounded(["report", "Surveys", "Surveys/shimin/up/shimin/2023", "./Surveys/a/shimin", "--out", "out",
                                     "--format", "csv"], in: folder, seconds: 240)
        // The bound only catches a loop: a debug build's exact and Monte Carlo p of the example take ~20 s of CPU.
        #expect(result != nil, "report did not end within 240 s")
        guard let result else { return }
        #expect(result.status == 0)
        #expect(result.stdout == "Surveys/shimin/2013: wrote out/shimin/2013/\nSurveys/shimin/2018: wrote out/shimin/2018/\nSurveys/shimin/2023: wrote out/shimin/2023/\n")
    }
}

/// Two versions of the example wave 2023 (same series and wave, so the same report folder): `A/s/2023` as it is with
/// the title 版A, `B/s/2023` titled 版B and without question q21.
enum TwoVersions {
    static func write(under folder: URL) throws {
        let source = SurveyBinary.repositoryRoot.appendingPathComponent("Surveys/shimin/2023")
        for version in ["A", "B"] {
            let wave = folder.appendingPathComponent("\(version)/s/2023")
            try FileManager.default.createDirectory(at: wave.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: source, to: wave)
            let yaml = wave.appendingPathComponent("survey.yaml")
            var text = try String(contentsOf: yaml, encoding: .utf8)
            text = text.replacingOccurrences(of: "title: 地域福祉に関する市民意識調査", with: "title: 版\(version)")
            if version == "B", let start = text.range(of: "  - id: q21\n"), let end = text.range(of: "  - id: q22\n") {
                text.removeSubrange(start.lowerBound..<end.lowerBound)
            }
            try text.write(to: yaml, atomically: true, encoding: .utf8)
        }
    }

    /// Writes both versions under `refA`, `refB`; their report folders' contents, A first.
    static func reports(under folder: URL) throws -> [[String: Data?]] {
        var result: [[String: Data?]] = []
        for version in ["A", "B"] {
            let run = try SurveyBinary.run(["report", "\(version)/s", "--out", "ref\(version)"], in: folder)
            #expect(run.status == 0)
            result.append(contents(of: folder.appendingPathComponent("ref\(version)/shimin/2023")))
        }
        return result
    }

    /// Every entry below `folder` (hidden ones included) with its bytes; folders map to nil.
    static func contents(of folder: URL) -> [String: Data?] {
        var result: [String: Data?] = [:]
        for path in (try? FileManager.default.subpathsOfDirectory(atPath: folder.path)) ?? [] {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory)
            result[path] = isDirectory.boolValue ? nil : try? Data(contentsOf: folder.appendingPathComponent(path))
        }
        return result
    }

    /// The names in `folder` that start with a dot.
    static func hidden(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix(".") }
    }
}

@Suite struct WholeReplacementTests {
    @Test func aRemovedQuestionLeavesNothingBehindAndNoTemporaryFileStays() throws {
        let folder = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try TwoVersions.write(under: folder)
        #expect(try SurveyBinary.run(["report", "A/s", "--out", "out"], in: folder).status == 0)
        let wave = folder.appendingPathComponent("out/shimin/2023")
        #expect(FileManager.default.fileExists(atPath: wave.appendingPathComponent("charts/q21.svg").path))
        // Leftovers of killed runs: a staging folder beside the wave, an old-style temporary file inside it.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("out/shimin/.2023.survey-new.99999/charts"),
                                                withIntermediateDirectories: true)
        try Data("x".utf8).write(to: wave.appendingPathComponent(".results.csv.4242.tmp"))
        #expect(try SurveyBinary.run(["report", "B/s", "--out", "out"], in: folder).status == 0)
        #expect(try SurveyBinary.run(["report", "B/s", "--out", "fresh"], in: folder).status == 0)
        let written = TwoVersions.contents(of: wave)
        #expect(written == TwoVersions.contents(of: folder.appendingPathComponent("fresh/shimin/2023")))
        #expect(written["charts/q21.svg"] == nil && written["tables/q21.csv"] == nil)
        #expect(TwoVersions.hidden(in: folder.appendingPathComponent("out/shimin")).isEmpty)
    }

    /// kill -9 at moments spread over a run, alternating the two versions: the folder is always one whole version.
    @Test func aKilledRunNeverLeavesAMixedReport() throws {
        let folder = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try TwoVersions.write(under: folder)
        let versions = try TwoVersions.reports(under: folder)
        let started = Date()
        #expect(try SurveyBinary.run(["report", "A/s", "--out", "out"], in: folder).status == 0)
        let duration = Date().timeIntervalSince(started)
        var generator = SystemRandomNumberGenerator()
        var seen: Set<Int> = []
        for round in 0..<10 {
            let process = try SurveyBinary.start(["report", round % 2 == 0 ? "B/s" : "A/s", "--out", "out"], in: folder)
            usleep(UInt32(Double.random(in: 0.3...1.1, using: &generator) * duration * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let state = TwoVersions.contents(of: folder.appendingPathComponent("out/shimin/2023"))
            let index = versions.firstIndex(of: state)
            #expect(index != nil, "round \(round): the report folder is neither version A nor B")
            if let index { seen.insert(index) }
        }
        // The next run cleans up whatever the killed ones left.
        #expect(try SurveyBinary.run(["report", "A/s", "--out", "out"], in: folder).status == 0)
        #expect(TwoVersions.contents(of: folder.appendingPathComponent("out/shimin/2023")) == versions[0])
        #expect(TwoVersions.hidden(in: folder.appendingPathComponent("out/shimin")).isEmpty)
    }

    /// A run that finds `--out` locked says so and waits; it writes only once the lock is released.
    @Test func aSecondRunWaitsForTheFirst() throws {
        let folder = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try HostileSeries.write(under: folder)
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let lock = open(out.path, O_RDONLY | O_DIRECTORY)
        #expect(lock >= 0 && flock(lock, LOCK_EX) == 0)
        let errors = folder.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = try SurveyBinary.start(["report", "s", "--out", "out"], in: folder, stderr: errors)
        let deadline = Date().addingTimeInterval(30)
        var said = ""
        while Date() < deadline && !said.contains("waiting") {
            usleep(20_000)
            said = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        }
        #expect(said == "out: waiting for another survey run writing into this folder to finish\n")
        usleep(300_000)
        #expect(process.isRunning)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("s").path))
        close(lock)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("s/2023/report.md").path))
    }

    /// Two runs started together into one `--out`: both succeed, one after the other, and the folder is whole.
    @Test func twoConcurrentRunsLeaveOneWholeReport() throws {
        let folder = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try TwoVersions.write(under: folder)
        let versions = try TwoVersions.reports(under: folder)
        let processes = try ["A/s", "B/s"].map { try SurveyBinary.start(["report", $0, "--out", "out"], in: folder) }
        for process in processes { process.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == [0, 0])
        #expect(versions.contains(TwoVersions.contents(of: folder.appendingPathComponent("out/shimin/2023"))))
        #expect(TwoVersions.hidden(in: folder.appendingPathComponent("out/shimin")).isEmpty)
    }

    @Test func twoWaveFoldersOfTheSameWaveAreNotWrittenOverEachOther() throws {
        let folder = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try TwoVersions.write(under: folder)
        let result = try SurveyBinary.run(["report", "A/s", "B/s", "--out", "out", "--format", "csv"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout == "A/s/2023: wrote out/shimin/2023/\n")
        #expect(result.stderr.contains("B/s/2023: error: not written: 'A/s/2023' is the same wave (series shimin, wave 2023) and was written to 'out/shimin/2023/'\n"))
    }
}

@Suite struct WritingOnlyBelowOutTests {
    @Test func refusesToReplaceAFolderThatHoldsMoreThanReports() throws {
        let folder = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try TwoVersions.write(under: folder)
        // --out names the survey tree itself: out/shimin/2023 would be the wave's own folder.
        try FileManager.default.moveItem(at: folder.appendingPathComponent("A/s"), to: folder.appendingPathComponent("A/shimin"))
        let result = try SurveyBinary.run(["report", "A/shimin", "--out", "A"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("A/shimin/2023: error: refusing to replace this folder: it holds 'survey.yaml', which survey does not write\n"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("A/shimin/2023/survey.yaml").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("A/shimin/2023/paper.csv").path))
    }

    @Test func refusesALinkThatLeadsOutOfOut() throws {
        let folder = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try HostileSeries.write(under: folder)
        let elsewhere = folder.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("out"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("out/s").path, withDestinationPath: elsewhere.path)
        let result = try SurveyBinary.run(["report", "s", "--out", "out"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("out/s: error: refusing to write into this folder: it leads to '\(elsewhere.resolvingSymlinksInPath().path)', outside the --out folder 'out'\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }
}

/// Runs `script` with `sh` in a new user and mount namespace (`unshare -rm`), where it may mount a tmpfs.
func runInMountNamespace(_ script: String, in directory: URL) throws -> SurveyBinary.Result {
    try SurveyBinary.run(program: URL(fileURLWithPath: "/usr/bin/unshare"), ["-rm", "sh", "-c", script], in: directory)
}

/// Whether this machine lets an unprivileged user mount a tmpfs in a namespace of its own.
let canMountTmpfs: Bool = {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare"),
          let folder = try? SurveyBinary.temporaryFolder() else { return false }
    defer { try? FileManager.default.removeItem(at: folder) }
    return (try? runInMountNamespace("mkdir m && mount -t tmpfs -o size=64k tmpfs m", in: folder).status) == 0
}()

@Suite(.enabled(if: canMountTmpfs, "cannot mount a tmpfs in a user namespace here (unshare -rm)"))
struct FullOrReadOnlyDiskTests {
    /// A disk with room for one report (about 3.3 MB with report.docx) but not two: the new one fails with words, the old one stays whole.
    @Test func aFullDiskKeepsTheOldReportAndSaysSo() throws {
        let folder = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try TwoVersions.write(under: folder)
        #expect(try SurveyBinary.run(["report", "A/s", "--out", "refA"], in: folder).status == 0)
        let survey = SurveyBinary.executable.path
        let result = try runInMountNamespace("""
            mkdir disk && mount -t tmpfs -o size=5m tmpfs disk || exit 99
            "\(survey)" report A/s --out disk/out >/dev/null 2>&1 || exit 98
            "\(survey)" report B/s --out disk/out 2>&1 >/dev/null | grep -v 'paper.csv\\|web.csv'
            echo "status $?"
            cp -r disk/out/shimin/2023 kept
            ls -A disk/out/shimin
            mount -o remount,ro disk
            "\(survey)" report B/s --out disk/out 2>&1 >/dev/null | grep -v 'paper.csv\\|web.csv'
            "\(survey)" compare A/s --out disk/other 2>&1 >/dev/null | grep -v 'paper.csv\\|web.csv'
            """, in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.components(separatedBy: "\n")
        #expect(lines.contains { $0.hasPrefix("disk/out/shimin/2023/") && $0.hasSuffix(": error: cannot write the report: the disk is full") },
                "\(result.stdout)")
        #expect(lines.contains { $0.hasSuffix(": note: the previous report in 'disk/out/shimin/2023/' is unchanged; free some space, then run again") })
        #expect(lines.contains("2023"))
        #expect(!lines.contains { $0.hasPrefix(".") }, "a temporary folder was left: \(result.stdout)")
        #expect(TwoVersions.contents(of: folder.appendingPathComponent("kept")) == TwoVersions.contents(of: folder.appendingPathComponent("refA/shimin/2023")))
        #expect(lines.contains("disk/out/shimin/2023: error: cannot write the report: the file system is read-only"))
        #expect(!result.stdout.contains("NSCocoaErrorDomain"))
    }
}

@Suite struct FileSystemErrorsInWordsTests {
    /// A folder where survey.yaml or series.yaml should be: said in words, with the path, by check and compare.
    @Test func aFolderNamedAsADefinitionFileIsSaidInWords() throws {
        let folder = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try HostileSeries.write(under: folder)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("s/series.yaml"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("s/series.yaml"), withIntermediateDirectories: true)
        let compare = try SurveyBinary.run(["compare", "s", "--out", "out"], in: folder)
        #expect(compare.status == 1)
        #expect(compare.stderr.contains("s/series.yaml: error: cannot read the survey definition: it is a folder, not a file\n"
            + "s/series.yaml: note: series.yaml, beside the wave folders, must be a readable UTF-8 text file (or absent)\n"))
        let yaml = folder.appendingPathComponent("s/2023/survey.yaml")
        try FileManager.default.removeItem(at: yaml)
        try FileManager.default.createDirectory(at: yaml, withIntermediateDirectories: true)
        for command in [["check", "s/2023"], ["report", "s/2023", "--out", "out"], ["crosstab", "s/2023", "q1", "--by", "district"]] {
            let result = try SurveyBinary.run(command, in: folder)
            #expect(result.status == 1)
            #expect(result.stderr.contains("s/2023/survey.yaml: error: cannot read the survey definition: it is a folder, not a file\n"), "\(command)")
            #expect(!result.stderr.contains("NSCocoaErrorDomain"))
        }
    }
}
