import Foundation
import Testing

/// Careless and hostile input on the weighted paths (`weights:`), through the real binary.
@Suite struct WeightedInputTests {
    /// Writes a wave folder `name` under `folder`: its survey.yaml and one data file, d.csv.
    static func wave(_ name: String, in folder: URL, yaml: String, csv: String) throws {
        let wave = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: wave, withIntermediateDirectories: true)
        try yaml.write(to: wave.appendingPathComponent("survey.yaml"), atomically: true, encoding: .utf8)
        try csv.write(to: wave.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
    }

    /// A file of `out` as text, without its BOM and with LF line ends.
    static func text(_ path: String, in out: URL) throws -> String {
        String(decoding: try Data(contentsOf: out.appendingPathComponent(path)), as: UTF8.self)
            .replacingOccurrences(of: "\u{FEFF}", with: "").replacingOccurrences(of: "\r\n", with: "\n")
    }

    @Test func aWeightedMeanOfEqualAnswersIsNoChange() throws {
        // Σwy/Σw of 7 and 7 weighted 0.3 and 1.4 rounds to 6.999999999999999 with a standard error of 6e-16: the
        // comparison printed 「7.00」 and tested a change of −9e-16 (z = −1.5; other weights gave z = 21, 「増加」).
        let folder = try SurveyBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let series = folder.appendingPathComponent("s")
        let questions = "questions:\n  - id: q4\n    column: 問4\n    type: number\n"
        try Self.wave("2022", in: series, yaml: "title: T\nwave: 2022\ndata:\n  - file: d.csv\n" + questions, csv: "問4\n7\n7\n")
        try Self.wave("2023", in: series, yaml: "title: T\nwave: 2023\ndata:\n  - file: d.csv\nweights:\n  column: W\n" + questions,
                      csv: "問4,W\n7,0.3\n7,1.4\n")
        let result = try SurveyBinary.run(["compare", "s", "--out", "out"], in: folder)
        #expect(result.status == 0)
        let out = folder.appendingPathComponent("out")
        let comparison = try Self.text("s/compare/comparison.csv", in: out)
        #expect(comparison.contains("q4,mean,,平均,2023,2,2,,,,,,,7.0,0.0,,,1,0.0\n"))
        let report = try Self.text("s/compare/report.md", in: out)
        #expect(report.contains("> 平均は7で、前回調査（2022年度調査）の7と比べています（検定できる回答数がありません）。"))
    }
}
