import ArgumentParser

/// The `survey` tool: reads municipal welfare-plan surveys and writes their tables and reports.
@main
struct SurveyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey",
        abstract: "Tabulate 地域福祉計画 surveys: check the data, write tables and reports.",
        subcommands: [Init.self, Check.self, Report.self, Crosstab.self, Compare.self]
    )
}
