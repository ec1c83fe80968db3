import SurveyDefinition
import SurveyStatistics

extension WaveTabulation {
    /// Sets `adjustedP` on every test the report uses (those with a `reportedP`), over the whole wave at once:
    /// all questions, axes and choices form one family.
    ///
    /// Benjamini–Hochberg (1995): with the m p-values ordered p₍₁₎ ≤ … ≤ p₍ₘ₎, the adjusted
    /// p₍ᵢ₎ = minⱼ≥ᵢ min(1, m·p₍ⱼ₎/j), as R's `p.adjust(method = "BH")`; calling tests significant where it is
    /// below 5 % controls the false discovery rate at 5 % (for independent or positively dependent tests).
    /// With `multiple_testing: none` nothing is adjusted and `adjustedP` stays nil.
    mutating func adjustForMultipleTesting() {
        guard multipleTesting == .benjaminiHochberg else { return }
        var positions: [(question: Int, crossTab: Int, test: Int)] = []
        var pValues: [Double] = []
        for (q, question) in questions.enumerated() {
            for (c, crossTab) in question.crossTabs.enumerated() {
                for (t, test) in crossTab.tests.enumerated() {
                    guard let p = test.reportedP else { continue }
                    positions.append((q, c, t))
                    pValues.append(p)
                }
            }
        }
        for (position, adjusted) in zip(positions, FalseDiscoveryRate.benjaminiHochberg(pValues)) {
            questions[position.question].crossTabs[position.crossTab].tests[position.test].adjustedP = adjusted
        }
    }
}
