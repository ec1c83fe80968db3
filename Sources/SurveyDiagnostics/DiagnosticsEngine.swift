/// Collects every problem of a run, so that one run reports all of them instead of stopping at the first.
///
/// At most `limitPerFile` errors and as many warnings are kept per file (so a flood of warnings never hides an
/// error), and beyond that the first problem of each kind in the file (so every kind found keeps its first
/// location); every problem is still counted by kind, so a summary can say how many there were in all. A problem
/// that is not kept is only counted: its message is never built, so memory stays in proportion to what is kept.
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
    private var keptPerFile: [FileKey: Int] = [:]
    /// The kinds with a problem kept, per file and severity.
    private var keptKinds: Set<KindKey> = []

    private struct FileKey: Hashable {
        var severity: Severity
        var path: String
    }

    private struct KindKey: Hashable {
        var file: FileKey
        var kind: String
    }

    /// Creates an empty engine.
    public init(limitPerFile: Int = 50) {
        self.limitPerFile = limitPerFile
    }

    /// Records a typed problem; its text is rendered only when it is kept.
    public mutating func emit(_ problem: some Diagnosable) {
        let location = problem.location
        if count(severity: problem.severity, kind: problem.kind, path: location.path) {
            diagnostics.append(Diagnostic(problem))
        }
    }

    /// Records a diagnostic; it is kept unless its file already has `limitPerFile` of its severity and one of its kind.
    public mutating func emit(_ diagnostic: Diagnostic) {
        if count(severity: diagnostic.severity, kind: diagnostic.kind, path: diagnostic.location.path) {
            diagnostics.append(diagnostic)
        }
    }

    /// Records several diagnostics.
    public mutating func emit(contentsOf other: [Diagnostic]) {
        for diagnostic in other { emit(diagnostic) }
    }

    /// Records the problems of other engines (those of one file): the kept ones in the order they stand in the
    /// file (line, then column), then the counts of those not kept.
    public mutating func emit(mergingInFileOrder others: [DiagnosticsEngine]) {
        let kept = others.flatMap(\.diagnostics).enumerated().sorted { a, b in
            (a.element.location.line ?? 0, a.element.location.column ?? 0, a.offset)
                < (b.element.location.line ?? 0, b.element.location.column ?? 0, b.offset)
        }
        emit(contentsOf: kept.map(\.element))
        for other in others {
            for entry in other.countsByKind {
                let keptOfKind = other.diagnostics.count { $0.kind == entry.kind && $0.severity == entry.severity }
                add(entry.count - keptOfKind, kind: entry.kind, severity: entry.severity)
            }
        }
    }

    /// Counts a problem; whether it is to be kept.
    private mutating func count(severity: Severity, kind: String, path: String) -> Bool {
        // A flood of one kind in a full file (the common case past the cap) is counted without hashing.
        if let last = lastSuppressed, last.file.severity == severity, last.kind == kind, last.file.path == path {
            add(1, kind: kind, severity: severity)
            return false
        }
        add(1, kind: kind, severity: severity)
        let file = FileKey(severity: severity, path: path)
        let kept = keptPerFile[file, default: 0]
        let firstOfKind = keptKinds.insert(KindKey(file: file, kind: kind)).inserted
        guard kept < limitPerFile || firstOfKind else {
            lastSuppressed = KindKey(file: file, kind: kind)
            return false
        }
        keptPerFile[file] = kept + 1
        return true
    }

    /// The last problem not kept: its file was full and its kind kept already.
    private var lastSuppressed: KindKey?

    private mutating func add(_ count: Int, kind: String, severity: Severity) {
        guard count > 0 else { return }
        switch severity {
        case .error: errorCount += count
        case .warning: warningCount += count
        }
        if let index = lastCounted, countsByKind[index].kind == kind, countsByKind[index].severity == severity {
            countsByKind[index].count += count
        } else if let index = countsByKind.firstIndex(where: { $0.kind == kind && $0.severity == severity }) {
            lastCounted = index
            countsByKind[index].count += count
        } else {
            lastCounted = countsByKind.count
            countsByKind.append((kind, severity, count))
        }
    }

    /// The entry of `countsByKind` counted last.
    private var lastCounted: Int?

    /// Applies `transform` to the location of every kept problem (counts are unchanged).
    mutating func relocateKept(_ transform: (SourceLocation) -> SourceLocation) {
        for index in diagnostics.indices { diagnostics[index].location = transform(diagnostics[index].location) }
    }

    /// Whether any error (not just warnings) was recorded.
    public var hasErrors: Bool { errorCount > 0 }

    /// How many problems were counted but not kept.
    public var suppressedCount: Int { errorCount + warningCount - diagnostics.count }
}

extension DiagnosticsEngine {
    /// Moves the kept problems of `path` that have no sheet yet to where `transform` says (a data file read
    /// from a workbook's sheet: CSV lines and fields become the sheet's rows and columns).
    public mutating func relocate(path: String, _ transform: (SourceLocation) -> SourceLocation) {
        relocateKept { $0.path == path && $0.sheet == nil ? transform($0) : $0 }
    }
}
