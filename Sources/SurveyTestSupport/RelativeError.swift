import Foundation

/// Relative-error helpers for comparing with reference values (never `==` on computed doubles).
public enum RelativeError {
    /// |actual − expected| / |expected|; |actual − expected| when expected is 0; +∞ when either is NaN.
    public static func of(_ actual: Double, _ expected: Double) -> Double {
        if actual.isNaN || expected.isNaN { return .infinity }
        if actual == expected { return 0 }
        if expected == 0 { return abs(actual) }
        return abs(actual - expected) / abs(expected)
    }

    /// |actual − expected| / max(|expected|, floor): relative, but absolute below `floor` (for values that may be ≈ 0).
    public static func scaled(_ actual: Double, _ expected: Double, floor: Double = 1) -> Double {
        if actual.isNaN || expected.isNaN { return .infinity }
        return abs(actual - expected) / max(abs(expected), floor)
    }

    /// Prints the largest error of a comparison series when SURVEY_STATS_REPORT=1 (used to report accuracy against R).
    public static func report(_ label: String, _ errors: [Double]) {
        guard ProcessInfo.processInfo.environment["SURVEY_STATS_REPORT"] == "1" else { return }
        print("[max relative error] \(label): \(errors.max() ?? 0)")
    }

    /// |actual − expected| relative to the larger magnitude (0 when they are equal, including both 0).
    public static func ofLarger(_ actual: Double, _ expected: Double) -> Double {
        if actual == expected { return 0 }
        let scale = max(abs(actual), abs(expected))
        return scale == 0 ? 0 : abs(actual - expected) / scale
    }
}
