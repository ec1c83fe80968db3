import Foundation
import SurveyDiagnostics
import Yams

/// Reads a `series.yaml`, reporting every problem with its line and column.
public enum SeriesReader {
    /// Reads `path`; a missing file is an empty definition, a broken one nil (problems in `diagnostics`).
    public static func read(path: String, diagnostics: inout DiagnosticsEngine) -> SeriesDefinition? {
        guard FileManager.default.fileExists(atPath: path) else { return .empty() }
        switch DefinitionFile.text(atPath: path) {
        case .success(let text):
            return parse(yaml: text, path: path, diagnostics: &diagnostics)
        case .failure(let failure):
            diagnostics.emit(DefinitionProblem.unreadable(path: path, reason: failure.reason))
            return nil
        }
    }

    /// Parses series text.
    public static func parse(yaml: String, path: String, diagnostics: inout DiagnosticsEngine) -> SeriesDefinition? {
        var decoder = NodeDecoder(path: path)
        let root: Node
        switch decoder.compose(yaml) {
        case .success(let node?):
            root = node
        case .success(nil):
            return .empty(path: path)
        case .failure(let problem):
            diagnostics.emit(problem)
            return nil
        }
        var series = SeriesDefinition.empty(path: path)
        for entry in decoder.pairs(root, key: "series.yaml", allowed: ["title", "match", "indicators"]) ?? [] {
            switch entry.key {
            case "title":
                series.title = decoder.string(entry.node, key: "title")
            case "match":
                series.matches = (decoder.list(entry.node, key: "match") ?? []).compactMap { decoder.readMatch($0) }
            default:
                series.indicators = (decoder.list(entry.node, key: "indicators") ?? []).compactMap { decoder.readIndicator($0) }
            }
        }
        for problem in decoder.problems { diagnostics.emit(problem) }
        return decoder.problems.contains { $0.severity == .error } ? nil : series
    }
}

extension NodeDecoder {
    /// A percent or a number of percent points: 0 to 100.
    mutating func percent(_ node: Node, key: String) -> Double? {
        double(node, key: key, range: 0...100, rangeText: "0 to 100 (percent)")
    }

    mutating func readMatch(_ node: Node) -> QuestionMatch? {
        guard let entries = pairs(node, key: "match", allowed: ["wave", "question", "as", "choices"]) else { return nil }
        var wave: Int?, question: String?, common: String?
        var choices: [(Int, Int)] = []
        for entry in entries {
            switch entry.key {
            case "wave": wave = int(entry.node, key: "wave", maximum: DefinitionLimits.largestWave)
            case "question": question = string(entry.node, key: "question")
            case "as": common = name(entry.node, key: "as")
            default:
                if let mapping = entry.node.mapping {
                    for (keyNode, valueNode) in mapping {
                        if let from = int(keyNode, key: "choices"), let to = int(valueNode, key: "choices") { choices.append((from, to)) }
                    }
                } else {
                    problems.append(.wrongType(location(entry.node), key: "choices", found: describe(entry.node),
                                               expected: "a mapping of this wave's codes to common codes, e.g. {4: 3}"))
                }
            }
        }
        for (key, present) in [("wave", wave != nil), ("question", question != nil)] where !present {
            problems.append(.missingKey(location(node), key: key, context: "this match"))
        }
        guard let wave, let question else { return nil }
        var match = QuestionMatch(wave: wave, question: question, commonID: common ?? question, choices: choices, location: location(node))
        for entry in entries { match.keyLocations[entry.key] = location(entry.node) }
        return match
    }

    mutating func readIndicator(_ node: Node) -> Indicator? {
        let keys = ["id", "name", "question", "choices", "baseline", "target", "direction", "tolerance"]
        guard let entries = pairs(node, key: "indicators", allowed: keys) else { return nil }
        var values: [String: Node] = [:]
        for entry in entries { values[entry.key] = entry.node }
        for key in ["id", "question", "choices", "baseline", "target"] where values[key] == nil {
            problems.append(.missingKey(location(node), key: key, context: "this indicator"))
        }
        guard let id = values["id"].flatMap({ string($0, key: "id") }),
              let question = values["question"].flatMap({ string($0, key: "question") }),
              let choices = values["choices"].flatMap({ intList($0, key: "choices") }),
              let baselineNode = values["baseline"], let targetNode = values["target"] else { return nil }
        var baseline: Indicator.Baseline?
        for entry in pairs(baselineNode, key: "baseline", allowed: ["wave", "value", "year"]) ?? [] where entry.key != "year" {
            if entry.key == "wave" {
                baseline = int(entry.node, key: "baseline.wave", maximum: DefinitionLimits.largestWave).map { .wave($0) }
            } else if let value = percent(entry.node, key: "baseline.value") {
                let year = baselineNode.mapping?["year"].flatMap { int($0, key: "baseline.year", maximum: DefinitionLimits.largestWave) }
                baseline = .value(value, year: year)
            }
        }
        if baseline == nil, let mapping = baselineNode.mapping, mapping["wave"] == nil, mapping["value"] == nil {
            problems.append(.missingKey(location(baselineNode), key: "wave", context: "this baseline (give 'wave' or 'value')"))
        }
        var target: Double?, targetYear: Int?
        for entry in pairs(targetNode, key: "target", allowed: ["value", "year"]) ?? [] {
            if entry.key == "value" { target = percent(entry.node, key: "target.value") } else { targetYear = int(entry.node, key: "target.year", maximum: DefinitionLimits.largestWave) }
        }
        if target == nil, let mapping = targetNode.mapping, mapping["value"] == nil {
            problems.append(.missingKey(location(targetNode), key: "value", context: "this target"))
        }
        var direction = Indicator.Direction.up
        if let node = values["direction"], let text = string(node, key: "direction") {
            if let parsed = Indicator.Direction(rawValue: text) {
                direction = parsed
            } else {
                problems.append(.invalidValue(location(node), key: "direction", found: text, expected: "up or down"))
            }
        }
        let tolerance = values["tolerance"].flatMap { percent($0, key: "tolerance") } ?? 3.0
        guard let baseline, let target else { return nil }
        var indicator = Indicator(id: id, name: values["name"].flatMap { string($0, key: "name") } ?? id, question: question,
                                  choices: choices, baseline: baseline, target: target, targetYear: targetYear,
                                  direction: direction, tolerance: tolerance, location: location(node))
        for (key, value) in values { indicator.keyLocations[key] = location(value) }
        for (outer, inner) in [("baseline", baselineNode), ("target", targetNode)] {
            guard let mapping = inner.mapping else { continue }
            for (keyNode, valueNode) in mapping {
                if let name = keyNode.scalar?.string { indicator.keyLocations[outer + "." + name] = location(valueNode) }
            }
        }
        return indicator
    }
}
