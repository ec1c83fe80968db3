/// YAML text as `survey init` writes it: every string double-quoted (so no label is read as a number, a boolean
/// or YAML syntax), `# TODO:` comments where a guess needs checking.
struct DraftYAML {
    private(set) var text = ""

    /// `value` as a double-quoted YAML scalar.
    static func quoted(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\x" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    mutating func line(_ content: String, indent: Int = 0) {
        text += String(repeating: " ", count: indent) + content + "\n"
    }

    mutating func todo(_ note: String, indent: Int = 0) {
        line("# TODO: " + note, indent: indent)
    }

    mutating func blank() { text += "\n" }

    /// A question under `questions:`; its own `missing` / `not_asked` codes are written with the draft's texts
    /// (a question's own list replaces the global one).
    mutating func question(_ question: QuestionDraft, missingTexts: [String] = [], notAskedTexts: [String] = []) {
        for note in question.todos { todo(note, indent: 2) }
        line("- id: \(question.id)", indent: 2)
        if let column = question.column { line("column: \(Self.quoted(column))", indent: 4) }
        line("text: \(Self.quoted(question.text))", indent: 4)
        if let label = question.label { line("label: \(Self.quoted(label))", indent: 4) }
        line("type: \(question.type)", indent: 4)
        if !question.columns.isEmpty {
            line("columns: [" + question.columns.map(Self.quoted).joined(separator: ", ") + "]", indent: 4)
        }
        if let separator = question.separator { line("separator: \(Self.quoted(separator))", indent: 4) }
        if !question.choices.isEmpty {
            line("choices:", indent: 4)
            for choice in question.choices { line("\(choice.code): \(Self.quoted(choice.label))", indent: 6) }
        }
        if !question.writtenIn.isEmpty {
            line("written_in: [" + question.writtenIn.map(String.init).joined(separator: ", ") + "]", indent: 4)
        }
        if !question.nets.isEmpty {
            line("nets:", indent: 4)
            for net in question.nets {
                line("\(Self.quoted(net.label)): [" + net.codes.map(String.init).joined(separator: ", ") + "]", indent: 6)
            }
        }
        if !question.missing.isEmpty {
            line("missing: [" + (question.missing.map(String.init) + missingTexts.map(Self.quoted)).joined(separator: ", ") + "]", indent: 4)
        }
        if !question.notAsked.isEmpty {
            line("not_asked: [" + (question.notAsked.map(String.init) + notAskedTexts.map(Self.quoted)).joined(separator: ", ") + "]", indent: 4)
        }
        if let ordered = question.ordered { line("ordered: \(ordered)", indent: 4) }
        if question.attribute { line("attribute: true", indent: 4) }
        if !question.items.isEmpty {
            line("items:", indent: 4)
            for item in question.items {
                line("- {id: \(item.id), column: \(Self.quoted(item.column)), text: \(Self.quoted(item.text))}", indent: 6)
            }
        }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
