import SurveyDiagnostics
import Yams

/// Reading a battery (`type: battery`): shared choices declared once, items each with an id, a column and a text.
extension NodeDecoder {
    /// The `type` that makes an entry of `questions:` a battery.
    static let batteryType = "battery"
    /// The keys of a battery: a scale's keys shared by its items, and `items`.
    static let batteryKeys = ["id", "type", "text", "label", "choices", "nets", "scores", "ordered", "asked_if", "missing", "not_asked", "items"]
    /// The keys of one item of a battery.
    static let itemKeys = ["id", "column", "text", "label"]

    /// One entry of `questions:`: a question, or a battery's items as scale questions (the battery is kept in
    /// `batteries`).
    mutating func readEntry(_ node: Node) -> [Question] {
        let type = node.mapping?.first { $0.key.scalar?.string == "type" }?.value.scalar?.string
        if type?.trimmingCharacters(in: .whitespaces) == Self.batteryType { return readBattery(node) }
        return readQuestion(node).map { [$0] } ?? []
    }

    /// A battery's items, each a scale question with the battery's choices, nets, scores, order and `asked_if`.
    mutating func readBattery(_ node: Node) -> [Question] {
        guard let mapping = node.mapping else { return [] }
        var values: [String: Node] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            values[key] = value
        }
        let here = location(node)
        guard let idNode = values["id"], let id = name(idNode, key: "id") else {
            if values["id"] == nil { problems.append(.missingKey(here, key: "id", context: "this battery")) }
            return []
        }
        for (keyNode, _) in mapping {
            let key = keyNode.scalar?.string ?? ""
            guard !Self.batteryKeys.contains(key) else { continue }
            if ["column", "columns", "separator"].contains(key) {
                problems.append(.batteryMisuse(location(keyNode), battery: id, found: "'\(key)' on the battery",
                                               expected: "a 'column' on each item",
                                               fix: "give each item its own column: items: [{id: \(id)_1, column: …, text: …}, …]"))
            } else if Self.questionKeys.contains(key) {
                problems.append(.batteryMisuse(location(keyNode), battery: id, found: "'\(key)'",
                                               expected: "the keys of a battery: \(Self.batteryKeys.joined(separator: ", "))",
                                               fix: "remove '\(key)': a battery's items are scale questions"))
            } else {
                problems.append(.unknownKey(location(keyNode), key: key, allowed: Self.batteryKeys,
                                            suggestion: NearestName.suggestion(for: key, among: Self.batteryKeys)))
            }
        }
        var shared = Question(
            id: id, text: values["text"].flatMap { string($0, key: "text") } ?? id, type: .scale, column: nil, columns: [],
            separator: nil, choices: values["choices"].flatMap { codeLabels($0, key: "choices") } ?? [],
            nets: [], scores: [], maxAnswers: nil, unit: nil, bins: [], askedIf: [], location: here,
            isOrdered: values["ordered"].flatMap { bool($0, key: "ordered") } ?? true,
            label: values["label"].flatMap { string($0, key: "label") })
        readCodedKeys(values, into: &shared)
        checkChoices(of: shared, values: values, context: "battery '\(id)'")
        checkChoiceCodes(of: shared, values: values)
        guard let itemsNode = values["items"] else {
            problems.append(.missingKey(here, key: "items", context: "battery '\(id)'"))
            return []
        }
        guard let itemNodes = list(itemsNode, key: "items") else { return [] }
        if itemNodes.count < 2 {
            problems.append(.batteryMisuse(location(itemsNode), battery: id,
                                           found: itemNodes.count == 1 ? "1 item" : "no items", expected: "two or more items",
                                           fix: "list every item under 'items:'; a single item is a scale question of its own (type: scale)"))
        }
        var items: [Question] = []
        var columnOwners: [String: String] = [:]
        for itemNode in itemNodes {
            guard let item = readItem(itemNode, of: shared) else { continue }
            if let column = item.column {
                if let owner = columnOwners[column.value] {
                    problems.append(.batteryMisuse(column.location, battery: id,
                                                   found: "the column '\(column.value)' for both '\(owner)' and '\(item.id)'",
                                                   expected: "one column per item",
                                                   fix: "each item's answers are in a column of their own; check the item's column against the data's header"))
                } else {
                    columnOwners[column.value] = item.id
                }
            }
            items.append(item)
        }
        batteries.append(Battery(id: id, text: shared.text, label: shared.label, itemIDs: items.map(\.id),
                                 choices: shared.choices, nets: shared.nets, location: here))
        return items
    }

    /// One item: the battery's scale with the item's id, column, text and label.
    mutating func readItem(_ node: Node, of battery: Question) -> Question? {
        guard let mapping = node.mapping else {
            problems.append(.wrongType(location(node), key: "items", found: describe(node),
                                       expected: "an item such as {id: \(battery.id)_1, column: 問1_1, text: …}"))
            return nil
        }
        var values: [String: Node] = [:]
        var misplaced: [(key: String, node: Node)] = []
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            if Self.itemKeys.contains(key) {
                values[key] = value
            } else if Self.batteryKeys.contains(key) {
                misplaced.append((key, keyNode))
            } else {
                problems.append(.unknownKey(location(keyNode), key: key, allowed: Self.itemKeys,
                                            suggestion: NearestName.suggestion(for: key, among: Self.itemKeys)))
            }
        }
        let here = location(node)
        guard let idNode = values["id"], let id = name(idNode, key: "id") else {
            if values["id"] == nil { problems.append(.missingKey(here, key: "id", context: "an item of battery '\(battery.id)'")) }
            return nil
        }
        for (key, keyNode) in misplaced {
            let shared = key == "choices" ? "its items answer on the battery's one set of choices" : "'\(key)' is shared by all its items"
            problems.append(.batteryMisuse(location(keyNode), battery: battery.id, found: "'\(key)' on the item '\(id)'",
                                           expected: "'\(key)' only on the battery: \(shared)",
                                           fix: "declare '\(key)' once on the battery; an item with other \(key == "choices" ? "choices" : "'\(key)'") is a question of its own, outside the battery"))
        }
        guard let columnNode = values["column"] else {
            problems.append(.missingKey(here, key: "column", context: "item '\(id)' of battery '\(battery.id)'"))
            return nil
        }
        var item = battery
        item.id = id
        item.column = string(columnNode, key: "column").map { Located($0, at: location(columnNode)) }
        item.text = values["text"].flatMap { string($0, key: "text") } ?? id
        item.label = values["label"].flatMap { string($0, key: "label") }
        item.location = here
        return item
    }
}
