import SurveyDefinition

/// A battery's tabulation: its items' own tabulations side by side, items as rows of one table.
///
/// Each item is tabulated (and cross-tabulated) as the scale question it is; the battery adds no counting of
/// its own, so its table is exactly the items' 単純集計 (`QuestionTabulation.total`), in item order.
public struct BatteryTabulation: Sendable {
    /// The battery.
    public var battery: Battery
    /// Its items' tabulations, in item order.
    public var items: [QuestionTabulation]

    /// The row by which items are compared: the battery's first net (知っている（計）), else its first choice.
    public var leadingRow: RowKind {
        if let net = battery.nets.first { return .net(label: net.label) }
        return .choice(code: battery.choices.first?.code ?? 0)
    }

    /// Each item's `leadingRow` over its base, in item order (nil for an item without that row).
    public var leadingRows: [FrequencyRow?] {
        items.map { item in item.total.rows.first { $0.kind == leadingRow } }
    }
}

extension WaveTabulation {
    /// The wave's batteries, in definition order, each with its items' tabulations.
    public var batteries: [BatteryTabulation] {
        definition.batteries.map(tabulation(of:))
    }

    /// The battery holding the question with this id, if any.
    public func battery(holding questionID: String) -> BatteryTabulation? {
        definition.battery(holding: questionID).map(tabulation(of:))
    }

    /// A battery with its items' tabulations.
    func tabulation(of battery: Battery) -> BatteryTabulation {
        BatteryTabulation(battery: battery, items: battery.itemIDs.compactMap { id in questions.first { $0.question.id == id } })
    }
}
