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

@Suite struct DiagnosticsEngineCapTests {
    private func problem(_ kind: String, line: Int, path: String = "a.csv") -> Diagnostic {
        Diagnostic(severity: .error, location: SourceLocation(path: path, line: line, column: 1), message: kind, kind: kind)
    }

    @Test func keepsTheFirstOfEveryKindBeyondTheCap() {
        var engine = DiagnosticsEngine(limitPerFile: 2)
        for line in 1...5 { engine.emit(problem("flood", line: line)) }
        engine.emit(problem("late", line: 6))
        engine.emit(problem("late", line: 7))
        #expect(engine.diagnostics.map(\.location.line) == [1, 2, 6])
        #expect(engine.countsByKind.map(\.count) == [5, 2])
        #expect(engine.suppressedCount == 4)
    }

    @Test func mergesEnginesInFileOrderWithEveryCount() {
        var file = DiagnosticsEngine(limitPerFile: 2), cells = DiagnosticsEngine(limitPerFile: 2)
        for line in [3, 5, 9] { file.emit(problem("quote", line: line)) }
        for line in [2, 4, 6, 8] { cells.emit(problem("code", line: line)) }
        var run = DiagnosticsEngine(limitPerFile: 2)
        run.emit(mergingInFileOrder: [file, cells])
        #expect(run.diagnostics.map(\.location.line) == [2, 3])
        #expect(run.errorCount == 7)
        #expect(run.countsByKind.map(\.kind) == ["code", "quote"])
        #expect(run.countsByKind.map(\.count) == [4, 3])
    }
}

@Suite struct ExcerptTests {
    @Test func cutsLongValuesAndEscapesControlCharacters() {
        #expect(Excerpt.of(String(repeating: "あ", count: 1_000_000)) == String(repeating: "あ", count: 80) + "…")
        #expect(Excerpt.of("a\tb\r\nc\u{1B}[0m\u{7F}") == "a\\tb\\r\\nc\\u{1B}[0m\\u{7F}")
        #expect(Excerpt.of("問１") == "問１")
    }

    @Test func listsAtMostTwentyItems() {
        #expect(Excerpt.list(["1", "2"]) == "1, 2")
        #expect(Excerpt.list((1...1_000).map(String.init)) == (1...20).map(String.init).joined(separator: ", ") + ", … (1000 in all)")
    }
}

@Suite struct NearestNameTests {
    @Test func suggestsCloseNamesOnly() {
        #expect(NearestName.suggestion(for: "問3_3", among: ["問3-3", "問4"]) == "問3-3")
        #expect(NearestName.suggestion(for: "colunm", among: ["column", "columns"]) == "column")
        #expect(NearestName.suggestion(for: "abc", among: ["xyz"]) == nil)
    }

    @Test func aHugeNameOrCandidateCostsNothing() {
        let huge = String(repeating: "y", count: 3_000_000)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(NearestName.suggestion(for: "問1", among: [huge, "問2"]) == "問2")
            #expect(NearestName.suggestion(for: huge, among: ["問1", huge]) == nil)
        }
        #expect(elapsed < .seconds(1))   // minutes with a full table of 3,000,000 × 3,000,000
    }
}
