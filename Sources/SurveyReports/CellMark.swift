import SurveyTabulation

/// 「▲」「▼」 on a cross-tabulation cell: one rule for the report and `survey crosstab`.
///
/// A cell is marked only when all hold:
/// 1. the test the report uses for the table (single, scale) or for the cell's choice (multiple) is significant
///    (`CrossTab.isSignificant(choice:)`: exact p where the χ² approximation fails, BH-adjusted; with weights
///    the Rao–Scott test);
/// 2. the group's base is at least `ReportDocument.suppressedBase` (its percentages are printed);
/// 3. the cell's statistic (`FrequencyRow.cellStatistic`: the adjusted residual, or with weights the design-based
///    z of the group's weighted share against the other groups', `DomainDifferenceTest`) is beyond ±1.96;
/// 4. the group's printed percentage is above (▲) or below (▼) the 全体 row's printed percentage.
/// The statistics are computed without 無回答 (and the design-based z against the other groups, not 全体) while
/// printed percentages include 無回答 in the base; (4) makes sure a mark never points against the direction a
/// reader sees (a residual of +2.5 on 30.0 % against 全体 31.2 % gets no mark).
public enum CellMark: String, Sendable, Equatable {
    /// Significantly more than the whole.
    case above = "▲"
    /// Significantly less than the whole.
    case below = "▼"

    /// The critical value of the cell statistic (two-sided 5 %).
    public static let criticalResidual = 1.96

    /// The mark of `row` (one group's cell) against `total` (the 全体 row's cell of the same choice).
    public static func of(_ row: FrequencyRow, total: FrequencyRow, significant: Bool) -> CellMark? {
        guard significant, row.base >= ReportDocument.suppressedBase, let residual = row.cellStatistic, residual.isFinite,
              let group = PercentText.tenths(row), let whole = PercentText.tenths(total) else { return nil }
        if residual > criticalResidual && group > whole { return .above }
        if residual < -criticalResidual && group < whole { return .below }
        return nil
    }
}

extension CrossTab {
    /// The test whose result the report uses: the table's chi-square row (single, scale), or the choice's
    /// (multiple); with weights its rao-scott row (the chi-square row then `yieldsToDesignTest`).
    public func reportedTest(choice: Int?) -> IndependenceTest? {
        tests.first { $0.method == .raoScott && $0.choice == choice }
            ?? tests.first { $0.method == .chiSquare && $0.choice == choice }
    }

    /// Whether the report treats the table (or one choice of a multiple question) as significant at 5 %: the
    /// tabulation's one decision (`IndependenceTest.isSignificant`: the exact or Monte Carlo p where Cochran's
    /// rule fails, adjusted by Benjamini–Hochberg over the wave's tests).
    public func isSignificant(choice: Int?) -> Bool {
        reportedTest(choice: choice)?.isSignificant ?? false
    }

    /// The trend test the report uses for one choice by an ordered axis: with weights its design-trend row (the
    /// trend row then `yieldsToDesignTest`; none when the design-based test could not be computed), else the trend row.
    public func trendTest(choice: Int) -> IndependenceTest? {
        tests.first { $0.method == .designTrend && $0.choice == choice }
            ?? tests.first { $0.method == .trend && $0.choice == choice && !$0.yieldsToDesignTest }
    }

    /// The Kruskal–Wallis test the report uses for a number question: with weights its design-kruskal-wallis row
    /// (none when it could not be computed), else the kruskal-wallis row.
    public var kruskalWallisTest: IndependenceTest? {
        tests.first { $0.method == .designKruskalWallis } ?? tests.first { $0.method == .kruskalWallis && !$0.yieldsToDesignTest }
    }

    /// The mark of group `group`'s row `index` against the whole (`total`), by `CellMark.of`.
    public func mark(group: Int, row index: Int, total: FrequencyTable, isMultiple: Bool) -> CellMark? {
        let row = groups[group].table.rows[index]
        let choice: Int? = if isMultiple, case .choice(let code) = row.kind { code } else { nil }
        if isMultiple && choice == nil { return nil }
        return CellMark.of(row, total: total.rows[index], significant: isSignificant(choice: choice))
    }
}
