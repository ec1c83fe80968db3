/// Finds the closest of some known names to a mistyped one, for "did you mean" notes.
public enum NearestName {
    /// Names longer than this (in characters) get no suggestion and are never suggested: a 3 MB header field is no
    /// typo, and the edit distance costs the product of the two lengths.
    public static let longestName = 200

    /// The candidate with the smallest edit distance to `name`, if it is close enough to be a likely typo.
    ///
    /// Close enough: at most a third of the longer name's characters differ (at least one edit allowed). Candidates
    /// whose length alone differs by more than that are skipped without computing a distance.
    public static func suggestion(for name: String, among candidates: some Sequence<String>) -> String? {
        guard name.utf8.count <= 4 * longestName else { return nil }
        let target = Array(name.lowercased())
        guard target.count <= longestName else { return nil }
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate.utf8.count <= 4 * longestName {
            let other = Array(candidate.lowercased())
            let allowed = max(1, max(target.count, other.count) / 3)
            guard other.count <= longestName, abs(target.count - other.count) <= allowed else { continue }
            let distance = editDistance(target, other)
            if distance <= allowed, best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        return best?.name
    }

    /// Edit distance counting insertions, deletions, substitutions and swaps of neighbours (optimal string alignment).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Three rows of the table: i - 2, i - 1 and i.
        var twoBack = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], twoBack[j - 2] + 1)
                }
            }
            (twoBack, previous, current) = (previous, current, twoBack)
        }
        return previous[b.count]
    }
}
