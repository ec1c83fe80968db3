/// The items of a battery with the highest and the lowest printed share of one row (its first net, else its first
/// choice); ties are listed together in item order. Phrased by `ReportClaim.batteryRange`.
public struct BatteryRange: Sendable, Equatable {
    /// The row compared, as printed (「知っている（計）」).
    public var measure: String
    /// The items with the highest printed share, each with it.
    public var highest: [PrintedShare]
    /// The items with the lowest printed share, each with it.
    public var lowest: [PrintedShare]
}
