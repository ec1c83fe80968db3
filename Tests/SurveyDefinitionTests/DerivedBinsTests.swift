import SurveyDiagnostics
import Testing
@testable import SurveyDefinition

/// `derived` with `bins`: an axis made from a number question's ranges (年代 from 年齢).
@Suite struct DerivedBinsTests {
    static func yaml(_ derived: String) -> String {
        """
        title: 調査
        wave: 2024
        data:
          - file: a.csv
        derived:
          - id: band
            from: age
        \(derived)
        breaks: [band]
        questions:
          - id: age
            column: 年齢
            type: number
          - id: sex
            column: 性別
            type: single
            choices: {1: 男性, 2: 女性}
        """
    }

    @Test func readsBinsAsOrderedGroups() throws {
        let result = parse(Self.yaml("    bins: [[18, 29, 18～29歳], [30, 64.5, 30～64歳], [65, 120, 65歳以上]]"))
        #expect(result.messages.isEmpty, "\(result.messages)")
        let derived = try #require(result.definition?.derived.first)
        #expect(derived.groups.map(\.label) == ["18～29歳", "30～64歳", "65歳以上"])
        #expect(derived.ranges.map(\.low) == [18, 30, 65])
        #expect(derived.ranges.map(\.high) == [29, 64.5, 120])
        #expect(derived.isOrdered)
        #expect(result.definition?.anyQuestion("band")?.choices.map(\.code) == [1, 2, 3])
    }

    @Test func misusedBinsAreLocatedErrors() {
        let overlap = parse(Self.yaml("    bins: [[18, 39, a], [39, 64, b], [70, 65, c], [1, 2]]"))
        #expect(overlap.messages == [
            "survey.yaml:8:25: error: found '39, not above the previous bin's 39' for 'bins'; expected bins in increasing order without overlap (both ends are included)\n"
                + "survey.yaml:8:25: note: see the survey.yaml reference in the README for the form of this key",
            "survey.yaml:8:38: error: found '70 to 65' for 'bins'; expected a low value not above the high one\n"
                + "survey.yaml:8:38: note: see the survey.yaml reference in the README for the form of this key",
            "survey.yaml:8:51: error: found a list for 'bins'; expected a bin such as [18, 29, 18～29歳] (low, high, label)\n"
                + "survey.yaml:8:51: note: see the survey.yaml reference in the README for the form of this key",
        ])
        let both = parse(Self.yaml("    groups: {a: [1]}\n    bins: [[18, 39, a]]"))
        #expect(both.messages.first?.hasPrefix("survey.yaml:9:11: error: found 'both 'groups' and 'bins'' for 'bins'") == true, "\(both.messages)")
        let coded = parse(Self.yaml("    bins: [[1, 1, a]]").replacingOccurrences(of: "from: age", with: "from: sex"))
        #expect(coded.messages.first?.hasPrefix("survey.yaml:7:11: error: found 'sex' for 'from'; expected a number question for 'bins' (this one is single; group its codes with 'groups')") == true, "\(coded.messages)")
    }
}
