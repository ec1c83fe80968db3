import Foundation
import SurveyDefinition
import SurveyDiagnostics
import SurveyResponses
import SurveyTabulation
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
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("survey-tab-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try yaml.write(to: folder.appendingPathComponent("survey.yaml"), atomically: true, encoding: .utf8)
    try csv.write(to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
    var engine = DiagnosticsEngine()
    let wave = try #require(Wave.load(folder: folder.path, diagnostics: &engine), sourceLocation: sourceLocation)
    #expect(!engine.hasErrors, "\(engine.diagnostics.map(\.description))", sourceLocation: sourceLocation)
    return wave.responses
}

/// The tabulation of the example wave, computed once.
let exampleTabulation: WaveTabulation? = exampleWave.map { Tabulator.tabulate($0.responses) }

/// |actual − expected| relative to the larger magnitude (0 when they are equal, including both 0).
func relativeError(_ actual: Double, _ expected: Double) -> Double {
    if actual == expected { return 0 }
    let scale = max(abs(actual), abs(expected))
    return scale == 0 ? 0 : abs(actual - expected) / scale
}

/// A deterministic generator (SplitMix64) for seeded property tests.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
