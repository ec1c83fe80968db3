import Foundation
import SurveyDefinition
import SurveyDiagnostics
import SurveyResponses
import SurveyTabulation

/// The repository root: this file is `<root>/Tests/SurveyTabulationTests/ExampleSupport.swift`.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The example wave `Surveys/shimin/2023`, read once.
let exampleWave: Wave? = {
    var engine = DiagnosticsEngine()
    return Wave.load(folder: repositoryRoot.appendingPathComponent("Surveys/shimin/2023").path, diagnostics: &engine)
}()

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
