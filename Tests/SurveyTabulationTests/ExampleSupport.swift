import Foundation
import SurveyDefinition
import SurveyDiagnostics
import SurveyResponses
import SurveyTabulation
import SurveyTestSupport
import Testing

/// The repository root: this file is `<root>/Tests/SurveyTabulationTests/ExampleSupport.swift`.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The example wave `Surveys/shimin/2023`, read once.
let exampleWave: Wave? = {
    var engine = DiagnosticsEngine()
    return Wave.load(folder: repositoryRoot.appendingPathComponent("Surveys/shimin/2023").path, diagnostics: &engine)
}()

/// Loads a wave written into a temporary folder: `survey.yaml` and its one data file `d.csv` (no errors expected).
func loadWave(yaml: String, csv: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> ResponseTable {
    let folder = try TemporaryFolder.create(prefix: "survey-tab", files: ["survey.yaml": yaml, "d.csv": csv])
    defer { try? FileManager.default.removeItem(at: folder) }
    var engine = DiagnosticsEngine()
    let wave = try #require(Wave.load(folder: folder.path, diagnostics: &engine), sourceLocation: sourceLocation)
    #expect(!engine.hasErrors, "\(engine.diagnostics.map(\.description))", sourceLocation: sourceLocation)
    return wave.responses
}

/// The tabulation of the example wave, computed once.
let exampleTabulation: WaveTabulation? = exampleWave.map { Tabulator.tabulate($0.responses) }
