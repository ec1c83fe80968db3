/// Weight trimming with the excess spread over the untrimmed weights, as R `survey::trimWeights(strict = TRUE)`.
///
/// Each pass sets the weights outside [lower, upper] to the nearer bound and adds the total trimmed off (or added)
/// equally to the weights that were inside, so the sum of the weights is kept; passes repeat while a weight lies
/// outside (at most `maxPasses`). Reference: Potter (1990) Proc. Survey Research Methods Section, ASA;
/// Lumley, *Complex Surveys* (2010) §7.5; R `trimWeights(design, upper, lower, strict = TRUE)`.
public enum WeightTrimming {
    /// `weights` trimmed to [lower, upper] (unchanged when every weight is within); nil when a pass finds no weight
    /// inside to take what is cut off (R then only clips, and the total changes) or a weight is still outside after
    /// `maxPasses`: the bounds are too narrow for these weights.
    public static func trimmed(_ weights: [Double], lower: Double, upper: Double, maxPasses: Int = 1_000) -> [Double]? {
        var current = weights
        for _ in 0..<maxPasses {
            let outside = current.map { $0 < lower || $0 > upper }
            guard outside.contains(true) else { return current }
            let inside = outside.lazy.filter { !$0 }.count
            guard inside > 0 else { return nil }
            var trimmedOff = 0.0
            for index in current.indices where outside[index] {
                let bounded = Swift.max(lower, Swift.min(current[index], upper))
                trimmedOff += current[index] - bounded
                current[index] = bounded
            }
            let share = trimmedOff / Double(inside)
            for index in current.indices where !outside[index] { current[index] += share }
        }
        return current.allSatisfy { $0 >= lower && $0 <= upper } ? current : nil
    }
}
