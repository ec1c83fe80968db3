import SurveyDiagnostics
import Testing
@testable import SurveyDefinition

/// `derived` from a number question: classes cut at `bins`, named in the question's unit or by `labels`.
@Suite struct DerivedBinsTests {
    private static func withDerived(_ entry: String) -> String {
        minimal.replacingOccurrences(of: "breaks: [district, area]\n", with: entry + "breaks: [district, area]\n")
    }

    @Test func namesTheClassesInTheNumbersUnit() throws {
        let result = parse(Self.withDerived("""
              - id: years
                text: 居住年数（区分）
                from: q12
                bins: [5, 10, 20]

            """))
        #expect(result.messages.isEmpty)
        let derived = try #require(result.definition?.derived.last)
        #expect(derived.bins == [5, 10, 20] && derived.isOrdered)
        #expect(derived.groups.map(\.label) == ["5年未満", "5～9年", "10～19年", "20年以上"])
        #expect(derived.asQuestion().choices.map(\.code) == [1, 2, 3, 4])
        #expect(ClassLimits.classIndex(of: 4.99, limits: derived.bins) == 0)
        #expect(ClassLimits.classIndex(of: 5, limits: derived.bins) == 1)
        #expect(ClassLimits.classIndex(of: 20, limits: derived.bins) == 3)
    }

    @Test func takesLabelsWhenGiven() throws {
        let result = parse(Self.withDerived("""
              - id: years
                text: 居住年数（区分）
                from: q12
                bins: [10]
                labels: [10年未満, 10年以上]
                ordered: false

            """))
        #expect(result.messages.isEmpty)
        let derived = try #require(result.definition?.derived.last)
        #expect(derived.groups.map(\.label) == ["10年未満", "10年以上"] && !derived.isOrdered)
    }

    @Test func reportsEveryMisuseWhereItIsWritten() {
        let result = parse(Self.withDerived("""
              - id: a
                from: q5
                bins: [1, 2]
              - id: b
                from: q12
                groups: {短い: [1]}
              - id: c
                from: q12
                bins: [10, 5]
                labels: [x]
              - id: d
                from: q12
                groups: {短い: [1]}
                bins: [3]
              - id: e
                from: district
                groups: {北: [1]}
                labels: [北]

            """))
        #expect(result.definition == nil)
        #expect(result.messages.map { $0.components(separatedBy: "\n")[0] } == [
            "survey.yaml:20:11: error: found '10, 5' for 'bins'; expected one or more class limits in increasing order",
            "survey.yaml:21:13: error: found '1 labels' for 'labels'; expected one label per class: 3 for 2 limits",
            "survey.yaml:25:11: error: found 'groups and bins' for 'bins'; expected 'groups' (codes of a coded question) or 'bins' (class limits of a number question), not both",
            "survey.yaml:29:13: error: found 'labels without bins' for 'labels'; expected 'labels' only with 'bins' (a group's label is its key under 'groups')",
            "survey.yaml:13:11: error: found 'q5' for 'from'; expected a number question for 'bins' (this one is scale; group its codes with 'groups')",
            "survey.yaml:16:11: error: found 'q12' for 'from'; expected a single, scale or derived question for 'groups' (classes of a number question are made with 'bins')",
        ])
    }
}
