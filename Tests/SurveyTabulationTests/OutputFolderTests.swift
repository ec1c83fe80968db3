import Foundation
import SurveyTestSupport
import Testing
@testable import SurveyReports

/// The `--out` folder: names that would lead out of it are refused after joining, with the path in the error.
@Suite struct OutputFolderTests {
    private func temporaryFolder() throws -> String {
        try TemporaryFolder.create(prefix: "survey-out").path
    }

    @Test(arguments: [
        (["..", "escaped"], "report.md"), (["s", ".."], "report.md"), (["s", "2023"], "../../../escaped.csv"),
        (["s", "2023"], "charts/../../x.svg"), (["s", "2023"], "/etc/x.csv"), (["s", ""], "report.md"), (["s", "."], "report.md"),
    ])
    func refusesNamesThatLeaveTheFolder(_ subfolder: [String], _ file: String) throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let out = root + "/out"
        let folder = try OutputFolder(out) { _ in }
        #expect(throws: OutputError.self) { try folder.replace(subfolder, with: [(file, Array("x".utf8))]) }
        do {
            try folder.replace(subfolder, with: [(file, Array("x".utf8))])
        } catch {
            #expect(error.message.hasPrefix("refusing to write '\(out)/"))
            #expect(error.message.hasSuffix("': it is not inside the --out folder '\(out)'"))
            #expect(error.note.contains("use letters, digits, '_' and '-'"))
        }
        // Nothing was written anywhere under the temporary root but the empty --out folder.
        #expect(try FileManager.default.subpathsOfDirectory(atPath: root) == ["out"])
    }

    @Test func writesNestedFilesAndReplacesTheWholeFolder() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let folder = try OutputFolder(root + "/out") { _ in }
        try folder.replace(["s", "2023"], with: [("a.csv", [1]), ("charts/q1.svg", [2]), ("charts/q2.svg", [3])])
        try folder.replace(["s", "2023"], with: [("a.csv", [4]), ("charts/q1.svg", [5])])
        #expect(try FileManager.default.subpathsOfDirectory(atPath: root + "/out").sorted()
                == ["s", "s/2023", "s/2023/a.csv", "s/2023/charts", "s/2023/charts/q1.svg"])
        #expect(FileManager.default.contents(atPath: root + "/out/s/2023/charts/q1.svg") == Data([5]))
    }

    @Test func replacesAFolderOfReportsAndBrowserLitterButNothingElse() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let folder = try OutputFolder(root + "/out") { _ in }
        try folder.replace(["s", "2023"], with: [("a.csv", [1])])
        for name in [".DS_Store", "Thumbs.db", "report.docx", "tables/old.xlsx", ".results.csv.42.tmp"] {
            try FileManager.default.createDirectory(atPath: root + "/out/s/2023/tables", withIntermediateDirectories: true)
            #expect(FileManager.default.createFile(atPath: root + "/out/s/2023/" + name, contents: Data([0])))
        }
        try folder.replace(["s", "2023"], with: [("a.csv", [2])])
        #expect(try FileManager.default.subpathsOfDirectory(atPath: root + "/out/s/2023") == ["a.csv"])
        #expect(FileManager.default.createFile(atPath: root + "/out/s/2023/notes.txt", contents: Data([0])))
        #expect(throws: OutputError(path: root + "/out/s/2023",
                                    message: "refusing to replace this folder: it holds 'notes.txt', which survey does not write",
                                    note: "a report folder is replaced as a whole, so it must hold reports only; choose an --out folder of its own (not a survey folder)")) {
            try folder.replace(["s", "2023"], with: [("a.csv", [3])])
        }
        #expect(FileManager.default.contents(atPath: root + "/out/s/2023/a.csv") == Data([2]))
    }

    @Test func twoFilesOfOneNameAreAnErrorAndLeaveNothing() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let folder = try OutputFolder(root + "/out") { _ in }
        #expect(throws: OutputError(path: root + "/out/s/2023/charts/q1.svg",
                                    message: "cannot write the report: two files of the report are named 'charts/q1.svg'",
                                    note: "nothing was written to '\(root)/out/s/2023/'; give the questions distinct ids")) {
            try folder.replace(["s", "2023"], with: [("charts/q1.svg", [1]), ("charts/q1.svg", [2])])
        }
        #expect(try FileManager.default.subpathsOfDirectory(atPath: root + "/out") == ["s"])
    }

    @Test func saysWhatAnErrnoMeans() {
        #expect(OutputError.reason(ENOSPC, path: "p") == "the disk is full")
        #expect(OutputError.reason(EACCES, path: "p") == "permission denied")
        #expect(OutputError.reason(EROFS, path: "p") == "the file system is read-only")
        #expect(OutputError.reason(ENOTDIR, path: "out/s") == "a part of 'out/s' is a file, not a folder")
    }

    @Test(arguments: [("a/b", "a"), ("/a", "/"), ("a/b/", "a"), ("c", nil), ("a//b", "a/"), ("/", nil)] as [(String, String?)])
    func parentFolder(_ path: String, _ parent: String?) {
        #expect(path.parentFolder == parent)
    }
}
