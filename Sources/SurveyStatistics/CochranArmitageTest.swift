import Foundation

/// The Cochran–Armitage test for a linear trend in proportions across ordered groups.
///
/// Group i has xᵢ successes in nᵢ trials and score sᵢ (default 1, 2, …, k). With N = Σnᵢ, X = Σxᵢ, p̂ = X/N and the
/// trial-weighted mean score s̄ = Σnᵢsᵢ/N, the statistic is
///   χ² = [Σ (sᵢ − s̄)(xᵢ − nᵢp̂)]² / (p̂(1 − p̂)·Σ nᵢ(sᵢ − s̄)²),
/// referred to χ² with 1 degree of freedom. It is the regression sum of squares of the weighted least-squares line
/// of the proportions xᵢ/nᵢ on the scores (weights nᵢ/(p̂(1 − p̂))), whose slope
///   b = Σ (sᵢ − s̄)(xᵢ − nᵢp̂) / Σ nᵢ(sᵢ − s̄)²
/// gives the direction: b > 0 when the proportion rises with the score.
/// Numerators are formed in exact integer arithmetic (xᵢN − nᵢX) before the one floating-point division.
/// Groups with no trials are left out (R's `lm` drops their undefined proportion).
/// Assumptions: independent binomial observations; the test has power against a linear trend in the scores only
/// (a U-shaped pattern may give χ² ≈ 0).
/// Agrees with R's `prop.trend.test(x, n, score)`.
/// References: Cochran, W. G. (1954), Biometrics 10, 417–451; Armitage, P. (1955), Biometrics 11, 375–386;
/// Agresti, *Categorical Data Analysis* (3rd ed., 2013), §5.3.5.
public struct CochranArmitageTest: Sendable, Equatable {
    /// The trend statistic, χ² with 1 degree of freedom.
    public var statistic: Double
    /// Upper-tail probability P(χ²(1) ≥ statistic), two-sided with respect to the direction of the trend.
    public var pValue: Double
    /// Weighted least-squares slope of the proportion on the score (change in proportion per unit of score);
    /// its sign is the direction of the trend.
    public var slope: Double

    /// Tests `successes[i]` out of `trials[i]` at `scores[i]` (default 1…k) for a linear trend.
    ///
    /// Returns nil for input with no test: counts of different lengths, a negative count, successes above trials,
    /// a non-finite score, fewer than 2 groups with trials, all or none of the trials successes, all groups with
    /// trials at the same score, or totals that overflow `Int`.
    public init?(successes: [Int], trials: [Int], scores: [Double]? = nil) {
        let k = successes.count
        guard trials.count == k, scores.map({ $0.count == k }) ?? true else { return nil }
        let scores = scores ?? (1...max(k, 1)).map(Double.init)
        var kept: [Int] = []
        var totalTrials = 0, totalSuccesses = 0
        for i in 0..<k {
            let x = successes[i], n = trials[i]
            guard x >= 0, n >= 0, x <= n, scores[i].isFinite else { return nil }
            guard n > 0 else { continue }
            let (t, o1) = totalTrials.addingReportingOverflow(n)
            let (s, o2) = totalSuccesses.addingReportingOverflow(x)
            guard !o1, !o2 else { return nil }
            totalTrials = t
            totalSuccesses = s
            kept.append(i)
        }
        guard kept.count >= 2, totalSuccesses > 0, totalSuccesses < totalTrials,
              let first = kept.first, kept.contains(where: { scores[$0] != scores[first] })
        else { return nil }
        var meanScore = CompensatedSum()
        for i in kept { meanScore.add(Double(trials[i]) * scores[i]) }
        let center = meanScore.value / Double(totalTrials)
        var cross = CompensatedSum()   // Σ (sᵢ − s̄)(xᵢN − nᵢX)
        var spread = CompensatedSum()  // Σ nᵢ(sᵢ − s̄)²
        for i in kept {
            let (xN, o1) = successes[i].multipliedReportingOverflow(by: totalTrials)
            let (nX, o2) = trials[i].multipliedReportingOverflow(by: totalSuccesses)
            guard !o1, !o2 else { return nil }
            let d = scores[i] - center
            cross.add(d * Double(xN - nX))
            spread.add(Double(trials[i]) * d * d)
        }
        guard spread.value > 0 else { return nil }
        let n = Double(totalTrials), x = Double(totalSuccesses)
        let a = cross.value
        let chiSquare = max(0, (a / (x * (n - x))) * (a / spread.value))
        statistic = chiSquare
        pValue = ChiSquareDistribution.upperTail(chiSquare, degreesOfFreedom: 1)
        slope = a / (n * spread.value)
    }
}
