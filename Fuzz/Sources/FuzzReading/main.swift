// libFuzzer target: a data file read against a definition (encoding detection, CSV, coding), then
// tabulated and rendered in memory. The input's framing is `ReadingInput`'s.
import Foundation
import FuzzSupport
import SurveyDefinition
import SurveyDiagnostics
import SurveyIngest
import SurveyResponses
import SurveyTestSupport

/// With `SURVEY_FUZZ_DIFFERENTIAL=1` every input is read the three ways (in order, the `String`-per-cell
/// reference, two parallel parts), which must give the same diagnostics and tables: a difference traps.
let differential = ProcessInfo.processInfo.environment["SURVEY_FUZZ_DIFFERENTIAL"] == "1"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReading(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard let input = ReadingInput(UnsafeRawBufferPointer(start: start, count: count)) else { return 0 }
    let folder = FuzzFolder.scratch
    let text = input.definitionText()
    let definition = parsedDefinition(text, path: folder + "/survey.yaml", name: ReadingInput.definitions[input.definition])
    FuzzFolder.write(Array(text.utf8), to: "survey.yaml")
    for (name, bytes) in zip(input.fileNames, input.files) { FuzzFolder.write(bytes, to: name) }
    if differential {
        let ways = [(false, CSVParallelism.automatic), (true, .automatic), (false, CSVParallelism(parts: 2, minimumPartBytes: 1))]
        let outcomes = ways.map { reference, parallelism in
            var diagnostics = DiagnosticsEngine()
            let table = reference
                ? ReferenceReader.read(definition: definition, folder: folder, diagnostics: &diagnostics)
                : ResponseReader.read(definition: definition, folder: folder, diagnostics: &diagnostics, parallelism: parallelism)
            return FuzzPipeline.outcome(table, diagnostics: diagnostics)
        }
        for (way, outcome) in zip(["reference", "two parts"], outcomes.dropFirst()) where outcome != outcomes[0] {
            fatalError("reading \(way) differs from reading in order:\n\(outcome)\n---\n\(outcomes[0])")
        }
        return 0
    }
    var diagnostics = DiagnosticsEngine()
    let parallelism = input.parallel ? CSVParallelism(parts: 2, minimumPartBytes: 1) : .automatic
    let table = input.reference
        ? ReferenceReader.read(definition: definition, folder: folder, diagnostics: &diagnostics)
        : ResponseReader.read(definition: definition, folder: folder, diagnostics: &diagnostics, parallelism: parallelism)
    FuzzPipeline.exercise(table, diagnostics: diagnostics, everything: input.renders)
    return 0
}

/// Parsed definitions by their text: parsed once, as reading dominates the cost of an input.
nonisolated(unsafe) var definitions: [String: SurveyDefinition] = [:]

/// `text` parsed (once), or a trap: the fuzz definitions must read without errors.
func parsedDefinition(_ text: String, path: String, name: String) -> SurveyDefinition {
    if let parsed = definitions[text] { return parsed }
    var problems = DiagnosticsEngine()
    guard let parsed = DefinitionReader.parse(yaml: text, path: path, defaultSeries: "fuzz", diagnostics: &problems),
          !problems.hasErrors else {
        fatalError("the fuzz definition \(name) does not read: \(problems.diagnostics)")
    }
    definitions[text] = parsed
    return parsed
}
