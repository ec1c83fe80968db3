/// Collects every problem of a run, so that one run reports all of them instead of stopping at the first.
///
/// At most `limitPerFile` errors and as many warnings are kept per file (so a flood
/// of warnings never hides an error); every problem is still counted by kind, so a
/// summary can say how many there were in all.
public struct DiagnosticsEngine: Sendable {
    /// The problems kept, in the order they were found.
    public private(set) var diagnostics: [Diagnostic] = []
    /// How many problems of each kind were found, kept or not, in order of first appearance.
    public private(set) var countsByKind: [(kind: String, severity: Severity, count: Int)] = []
    /// How many errors were found in all.
    public private(set) var errorCount = 0
    /// How many warnings were found in all.
    public private(set) var warningCount = 0
    /// How many problems of each severity are kept per file.
    public let limitPerFile: Int
    private var keptPerFile: [String: Int] = [:]

    /// Creates an empty engine.
    public init(limitPerFile: Int = 50) {
        self.limitPerFile = limitPerFile
    }

    /// Records a typed problem.
    public mutating func emit(_ problem: some Diagnosable) {
        emit(Diagnostic(problem))
    }

    /// Records a diagnostic; it is kept unless its file already has `limitPerFile` of its severity.
    public mutating func emit(_ diagnostic: Diagnostic) {
        switch diagnostic.severity {
        case .error: errorCount += 1
        case .warning: warningCount += 1
        }
        if let index = countsByKind.firstIndex(where: { $0.kind == diagnostic.kind && $0.severity == diagnostic.severity }) {
            countsByKind[index].count += 1
        } else {
            countsByKind.append((diagnostic.kind, diagnostic.severity, 1))
        }
        let key = "\(diagnostic.severity.rawValue)\u{0}\(diagnostic.location.path)"
        let kept = keptPerFile[key, default: 0]
        guard kept < limitPerFile else { return }
        keptPerFile[key] = kept + 1
        diagnostics.append(diagnostic)
    }

    /// Records several diagnostics.
    public mutating func emit(contentsOf other: [Diagnostic]) {
        for diagnostic in other { emit(diagnostic) }
    }

    /// Whether any error (not just warnings) was recorded.
    public var hasErrors: Bool { errorCount > 0 }

    /// How many problems were counted but not kept.
    public var suppressedCount: Int { errorCount + warningCount - diagnostics.count }
}
