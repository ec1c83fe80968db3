import Foundation
import SurveyDefinition
import SurveyTabulation

/// SVG charts of one question, for the report pages: a self-contained SVG document 800 px wide.
///
/// - single and scale questions: a 100% stacked horizontal bar (帯グラフ) for 全体 and, given an axis,
///   one per axis value; groups under `ReportDocument.suppressedBase` are drawn empty with 「x（n<10）」,
///   groups under `ReportDocument.referenceBase` get 「※」 after their n, as in the tables.
/// - multiple questions: one bar per choice (then 無回答), percent of the base on a 0–100% axis.
/// - number questions: one bar per class (`NumberClasses`: its bins, or classes chosen from the answers; then
///   無回答), percent of the base on a 0–100% axis.
/// - text questions and number questions without answers: no chart.
///
/// Like the other renderers it does no statistics: segment and bar lengths are the rows' reported shares
/// (`FrequencyRow.reportedShare`: weighted when the wave is), and every printed percentage is `PercentText.format`
/// of the row, as in the tables. The output has no
/// scripts, no external references and no timestamps, and is byte-identical for the same input.
public enum Chart {
    /// The SVG document charting `tabulation` (with one bar per value of `firstAxis` for single and
    /// scale questions; other types ignore it), or nil when the question gets no chart.
    public static func svg(for tabulation: QuestionTabulation, firstAxis: CrossTab?) -> String? {
        let question = tabulation.question
        switch question.type {
        case .single, .scale:
            return stackedBars(tabulation, axis: firstAxis)
        case .multiple:
            let answers = "複数回答" + (question.maxAnswers.map { "（\($0)つまで）" } ?? "")
            return percentBars(tabulation, note: answers)
        case .number:
            guard !(tabulation.numberClasses?.labels.isEmpty ?? true) else { return nil }
            return percentBars(tabulation, note: question.unit.map { "単位：\($0)" })
        case .text:
            return nil
        }
    }

    // MARK: Layout

    /// The document width: an A4 page width at normal zoom.
    static let width = 800.0
    /// The outer margin.
    static let margin = 16.0
    /// The label column: from the margin, this wide.
    static let labelWidth = 196.0
    /// Where bars start.
    static let plotX = 224.0
    /// The width of a 100% stacked bar.
    static let stackWidth = width - margin - plotX
    /// The width of 100% on a percent-bar axis (room is left for the value after the bar).
    static let percentWidth = 500.0

    static let fontFamily = "'Noto Sans CJK JP', 'Hiragino Kaku Gothic ProN', 'Yu Gothic', Meiryo, sans-serif"
    static let titleSize = 14.0
    static let titleLineHeight = 20.0
    static let labelSize = 12.0
    static let labelLineHeight = 15.0
    static let valueSize = 11.0

    static let textColour = "#222222"
    static let mutedTextColour = "#595959"
    static let nonresponseColour = "#D9D9D9"
    static let gridColour = "#D0D0D0"

    /// The title: the question's column (or id) and its text, wrapped; returns the y below it.
    static func drawTitle(_ question: Question, into canvas: inout SVGCanvas, y: Double) -> Double {
        drawTitle(heading(question), into: &canvas, y: y)
    }

    /// A title text, wrapped; returns the y below it.
    static func drawTitle(_ title: String, into canvas: inout SVGCanvas, y: Double) -> Double {
        let lines = wrap(title, width: width - 2 * margin, size: titleSize)
        canvas.text(lines, x: margin, firstBaseline: y + titleSize, lineHeight: titleLineHeight, size: titleSize,
                    bold: true, className: "title")
        return y + Double(lines.count) * titleLineHeight
    }

    /// 「問4　あなたは…」, as the report's section heading names the question.
    static func heading(_ question: Question) -> String {
        question.reportHeading
    }

    /// A legend of swatches that flows over as many lines as it needs; returns the y below it.
    static func drawLegend(_ items: [(label: String, colour: String)], into canvas: inout SVGCanvas, y: Double) -> Double {
        let swatch = 12.0, swatchGap = 5.0, itemGap = 18.0, rowGap = 6.0
        let left = margin, right = width - margin
        let maxText = right - left - swatch - swatchGap
        var x = left, rowTop = y, rowHeight = 0.0
        canvas.open(className: "legend")
        for item in items {
            let lines = wrap(item.label, width: maxText, size: labelSize, balanced: true)
            let textWidth = lines.map { Self.textWidth($0, size: labelSize) }.max() ?? 0
            let itemWidth = swatch + swatchGap + textWidth
            if x > left, x + itemWidth > right {
                rowTop += rowHeight + rowGap
                x = left
                rowHeight = 0
            }
            let height = Double(lines.count) * labelLineHeight
            canvas.rect(x: x, y: rowTop + (labelLineHeight - swatch) / 2, width: swatch, height: swatch, fill: item.colour,
                        stroke: "#7F7F7F", strokeWidth: 0.5)
            canvas.text(lines, x: x + swatch + swatchGap, firstBaseline: rowTop + baselineOffset(labelLineHeight, size: labelSize),
                        lineHeight: labelLineHeight, size: labelSize, className: "legend-label")
            rowHeight = max(rowHeight, height)
            x += itemWidth + itemGap
        }
        canvas.close()
        return rowTop + rowHeight
    }

    /// The baseline of a line of text at `size` centred in a band of `height`.
    static func baselineOffset(_ height: Double, size: Double) -> Double {
        height / 2 + size * 0.36
    }

    /// A label (wrapped to the label column) vertically centred on `centre`.
    static func drawLabel(_ lines: [String], into canvas: inout SVGCanvas, centre: Double, bold: Bool = false,
                          fill: String = textColour, className: String = "label") {
        let first = centre - Double(lines.count - 1) * labelLineHeight / 2 + labelSize * 0.36
        canvas.text(lines, x: margin, firstBaseline: first, lineHeight: labelLineHeight, size: labelSize,
                    bold: bold, fill: fill, className: className)
    }

    // MARK: Colours

    /// Distinct hues alternating dark and light, so neighbouring segments stay apart in greyscale print.
    static let categoricalPalette = [
        "#1F4E79", "#9DC3E6", "#C55A11", "#F8CBAD", "#548235", "#C5E0B4",
        "#7F6000", "#FFD966", "#5B2C83", "#C9B3E0", "#3A3A3A", "#B4C7E7",
    ]

    /// Blue through a pale neutral to orange, for ordered scales of 2–7 points.
    static let divergingPalettes: [Int: [String]] = [
        2: ["#2166AC", "#E08214"],
        3: ["#2166AC", "#EFE3C2", "#E08214"],
        4: ["#2166AC", "#92C5DE", "#FDB863", "#E08214"],
        5: ["#2166AC", "#92C5DE", "#EFE3C2", "#FDB863", "#E08214"],
        6: ["#174A7E", "#4393C3", "#A6CFE6", "#FDD0A2", "#F29B45", "#B35806"],
        7: ["#174A7E", "#4393C3", "#A6CFE6", "#EFE3C2", "#FDD0A2", "#F29B45", "#B35806"],
    ]

    /// Colours for `count` choices of `question`: diverging for a scale of up to 7 points, categorical otherwise
    /// (`categoricalPalette` up to its 12 colours, `spreadPalette` beyond: no two categories share a colour).
    static func palette(for question: Question, count: Int) -> [String] {
        if question.type == .scale, let diverging = divergingPalettes[count] { return diverging }
        if count <= categoricalPalette.count { return Array(categoricalPalette.prefix(count)) }
        return spreadPalette(count: count)
    }

    /// `count` colours spread over hue and lightness in OKLab (Ottosson 2020), a perceptually uniform space:
    /// colour i has hue i·360°/count and one of three lightness steps in turn (dark, light, middle), so
    /// neighbouring segments differ in lightness (greyscale print) and colours of the same step differ by at least
    /// 3·360°/count of hue; the chroma is lowered where a colour would leave sRGB. Deterministic.
    static func spreadPalette(count: Int) -> [String] {
        let lightness = [0.45, 0.78, 0.62]
        return (0..<count).map { i in
            let hue = Double(i) * 2 * Double.pi / Double(count) + 0.5
            var chroma = 0.2
            while true {
                let rgb = OKLab.sRGB(lightness: lightness[i % 3], a: chroma * cos(hue), b: chroma * sin(hue))
                if rgb.allSatisfy({ $0 >= 0 && $0 <= 1 }) || chroma <= 0 {
                    return "#" + rgb.map { channel in
                        let byte = Int((min(1, max(0, channel)) * 255).rounded())
                        return String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
                    }.joined()
                }
                chroma -= 0.005
            }
        }
    }

    /// White or dark text, whichever contrasts more with `fill` (`#RRGGBB`), by WCAG relative luminance.
    static func contrastingText(on fill: String) -> String {
        let hex = fill.dropFirst()
        guard hex.count == 6, let value = Int(hex, radix: 16) else { return textColour }
        // sRGB to linear light, with the transfer curve approximated as c^2.2 (c·c·c^0.2 ≈ c²·(0.2c + 0.8)).
        func channel(_ shift: Int) -> Double {
            let c = Double((value >> shift) & 0xFF) / 255
            return c * c * (0.2 * c + 0.8)
        }
        let luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
        let dark = 0.0159 // #222222
        let withWhite = 1.05 / (luminance + 0.05)
        let withDark = (luminance + 0.05) / (dark + 0.05)
        return withWhite >= withDark ? "#FFFFFF" : textColour
    }

    // MARK: Group labels

    /// 「全体 (n=1,665)」, or for an axis value 「港 (n=25※)」 with `ReportDocument.referenceMark` under the reference base.
    static func groupLabel(_ name: String, base: Int, marksReference: Bool) -> String {
        let mark = marksReference && base > 0 && base < ReportDocument.referenceBase ? ReportDocument.referenceMark : ""
        return "\(name) (n=\(CountText.grouped(base))\(mark))"
    }

    /// Whether percentages of a group of `base` are shown at all.
    static func isSuppressed(base: Int) -> Bool {
        base < ReportDocument.suppressedBase
    }

    /// The text drawn instead of the percentages of a suppressed group.
    static let suppressedText = "\(ReportDocument.suppressedMark)（n<\(ReportDocument.suppressedBase)）"
}

/// OKLab (Ottosson 2020) to sRGB, for palettes spread evenly for the eye.
enum OKLab {
    /// The gamma-encoded sRGB channels (0–1 inside the gamut) of an OKLab colour.
    static func sRGB(lightness: Double, a: Double, b: Double) -> [Double] {
        let l = pow(lightness + 0.3963377774 * a + 0.2158037573 * b, 3)
        let m = pow(lightness - 0.1055613458 * a - 0.0638541728 * b, 3)
        let s = pow(lightness - 0.0894841775 * a - 1.2914855480 * b, 3)
        let linear = [4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
                      -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
                      -0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s]
        return linear.map { c in c <= 0.0031308 ? 12.92 * c : 1.055 * pow(c, 1 / 2.4) - 0.055 }
    }

    /// The OKLab coordinates (L, a, b) of a gamma-encoded sRGB colour.
    static func lab(sRGB channels: [Double]) -> [Double] {
        let c = channels.map { v in v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4) }
        let l = cbrt(0.4122214708 * c[0] + 0.5363325363 * c[1] + 0.0514459929 * c[2])
        let m = cbrt(0.2119034982 * c[0] + 0.6806995451 * c[1] + 0.1073969566 * c[2])
        let s = cbrt(0.0883024619 * c[0] + 0.2817188376 * c[1] + 0.6299787005 * c[2])
        return [0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s,
                1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s,
                0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s]
    }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}

/// An SVG document under construction.
struct SVGCanvas {
    private var elements: [String] = []
    private var depth = 1

    mutating func open(className: String) {
        elements.append(indent + "<g\(classAttribute(className))>")
        depth += 1
    }

    mutating func close() {
        depth -= 1
        elements.append(indent + "</g>")
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil,
                       strokeWidth: Double = 1, className: String? = nil) {
        var attributes = classAttribute(className)
        attributes += " x=\"\(Chart.number(x))\" y=\"\(Chart.number(y))\" width=\"\(Chart.number(width))\" height=\"\(Chart.number(height))\" fill=\"\(fill)\""
        if let stroke { attributes += " stroke=\"\(stroke)\" stroke-width=\"\(Chart.number(strokeWidth))\"" }
        elements.append(indent + "<rect\(attributes)/>")
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, strokeWidth: Double = 1,
                       className: String? = nil) {
        elements.append(indent + "<line\(classAttribute(className)) x1=\"\(Chart.number(x1))\" y1=\"\(Chart.number(y1))\" x2=\"\(Chart.number(x2))\" y2=\"\(Chart.number(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Chart.number(strokeWidth))\"/>")
    }

    /// A `<text>`: one line as plain content, several as `<tspan>`s each on its own baseline.
    mutating func text(_ lines: [String], x: Double, firstBaseline: Double, lineHeight: Double, size: Double,
                       anchor: String? = nil, bold: Bool = false, fill: String = Chart.textColour, className: String? = nil) {
        var attributes = classAttribute(className) + " x=\"\(Chart.number(x))\" y=\"\(Chart.number(firstBaseline))\""
        if size != Chart.labelSize { attributes += " font-size=\"\(Chart.number(size))\"" }
        if bold { attributes += " font-weight=\"bold\"" }
        if let anchor { attributes += " text-anchor=\"\(anchor)\"" }
        if fill != Chart.textColour { attributes += " fill=\"\(fill)\"" }
        let content: String
        if lines.count == 1 {
            content = Chart.escape(lines[0])
        } else {
            content = lines.enumerated().map { index, line in
                "<tspan x=\"\(Chart.number(x))\" y=\"\(Chart.number(firstBaseline + Double(index) * lineHeight))\">\(Chart.escape(line))</tspan>"
            }.joined()
        }
        elements.append(indent + "<text\(attributes)>\(content)</text>")
    }

    /// The complete document, `height` px tall.
    func document(height: Double, title: String) -> String {
        let h = Chart.number(height.rounded(.up))
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(Chart.number(Chart.width))\" height=\"\(h)\" viewBox=\"0 0 \(Chart.number(Chart.width)) \(h)\" font-family=\"\(Chart.fontFamily)\" font-size=\"\(Chart.number(Chart.labelSize))\" fill=\"\(Chart.textColour)\">",
            "  <title>\(Chart.escape(title))</title>",
            "  <rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>",
        ]
        lines += elements
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    private var indent: String { String(repeating: "  ", count: depth) }

    /// Class names are prefixed `chart-`, so they cannot meet a page's styles when the SVG is inlined in HTML.
    private func classAttribute(_ className: String?) -> String {
        className.map { " class=\"chart-\(Chart.escape($0))\"" } ?? ""
    }
}
