import Foundation
import SurveyDiagnostics
import Yams

/// Reads a `survey.yaml` into a `SurveyDefinition`, reporting every problem with its line and column.
public enum DefinitionReader {
    /// Reads the definition at `path`; `displayPath` is how diagnostics name it.
    ///
    /// Returns nil when the file has errors (all of them are in `diagnostics`).
    public static func read(path: String, displayPath: String? = nil, diagnostics: inout DiagnosticsEngine) -> SurveyDefinition? {
        let shown = displayPath ?? path
        let text: String
        switch DefinitionFile.text(atPath: path) {
        case .success(let read):
            text = read
        case .failure(let failure):
            diagnostics.emit(DefinitionProblem.unreadable(path: shown, reason: failure.reason))
            return nil
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let seriesDefault = folder.deletingLastPathComponent().lastPathComponent
        return parse(yaml: text, path: shown, defaultSeries: seriesDefault, diagnostics: &diagnostics)
    }

    /// Parses definition text; `defaultSeries` is used when the text has no `series:`.
    public static func parse(yaml: String, path: String, defaultSeries: String, diagnostics: inout DiagnosticsEngine) -> SurveyDefinition? {
        var decoder = NodeDecoder(path: path)
        let root: Node
        switch decoder.compose(yaml) {
        case .success(let node?):
            root = node
        case .success(nil):
            diagnostics.emit(DefinitionProblem.missingKey(SourceLocation(path: path, line: 1), key: "questions", context: "the file"))
            return nil
        case .failure(let problem):
            diagnostics.emit(problem)
            return nil
        }
        let definition = decoder.definition(root, defaultSeries: defaultSeries)
        if let definition { DefinitionValidator(definition: definition).validate(into: &decoder.problems) }
        for problem in decoder.problems { diagnostics.emit(problem) }
        return decoder.problems.contains { $0.severity == .error } ? nil : definition
    }
}

/// Walks the YAML node tree, collecting problems instead of stopping at the first.
struct NodeDecoder {
    let path: String
    var problems: [DefinitionProblem] = []
    /// The batteries read so far (`type: battery`), in order.
    var batteries: [Battery] = []

    init(path: String) { self.path = path }

    static let topKeys = ["series", "title", "wave", "label", "plan", "fieldwork", "data", "respondent_id",
                          "missing", "not_asked", "districts", "derived", "breaks", "multiple_testing", "questions", "attribute_tables", "filter", "weights"]
    static let questionKeys = ["id", "column", "columns", "text", "type", "choices", "nets", "scores", "max",
                               "unit", "bins", "asked_if", "separator", "ordered", "label", "attribute", "items", "missing", "not_asked",
                               "written_in"]

    func location(_ node: Node) -> SourceLocation {
        SourceLocation(path: path, line: node.mark?.line, column: node.mark?.column)
    }

    /// The node tree of YAML text (nil for an empty document), or the syntax problem with its location.
    ///
    /// Scalars are read as text and checked by this reader, so Yams's implicit tags (bool, int, float, …) are
    /// not resolved: the basic resolver saves compiling its regular expressions at every start (~2 ms).
    func compose(_ yaml: String) -> Result<Node?, DefinitionProblem> {
        do {
            return .success(try Yams.compose(yaml: yaml, .basic))
        } catch let error as YamlError {
            return .failure(syntaxProblem(error))
        } catch {
            return .failure(.syntax(SourceLocation(path: path), problem: "\(error)"))
        }
    }

    func syntaxProblem(_ error: YamlError) -> DefinitionProblem {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return .syntax(SourceLocation(path: path, line: mark.line, column: mark.column), problem: problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .syntax(SourceLocation(path: path, line: context.mark.line, column: context.mark.column),
                           problem: "duplicate keys \(duplicates.joined(separator: ", ")) in one mapping")
        default:
            return .syntax(SourceLocation(path: path), problem: "\(error)")
        }
    }

    // MARK: Primitive readers

    /// The pairs of a mapping node, reporting keys outside `allowed`.
    mutating func pairs(_ node: Node, key: String, allowed: [String]?) -> [(key: String, node: Node)]? {
        guard let mapping = node.mapping else {
            problems.append(.wrongType(location(node), key: key, found: describe(node), expected: "a mapping of keys and values"))
            return nil
        }
        var result: [(String, Node)] = []
        for (keyNode, value) in mapping {
            let name = keyNode.scalar?.string ?? ""
            if let allowed, !allowed.contains(name) {
                problems.append(.unknownKey(location(keyNode), key: name, allowed: allowed,
                                            suggestion: NearestName.suggestion(for: name, among: allowed)))
                continue
            }
            result.append((name, value))
        }
        return result
    }

    mutating func string(_ node: Node, key: String) -> String? {
        guard let scalar = node.scalar else {
            problems.append(.wrongType(location(node), key: key, found: describe(node), expected: "a text"))
            return nil
        }
        return scalar.string
    }

    /// A whole number from `minimum` to `maximum` (by default a code: 0 to `DefinitionLimits.largestCode`).
    mutating func int(_ node: Node, key: String, minimum: Int = 0, maximum: Int = DefinitionLimits.largestCode) -> Int? {
        guard let scalar = node.scalar else {
            problems.append(.wrongType(location(node), key: key, found: describe(node), expected: "a whole number"))
            return nil
        }
        guard let value = Int(scalar.string.trimmingCharacters(in: .whitespaces)), value >= minimum, value <= maximum else {
            problems.append(.invalidValue(location(node), key: key, found: scalar.string,
                                          expected: "a whole number from \(minimum) to \(maximum)"))
            return nil
        }
        return value
    }

    /// `true` or `false`, as written in YAML.
    mutating func bool(_ node: Node, key: String) -> Bool? {
        guard let scalar = node.scalar else {
            problems.append(.wrongType(location(node), key: key, found: describe(node), expected: "true or false"))
            return nil
        }
        switch scalar.string.trimmingCharacters(in: .whitespaces) {
        case "true": return true
        case "false": return false
        default:
            problems.append(.invalidValue(location(node), key: key, found: scalar.string, expected: "true or false"))
            return nil
        }
    }

    /// A finite number within `range` (by default at most `DefinitionLimits.largestNumber` in magnitude).
    mutating func double(_ node: Node, key: String,
                         range: ClosedRange<Double> = -DefinitionLimits.largestNumber...DefinitionLimits.largestNumber,
                         rangeText: String = "-\(DefinitionLimits.largestNumberText) to \(DefinitionLimits.largestNumberText)") -> Double? {
        guard let scalar = node.scalar, let value = Double(scalar.string.trimmingCharacters(in: .whitespaces)),
              value.isFinite, range.contains(value) else {
            problems.append(.invalidValue(location(node), key: key, found: node.scalar?.string ?? describe(node),
                                          expected: "a number from \(rangeText)"))
            return nil
        }
        return value
    }

    /// One of `Choice`'s raw values, e.g. `bh` for `multiple_testing`.
    mutating func oneOf<Choice: RawRepresentable & CaseIterable>(_ node: Node, key: String) -> Choice? where Choice.RawValue == String {
        let names = Choice.allCases.map(\.rawValue)
        guard let text = string(node, key: key) else { return nil }
        guard let value = Choice(rawValue: text.trimmingCharacters(in: .whitespaces)) else {
            problems.append(.invalidValue(location(node), key: key, found: text,
                                          expected: "one of \(names.joined(separator: ", "))"
                                            + (NearestName.suggestion(for: text, among: names).map { " (did you mean '\($0)'?)" } ?? "")))
            return nil
        }
        return value
    }

    mutating func list(_ node: Node, key: String) -> [Node]? {
        if let sequence = node.sequence { return Array(sequence) }
        problems.append(.wrongType(location(node), key: key, found: describe(node), expected: "a list such as [1, 2]"))
        return nil
    }

    mutating func intList(_ node: Node, key: String) -> [Int]? {
        guard let items = list(node, key: key) else { return nil }
        let values = items.compactMap { int($0, key: key) }
        return values.count == items.count ? values : nil
    }

    /// A mapping of codes to texts, in written order, e.g. `{1: 中央, 2: 東}`.
    mutating func codeLabels(_ node: Node, key: String) -> [Choice]? {
        guard pairs(node, key: key, allowed: nil) != nil, let mapping = node.mapping else { return nil }
        var result: [Choice] = []
        for (keyNode, valueNode) in mapping {
            guard let code = int(keyNode, key: key), let label = string(valueNode, key: key) else { continue }
            result.append(Choice(code: code, label: label))
        }
        return result
    }

    /// A mapping of labels to code lists, e.g. `{北部: [1, 2], 南部: [3]}`.
    mutating func labelCodes(_ node: Node, key: String) -> [(label: String, codes: [Int])]? {
        guard let entries = pairs(node, key: key, allowed: nil) else { return nil }
        var result: [(String, [Int])] = []
        for entry in entries {
            guard let codes = intList(entry.node, key: "\(key).\(entry.key)") else { continue }
            result.append((entry.key, codes))
        }
        return result
    }

    /// A text that becomes a file or folder name (an id, a series): reported unless it is a safe name.
    mutating func name(_ node: Node, key: String) -> String? {
        guard let text = string(node, key: key) else { return nil }
        if let reason = DefinitionLimits.unsafeNameReason(text) {
            problems.append(.invalidValue(location(node), key: key, found: text,
                                          expected: "\(DefinitionLimits.safeNameText) (\(reason))"))
        }
        return text
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): "'\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    // MARK: The definition

    mutating func definition(_ root: Node, defaultSeries: String) -> SurveyDefinition? {
        guard let entries = pairs(root, key: "survey.yaml", allowed: Self.topKeys) else { return nil }
        var values: [String: Node] = [:]
        for entry in entries { values[entry.key] = entry.node }
        let top = location(root)

        func require(_ key: String) -> Node? {
            if let node = values[key] { return node }
            problems.append(.missingKey(SourceLocation(path: path, line: top.line, column: top.column), key: key, context: "the survey definition"))
            return nil
        }

        let title = require("title").flatMap { string($0, key: "title") }
        let wave = require("wave").flatMap { int($0, key: "wave", maximum: DefinitionLimits.largestWave) }
        let label = values["label"].flatMap { string($0, key: "label") }
        let series = values["series"].flatMap { name($0, key: "series") } ?? defaultSeries
        let plan = values["plan"].flatMap { string($0, key: "plan") }
        let fieldwork = values["fieldwork"].map { readFieldwork($0) } ?? Fieldwork()
        let dataFiles = require("data").map { readDataFiles($0) } ?? []
        let respondentID = values["respondent_id"].flatMap { node in string(node, key: "respondent_id").map { Located($0, at: location(node)) } }
        let missing = values["missing"].flatMap { cellValues($0, key: "missing") } ?? []
        let notAsked = values["not_asked"].flatMap { cellValues($0, key: "not_asked") } ?? []
        let districts = values["districts"].flatMap { readDistricts($0) }
        let derived = values["derived"].flatMap { list($0, key: "derived") }.map { $0.compactMap { readDerived($0) } } ?? []
        let breaks = values["breaks"].flatMap { list($0, key: "breaks") }.map { nodes in
            nodes.compactMap { node in string(node, key: "breaks").map { Located($0, at: location(node)) } }
        } ?? []
        var questions = require("questions").flatMap { list($0, key: "questions") }.map { $0.flatMap { readEntry($0) } } ?? []
        resolveCellValues(&questions, missing: missing, notAsked: notAsked)
        let multipleTesting: MultipleTesting? = values["multiple_testing"].flatMap { oneOf($0, key: "multiple_testing") }

        let attributeTables = values["attribute_tables"].flatMap { bool($0, key: "attribute_tables") } ?? false
        let filter = values["filter"].map { readFilter($0) } ?? []
        let weights = values["weights"].flatMap { readWeights($0) }

        guard let title, let wave else { return nil }
        return SurveyDefinition(
            series: series, title: title, wave: wave, label: label ?? "\(wave)年度調査", plan: plan,
            fieldwork: fieldwork, dataFiles: dataFiles, respondentIDColumn: respondentID, missing: missing, notAsked: notAsked,
            districts: districts, derived: labellingClasses(derived, questions: questions), breaks: breaks, questions: questions,
            attributeTables: attributeTables,
            path: path, multipleTesting: multipleTesting ?? .benjaminiHochberg, batteries: batteries, filter: filter, weights: weights)
    }

    /// `filter:`: question id → a list of codes, or `{min: …, max: …}` for a number question.
    mutating func readFilter(_ node: Node) -> [RowCondition] {
        guard let entries = pairs(node, key: "filter", allowed: nil) else { return [] }
        var conditions: [RowCondition] = []
        for entry in entries {
            let key = "filter.\(entry.key)"
            if entry.node.mapping != nil {
                var minimum: Double?, maximum: Double?
                for bound in pairs(entry.node, key: key, allowed: ["min", "max"]) ?? [] {
                    let value = double(bound.node, key: "\(key).\(bound.key)")
                    if bound.key == "min" { minimum = value } else { maximum = value }
                }
                guard minimum != nil || maximum != nil else {
                    problems.append(.wrongType(location(entry.node), key: key, found: describe(entry.node),
                                               expected: "a list of codes, or {min: NUMBER, max: NUMBER} for a number question"))
                    continue
                }
                conditions.append(RowCondition(question: entry.key, test: .range(minimum: minimum, maximum: maximum),
                                               location: location(entry.node)))
            } else if let codes = intList(entry.node, key: key) {
                conditions.append(RowCondition(question: entry.key, test: .codes(codes), location: location(entry.node)))
            }
        }
        return conditions
    }

    mutating func readFieldwork(_ node: Node) -> Fieldwork {
        var result = Fieldwork()
        for entry in pairs(node, key: "fieldwork", allowed: ["population", "sampling", "method", "period", "distributed", "population_size"]) ?? [] {
            switch entry.key {
            case "population": result.population = string(entry.node, key: "fieldwork.population")
            case "sampling": result.sampling = string(entry.node, key: "fieldwork.sampling")
            case "method": result.method = string(entry.node, key: "fieldwork.method")
            case "period": result.period = string(entry.node, key: "fieldwork.period")
            case "population_size":
                result.populationSize = int(entry.node, key: "fieldwork.population_size", minimum: 1, maximum: DefinitionLimits.largestCount)
            default: result.distributed = int(entry.node, key: "fieldwork.distributed", minimum: 1, maximum: DefinitionLimits.largestCount)
            }
        }
        return result
    }

    mutating func readDataFiles(_ node: Node) -> [DataFile] {
        guard let items = list(node, key: "data") else { return [] }
        if items.isEmpty {
            problems.append(.invalidValue(location(node), key: "data", found: "[]", expected: "at least one data file"))
        }
        var files: [DataFile] = []
        for item in items {
            guard let entries = pairs(item, key: "data", allowed: ["file", "encoding", "sheet", "header_rows"]) else { continue }
            var file: String?
            var encoding = "auto"
            var sheet: Located<String>?
            var headerRows = 1
            for entry in entries {
                if entry.key == "file" {
                    file = string(entry.node, key: "data.file")
                } else if entry.key == "header_rows" {
                    if let scalar = entry.node.scalar, let rows = Int(scalar.string.trimmingCharacters(in: .whitespaces)), rows == 1 || rows == 2 {
                        headerRows = rows
                    } else {
                        problems.append(.invalidValue(location(entry.node), key: "header_rows", found: entry.node.scalar?.string ?? describe(entry.node),
                                                      expected: "1, or 2 for a header on two rows (SurveyMonkey: the question over its columns, then each column's choice)"))
                    }
                } else if entry.key == "sheet" {
                    sheet = string(entry.node, key: "data.sheet").map { Located($0, at: location(entry.node)) }
                } else if let value = string(entry.node, key: "data.encoding") {
                    let allowed = ["auto", "utf-8", "cp932", "utf-16"]
                    // The names people type for the same encodings (UTF-16's byte order comes from the file).
                    let aliases = ["utf8": "utf-8", "utf-8-sig": "utf-8", "shift_jis": "cp932", "shift-jis": "cp932",
                                   "sjis": "cp932", "windows-31j": "cp932", "ms932": "cp932", "utf16": "utf-16",
                                   "utf-16le": "utf-16", "utf-16be": "utf-16"]
                    let lowered = value.trimmingCharacters(in: .whitespaces).lowercased()
                    let normalised = aliases[lowered] ?? lowered
                    if allowed.contains(normalised) {
                        encoding = normalised
                    } else {
                        problems.append(.invalidValue(location(entry.node), key: "encoding", found: value,
                                                      expected: "one of \(allowed.joined(separator: ", "))"))
                    }
                }
            }
            guard let file else {
                problems.append(.missingKey(location(item), key: "file", context: "this data entry"))
                continue
            }
            let lowered = file.lowercased()
            if let sheet, !(lowered.hasSuffix(".xlsx") || lowered.hasSuffix(".xlsm")) {
                problems.append(.invalidValue(sheet.location, key: "sheet", found: sheet.value,
                                              expected: "a sheet name only for an .xlsx workbook (a CSV file has no sheets)"))
            }
            files.append(DataFile(file: file, encoding: encoding, sheet: sheet?.value, headerRows: headerRows, location: location(item)))
        }
        return files
    }

    mutating func readDistricts(_ node: Node) -> Districts? {
        guard let entries = pairs(node, key: "districts", allowed: ["question", "distributed"]) else { return nil }
        var question: Located<String>?
        var distributed: [(Int, Int)] = []
        for entry in entries {
            if entry.key == "question" {
                question = string(entry.node, key: "districts.question").map { Located($0, at: location(entry.node)) }
            } else if let pairs = pairs(entry.node, key: "districts.distributed", allowed: nil), let mapping = entry.node.mapping {
                for ((keyNode, valueNode), _) in zip(mapping, pairs) {
                    if let code = int(keyNode, key: "districts.distributed"),
                       let count = int(valueNode, key: "districts.distributed", maximum: DefinitionLimits.largestCount) {
                        distributed.append((code, count))
                    }
                }
            }
        }
        guard let question else {
            problems.append(.missingKey(location(node), key: "question", context: "'districts'"))
            return nil
        }
        return Districts(question: question, distributed: distributed)
    }

    mutating func readDerived(_ node: Node) -> DerivedQuestion? {
        guard let entries = pairs(node, key: "derived", allowed: ["id", "text", "from", "groups", "ordered", "bins", "labels"]) else { return nil }
        var id: String?, text: String?, from: Located<String>?, groups: [(label: String, codes: [Int])]?
        var ordered: Bool?, bins: [Double]?, labels: [String]?
        for entry in entries {
            switch entry.key {
            case "id": id = name(entry.node, key: "id")
            case "text": text = string(entry.node, key: "text")
            case "from": from = string(entry.node, key: "from").map { Located($0, at: location(entry.node)) }
            case "ordered": ordered = bool(entry.node, key: "ordered") ?? false
            case "bins": bins = list(entry.node, key: "bins").map { $0.compactMap { double($0, key: "bins") } }
            case "labels": labels = list(entry.node, key: "labels").map { $0.compactMap { string($0, key: "labels") } }
            default: groups = labelCodes(entry.node, key: "groups")
            }
        }
        let groupsOrBins = entries.contains { $0.key == "groups" || $0.key == "bins" }
        for (key, present) in [("id", id != nil), ("from", from != nil), ("groups' or 'bins", groupsOrBins)] where !present {
            if !problems.contains(where: { $0.location.line == location(node).line }) {
                problems.append(.missingKey(location(node), key: key, context: "this derived question"))
            }
        }
        let binsNode = entries.first { $0.key == "bins" }?.node
        if groups != nil, let binsNode {
            problems.append(.invalidValue(location(binsNode), key: "bins", found: "groups and bins",
                                          expected: "'groups' (codes of a coded question) or 'bins' (class limits of a number question), not both"))
        }
        if let bins, let binsNode {
            if bins.isEmpty || zip(bins, bins.dropFirst()).contains(where: { $0 >= $1 }) {
                problems.append(.invalidValue(location(binsNode), key: "bins", found: bins.map { formatNumber($0) }.joined(separator: ", "),
                                              expected: "one or more class limits in increasing order"))
            } else if bins.count >= DefinitionLimits.mostChoices {
                problems.append(.invalidValue(location(binsNode), key: "bins", found: "\(bins.count) limits",
                                              expected: "at most \(DefinitionLimits.mostChoices - 1) limits (\(DefinitionLimits.mostChoices) classes)"))
            }
        }
        if let labels, let labelsNode = entries.first(where: { $0.key == "labels" })?.node {
            if let bins, labels.count != bins.count + 1 {
                problems.append(.invalidValue(location(labelsNode), key: "labels", found: "\(labels.count) labels",
                                              expected: "one label per class: \(bins.count + 1) for \(bins.count) limits"))
            } else if bins == nil {
                problems.append(.invalidValue(location(labelsNode), key: "labels", found: "labels without bins",
                                              expected: "'labels' only with 'bins' (a group's label is its key under 'groups')"))
            }
        }
        guard let id, let from, let groups = groups ?? bins.map({ _ in labels?.map { ($0, [Int]()) } ?? [] }) else { return nil }
        if groups.count > DefinitionLimits.mostChoices, let groupsNode = entries.first(where: { $0.key == "groups" })?.node {
            problems.append(.invalidValue(location(groupsNode), key: "groups", found: "\(groups.count) groups",
                                          expected: "at most \(DefinitionLimits.mostChoices) groups in a derived question"))
        }
        return DerivedQuestion(id: id, text: text ?? id, from: from, groups: groups, location: location(node),
                               isOrdered: ordered ?? (bins != nil), bins: bins ?? [])
    }

    /// Names the classes of the derived questions made from a number that have no `labels`, in its unit
    /// (「30歳未満」「30～39歳」…「70歳以上」: classes of whole values when the limits are whole).
    func labellingClasses(_ derived: [DerivedQuestion], questions: [Question]) -> [DerivedQuestion] {
        derived.map { derived in
            guard !derived.bins.isEmpty, derived.groups.isEmpty else { return derived }
            var labelled = derived
            let unit = questions.first { $0.id == derived.from.value }?.unit ?? ""
            labelled.groups = ClassLimits.labels(derived.bins, unit: unit, whole: true).map { ($0, []) }
            return labelled
        }
    }

    mutating func readQuestion(_ node: Node) -> Question? {
        guard let entries = pairs(node, key: "questions", allowed: Self.questionKeys) else { return nil }
        var values: [String: Node] = [:]
        for entry in entries { values[entry.key] = entry.node }
        let here = location(node)
        guard let idNode = values["id"], let id = name(idNode, key: "id") else {
            if values["id"] == nil { problems.append(.missingKey(here, key: "id", context: "this question")) }
            return nil
        }
        let context = "question '\(id)'"
        guard let typeNode = values["type"] else {
            problems.append(.missingKey(here, key: "type", context: context))
            return nil
        }
        guard let typeName = string(typeNode, key: "type") else { return nil }
        guard let type = QuestionType(rawValue: typeName) else {
            let names = QuestionType.allCases.map(\.rawValue) + [Self.batteryType]
            problems.append(.invalidValue(location(typeNode), key: "type", found: typeName,
                                          expected: "one of \(names.joined(separator: ", "))"
                                            + (NearestName.suggestion(for: typeName, among: names).map { " (did you mean '\($0)'?)" } ?? "")))
            return nil
        }
        var question = Question(
            id: id, text: values["text"].flatMap { string($0, key: "text") } ?? id, type: type,
            column: values["column"].flatMap { node in string(node, key: "column").map { Located($0, at: location(node)) } },
            columns: [], separator: values["separator"].flatMap { string($0, key: "separator") },
            choices: values["choices"].flatMap { codeLabels($0, key: "choices") } ?? [],
            nets: [], scores: [], maxAnswers: values["max"].flatMap { int($0, key: "max", minimum: 1, maximum: DefinitionLimits.mostMultipleChoices) },
            unit: values["unit"].flatMap { string($0, key: "unit") },
            bins: values["bins"].flatMap { list($0, key: "bins") }.map { $0.compactMap { double($0, key: "bins") } } ?? [],
            askedIf: [], location: here,
            isOrdered: values["ordered"].flatMap { bool($0, key: "ordered") } ?? (type == .scale),
            label: values["label"].flatMap { string($0, key: "label") },
            isAttribute: values["attribute"].flatMap { bool($0, key: "attribute") } ?? false)
        if let columnsNode = values["columns"], let range = columnsNode.scalar?.string {
            // A range of flag columns, `問8_1..問8_12`: expanded against the data's header.
            let bounds = range.components(separatedBy: "..").map { $0.trimmingCharacters(in: .whitespaces) }
            let here = location(columnsNode)
            if bounds.count == 2, !bounds[0].isEmpty, !bounds[1].isEmpty {
                let lastColumn = here.column.map { $0 + range.distance(from: range.startIndex, to: range.range(of: "..")!.upperBound) }
                question.columnRange = (Located(bounds[0], at: here),
                                        Located(bounds[1], at: SourceLocation(path: here.path, line: here.line, column: lastColumn)))
            } else {
                problems.append(.invalidValue(here, key: "columns", found: range,
                                              expected: "a list of flag columns [問8_1, 問8_2, …] or a range of them, 問8_1..問8_12"))
            }
        } else if let columnsNode = values["columns"], let items = list(columnsNode, key: "columns") {
            question.columns = items.compactMap { item in string(item, key: "columns").map { Located($0, at: location(item)) } }
        }
        readCodedKeys(values, into: &question)
        checkShape(of: question, values: values)
        if let writtenInNode = values["written_in"] { question.writtenIn = writtenIn(writtenInNode, of: question, values: values) }
        return question
    }

    /// The keys a battery shares with its items: `nets`, `scores`, `asked_if`, `missing` and `not_asked`.
    mutating func readCodedKeys(_ values: [String: Node], into question: inout Question) {
        question.ownMissing = values["missing"].flatMap { cellValues($0, key: "missing") }
        question.ownNotAsked = values["not_asked"].flatMap { cellValues($0, key: "not_asked") }
        if let netsNode = values["nets"] {
            question.nets = (labelCodes(netsNode, key: "nets") ?? []).map { Net(label: $0.label, codes: $0.codes) }
        }
        if let scoresNode = values["scores"], let mapping = scoresNode.mapping {
            for (keyNode, valueNode) in mapping {
                if let code = int(keyNode, key: "scores"), let score = double(valueNode, key: "scores") {
                    question.scores.append((code, score))
                }
            }
        } else if let scoresNode = values["scores"] {
            problems.append(.wrongType(location(scoresNode), key: "scores", found: describe(scoresNode), expected: "a mapping of codes to scores"))
        }
        if let askedNode = values["asked_if"], let entries = pairs(askedNode, key: "asked_if", allowed: nil) {
            for entry in entries {
                if let codes = intList(entry.node, key: "asked_if.\(entry.key)") {
                    question.askedIf.append(Condition(question: entry.key, codes: codes, location: location(entry.node)))
                }
            }
        }
    }

    /// Checks that the keys given fit the question's type.
    mutating func checkShape(of question: Question, values: [String: Node]) {
        let context = "question '\(question.id)'"
        let coded = [QuestionType.single, .scale, .multiple].contains(question.type)
        if coded { checkChoices(of: question, values: values, context: context) }
        for key in ["choices", "nets", "scores"] where !coded && values[key] != nil {

            problems.append(.invalidValue(location(values[key]!), key: key, found: question.type.rawValue,
                                          expected: "'\(key)' only on single, scale or multiple questions"))
        }
        for key in ["max", "columns", "separator", "written_in"] where question.type != .multiple && values[key] != nil {
            problems.append(.invalidValue(location(values[key]!), key: key, found: question.type.rawValue,
                                          expected: "'\(key)' only on multiple questions"))
        }
        if [QuestionType.multiple, .number, .text].contains(question.type), let orderedNode = values["ordered"] {
            problems.append(.invalidValue(location(orderedNode), key: "ordered", found: question.type.rawValue,
                                          expected: "'ordered' only on single or scale questions (the axes of trend tests)"))
        }
        for key in ["bins", "unit"] where question.type != .number && values[key] != nil {
            problems.append(.invalidValue(location(values[key]!), key: key, found: question.type.rawValue,
                                          expected: "'\(key)' only on number questions"))
        }
        if question.type == .multiple {
            if let columnsNode = values["columns"] {
                if values["column"] != nil {
                    problems.append(.invalidValue(location(columnsNode), key: "columns", found: "both 'column' and 'columns'",
                                                  expected: "either flag 'columns' or one 'column' with a 'separator'"))
                } else if question.columnRange == nil, question.columns.count != question.choices.count {
                    problems.append(.invalidValue(location(columnsNode), key: "columns", found: "\(question.columns.count) columns",
                                                  expected: "one flag column per choice (\(question.choices.count))"))
                }
            } else if values["column"] == nil {
                problems.append(.missingKey(question.location, key: "columns", context: context))
            }
        } else if values["column"] == nil {
            problems.append(.missingKey(question.location, key: "column", context: context))
        }
        if question.bins.count > 1, zip(question.bins, question.bins.dropFirst()).contains(where: { $0 >= $1 }), let binsNode = values["bins"] {
            problems.append(.invalidValue(location(binsNode), key: "bins",
                                          found: question.bins.map { formatNumber($0) }.joined(separator: ", "),
                                          expected: "class limits in increasing order"))
        }
        if let itemsNode = values["items"] {
            problems.append(.invalidValue(location(itemsNode), key: "items", found: question.type.rawValue,
                                          expected: "'items' only on a battery (type: battery)"))
        }
        if coded { checkChoiceCodes(of: question, values: values) }
    }

    /// `written_in:` of a multiple question with flag columns: choice codes, each checked where it is written.
    mutating func writtenIn(_ node: Node, of question: Question, values: [String: Node]) -> [Int] {
        guard question.type == .multiple, let items = list(node, key: "written_in") else { return [] }
        if values["column"] != nil {
            problems.append(.invalidValue(location(node), key: "written_in", found: "a one-cell answer ('column')",
                                          expected: "'written_in' only with flag 'columns' (a column per choice)"))
            return []
        }
        let codes = question.choices.map(\.code)
        var result: [Int] = []
        for item in items {
            guard let code = int(item, key: "written_in") else { continue }
            if !codes.contains(code) {
                problems.append(.unknownCode(location(item), key: "written_in", question: question.id, code: code, valid: codes))
            } else if !result.contains(code) {
                result.append(code)
            }
        }
        return result
    }

    /// Checks a coded question's (or a battery's) choices: present, not too many, each code once.
    mutating func checkChoices(of question: Question, values: [String: Node], context: String) {
        if question.choices.isEmpty && values["choices"] == nil {
            problems.append(.missingKey(question.location, key: "choices", context: context))
        }
        let mostChoices = question.type == .multiple ? DefinitionLimits.mostMultipleChoices : DefinitionLimits.mostChoices
        if question.choices.count > mostChoices, let choicesNode = values["choices"] {
            problems.append(.invalidValue(location(choicesNode), key: "choices", found: "\(question.choices.count) choices",
                                          expected: "at most \(mostChoices) choices in a \(question.type.rawValue) question"))
        }
        var seen = Set<Int>()
        for choice in question.choices where !seen.insert(choice.code).inserted {
            problems.append(.invalidValue(values["choices"].map(location) ?? question.location, key: "choices",
                                          found: String(choice.code), expected: "each code once"))
        }
    }

    /// Checks that the codes in a coded question's (or a battery's) `nets` and `scores` are choices.
    mutating func checkChoiceCodes(of question: Question, values: [String: Node]) {
        let seen = Set(question.choices.map(\.code))
        let codes = question.choices.map(\.code)
        for net in question.nets {
            for code in net.codes.uniqued() where !seen.contains(code) {
                problems.append(.unknownCode(values["nets"].map(location) ?? question.location, key: "nets",
                                             question: question.id, code: code, valid: codes))
            }
        }
        for score in question.scores where !seen.contains(score.code) {
            problems.append(.unknownCode(values["scores"].map(location) ?? question.location, key: "scores",
                                         question: question.id, code: score.code, valid: codes))
        }
    }
}

/// A number as a planner writes it: `5` rather than `5.0`.
func formatNumber(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
}
