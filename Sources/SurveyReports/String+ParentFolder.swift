extension String {
    /// The folder holding this path (`a/b` → `a`, `/a` → `/`), nil for a bare name or `/`. (Foundation's
    /// `deletingLastPathComponent` traps on a one-character path such as `c`.)
    public var parentFolder: String? {
        var trimmed = Substring(self)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard trimmed != "/", let slash = trimmed.lastIndex(of: "/") else { return nil }
        let parent = trimmed[..<slash]
        return parent.isEmpty ? "/" : String(parent)
    }
}
