extension CochranArmitageTest {
    /// The trend test of groups whose proportions come from weighted (complex) samples, by Rao & Scott's effective
    /// counts: group i's estimate p̂ᵢ with design variance vᵢ enters as ñᵢ = p̂ᵢ(1 − p̂ᵢ)/vᵢ trials (its n over the
    /// design effect of the estimate) and x̃ᵢ = p̂ᵢñᵢ successes; a group from a simple random sample keeps xᵢ and nᵢ.
    /// Then the statistic, p and slope are those of `init(successes:trials:scores:)` on (x̃, ñ) (R's
    /// `prop.trend.test(x̃, ñ, score)` takes them as they are).
    ///
    /// Nil as that initialiser (a negative or non-finite count, x̃ > ñ, fewer than 2 groups with trials, all or
    /// none successes, one score). A group with p̂ of 0 or 1 has no design effect: pass its plain counts.
    /// References: Rao & Scott (1992) Biometrics 48, 577–585 (clustered binary data, the adjusted trend test);
    /// Cochran (1954); Armitage (1955).
    public init?(effectiveSuccesses successes: [Double], effectiveTrials trials: [Double], scores: [Double]? = nil) {
        let k = successes.count
        guard trials.count == k, scores.map({ $0.count == k }) ?? true else { return nil }
        let scores = scores ?? (1...Swift.max(k, 1)).map(Double.init)
        var kept: [Int] = []
        var n = CompensatedSum(), x = CompensatedSum(), meanScore = CompensatedSum()
        for i in 0..<k {
            guard successes[i] >= 0, trials[i] >= 0, successes[i] <= trials[i], trials[i].isFinite, scores[i].isFinite else { return nil }
            guard trials[i] > 0 else { continue }
            kept.append(i)
            n.add(trials[i])
            x.add(successes[i])
            meanScore.add(trials[i] * scores[i])
        }
        let total = n.value, chosen = x.value
        guard kept.count >= 2, chosen > 0, chosen < total, let first = kept.first,
              kept.contains(where: { scores[$0] != scores[first] }) else { return nil }
        let center = meanScore.value / total
        let p = chosen / total
        var cross = CompensatedSum(), spread = CompensatedSum()
        for i in kept {
            let d = scores[i] - center
            cross.add(d * (successes[i] - trials[i] * p))
            spread.add(trials[i] * d * d)
        }
        guard spread.value > 0 else { return nil }
        let a = cross.value
        statistic = Swift.max(0, a * a / (p * (1 - p) * spread.value))
        pValue = ChiSquareDistribution.upperTail(statistic, degreesOfFreedom: 1)
        slope = a / spread.value
    }
}
