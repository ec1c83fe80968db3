// libFuzzer target: a data file read against a definition (encoding detection, CSV, coding), then
// tabulated and rendered in memory. The input's framing is `ReadingInput`'s.
import FuzzSupport
import SurveyDefinition
import SurveyDiagnostics
import SurveyIngest
@testable import SurveyResponses

/// Parsed definitions by their text: parsed once, as reading dominates the cost of an input.
nonisolated(unsafe) var definitions: [String: SurveyDefinition] = [:]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReading(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard let input = ReadingInput(UnsafeRawBufferPointer(start: start, count: count)) else { return 0 }
    let folder = FuzzFolder.scratch
    let text = input.definitionText()
    let path = folder + "/survey.yaml"
    let definition: SurveyDefinition
    if let parsed = definitions[text] {
        definition = parsed
    } else {
        var problems = DiagnosticsEngine()
        guard let parsed = DefinitionReader.parse(yaml: text, path: path, defaultSeries: "fuzz", diagnostics: &problems),
              !problems.hasErrors else {
            fatalError("the fuzz definition \(ReadingInput.definitions[input.definition]) does not read: \(problems.diagnostics)")
        }
        definitions[text] = parsed
        definition = parsed
    }
    FuzzFolder.write(Array(text.utf8), to: "survey.yaml")
    for (name, bytes) in zip(input.fileNames, input.files) { FuzzFolder.write(bytes, to: name) }
    var diagnostics = DiagnosticsEngine()
    let parallelism = input.parallel ? CSVParallelism(parts: 2, minimumPartBytes: 1) : .automatic
    let table = ResponseReader.read(definition: definition, folder: folder, diagnostics: &diagnostics,
                                    reference: input.reference, parallelism: parallelism)
    FuzzPipeline.exercise(table, diagnostics: diagnostics, everything: input.renders)
    return 0
}
