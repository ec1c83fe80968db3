import ArgumentParser
import Foundation
import SurveyDiagnostics
import SurveyDrafting

/// `survey init`: drafts a wave folder (survey.yaml and the data) from raw exports.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Draft survey.yaml from raw exports (Google Forms, Microsoft Forms, SurveyMonkey, Excel sheets of codes).",
        discussion: "Reads each EXPORT (CSV/TSV in UTF-8, CP932 or UTF-16, or .xlsx), copies it into FOLDER and writes FOLDER/survey.yaml with a guess for every question; each guess to check is marked # TODO:. Then edit survey.yaml and run `survey check FOLDER`.")

    @Argument(help: "The export files of one wave (with the same columns), read in order.")
    var exports: [String]

    @Option(name: .long, help: "The wave folder to write (created if missing; default: draft).")
    var out: String = "draft"

    func validate() throws {
        if exports.isEmpty { throw ValidationError("expected at least one export file") }
    }

    func run() throws {
        let manager = FileManager.default
        let definition = (out as NSString).appendingPathComponent("survey.yaml")
        guard !manager.fileExists(atPath: definition) else {
            fail("\(definition): error: a survey.yaml is there already; survey init does not overwrite it",
                 note: "choose another --out folder, or move the old survey.yaml away first")
        }
        var diagnostics = DiagnosticsEngine()
        var tables: [ExportTable] = []
        for path in exports {
            if let table = ExportTable.read(path: path, diagnostics: &diagnostics) { tables.append(table) }
        }
        printDiagnostics(diagnostics)
        guard tables.count == exports.count, !diagnostics.hasErrors else { throw ExitCode(1) }
        do {
            try manager.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            fail("\(out): error: cannot create the folder: \(error.localizedDescription)", note: nil)
        }
        var names: [String] = []
        for path in exports {
            let name = (path as NSString).lastPathComponent
            let target = (out as NSString).appendingPathComponent(name)
            let same = (try? URL(fileURLWithPath: path).resourceValues(forKeys: [.fileResourceIdentifierKey]).fileResourceIdentifier as? NSObject)
                == (try? URL(fileURLWithPath: target).resourceValues(forKeys: [.fileResourceIdentifierKey]).fileResourceIdentifier as? NSObject)
            if manager.fileExists(atPath: target) {
                if !same && !manager.contentsEqual(atPath: path, andPath: target) {
                    fail("\(target): error: another file of this name is there already", note: "choose another --out folder")
                }
            } else {
                do {
                    try manager.copyItem(atPath: path, toPath: target)
                } catch {
                    fail("\(target): error: cannot copy the export there: \(error.localizedDescription)", note: nil)
                }
            }
            names.append(name)
        }
        let year = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Asia/Tokyo")!, from: Date())
        var fiscal = (year.month ?? 4) >= 4 ? (year.year ?? 2024) : (year.year ?? 2024) - 1
        if let named = Int((out as NSString).lastPathComponent), (1900...2100).contains(named) { fiscal = named }
        var draft = SurveyDraft(tables: tables, fileNames: names, year: fiscal)
        if let named = Int((out as NSString).lastPathComponent), (1900...2100).contains(named) {
            draft.wave = named
            draft.waveIsGuessed = false
        }
        do {
            try draft.yaml.write(toFile: definition, atomically: true, encoding: .utf8)
        } catch {
            fail("\(definition): error: cannot write it: \(error.localizedDescription)", note: nil)
        }
        let rows = tables.reduce(0) { $0 + $1.rows.count }
        print("\(definition): drafted from \(names.joined(separator: ", ")) (\(draft.kind.rawValue), \(rows) rows): "
            + "\(draft.questions.count) questions, \(draft.todoCount) TODO notes to check")
        print("next: edit \(definition) (search for TODO), then run: survey check \(out)")
    }

    private func fail(_ message: String, note: String?) -> Never {
        var text = message + "\n"
        if let note { text += String(message.prefix { $0 != ":" }) + ": note: " + note + "\n" }
        FileHandle.standardError.write(Data(text.utf8))
        Init.exit(withError: ExitCode(1))
    }
}
