import SurveyDiagnostics
import Yams

extension NodeDecoder {
    /// The ways `weights:` can be given; exactly one of them.
    static let weightingKeys = ["column", "strata", "rake"]

    /// `weights:`: a column, strata or raking margins.
    mutating func readWeights(_ node: Node) -> Weighting? {
        guard let entries = pairs(node, key: "weights", allowed: Self.weightingKeys) else { return nil }
        guard entries.count == 1, let entry = entries.first else {
            problems.append(.invalidValue(location(node), key: "weights",
                                          found: entries.isEmpty ? "no way of weighting" : entries.map(\.key).joined(separator: " and "),
                                          expected: "exactly one of column, strata, rake"))
            return nil
        }
        let here = location(node)
        switch entry.key {
        case "column":
            return string(entry.node, key: "weights.column").map { Weighting(method: .column(Located($0, at: location(entry.node))), location: here) }
        case "strata":
            guard let fields = pairs(entry.node, key: "weights.strata", allowed: ["question", "population"]) else { return nil }
            var question: Located<String>?
            var population: Node?
            for field in fields {
                if field.key == "question" {
                    question = string(field.node, key: "weights.strata.question").map { Located($0, at: location(field.node)) }
                } else {
                    population = field.node
                }
            }
            for (key, present) in [("question", question != nil || fields.contains { $0.key == "question" }), ("population", population != nil)] where !present {
                problems.append(.missingKey(location(entry.node), key: key, context: "'weights.strata'"))
            }
            guard let question, let population, let margin = readPopulation(population, question: question, key: "weights.strata.population") else { return nil }
            return Weighting(method: .strata(margin), location: here)
        default:
            return readRake(entry.node).map { Weighting(method: .rake($0), location: here) }
        }
    }

    /// `weights.rake`: margins, tolerance, max_iterations, trim.
    mutating func readRake(_ node: Node) -> Weighting.Raking? {
        guard let fields = pairs(node, key: "weights.rake", allowed: ["margins", "tolerance", "max_iterations", "trim"]) else { return nil }
        var raking = Weighting.Raking(margins: [], tolerance: 1e-7, maxIterations: 100, trim: nil, trimLocation: nil)
        var hasMargins = false
        for field in fields {
            switch field.key {
            case "margins":
                hasMargins = true
                guard let questions = pairs(field.node, key: "weights.rake.margins", allowed: nil), let mapping = field.node.mapping else { continue }
                for ((keyNode, _), entry) in zip(mapping, questions) {
                    let question = Located(entry.key, at: location(keyNode))
                    if let margin = readPopulation(entry.node, question: question, key: "weights.rake.margins.\(entry.key)") {
                        raking.margins.append(margin)
                    }
                }
                if questions.isEmpty {
                    problems.append(.invalidValue(location(field.node), key: "weights.rake.margins", found: "no margin",
                                                  expected: "one or more questions with their population per code"))
                }
            case "tolerance":
                raking.tolerance = double(field.node, key: "weights.rake.tolerance", range: Double.leastNormalMagnitude...DefinitionLimits.largestNumber,
                                          rangeText: "above 0 to \(DefinitionLimits.largestNumberText)") ?? raking.tolerance
            case "max_iterations":
                raking.maxIterations = int(field.node, key: "weights.rake.max_iterations", minimum: 1, maximum: 10_000) ?? raking.maxIterations
            default:
                raking.trimLocation = location(field.node)
                guard let bounds = list(field.node, key: "weights.rake.trim") else { continue }
                let values = bounds.compactMap { double($0, key: "weights.rake.trim", range: 0...DefinitionLimits.largestNumber,
                                                        rangeText: "0 to \(DefinitionLimits.largestNumberText)") }
                guard values.count == bounds.count else { continue }
                if values.count == 2, values[0] <= 1, values[1] >= 1 {
                    raking.trim = (values[0], values[1])
                } else {
                    problems.append(.invalidValue(location(field.node), key: "weights.rake.trim",
                                                  found: values.map { formatNumber($0) }.joined(separator: ", "),
                                                  expected: "[lower, upper], two bounds on weight / mean weight with lower ≤ 1 ≤ upper, e.g. [0.3, 3.0]"))
                }
            }
        }
        if !hasMargins {
            problems.append(.missingKey(location(node), key: "margins", context: "'weights.rake'"))
            return nil
        }
        // Raking fits every margin in turn: margins with different totals can never all hold.
        if let first = raking.margins.first {
            for margin in raking.margins.dropFirst() where abs(margin.total - first.total) > 1e-9 * max(first.total, margin.total) {
                problems.append(.invalidValue(margin.location, key: "weights.rake.margins.\(margin.question.value)",
                                              found: "a total of \(formatNumber(margin.total))",
                                              expected: "the same total as the first margin, '\(first.question.value)' (\(formatNumber(first.total))): every margin counts the same population"))
            }
        }
        return raking
    }

    /// A mapping of codes to population counts (each from 10^-15 to 10^15), e.g. `{1: 12400, 2: 8100}`.
    mutating func readPopulation(_ node: Node, question: Located<String>, key: String) -> PopulationMargin? {
        guard pairs(node, key: key, allowed: nil) != nil, let mapping = node.mapping else { return nil }
        var population: [(code: Located<Int>, count: Double)] = []
        var seen = Set<Int>()
        for (keyNode, valueNode) in mapping {
            guard let code = int(keyNode, key: key),
                  let count = double(valueNode, key: key, range: DefinitionLimits.smallestWeight...DefinitionLimits.largestNumber,
                                     rangeText: DefinitionLimits.weightRangeText) else { continue }
            guard seen.insert(code).inserted else {
                problems.append(.invalidValue(location(keyNode), key: key, found: String(code), expected: "each code once"))
                continue
            }
            population.append((Located(code, at: location(keyNode)), count))
        }
        if mapping.count == 0 {
            problems.append(.invalidValue(location(node), key: key, found: "no code", expected: "a population for each code, e.g. {1: 12400, 2: 8100}"))
            return nil
        }
        return PopulationMargin(question: question, population: population, location: location(node))
    }
}
