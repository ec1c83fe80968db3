import SurveyDiagnostics
import Testing

@Suite struct DiagnosticsEngineTests {
    private func problem(_ severity: Severity, line: Int, path: String = "a.csv") -> Diagnostic {
        Diagnostic(severity: severity, location: SourceLocation(path: path, line: line, column: 1),
                   message: "m", kind: severity == .error ? "e" : "w")
    }

    @Test func keepsFiftyOfEachSeverityPerFileAndCountsTheRest() {
        var engine = DiagnosticsEngine()
        for line in 1...70 { engine.emit(problem(.warning, line: line)) }
        for line in 1...60 { engine.emit(problem(.error, line: line)) }
        engine.emit(problem(.error, line: 1, path: "b.csv"))
        #expect(engine.diagnostics.count == 101)
        #expect(engine.warningCount == 70)
        #expect(engine.errorCount == 61)
        #expect(engine.suppressedCount == 30)
        #expect(engine.hasErrors)
        #expect(engine.countsByKind.map(\.count) == [70, 61])
    }

    @Test func warningsAloneAreNotAFailure() {
        var engine = DiagnosticsEngine()
        engine.emit(problem(.warning, line: 3))
        #expect(!engine.hasErrors)
        #expect(engine.diagnostics.first?.description == "a.csv:3:1: warning: m")
    }
}
