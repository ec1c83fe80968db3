// libFuzzer target: the input is a survey.yaml or a series.yaml (first byte, bit 0: series.yaml; bit 1: the
// example's 2018 data files beside it instead of 2023's); the rest is its text. A survey.yaml is read as
// `survey check` reads a wave, against trimmed copies of the example's data files (paper.csv, web.csv, and
// the same as data.csv and responses.csv), and a wave without errors is tabulated and rendered in memory;
// a series.yaml compares the example's two waves and renders the comparison.
import Foundation
import FuzzSupport
import SurveyDefinition
import SurveyDiagnostics
import SurveyResponses
import SurveyTabulation

/// Wave folders holding the first 200 rows of each data file of the example's waves.
let dataFolders: [String] = ["2023", "2018"].map { wave in
    let folder = FuzzFolder.scratch + "/" + wave
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for file in ["paper.csv", "web.csv"] {
        let source = FuzzFolder.repository + "/Surveys/shimin/\(wave)/\(file)"
        guard let data = FileManager.default.contents(atPath: source) else { fatalError("the fuzz target needs \(source)") }
        var lines = 0
        let head = data.prefix { byte in
            if byte == UInt8(ascii: "\n") { lines += 1 }
            return lines < 201
        }
        FuzzFolder.write(head, to: file, in: folder)
        if file == "web.csv" {
            FuzzFolder.write(head, to: "data.csv", in: folder)
            FuzzFolder.write(head, to: "responses.csv", in: folder)
        }
    }
    return folder
}

/// The example's two waves, read and tabulated once.
let exampleWaves: [(wave: Wave, tabulation: WaveTabulation)] = ["2018", "2023"].map { wave in
    var diagnostics = DiagnosticsEngine()
    guard let loaded = Wave.load(folder: FuzzFolder.repository + "/Surveys/shimin/\(wave)", diagnostics: &diagnostics) else {
        fatalError("the example wave \(wave) does not read: \(diagnostics.diagnostics)")
    }
    return (loaded, Tabulator.tabulate(loaded.responses))
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDefinitions(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    guard let flags = bytes.first else { return 0 }
    let folder = dataFolders[Int(flags >> 1) & 1]
    if flags & 1 != 0 {
        FuzzFolder.write(bytes.dropFirst(), to: "series.yaml", in: folder)
        var diagnostics = DiagnosticsEngine()
        guard let series = SeriesReader.read(path: folder + "/series.yaml", diagnostics: &diagnostics) else {
            for diagnostic in diagnostics.diagnostics { blackHole(diagnostic.description) }
            return 0
        }
        FuzzPipeline.exercise(series: series, waves: exampleWaves)
    } else {
        FuzzFolder.write(bytes.dropFirst(), to: "survey.yaml", in: folder)
        var diagnostics = DiagnosticsEngine()
        let wave = Wave.load(folder: folder, diagnostics: &diagnostics)
        FuzzPipeline.exercise(wave?.responses, diagnostics: diagnostics)
    }
    return 0
}
