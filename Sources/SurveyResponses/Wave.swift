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
    public static func load(folder: String, diagnostics: inout DiagnosticsEngine) -> Wave? {
        let path = folder.isEmpty ? SurveyFolders.definitionFileName
            : (folder as NSString).appendingPathComponent(SurveyFolders.definitionFileName)
        guard let definition = DefinitionReader.read(path: path, diagnostics: &diagnostics) else { return nil }
        guard let responses = ResponseReader.read(definition: definition, folder: folder, diagnostics: &diagnostics) else { return nil }
        return Wave(folder: folder, responses: responses)
    }
}
