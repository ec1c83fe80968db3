import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SurveyDefinition
@testable import SurveyReports
import SurveyTabulation
import Testing

/// The SVG charts of the example wave: well-formed, bars that add up, labels and percentages as printed.
///
/// Set `CHART_SVG_DIR` to also write every chart of the example there (for `scripts/render-charts.sh`).
struct ChartTests {
    // MARK: Helpers

    static func tabulation(_ id: String) throws -> QuestionTabulation {
        let wave = try #require(exampleTabulation)
        return try #require(wave.questions.first { $0.question.id == id }, "no question \(id)")
    }

    static func axis(_ tab: QuestionTabulation, _ id: String) throws -> CrossTab {
        try #require(tab.crossTabs.first { $0.axis.id == id }, "no axis \(id) for \(tab.question.id)")
    }

    static func parse(_ svg: String) throws -> XMLElement {
        let document = try XMLDocument(xmlString: svg, options: [])
        return try #require(document.rootElement())
    }

    /// Every element under `root` (itself included), in document order.
    static func descendants(_ root: XMLElement) -> [XMLElement] {
        var out = [root]
        for child in root.children ?? [] {
            if let element = child as? XMLElement { out += descendants(element) }
        }
        return out
    }

    /// An attribute's value (FoundationXML's `attribute(forName:)` misses attributes under a default namespace).
    static func attribute(_ element: XMLElement, _ name: String) -> String? {
        element.attributes?.first { ($0.localName ?? $0.name) == name }?.stringValue
    }

    static func name(_ element: XMLElement) -> String {
        element.localName ?? element.name ?? ""
    }

    static func elements(_ root: XMLElement, _ tag: String, class className: String? = nil) -> [XMLElement] {
        descendants(root).filter { element in
            name(element) == tag && (className == nil || attribute(element, "class") == className)
        }
    }

    static func number(_ element: XMLElement, _ name: String) -> Double? {
        attribute(element, name).flatMap(Double.init)
    }

    /// The text of each `<text>`, its `<tspan>`s concatenated.
    static func texts(_ root: XMLElement, class className: String? = nil) -> [String] {
        elements(root, "text", class: className).map { $0.stringValue ?? "" }
    }

    /// The bars (`<g class="chart-bar">`) in order: 全体 first, then the axis values.
    static func bars(_ root: XMLElement) -> [XMLElement] {
        elements(root, "g", class: "chart-bar")
    }

    static func drawnRows(_ table: FrequencyTable) -> [FrequencyRow] {
        table.rows.filter { row in
            switch row.kind {
            case .choice, .bin, .nonresponse: return true
            case .net, .text: return false
            }
        }
    }

    // MARK: Every chart

    @Test func everyChartOfTheExampleIsWellFormedAndDeterministic() throws {
        let wave = try #require(exampleTabulation)
        var charted = 0
        for tab in wave.questions {
            for axis in [nil] + tab.crossTabs.map(Optional.some) {
                guard let svg = Chart.svg(for: tab, firstAxis: axis) else { continue }
                charted += 1
                let root = try Self.parse(svg)
                #expect(Self.name(root) == "svg")
                #expect(Self.attribute(root, "width") == "800")
                #expect(Chart.svg(for: tab, firstAxis: axis) == svg, "\(tab.question.id) differs between two calls")
                #expect(!svg.contains("<script"))
                #expect(!svg.contains("href"))
                // Coordinates have at most one decimal.
                for element in Self.descendants(root) {
                    for attribute in element.attributes ?? [] where ["x", "y", "width", "height", "x1", "x2", "y1", "y2"].contains(attribute.name ?? "") {
                        let value = attribute.stringValue ?? ""
                        if value.hasSuffix("%") { continue }
                        #expect(Double(value) != nil && (value.split(separator: ".").last.map { value.contains(".") ? $0.count <= 1 : true } ?? true),
                                "\(tab.question.id): \(attribute.name ?? "")=\(value)")
                    }
                }
            }
        }
        #expect(charted > 20)
    }

    @Test func textQuestionsAndNumbersWithoutAnswersHaveNoChart() throws {
        #expect(Chart.svg(for: try Self.tabulation("q22"), firstAxis: nil) == nil)
        var number = try Self.tabulation("q1")
        number.numberClasses?.labels = []
        #expect(Chart.svg(for: number, firstAxis: nil) == nil)
    }

    // MARK: Colours

    /// OKLab distance between two `#RRGGBB` colours.
    static func distance(_ x: String, _ y: String) -> Double {
        func lab(_ hex: String) -> [Double] {
            let value = Int(hex.dropFirst(), radix: 16) ?? 0
            return OKLab.lab(sRGB: [16, 8, 0].map { Double((value >> $0) & 0xFF) / 255 })
        }
        return zip(lab(x), lab(y)).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
    }

    @Test func everyCategoryHasItsOwnColour() throws {
        let single = try Self.tabulation("q3").question
        #expect(Chart.palette(for: single, count: 5) == Array(Chart.categoricalPalette.prefix(5)))
        #expect(Chart.palette(for: single, count: 12) == Chart.categoricalPalette)
        // OKLab's round-trip reads back what it wrote.
        let lab = OKLab.lab(sRGB: OKLab.sRGB(lightness: 0.6, a: 0.05, b: -0.08))
        #expect(zip(lab, [0.6, 0.05, -0.08]).allSatisfy { abs($0 - $1) < 1e-6 })
        for count in 13...60 {
            let colours = Chart.palette(for: single, count: count)
            #expect(colours.count == count && Set(colours).count == count, "\(count) categories")
            #expect(colours.allSatisfy { $0.count == 7 && Int($0.dropFirst(), radix: 16) != nil })
            var closest = Double.infinity
            for i in colours.indices {
                for j in colours.indices where j > i { closest = min(closest, Self.distance(colours[i], colours[j])) }
                // Neighbouring segments differ in lightness too.
                if i > 0 { #expect(abs(OKLab.lab(sRGB: rgb(colours[i]))[0] - OKLab.lab(sRGB: rgb(colours[i - 1]))[0]) > 0.1) }
            }
            // Up to 24 categories (an income question) more than twice a just noticeable difference in OKLab
            // (about 0.02) apart; up to 40 more than one; beyond, distinct.
            #expect(closest > (count <= 24 ? 0.045 : count <= 40 ? 0.02 : 0.01), "\(count) categories: closest pair \(closest)")
        }
        #expect(Chart.palette(for: single, count: 24) == Chart.palette(for: single, count: 24))
        func rgb(_ hex: String) -> [Double] {
            let value = Int(hex.dropFirst(), radix: 16) ?? 0
            return [16, 8, 0].map { Double((value >> $0) & 0xFF) / 255 }
        }
    }

    // MARK: 帯グラフ

    @Test func stackedSegmentsAddUpToTheBar() throws {
        let tab = try Self.tabulation("q4")
        let root = try Self.parse(try #require(Chart.svg(for: tab, firstAxis: try Self.axis(tab, "district"))))
        let bars = Self.bars(root)
        #expect(bars.count == 1 + 10)
        for bar in bars {
            guard let frame = Self.elements(bar, "rect", class: "chart-frame").first else { continue }
            let segments = Self.elements(bar, "rect", class: "chart-segment")
            let total = segments.compactMap { Self.number($0, "width") }.reduce(0, +)
            let width = try #require(Self.number(frame, "width"))
            #expect(abs(total - width) <= 0.5, "segments \(total) vs bar \(width)")
            // Contiguous: each segment starts where the previous one ended.
            var x = try #require(Self.number(frame, "x"))
            for segment in segments {
                let start = try #require(Self.number(segment, "x"))
                #expect(abs(start - x) < 0.05)
                x = start + (Self.number(segment, "width") ?? 0)
            }
        }
    }

    @Test func stackedPercentagesAreThePrintedOnes() throws {
        let tab = try Self.tabulation("q6")
        let axis = try Self.axis(tab, "age")
        let root = try Self.parse(try #require(Chart.svg(for: tab, firstAxis: axis)))
        let tables = [tab.total] + axis.groups.map(\.table)
        let bars = Self.bars(root)
        try #require(bars.count == tables.count)
        var printed = 0
        for (bar, table) in zip(bars, tables) where table.base >= 10 {
            // Segments are the choices then 無回答 with a count; nets are not segments.
            let shown = Self.drawnRows(table).filter { $0.count > 0 }
            let segments = Self.elements(bar, "rect", class: "chart-segment")
            #expect(segments.count == shown.count)
            // Each percentage sits on its segment and is PercentText.format of that row (weighted: the example's 2023).
            for text in Self.elements(bar, "text", class: "chart-percent") {
                let centre = try #require(Self.number(text, "x"))
                let index = try #require(segments.firstIndex { segment in
                    let x = Self.number(segment, "x") ?? 0, width = Self.number(segment, "width") ?? 0
                    return x <= centre && centre <= x + width
                })
                #expect(text.stringValue == PercentText.format(shown[index]))
                printed += 1
            }
        }
        #expect(printed > 0)
    }

    @Test func stackedChartNamesEveryChoiceAndGroup() throws {
        let tab = try Self.tabulation("q4")
        let axis = try Self.axis(tab, "district")
        let root = try Self.parse(try #require(Chart.svg(for: tab, firstAxis: axis)))
        let legend = Self.texts(root, class: "chart-legend-label")
        #expect(legend == tab.question.choices.map(\.label) + ["無回答"])
        let labels = Self.texts(root, class: "chart-label")
        #expect(labels.first == "全体 (n=\(CountText.grouped(tab.total.base)))")
        for group in axis.groups {
            let mark = group.table.base > 0 && group.table.base < 30 ? "※" : ""
            #expect(labels.contains("\(group.value.label) (n=\(CountText.grouped(group.table.base))\(mark))"))
        }
        // The long label is wrapped, not cut.
        let long = "困ったときに相談したり助け合ったりする"
        #expect(Self.texts(root, class: "chart-legend-label").contains(long))
        let title = try #require(Self.texts(root, class: "chart-title").first)
        #expect(title == "問4　" + tab.question.text)
    }

    @Test func longLabelsWrapOntoSeveralLines() throws {
        var tab = try Self.tabulation("q4")
        let long = "困ったときに相談したり助け合ったりする（近所の人と日常的に行き来があり、家族ぐるみでつきあっている）"
        tab.question.choices[0].label = long
        tab.total.rows[0].label = long
        let root = try Self.parse(try #require(Chart.svg(for: tab, firstAxis: nil)))
        #expect(Self.texts(root, class: "chart-legend-label").contains(long))
        var multiple = try Self.tabulation("q14")
        multiple.total.rows[0].label = long
        let bars = try Self.parse(try #require(Chart.svg(for: multiple, firstAxis: nil)))
        let label = try #require(Self.elements(bars, "text", class: "chart-label").first { $0.stringValue == long })
        let lines = Self.elements(label, "tspan")
        #expect(lines.count >= 3)
        // Each line fits the 200 px label column at 12 px: at most 16 full-width characters.
        for line in lines { #expect((line.stringValue ?? "").count <= 16) }
    }

    @Test func groupsUnderTenShowNoPercentages() throws {
        let tab = try Self.tabulation("q4")
        var axis = try Self.axis(tab, "district")
        // A group of 7 (and an empty one), whatever the example holds.
        var small = axis.groups[1].table
        small.base = 7
        for index in small.rows.indices { small.rows[index].base = 7; small.rows[index].count = 0 }
        small.rows[0].count = 4
        small.rows[1].count = 3
        axis.groups[1].table = small
        axis.groups[2].table.base = 0
        for index in axis.groups[2].table.rows.indices { axis.groups[2].table.rows[index].count = 0; axis.groups[2].table.rows[index].base = 0 }
        let root = try Self.parse(try #require(Chart.svg(for: tab, firstAxis: axis)))
        let bars = Self.bars(root)
        for index in [2, 3] {
            let bar = bars[index]
            #expect(Self.elements(bar, "text", class: "chart-percent").isEmpty)
            #expect(Self.elements(bar, "rect", class: "chart-segment").isEmpty)
            #expect(Self.texts(bar, class: "chart-suppressed-note") == ["x（n<10）"])
        }
        let labels = Self.texts(root, class: "chart-label")
        #expect(labels.contains("\(axis.groups[1].value.label) (n=7※)"))
        #expect(labels.contains("\(axis.groups[2].value.label) (n=0)"))
        // Other bars still have theirs.
        #expect(!Self.elements(bars[0], "text", class: "chart-percent").isEmpty)
    }

    @Test func textIsEscaped() throws {
        var tab = try Self.tabulation("q4")
        tab.question.text = "A & B <C> \"D\" 'E'"
        tab.total.rows[0].label = "x<y & \"z\""
        let svg = try #require(Chart.svg(for: tab, firstAxis: nil))
        let root = try Self.parse(svg)
        #expect(Self.texts(root, class: "chart-title").first == "問4　A & B <C> \"D\" 'E'")
        #expect(Self.texts(root, class: "chart-legend-label").contains("x<y & \"z\""))
    }

    // MARK: Percent bars

    @Test func multipleBarsFollowTheChoicesWithPrintedPercentages() throws {
        let tab = try Self.tabulation("q14")
        let root = try Self.parse(try #require(Chart.svg(for: tab, firstAxis: try Self.axis(tab, "district"))))
        let rows = Self.drawnRows(tab.total)
        #expect(Self.texts(root, class: "chart-label") == tab.question.choices.map(\.label) + ["無回答"])
        #expect(Self.texts(root, class: "chart-percent") == rows.map { PercentText.format($0)! + "％" })
        // Lengths are proportional to the reported percentage (weighted in the example's 2023): 100% is the 0–100 axis.
        let bars = Self.bars(root)
        #expect(bars.count == rows.count)
        for (bar, row) in zip(bars, rows) {
            let length = Self.elements(bar, "rect", class: "chart-value-bar").first.flatMap { Self.number($0, "width") } ?? 0
            #expect(abs(length - 5 * (row.reportedPercent ?? 0)) <= 0.05)
        }
        #expect(Self.texts(root, class: "chart-tick") == ["0％", "20％", "40％", "60％", "80％", "100％"])
        // Only 全体: the axis is ignored.
        #expect(Chart.svg(for: tab, firstAxis: try Self.axis(tab, "district")) == Chart.svg(for: tab, firstAxis: nil))
    }

    @Test func numberClassesAreCharted() throws {
        let tab = try Self.tabulation("q1")
        let root = try Self.parse(try #require(Chart.svg(for: tab, firstAxis: nil)))
        let rows = Self.drawnRows(tab.total)
        #expect(Self.texts(root, class: "chart-label") == ["5年未満", "5～9年", "10～19年", "20～29年", "30年以上", "無回答"])
        #expect(Self.texts(root, class: "chart-percent") == rows.map { PercentText.format($0)! + "％" })
    }

    // MARK: Files for looking at

    /// Writes every chart of the example (with its first axis, as the report does) to `$CHART_SVG_DIR`.
    @Test func writesChartsWhenAsked() throws {
        guard let directory = ProcessInfo.processInfo.environment["CHART_SVG_DIR"], !directory.isEmpty else { return }
        let wave = try #require(exampleTabulation)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for tab in wave.questions {
            guard let svg = Chart.svg(for: tab, firstAxis: tab.crossTabs.first) else { continue }
            try svg.write(toFile: directory + "/\(tab.question.id).svg", atomically: true, encoding: .utf8)
        }
        // Long texts everywhere, to look at the wrapping.
        let long = "困ったときに相談したり助け合ったりする（近所の人と日常的に行き来があり、家族ぐるみでつきあっている）"
        let longTitle = String(repeating: "地域の住民同士の支え合い・助け合いは必要だと思いますか。", count: 3)
        var stacked = try Self.tabulation("q4")
        var axis = try Self.axis(stacked, "age")
        stacked.question.text = longTitle
        stacked.total.rows[0].label = long
        stacked.total.rows[1].label = String(long.prefix(30))
        axis.groups[0].value.label = "18～29歳（学生・単身世帯・ひとり親世帯を含む）"
        try Chart.svg(for: stacked, firstAxis: axis)!.write(toFile: directory + "/stress-stacked.svg", atomically: true, encoding: .utf8)
        var multiple = try Self.tabulation("q13")
        multiple.question.text = longTitle
        multiple.total.rows[0].label = long
        multiple.total.rows[1].label = "Community Social Worker (CSW) & NPO <地域>"
        try Chart.svg(for: multiple, firstAxis: nil)!.write(toFile: directory + "/stress-multiple.svg", atomically: true, encoding: .utf8)
    }
}
