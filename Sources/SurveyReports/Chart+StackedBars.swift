import SurveyDefinition
import SurveyTabulation

/// A battery's chart: one 100 % stacked bar per item.
extension Chart {
    /// The SVG of a battery: its title, a legend of the shared choices (then 無回答), and one 100 % stacked
    /// horizontal bar per item labelled with the item's name and n, in item order; nil without items.
    public static func svg(battery: BatteryTabulation) -> String? {
        guard let first = battery.items.first else { return nil }
        var canvas = SVGCanvas()
        let title = battery.reportHeading
        var y = drawTitle(title, into: &canvas, y: margin)

        let legendRows = drawnRows(first.total)
        let colours = palette(for: first.question, count: legendRows.filter { $0.kind != .nonresponse }.count)
        func colour(_ row: FrequencyRow, position: Int) -> String {
            row.kind == .nonresponse ? nonresponseColour : colours[position % max(colours.count, 1)]
        }
        y += 10
        y = drawLegend(legendRows.enumerated().map { (rowLabel($0.element), colour($0.element, position: $0.offset)) },
                       into: &canvas, y: y)
        y += 12
        for item in battery.items {
            y = drawStackedBar(groupLabel(item.question.itemName, base: item.total.base, marksReference: true),
                               table: item.total, colour: colour, into: &canvas, y: y)
        }
        return canvas.document(height: y + margin, title: title)
    }
}
