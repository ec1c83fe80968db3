import SurveyReports
import Testing

@Suite struct PercentTextTests {
    @Test(arguments: [
        (49, 400, "12.3"),   // 12.25 exactly: half-up, where binary floating point gives 12.2
        (1, 8, "12.5"),
        (0, 7, "0.0"),
        (7, 7, "100.0"),
        (1, 3, "33.3"),
        (2, 3, "66.7"),
        (1, 2001, "0.0"),    // 0.04997…% is less than 0.05%
        (1, 1999, "0.1"),    // 0.05002…%
        (1, 2000, "0.1"),    // exactly 0.05%: half-up
    ])
    func roundsHalfUpOnTheExactRatio(count: Int, base: Int, expected: String) {
        #expect(PercentText.format(count: count, base: base) == expected)
    }

    @Test func hasNoPercentForAnEmptyBase() {
        #expect(PercentText.format(count: 0, base: 0) == nil)
    }

    @Test func formatsDecimalsWithoutLocale() {
        #expect(PercentText.decimal(357.6994, places: 3) == "357.699")
        #expect(PercentText.decimal(0.0005, places: 3) == "0.001")
        #expect(PercentText.decimal(-1.25, places: 1) == "-1.3")
        #expect(PercentText.decimal(2, places: 2) == "2.00")
    }
}

@Suite struct DifferenceTextTests {
    @Test func aDifferenceOfWholeFiguresIsWhole() {
        #expect(PercentText.numberDifference(from: 17, to: 13) == "-4")
        #expect(PercentText.numberDifference(from: 2, to: 2) == "±0")
        #expect(PercentText.numberDifference(from: 2, to: 5) == "+3")
    }

    @Test func aDifferenceBesideDecimalsHasTheirDecimals() {
        #expect(PercentText.numberDifference(from: 12, to: 12.5) == "+0.50")
        #expect(PercentText.numberDifference(from: 2.5, to: 2.5) == "±0.00")
        #expect(PercentText.numberDifference(from: 1, to: 2, places: 1) == "+1")
    }

    @Test func isTheDifferenceOfThePrintedFigures() {
        // 24.746 prints 24.75 and 21.644 prints 21.64: the printed difference is -3.11, the exact one -3.102 (「-3.10」).
        #expect(PercentText.difference(from: 24.746, to: 21.644, places: 2) == "-3.11")
        #expect(PercentText.difference(from: 3.104, to: 3.096, places: 2) == "±0.00")
        #expect(PercentText.difference(from: .nan, to: 1, places: 2) == "-")
    }

    @Test func signsAFigureAsPrinted() {
        #expect(PercentText.signed(5.2, places: 1) == "+5.2")
        #expect(PercentText.signed(-0.04, places: 1) == "±0.0")
        #expect(PercentText.signed(-1.25, places: 1) == "-1.3")
    }
}

@Suite struct PercentTextRangeTests {
    @Test func neverTrapsOnHugeCountsOrBases() {
        #expect(PercentText.format(count: 1665, base: 4_611_686_018_427_388_000) == "0.0")
        #expect(PercentText.format(count: Int.max, base: Int.max) == "100.0")
        #expect(PercentText.tenths(count: 1, base: Int.max) == 0)
        #expect(PercentText.tenths(count: Int.max, base: 1) == nil)
    }

    @Test func printsHugeDoublesAsTheirShortestText() {
        #expect(PercentText.decimal(1e19, places: 1) == "1e+19")
        #expect(PercentText.decimal(-1e308, places: 3) == "-1e+308")
        #expect(PercentText.decimal(999_999_999_999_999, places: 1) == "999999999999999.0")
    }

    @Test func convertsPercentsToTenthsOnlyWhenTheyFit() {
        #expect(PercentText.tenths(percent: 12.25) == 123)
        #expect(PercentText.tenths(percent: 1e18) == nil)
        #expect(PercentText.tenths(percent: .nan) == nil)
        #expect(PercentText.tenths(percent: -.infinity) == nil)
    }
}
