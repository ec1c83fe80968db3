import Foundation
import SurveyTestSupport
import Testing
@testable import SurveyDefinition

/// Why a definition file cannot be read, in words rather than a Cocoa error number.
@Suite struct DefinitionFileTests {
    @Test func saysWhyInWords() throws {
        #expect(DefinitionFileFailure(errno: ENOENT).reason == "no such file")
        #expect(DefinitionFileFailure(errno: EACCES).reason == "permission denied")
        #expect(DefinitionFileFailure(errno: ENOTDIR).reason == "a part of the path is a file, not a folder")
        let folder = try TemporaryFolder.create(prefix: "survey-def")
        defer { try? FileManager.default.removeItem(at: folder) }
        guard case .failure(let failure) = DefinitionFile.text(atPath: folder.path) else {
            Issue.record("a folder was read as a definition")
            return
        }
        #expect(failure.reason == "it is a folder, not a file")
        try Data([0xFF, 0xFE, 0x00]).write(to: folder.appendingPathComponent("survey.yaml"))
        guard case .failure(let encoding) = DefinitionFile.text(atPath: folder.appendingPathComponent("survey.yaml").path) else {
            Issue.record("bytes that are not UTF-8 were read")
            return
        }
        #expect(encoding.reason == "it is not UTF-8 text")
    }
}
