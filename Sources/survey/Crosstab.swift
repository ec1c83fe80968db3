import ArgumentParser
import Foundation
import SurveyDiagnostics
import SurveyReports
import SurveyResponses
import SurveyTabulation

/// `survey crosstab`: one cross-tabulation with its test, printed for a quick look.
struct Crosstab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crosstab",
        abstract: "Print one question by one axis, with its chi-square test.",
        discussion: "Cells are row percentages (base: the axis value's eligible respondents, 無回答 included); in a weighted wave percentages, means and medians are the weighted ones the report prints, beside the actual n. ▲/▼ mark cells whose adjusted residual is beyond ±1.96 where the test is significant, and only where the printed percentage is above (▲) or below (▼) the 全体 line's, as in the report. For an axis of `breaks`, p-values are adjusted over the whole wave (`multiple_testing`), as in the report; for any other axis they are not, and the output says so.")

    @Argument(help: "A wave folder (holding survey.yaml).")
    var path: String

    @Argument(help: "The question id, e.g. q4.")
    var question: String

    @Option(help: "The axis: a single, scale or derived question id, e.g. district.")
    var by: String

    @Option(name: .customLong("where"), help: ArgumentHelp(
        "Only the respondents meeting a condition, as `survey report --where`: ID=CODE[,CODE…] or ID>=NUMBER / ID<=NUMBER.",
        valueName: "condition"))
    var subset: [String] = []

    func run() throws {
        let folders = try WaveFolders.resolve([path])
        guard folders.count == 1, let folder = folders.first else {
            throw ValidationError("found \(folders.count) waves under '\(path)'; expected one wave folder such as \(folders.first ?? "Surveys/shimin/2023")")
        }
        let conditions = try parseConditions(subset)
        var diagnostics = DiagnosticsEngine()
        let wave = Wave.load(folder: folder, subset: conditions, diagnostics: &diagnostics)
        guard let wave, !diagnostics.hasErrors else {
            printDiagnostics(diagnostics)
            throw ExitCode(1)
        }
        let ids = wave.definition.allQuestions.map(\.id)
        guard let target = wave.definition.anyQuestion(question) else {
            throw ValidationError("found no question '\(question)'; expected one of \(ids.joined(separator: ", "))")
        }
        guard let axis = wave.definition.anyQuestion(by), axis.type == .single || axis.type == .scale else {
            let axes = wave.definition.allQuestions.filter { $0.type == .single || $0.type == .scale }.map(\.id)
            throw ValidationError("found '\(by)' for --by; expected a single, scale or derived question: \(axes.joined(separator: ", "))")
        }
        // An axis of the report's `breaks` is read from the whole wave's tabulation, so that its p-values are
        // adjusted over the same family as the report's and its marks are the report's marks.
        let isReportAxis = wave.definition.breaks.contains { $0.value == axis.id }
        let tabulation = isReportAxis
            ? Tabulator.tabulate(wave.responses).questions.first { $0.question.id == target.id }
            : Tabulator.tabulate(target, in: wave.responses, axes: [axis])
        guard let tabulation, let crossTab = tabulation.crossTabs.first(where: { $0.axis.id == axis.id }) else {
            throw ValidationError("cannot cross-tabulate '\(question)' by '\(by)': they are the same question or one is derived from the other")
        }
        if let all = wave.responses.waveRespondents {
            print("(subset: \(wave.responses.count) of \(all) respondents: \(subset.joined(separator: ", ")))")
        }
        print(CrossTabText(question: tabulation, crossTab: crossTab).text)
        if !isReportAxis && wave.definition.multipleTesting != .none {
            print("('\(axis.id)' is not an axis of `breaks`: p is not adjusted for multiple testing, and marks follow the unadjusted p)")
        }
    }
}
