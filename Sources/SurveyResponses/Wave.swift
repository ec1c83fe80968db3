import Foundation
import SurveyDefinition
import SurveyDiagnostics

/// A wave folder read end to end: its definition and its coded answers.
public struct Wave: Sendable {
    /// The folder as the user named it.
    public var folder: String
    /// The coded answers (which carry the definition).
    public var responses: ResponseTable

    /// The wave's definition.
    public var definition: SurveyDefinition { responses.definition }

    /// Reads `folder/survey.yaml` and its data files; nil when the definition or a file cannot be used.
    ///
    /// `subset` (`--where`) narrows the wave to the respondents meeting it (see `SurveyDefinition.narrow(to:)`).
    public static func load(folder: String, subset: [RowCondition] = [], diagnostics: inout DiagnosticsEngine) -> Wave? {
        let path = folder.isEmpty ? SurveyFolders.definitionFileName
            : (folder as NSString).appendingPathComponent(SurveyFolders.definitionFileName)
        guard var definition = DefinitionReader.read(path: path, diagnostics: &diagnostics) else { return nil }
        if !subset.isEmpty {
            let problems = definition.narrow(to: subset)
            for problem in problems { diagnostics.emit(problem) }
            if problems.contains(where: { $0.severity == .error }) { return nil }
        }
        guard let responses = ResponseReader.read(definition: definition, folder: folder, diagnostics: &diagnostics) else { return nil }
        return Wave(folder: folder, responses: responses)
    }
}
