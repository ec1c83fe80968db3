import SurveyDefinition
import SurveyTabulation

/// The two chart kinds: 100% stacked bars (single, scale) and percent bars (multiple, number classes).
extension Chart {
    /// The height of a stacked bar.
    static let stackHeight = 22.0
    /// The height of a percent bar.
    static let percentBarHeight = 16.0
    /// The colour of percent bars.
    static let barColour = "#2F5597"

    /// The rows drawn: choices or classes, then 無回答 (nets and text counts are not drawn).
    static func drawnRows(_ table: FrequencyTable) -> [FrequencyRow] {
        table.rows.filter { row in
            switch row.kind {
            case .choice, .bin, .nonresponse: return true
            case .net, .text: return false
            }
        }
    }

    /// The printed label of a row (無回答 always as 無回答).
    static func rowLabel(_ row: FrequencyRow) -> String {
        row.kind == .nonresponse ? "無回答" : row.label
    }

    /// The height of a row holding `lines` lines of label and a bar of `barHeight`.
    static func rowHeight(lines: Int, barHeight: Double) -> Double {
        max(barHeight + 12, Double(lines) * labelLineHeight + 10)
    }

    // MARK: 帯グラフ

    /// 全体, then one bar per value of `axis`; segments are the choices then 無回答, each count/base of the bar.
    static func stackedBars(_ tabulation: QuestionTabulation, axis: CrossTab?) -> String {
        let question = tabulation.question
        var canvas = SVGCanvas()
        var y = drawTitle(question, into: &canvas, y: margin)

        let totalRows = drawnRows(tabulation.total)
        let choiceCount = totalRows.filter { $0.kind != .nonresponse }.count
        let colours = palette(for: question, count: choiceCount)
        func colour(_ row: FrequencyRow, position: Int) -> String {
            row.kind == .nonresponse ? nonresponseColour : colours[position % max(colours.count, 1)]
        }
        y += 10
        y = drawLegend(totalRows.enumerated().map { (rowLabel($0.element), colour($0.element, position: $0.offset)) },
                       into: &canvas, y: y)
        y += 12

        y = drawStackedBar(groupLabel("全体", base: tabulation.total.base, marksReference: false), table: tabulation.total,
                           colour: colour, into: &canvas, y: y)
        if let axis, !axis.groups.isEmpty {
            let name = axis.axis.axisName
            y += 4
            canvas.line(x1: margin, y1: y, x2: width - margin, y2: y, stroke: gridColour, className: "separator")
            y += 4
            drawLabel([name.hasSuffix("別") ? name : name + "別"], into: &canvas, centre: y + 9, bold: true,
                      fill: mutedTextColour, className: "axis-name")
            y += 18
            for group in axis.groups {
                y = drawStackedBar(groupLabel(group.value.label, base: group.table.base, marksReference: true),
                                   table: group.table, colour: colour, into: &canvas, y: y)
            }
        }
        return canvas.document(height: y + margin, title: heading(question))
    }

    /// One labelled 100% bar at `y`; returns the y below its row.
    static func drawStackedBar(_ label: String, table: FrequencyTable, colour: (FrequencyRow, Int) -> String,
                               into canvas: inout SVGCanvas, y: Double) -> Double {
        let lines = wrap(label, width: labelWidth, size: labelSize, balanced: true)
        let height = rowHeight(lines: lines.count, barHeight: stackHeight)
        let centre = y + height / 2
        let top = centre - stackHeight / 2
        drawLabel(lines, into: &canvas, centre: centre)
        canvas.open(className: "bar")
        let base = table.base
        if isSuppressed(base: base) {
            canvas.rect(x: plotX, y: top, width: stackWidth, height: stackHeight, fill: "#F2F2F2", stroke: "#BFBFBF",
                        strokeWidth: 0.5, className: "suppressed")
            canvas.text([suppressedText], x: plotX + 8, firstBaseline: top + baselineOffset(stackHeight, size: labelSize),
                        lineHeight: labelLineHeight, size: labelSize, fill: mutedTextColour, className: "suppressed-note")
        } else {
            // Segment edges in tenths of a pixel from the cumulative share (weighted when the wave is), so the
            // widths add up to the bar exactly.
            let start = Int(plotX * 10), span = Int(stackWidth * 10)
            let rows = drawnRows(table)
            let cumulative = ReportedShare.cumulative(rows)
            var previous = start
            for (position, row) in rows.enumerated() {
                let edge = start + (PercentText.scaled(cumulative[position], by: span) ?? 0)
                let segmentWidth = Double(edge - previous) / 10
                let x = Double(previous) / 10
                previous = edge
                guard row.count > 0 else { continue }
                let fill = colour(row, position)
                canvas.rect(x: x, y: top, width: segmentWidth, height: stackHeight, fill: fill, className: "segment")
                guard let percent = PercentText.format(row) else { continue }
                if segmentWidth >= max(28, textWidth(percent, size: valueSize) + 4) {
                    canvas.text([percent], x: x + segmentWidth / 2, firstBaseline: top + baselineOffset(stackHeight, size: valueSize),
                                lineHeight: labelLineHeight, size: valueSize, anchor: "middle",
                                fill: contrastingText(on: fill), className: "percent")
                }
            }
            canvas.rect(x: plotX, y: top, width: stackWidth, height: stackHeight, fill: "none", stroke: "#7F7F7F",
                        strokeWidth: 0.5, className: "frame")
        }
        canvas.close()
        return y + height
    }

    // MARK: Percent bars

    /// One bar per choice or class, then 無回答: percent of the base on a fixed 0–100% axis, value at the bar end.
    static func percentBars(_ tabulation: QuestionTabulation, note: String?) -> String {
        let question = tabulation.question
        var canvas = SVGCanvas()
        var y = drawTitle(question, into: &canvas, y: margin)
        let base = tabulation.total.base
        let facts = groupLabel("全体", base: base, marksReference: false) + (note.map { "　" + $0 } ?? "")
        y += 6
        canvas.text([facts], x: margin, firstBaseline: y + labelSize, lineHeight: labelLineHeight, size: labelSize,
                    fill: mutedTextColour, className: "facts")
        y += labelLineHeight + 12

        let rows = drawnRows(tabulation.total)
        let labels = rows.map { wrap(rowLabel($0), width: labelWidth, size: labelSize, balanced: true) }
        let heights = labels.map { rowHeight(lines: $0.count, barHeight: percentBarHeight) }
        let plotTop = y, plotBottom = y + heights.reduce(0, +)

        drawPercentAxis(into: &canvas, top: plotTop, bottom: plotBottom)

        let suppressed = isSuppressed(base: base)
        for (index, row) in rows.enumerated() {
            let centre = y + heights[index] / 2
            drawLabel(labels[index], into: &canvas, centre: centre)
            canvas.open(className: "bar")
            if suppressed {
                canvas.text([suppressedText], x: plotX + 6, firstBaseline: centre + labelSize * 0.36, lineHeight: labelLineHeight,
                            size: labelSize, fill: mutedTextColour, className: "suppressed-note")
            } else {
                let length = barLength(row.reportedShare)
                let fill = row.kind == .nonresponse ? nonresponseColour : barColour
                if length > 0 {
                    canvas.rect(x: plotX, y: centre - percentBarHeight / 2, width: length, height: percentBarHeight, fill: fill,
                                className: "value-bar")
                }
                if let percent = PercentText.format(row) {
                    canvas.text([percent + "％"], x: plotX + length + 5, firstBaseline: centre + labelSize * 0.36,
                                lineHeight: labelLineHeight, size: labelSize, className: "percent")
                }
            }
            canvas.close()
            y += heights[index]
        }
        return canvas.document(height: plotBottom + 22 + margin, title: heading(question))
    }
}
