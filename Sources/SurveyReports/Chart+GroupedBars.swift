import SurveyTabulation

extension Chart {
    /// One series of a grouped bar chart: a name for the legend and a cell per category (nil: not asked then).
    public struct Series: Sendable {
        /// The legend's name, e.g. 平成30年度調査.
        public var name: String
        /// Count and base per category, in category order; nil where the series has no value.
        public var cells: [(count: Int, base: Int)?]
        /// The series' place in `seriesPalette` (default: its position in the chart), so that a wave keeps its colour
        /// in every chart of a comparison, including those of questions some waves did not ask.
        public var colour: Int?
        /// Per category, a weighted share in percent to draw and print instead of count/base (a weighted wave's
        /// estimate; the base still decides suppression); nil: count/base.
        public var percents: [Double?]?

        /// Creates a series.
        public init(name: String, cells: [(count: Int, base: Int)?], colour: Int? = nil, percents: [Double?]? = nil) {
            self.name = name
            self.cells = cells
            self.colour = colour
            self.percents = percents
        }
    }

    /// A grouped horizontal bar chart (e.g. waves side by side per choice) on a 0–100% axis, as an SVG document.
    ///
    /// Bars are count/base; labels are `PercentText.format`; a cell whose base is under
    /// `ReportDocument.suppressedBase` is drawn as `ReportDocument.suppressedMark` only.
    public static func groupedBars(title: String, categories: [String], series: [Series]) -> String {
        var canvas = SVGCanvas()
        let lines = wrap(title, width: width - 2 * margin, size: titleSize)
        canvas.text(lines, x: margin, firstBaseline: margin + titleSize, lineHeight: titleLineHeight, size: titleSize,
                    bold: true, className: "title")
        var y = margin + Double(lines.count) * titleLineHeight + 8
        let colours = series.indices.map { seriesPalette[(series[$0].colour ?? $0) % seriesPalette.count] }
        y = drawLegend(zip(series, colours).map { ($0.name, $1) }, into: &canvas, y: y) + 12
        let barHeight = 12.0, gap = 2.0, groupGap = 10.0
        let labels = categories.map { wrap($0, width: labelWidth, size: labelSize, balanced: true) }
        let heights = labels.map { max(Double(series.count) * (barHeight + gap) - gap, Double($0.count) * labelLineHeight) + groupGap }
        let plotTop = y, plotBottom = y + heights.reduce(0, +)
        drawPercentAxis(into: &canvas, top: plotTop, bottom: plotBottom)
        for (index, label) in labels.enumerated() {
            let blockHeight = heights[index] - groupGap
            drawLabel(label, into: &canvas, centre: y + blockHeight / 2)
            let barsTop = y + (blockHeight - (Double(series.count) * (barHeight + gap) - gap)) / 2
            canvas.open(className: "group")
            for (seriesIndex, item) in series.enumerated() {
                let top = barsTop + Double(seriesIndex) * (barHeight + gap)
                let baseline = top + barHeight / 2 + valueSize * 0.36
                guard index < item.cells.count, let cell = item.cells[index] else {
                    canvas.text(["（設問なし）"], x: plotX + 5, firstBaseline: baseline, lineHeight: labelLineHeight,
                                size: valueSize, fill: mutedTextColour, className: "absent")
                    continue
                }
                if isSuppressed(base: cell.base) {
                    canvas.text([ReportDocument.suppressedMark], x: plotX + 5, firstBaseline: baseline, lineHeight: labelLineHeight,
                                size: valueSize, fill: mutedTextColour, className: "suppressed-note")
                    continue
                }
                let weighted = item.percents.flatMap { index < $0.count ? $0[index] : nil }
                let share: ReportedShare = weighted.map { .weighted($0, of: 100) } ?? .counts(cell.count, of: cell.base)
                let length = barLength(share)
                if length > 0 {
                    canvas.rect(x: plotX, y: top, width: length, height: barHeight, fill: colours[seriesIndex], className: "value-bar")
                }
                if let percent = PercentText.scaled(share, by: 1000).map(PercentText.text(tenths:)) {
                    canvas.text([percent + "％"], x: plotX + length + 5, firstBaseline: baseline, lineHeight: labelLineHeight,
                                size: valueSize, className: "percent")
                }
            }
            canvas.close()
            y += heights[index]
        }
        return canvas.document(height: plotBottom + 22 + margin, title: title)
    }

    /// The 0–100% axis of percent bars: gridlines every 20% from `top` to `bottom`, labelled below.
    static func drawPercentAxis(into canvas: inout SVGCanvas, top: Double, bottom: Double) {
        canvas.open(className: "axis")
        for step in 0...5 {
            let x = plotX + percentWidth * Double(step) / 5
            canvas.line(x1: x, y1: top, x2: x, y2: bottom, stroke: step == 0 ? "#7F7F7F" : gridColour,
                        strokeWidth: step == 0 ? 1 : 0.5)
            canvas.text(["\(step * 20)％"], x: x, firstBaseline: bottom + 16, lineHeight: labelLineHeight,
                        size: valueSize, anchor: "middle", fill: mutedTextColour, className: "tick")
        }
        canvas.close()
    }

    /// A percent bar's length for a share of `percentWidth`, in tenths of a pixel rounded half up (`PercentText.scaled`).
    static func barLength(_ share: ReportedShare) -> Double {
        Double(PercentText.scaled(share, by: Int(percentWidth * 10)) ?? 0) / 10
    }

    /// Light for the earlier waves, dark for the latest, as wave comparisons are usually drawn.
    static let seriesPalette = ["#9DC3E6", "#2E75B6", "#1F4E79", "#C55A11", "#548235"]
}
