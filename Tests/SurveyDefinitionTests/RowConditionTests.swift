import SurveyDiagnostics
import Testing
@testable import SurveyDefinition

@Suite struct RowConditionTests {
    @Test func readsFilterOfCodesAndOfBounds() throws {
        let yaml = minimal.replacingOccurrences(of: "missing: [9]\n", with: "missing: [9]\nfilter: {area: [1], q8: [2], q12: {min: 5, max: 30.5}}\n")
        let result = parse(yaml)
        #expect(result.messages.isEmpty)
        let definition = try #require(result.definition)
        #expect(definition.filter.map(\.question) == ["area", "q8", "q12"])
        #expect(definition.filter.map(\.test) == [.codes([1]), .codes([2]), .range(minimum: 5, maximum: 30.5)])
        #expect(definition.filter[2].location.description == "survey.yaml:7:35")
        #expect(definition.subset.isEmpty)
    }

    @Test func reportsEveryMisuseOfFilterWhereItIsWritten() {
        let yaml = minimal.replacingOccurrences(of: "missing: [9]\n", with: """
            missing: [9]
            filter:
              q55: [1]
              district: [1, 7]
              q12: [1]
              q5: {min: 1}
              q12x: {max: 3}
              area: {min: 1, max: 2, step: 1}
              q6: {}

            """)
        let result = parse(yaml)
        #expect(result.definition == nil)
        #expect(result.messages.map { $0.components(separatedBy: "\n")[0] } == [
            "survey.yaml:13:26: error: found unknown key 'step'; expected one of min, max",
            "survey.yaml:14:7: error: found a mapping for 'filter.q6'; expected a list of codes, or {min: NUMBER, max: NUMBER} for a number question",
            "survey.yaml:8:8: error: found 'q55' in 'filter.q55', which is not a question id",
            "survey.yaml:9:13: error: found code 7 in 'filter.district', which is not a choice of 'district'; expected one of 1, 2, 3",
            "survey.yaml:10:8: error: found 'q12' for 'filter.q12'; expected bounds for a number question: {min: NUMBER, max: NUMBER} (--where: ID>=NUMBER, ID<=NUMBER)",
            "survey.yaml:11:7: error: found 'q5' for 'filter.q5'; expected codes for a scale question: a list such as [1, 2] (--where: ID=1,2)",
            "survey.yaml:12:9: error: found 'q12x' in 'filter.q12x', which is not a question id",
            "survey.yaml:13:9: error: found 'area' for 'filter.area'; expected codes for a single question: a list such as [1, 2] (--where: ID=1,2)",
        ])
        #expect(result.messages[2].hasSuffix("note: did you mean 'q5'?"))
        #expect(result.messages[6].hasSuffix("note: did you mean 'q12'?"))
    }

    @Test func readsConditionsOfTheCommandLine() throws {
        #expect(try RowCondition.parse(commandLine: "age=5,6, 7").get().test == .codes([5, 6, 7]))
        #expect(try RowCondition.parse(commandLine: " age = 5 ").get().question == "age")
        #expect(try RowCondition.parse(commandLine: "q1>=65").get().test == .range(minimum: 65, maximum: nil))
        #expect(try RowCondition.parse(commandLine: "q1 <= 2.5").get().test == .range(minimum: nil, maximum: 2.5))
        #expect(try RowCondition.parse(commandLine: "年齢=1").get().location.description == "--where")
        for wrong in ["age", "age=", "=1", "age=1,,2", "age=x", "q1>=", "q1>=1e400", "q1<=nan", ">=3", "age=1.5"] {
            guard case .failure(let problem) = RowCondition.parse(commandLine: wrong) else {
                Issue.record("accepted '\(wrong)'")
                continue
            }
            #expect(Diagnostic(problem).description.hasPrefix("--where: error: found '\(wrong)' for '--where'; expected ID=CODE[,CODE…] (a coded question), ID>=NUMBER or ID<=NUMBER (a number question)\n--where: note: "))
        }
    }

    @Test func narrowingToASubsetDropsTheWholeWavesCountsSent() throws {
        var definition = try #require(parse(minimal).definition)
        #expect(definition.fieldwork.distributed == nil && definition.districts?.distributed.count == 3)
        definition.fieldwork.distributed = 1050
        definition.fieldwork.populationSize = 90000
        let subset = [try RowCondition.parse(commandLine: "q5=1,2").get(), try RowCondition.parse(commandLine: "q12<=10").get()]
        #expect(definition.narrow(to: subset).isEmpty)
        #expect(definition.subset == subset && definition.filter.isEmpty)
        #expect(definition.fieldwork.distributed == nil && definition.fieldwork.populationSize == nil)
        #expect(definition.districts?.distributed.isEmpty == true)
    }

    @Test func aSubsetWithErrorsLeavesTheDefinitionAsItWas() throws {
        var definition = try #require(parse(minimal).definition)
        let problems = definition.narrow(to: [try RowCondition.parse(commandLine: "q12>=5").get(),
                                              try RowCondition.parse(commandLine: "q5>=5").get(),
                                              try RowCondition.parse(commandLine: "q12>=5").get().with(maximum: 1)])
        #expect(problems.map { Diagnostic($0).description.components(separatedBy: "\n")[0] } == [
            "--where: error: found 'q5' for '--where'; expected codes for a scale question: a list such as [1, 2] (--where: ID=1,2)",
            "--where: error: found 'min 5 above max 1' for '--where'; expected a minimum at most the maximum",
        ])
        #expect(definition.subset.isEmpty && definition.districts?.distributed.count == 3)
    }
}

extension RowCondition {
    /// The condition with an upper bound as well.
    fileprivate func with(maximum: Double) -> RowCondition {
        guard case .range(let minimum, _) = test else { return self }
        return RowCondition(question: question, test: .range(minimum: minimum, maximum: maximum), location: location)
    }
}
