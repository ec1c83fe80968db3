import Foundation
import SurveyIngest
import SurveyResponses

/// A draft `survey.yaml` guessed from raw exports (`survey init`): the source recognised, ids, types, choices in
/// order, the respondent id, a district column, missing codes in use; every unsure guess marked `# TODO:`.
///
/// Only keys that `survey.yaml` has are written; what a file would need beyond them is a `# TODO:` comment.
public struct SurveyDraft: Sendable {
    public var kind: ExportKind
    public var questions: [QuestionDraft] = []
    public var respondentID: String?
    /// Codes taken as 無回答 (`missing`): 9/99/999 apart from a column's codes, negative codes (-9, -8…).
    public var missing: [Int] = []
    /// Texts taken as 無回答 (`missing`): NA, #N/A, 不明, No answer, Don't know….
    public var missingTexts: [String] = []
    /// Codes (-1) and texts (Not applicable, 非該当) taken as 非該当 (`not_asked`).
    public var notAsked: [Int] = []
    public var notAskedTexts: [String] = []
    public var wave: Int
    public var waveIsGuessed: Bool
    public var title: String
    /// Notes for the whole file (columns left out, a second header row, a header differing between files).
    public var notes: [String] = []
    /// The data files as `survey.yaml` names them (file names in the wave folder), their encodings and header rows.
    public var dataFiles: [(file: String, encoding: String?, headerRows: Int)] = []
    /// Ids that columns named with a number (`問3`, `3. …`) will take.
    private var reservedIDs = Set<String>()

    /// Most distinct answers a column of labels may have to be drafted as a single-answer question.
    static let maximumChoices = 20

    /// Texts that mean 無回答 as exports write them (R's NA, Excel's #N/A, labels of SPSS and Stata files); 「わからない」
    /// is not among them: Japanese questionnaires print it as a choice.
    static let missingTexts = ["NA", "N/A", "#N/A", "無回答", "不明", "No answer", "Don't know", "Refused"]
    /// Texts that mean 非該当: the question was not asked.
    static let notAskedTexts = ["Not applicable", "Inapplicable", "非該当"]

    /// A negative code of a numeric export (-1 not applicable, -8 don't know, -9 refused…): -99 to -1.
    static func negativeCode(_ text: String) -> Int? {
        guard let value = Int(text), (-99 ... -1).contains(value) else { return nil }
        return value
    }

    /// Cells of a column with the 無回答 and 非該当 texts, and (in a column of numbers) negative codes, made blank;
    /// what was found is added to the sets.
    static func strippingSpecialValues(_ cells: [String], codes: inout Set<Int>, texts: inout Set<String>) -> [String] {
        var stripped = cells.map { cell -> String in
            let text = CellText.normalise(cell)
            if missingTexts.contains(text) || notAskedTexts.contains(text) {
                texts.insert(text)
                return ""
            }
            return cell
        }
        let keyed = stripped.map(CellText.normalise).filter { !$0.isEmpty }
        let numbers = keyed.filter { Double($0) != nil }.count
        guard numbers > 0, (keyed.count - numbers) * 50 <= keyed.count else { return stripped }
        stripped = stripped.map { cell in
            guard let code = negativeCode(CellText.normalise(cell)) else { return cell }
            codes.insert(code)
            return ""
        }
        return stripped
    }

    /// Drafts from `tables` (one or more exports with the same columns); `year` is the fallback wave.
    public init(tables: [ExportTable], fileNames: [String], year: Int) {
        let first = tables[0]
        kind = ExportKind.of(first)
        title = ((fileNames.first ?? "survey") as NSString).deletingPathExtension
        wave = year
        waveIsGuessed = true
        dataFiles = zip(fileNames, tables).map { ($0, $1.encoding, $1.headerColumns == nil ? 1 : 2) }
        for table in tables.dropFirst() where table.names != first.names {
            notes.append("\(table.path) has other columns than \(first.path); `data:` files must have the same columns")
        }
        var all = first
        all.rows = tables.filter { $0.names == first.names }.flatMap(\.rows)
        guessWave(all)
        guessQuestions(all)
    }

    // MARK: - Wave

    /// The fiscal year (April to March) of the first timestamp of a form, else the year given.
    private mutating func guessWave(_ table: ExportTable) {
        let timeColumns = ["タイムスタンプ", "Timestamp", "開始時刻", "Start time", "Start Date"]
        guard let index = table.names.firstIndex(where: timeColumns.contains) else { return }
        for cell in table.column(index) where !cell.isEmpty {
            let digits = cell.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            // 2024/06/03 (Google, Microsoft), or 06/03/2024 (SurveyMonkey's month first).
            let yearFirst = digits.count >= 2 && (1990...2100).contains(digits[0])
            guard digits.count >= 2, yearFirst || digits.count >= 3 && (1990...2100).contains(digits[2]) else { continue }
            let (year, month) = yearFirst ? (digits[0], digits[1]) : (digits[2], digits[0])
            guard (1...12).contains(month) else { continue }
            wave = month >= 4 ? year : year - 1
            waveIsGuessed = false
            return
        }
    }

    // MARK: - Questions

    private mutating func guessQuestions(_ table: ExportTable) {
        let metadata = kind.metadataColumns
        var used = Set<Int>()
        // The respondent id: a column named like one, every value present and unique.
        let idNames: Set<String> = ["ID", "id", "回答者ID", "回答者番号", "No", "No.", "NO", "番号", "整理番号", "Respondent ID", "SampleID"]
        if let index = table.names.firstIndex(where: idNames.contains) {
            let cells = table.column(index)
            if !cells.contains(""), Set(cells).count == cells.count {
                respondentID = table.names[index]
            } else {
                notes.append("column '\(table.names[index])' looks like a respondent id but is blank or repeated in some rows: not used as `respondent_id`")
            }
            used.insert(index)
        }
        for (index, name) in table.names.enumerated() where metadata.contains(name) || name.isEmpty { used.insert(index) }
        let groups = flagGroups(table, skipping: used) + labelGroups(table, skipping: used)
        reservedIDs = Set(table.names.map { idFor($0) }.filter { $0 != "q0" })
        var ids = Set<String>()
        var missingCodes = Set<Int>()
        var specialCodes = Set<Int>(), specialTexts = Set<String>()
        // A SurveyMonkey grid's items (single or scale columns under one question), until the grid ends.
        var grid: [(question: QuestionDraft, column: TwoRowHeader.Column)] = []
        func endGrid() {
            if grid.count >= 2 {
                questions.append(battery(of: grid, ids: &ids))
            } else {
                questions += grid.map(\.question)
            }
            grid = []
        }
        for index in table.names.indices where !used.contains(index) {
            if let last = grid.last, table.headerColumns?[index].question != last.column.question { endGrid() }
            if let group = groups.first(where: { $0.indices.first == index }) {
                for column in group.indices {
                    _ = Self.strippingSpecialValues(table.column(column), codes: &specialCodes, texts: &specialTexts)
                }
                var question = QuestionDraft(id: uniqueID(idFor(group.prefix, position: group.labelled ? 0 : index), &ids), type: "multiple",
                                             text: group.prefix, columns: group.indices.map { table.names[$0] })
                if group.labelled {
                    // SurveyMonkey: the row-2 labels are the choices, and a chosen cell holds its label.
                    question.choices = group.suffixes.enumerated().map { ($0.offset + 1, $0.element) }
                    question.todos.append("columns under '\(Self.excerpt(group.prefix))' read as one multiple-answer question, a column per choice "
                        + "(its cells the choice's label or blank): add choices nobody chose in the questionnaire's order")
                } else {
                    question.choices = group.suffixes.enumerated().map { ($0.offset + 1, "\(group.prefix) \($0.element)") }
                    question.todos.append("flag columns \(group.indices.map { table.names[$0] }.joined(separator: ", ")) read as one multiple-answer question: "
                        + "write the choices' labels and the question's wording from the questionnaire")
                }
                question.writtenIn = group.indices.enumerated().filter { group.writtenIn.contains($0.element) }.map { $0.offset + 1 }
                for code in question.writtenIn {
                    question.todos.append("column '\(Self.excerpt(table.names[group.indices[code - 1]]))' holds the respondent's own words: "
                        + "read as choice \(code) (`written_in`: any text chooses it); its words are not tabulated"
                        + (group.labelled ? "" : "; if another flag column is already その他's, delete this column and choice (keep its words as a text question)"))
                }
                questions.append(question)
                continue
            }
            if groups.contains(where: { $0.indices.contains(index) }) { continue }
            let name = table.names[index]
            var codes = Set<Int>()
            let cells = Self.strippingSpecialValues(table.column(index), codes: &codes, texts: &specialTexts)
            let answered = cells.filter { !$0.isEmpty }
            guard !answered.isEmpty else {
                notes.append("column '\(name)' is blank in every row: left out (add it as a question if it should be counted)")
                continue
            }
            var question = classify(name: name, cells: answered, rows: cells.count, missing: &missingCodes)
            if let column = table.headerColumns?[index], question.type != "number",
               column.isOpenEnded || column.label.map(Self.isWrittenInLabel) == true {
                // SurveyMonkey says so on row 2: a comment box, or the words of a single answer's "Other (please
                // specify)": free text however few different answers it has (a box of numbers stays a number).
                question = QuestionDraft(id: question.id, type: "text", text: name, column: name)
                question.todos.append(column.isOpenEnded ? "an open-ended answer (row 2 says Open-Ended Response): free text (counted, never printed)"
                    : "the words written for '\(column.label ?? "")': free text (counted, never printed), however few different answers it has")
            }
            question.id = uniqueID(question.id, &ids)
            if let column = table.headerColumns?[index], let label = column.label {
                // A column of a SurveyMonkey group that is not a choice flag: a grid's item, or a comment box.
                question.label = label
                question.todos.removeAll { $0.hasPrefix(Self.longQuestionNote) }
                if question.type == "single" || question.type == "scale" {
                    grid.append((question, column))
                    continue
                }
            }
            if question.type == "number" {
                // A number question takes codes only from a list of its own.
                question.missing = codes.filter { $0 != -1 }.sorted(by: >)
                question.notAsked = codes.contains(-1) ? [-1] : []
                if !codes.isEmpty {
                    question.todos.append("negative codes \(codes.sorted(by: >).map(String.init).joined(separator: ", ")) taken as 無回答 (-1 as 非該当); check them against the codebook")
                }
            } else {
                specialCodes.formUnion(codes)
            }
            endGrid()
            questions.append(question)
        }
        endGrid()
        missing = (missingCodes.sorted() + specialCodes.filter { $0 != -1 }.sorted(by: >))
        notAsked = specialCodes.contains(-1) ? [-1] : []
        missingTexts = Self.missingTexts.filter(specialTexts.contains)
        notAskedTexts = Self.notAskedTexts.filter(specialTexts.contains)
    }

    /// Adjacent columns drafted as one multiple question: flag columns (`問8_1`…) or SurveyMonkey's labelled columns,
    /// and which of them hold written-in text (their column indices).
    typealias Group = (prefix: String, indices: [Int], suffixes: [String], labelled: Bool, writtenIn: Set<Int>)

    /// Whether a row-2 label (or a column's suffix) names a choice whose column holds the respondent's own words:
    /// SurveyMonkey's "Other (please specify)", 「その他（具体的に）」, 「その他」.
    static func isWrittenInLabel(_ label: String) -> Bool {
        let text = CellText.normalise(label).lowercased()
        return text.hasPrefix("その他") || text == "other" || (text.hasPrefix("other") && text.contains("specify"))
    }

    /// SurveyMonkey's columns of a multiple answer: two or more adjacent columns under one question of the two-row
    /// header, each holding only its row-2 label (the choice) or blank (or a 無回答 / 非該当 text).
    private func labelGroups(_ table: ExportTable, skipping used: Set<Int>) -> [Group] {
        guard let columns = table.headerColumns else { return [] }
        var groups: [Group] = []
        for (index, column) in columns.enumerated() where !used.contains(index) {
            guard let label = column.label, !column.question.isEmpty,
                  table.column(index).allSatisfy({ $0.isEmpty || $0 == label || Self.missingTexts.contains($0) || Self.notAskedTexts.contains($0) })
            else { continue }
            if let last = groups.indices.last, groups[last].prefix == column.question, groups[last].indices.last == index - 1 {
                groups[last].indices.append(index)
                groups[last].suffixes.append(label)
            } else {
                groups.append((column.question, [index], [label], true, []))
            }
        }
        // "Other (please specify)" right after a group of its question: the group's last choice, its cells the
        // respondent's words (`written_in`), whatever they hold.
        for group in groups.indices {
            if let last = groups[group].indices.last, Self.isWrittenInLabel(groups[group].suffixes.last ?? "") {
                groups[group].writtenIn.insert(last)
                continue
            }
            let next = (groups[group].indices.last ?? 0) + 1
            guard next < columns.count, !used.contains(next), columns[next].question == groups[group].prefix,
                  let label = columns[next].label, Self.isWrittenInLabel(label) else { continue }
            groups[group].indices.append(next)
            groups[group].suffixes.append(label)
            groups[group].writtenIn.insert(next)
        }
        return groups.filter { $0.indices.count >= 2 }
    }

    static let longQuestionNote = "a long question: a short `label`"

    /// A SurveyMonkey grid (two or more items answered on the labels of one scale) as one battery: the choices are
    /// every item's labels, in the scale's order when it is a usual one; each item keeps its column, its label as text.
    private func battery(of grid: [(question: QuestionDraft, column: TwoRowHeader.Column)], ids: inout Set<String>) -> QuestionDraft {
        let text = grid[0].column.question
        // The items' own ids were taken when they were classified: the battery and its items take new ones.
        for item in grid { ids.remove(item.question.id) }
        var battery = QuestionDraft(id: uniqueID("q0", &ids), type: "battery", text: text)
        var labels: [String] = []
        for item in grid { for choice in item.question.choices where !labels.contains(choice.label) { labels.append(choice.label) } }
        if let scale = Scale.order(of: labels) {
            labels = scale.labels
            battery.nets = scale.nets
            if scale.ordered == false { battery.ordered = false }
            battery.todos.append("a grid of SurveyMonkey drafted as one battery on a scale in the usual order: add choices nobody chose")
        } else {
            battery.todos.append("a grid of SurveyMonkey drafted as one battery, its choices in the order first seen: "
                + "put them in the questionnaire's order and add choices nobody chose")
        }
        battery.choices = labels.enumerated().map { ($0.offset + 1, $0.element) }
        battery.items = grid.enumerated().map { offset, item in
            (uniqueID("\(battery.id)_\(offset + 1)", &ids), item.question.column ?? item.column.name, item.column.label ?? item.column.name)
        }
        if text.count > 30 { battery.todos.append(Self.longQuestionNote + " (「問5　公共サービスの満足度」) reads better in headings") }
        return battery
    }

    /// A long text cut for a TODO note.
    static func excerpt(_ text: String) -> String {
        text.count <= 40 ? text : String(text.prefix(39)) + "…"
    }

    /// Flag groups: two or more columns `<prefix>_<n>` (or `-n`, `(n)`, `①`) holding only flags (1, 0, ○, TRUE, FALSE, blank).
    private func flagGroups(_ table: ExportTable, skipping used: Set<Int>) -> [Group] {
        var groups: [Group] = []
        for (index, name) in table.names.enumerated() where !used.contains(index) {
            guard let (prefix, suffix) = Self.flagName(name) else { continue }
            let flags: Set<String> = ["", "0", "1", "1.0", "0.0", "○", "〇", "TRUE", "FALSE", "true", "false"]
            let values = Set(table.column(index))
            guard values.contains(where: { ["1", "1.0", "○", "〇", "TRUE", "true"].contains($0) }) || values.isSubset(of: flags),
                  values.allSatisfy({ flags.contains($0) || Self.negativeCode($0) != nil
                      || Self.missingTexts.contains($0) || Self.notAskedTexts.contains($0) }) else { continue }
            if let last = groups.indices.last, groups[last].prefix == prefix, groups[last].indices.last == index - 1 {
                groups[last].indices.append(index)
                groups[last].suffixes.append(suffix)
            } else {
                groups.append((prefix, [index], [suffix], false, []))
            }
        }
        // A column right after the group named for its その他 (問8_その他（具体的に）, 問8その他): the group's last choice,
        // its cells the respondent's words or flags (`written_in`).
        for group in groups.indices {
            let next = (groups[group].indices.last ?? 0) + 1
            guard next < table.names.count, !used.contains(next), table.names[next].hasPrefix(groups[group].prefix) else { continue }
            let suffix = String(table.names[next].dropFirst(groups[group].prefix.count)).trimmingCharacters(in: CharacterSet(charactersIn: "_-－ 　"))
            guard Self.isWrittenInLabel(suffix) else { continue }
            groups[group].indices.append(next)
            groups[group].suffixes.append(suffix)
            groups[group].writtenIn.insert(next)
        }
        return groups.filter { $0.indices.count >= 2 }
    }

    /// `問8_3` → (`問8`, `3`), `問9①` → (`問9`, `①`), `Q8(2)` → (`Q8`, `2`).
    static func flagName(_ name: String) -> (prefix: String, suffix: String)? {
        if let last = name.unicodeScalars.last, (0x2460...0x2473).contains(last.value), name.count > 1 {
            return (String(name.dropLast()), String(last))
        }
        if let match = name.wholeMatch(of: /(.+?)[_\-－](\d{1,3})/) { return (String(match.1), String(match.2)) }
        if let match = name.wholeMatch(of: /(.+?)[(（](\d{1,3})[)）]/) { return (String(match.1), String(match.2)) }
        return nil
    }

    /// The question one column holds.
    private func classify(name: String, cells: [String], rows: Int, missing: inout Set<Int>) -> QuestionDraft {
        var question = QuestionDraft(id: idFor(name, position: 0), type: "text", text: name, column: name)
        if kind == .codeSheet, name.wholeMatch(of: /[問QqＱ]?\s*\d+.*/) != nil, name.count <= 12 {
            question.todos.append("write the question's wording as `text` (the column only says '\(name)')")
        }
        // 「地域」 alone is in many questions' wording (地域活動に…): only a short header or one ending in it names the district.
        let isDistrict = ["地区", "校区", "圏域", "お住まい", "居住地"].contains { name.contains($0) }
            || (name.contains("地域") && (name.count <= 6 || name.hasSuffix("地域")))
        let isAttribute = ["性別", "年齢", "年代", "職業", "世帯", "家族構成", "居住年数", "住んで"].contains { name.contains($0) }
        // Cells as the coder reads them (NFKC: a full-width 「１」 is 1; spaces trimmed).
        let keyed = cells.map(CellText.normalise)
        let numbers = keyed.map { Double($0) }
        // A few stray cells (a double mark 「2,3」 keyed into a single-answer column) do not make a column of codes
        // text: `survey check` reports each of them where it stands.
        let strays = zip(keyed, numbers).filter { $0.1 == nil }.map(\.0)
        if let joined = Self.joinedCodes(keyed) {
            question.type = "multiple"
            question.separator = joined.separator
            question.choices = joined.codes.map { ($0, "\($0)") }
            question.todos.append("codes joined by '\(joined.separator)' in one cell read as a multiple-answer question: "
                + "write the choices' labels from the questionnaire and add codes nobody chose")
        } else if strays.count * 50 <= cells.count, strays.count < cells.count {
            if !strays.isEmpty {
                var seen = Set<String>()
                let examples = strays.filter { seen.insert($0).inserted }.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
                question.todos.append("\(strays.count) cell(s) are not codes or numbers (\(examples)): `survey check` reports each; correct them in the data if they are keying slips")
            }
            let values = numbers.compactMap { $0 }
            let codes = Set(values.compactMap { $0 == $0.rounded() && $0 >= 0 && $0 < 1000 ? Int($0) : nil })
            // 「年齢」 keyed as band codes (1 = 18～29歳 …, 99 = 無回答) is coded: no respondent's age is 12 or under.
            let isAgeBands = name.contains("年齢") && (codes.filter { $0 < 90 }.max() ?? 0) <= 12
            let isCount = !isAgeBands && ["年齢", "歳", "人数", "年数", "回数", "時間", "金額", "円", "何人", "何年", "何回"].contains { name.contains($0) }
            if codes.count == Set(values).count, codes.count <= 12, (codes.max() ?? 0) <= 99, !isCount {
                // Coded answers: 9, 99 or 999 standing apart from the other codes are taken as 無回答.
                var choices = codes.sorted()
                for code in [9, 99, 999] where choices.count > 1 && choices.last == code {
                    // Apart from the others: 9 after codes up to 7, 99 or 999 after codes under 10.
                    let previous = choices[choices.count - 2]
                    guard code == 9 ? previous <= 7 : previous < 10 else { continue }
                    choices.removeLast()
                    missing.insert(code)
                    question.todos.append("\(code) is taken as 無回答 (`missing`), standing apart from codes \(choices.map(String.init).joined(separator: ", ")); check it")
                }
                question.type = "single"
                question.choices = choices.map { ($0, "\($0)") }
                question.todos.append("codes \(choices.map(String.init).joined(separator: ", ")) found: write their labels from the questionnaire"
                    + (choices.count <= 2 ? "; a yes/no column may be a flag" : ""))
            } else {
                question.type = "number"
                if codes.count <= 12, !isCount { question.todos.append("few distinct numbers: a coded question? then `type: single` with `choices`") }
            }
        } else if let multiple = multipleAnswers(cells) {
            question.type = "multiple"
            question.separator = multiple.separator
            question.choices = multiple.labels.enumerated().map { ($0.offset + 1, $0.element) }
            question.todos.append("answers joined by '\(multiple.separator)' read as a multiple-answer question; choices in the order the form lists them, "
                + "as far as the answers show it: check the order and add choices nobody chose")
        } else {
            var labels: [String] = []
            var seen = Set<String>()
            for cell in cells where seen.insert(cell).inserted { labels.append(cell) }
            if labels.count <= Self.maximumChoices, labels.count * 2 <= max(cells.count, 4) || labels.count <= 3 {
                question.type = "single"
                if let scale = Scale.order(of: labels) {
                    labels = scale.labels
                    question.type = scale.isScale ? "scale" : "single"
                    question.ordered = scale.ordered
                    question.nets = scale.nets
                    if scale.isScale { question.todos.append("a scale in the usual order; add choices nobody chose") }
                } else {
                    question.todos.append("choices in the order first seen: put them in the questionnaire's order and add choices nobody chose")
                }
                if labels.contains("わからない") {
                    question.todos.append("'わからない' is kept as a choice (questionnaires print it); if it means 無回答 here, list it in a `missing:` of this question")
                }
                question.choices = labels.enumerated().map { ($0.offset + 1, $0.element) }
            } else {
                question.todos.append("\(labels.count) different answers: read as free text (counted, never printed)")
            }
        }
        if isDistrict, question.type == "single", !questions.contains(where: { $0.id == "district" }) {
            question.id = "district"
            question.attribute = true
        } else if isAttribute {
            question.attribute = question.type != "text"
            if name.contains("性別") { question.id = "sex" }
            if name.contains("年代") || name.contains("年齢") { question.id = "age" }
        }
        if kind != .codeSheet, name.count > 30 {
            question.todos.append(Self.longQuestionNote + " (「問1　居住年数」) reads better in headings")
        }
        return question
    }

    /// Codes joined in one cell (a sheet of codes keyed 「1,3,5」 for a multiple answer): at least one cell in ten joins
    /// two or more codes with the same separator (`,`, `、`, `;`, `/`, `・` or a space) and every other cell is one code
    /// or blank; nil otherwise. The codes are those found, in order.
    static func joinedCodes(_ cells: [String]) -> (separator: String, codes: [Int])? {
        for separator in [",", "、", ";", "/", "・", " "] {
            let joined = cells.filter { $0.contains(separator) }
            guard joined.count * 10 >= cells.count, !joined.isEmpty else { continue }
            var codes = Set<Int>()
            let allCodes = cells.allSatisfy { cell in
                let parts = cell.components(separatedBy: separator).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                let parsed = parts.compactMap { CellText.integer($0) }.filter { (0..<1000).contains($0) }
                codes.formUnion(parsed)
                return parsed.count == parts.count
            }
            if allCodes, codes.count >= 2 { return (separator, codes.sorted()) }
        }
        return nil
    }

    /// Whether cells hold several answers joined by a separator: `;` (Microsoft Forms, `a;b;`) or `, ` (Google
    /// Forms), and the labels in the order the joined cells show (the form's order). A label that itself contains the
    /// separator is kept whole when some cell holds it alone.
    func multipleAnswers(_ cells: [String]) -> (separator: String, labels: [String])? {
        // Microsoft Forms joins with ';' (and ends with one); Google Forms with ', ' (or ';' in some exports): the
        // separator giving the fewest labels wins, so labels holding ", " survive a ';'-joined export.
        let candidates = kind == .microsoftForms || cells.contains(where: { $0.hasSuffix(";") }) ? [";"]
            : kind == .googleForms ? [";", ", "] : []
        let splits = candidates.filter { separator in cells.contains { $0.contains(separator) } }.map { separator in
            (separator: separator, labels: Self.commonOrder(segment(cells, separator: separator)))
        }
        guard let best = splits.min(by: { $0.labels.count < $1.labels.count }) else { return nil }
        guard best.labels.count <= 64, best.labels.count < Set(cells).count || cells.count <= 3 else { return nil }
        return best
    }

    /// Each cell's labels, split on `separator`.
    private func segment(_ cells: [String], separator: String) -> [[String]] {
        // Labels known whole: cells without the separator, and runs of pieces that always come together (a label
        // containing the separator: 「買い物, 通院が不便」 is never 「買い物」 without 「通院が不便」 right after it).
        var whole = Set(cells.filter { !$0.contains(separator) })
        let split = cells.map { $0.components(separatedBy: separator).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        var pieceCount: [String: Int] = [:]
        var pairCount: [String: [String: Int]] = [:]
        for pieces in split {
            for piece in pieces { pieceCount[piece, default: 0] += 1 }
            for (a, b) in zip(pieces, pieces.dropFirst()) { pairCount[a, default: [:]][b, default: 0] += 1 }
        }
        for (a, followers) in pairCount {
            for (b, together) in followers where together == pieceCount[a] && together == pieceCount[b] && !whole.contains(a) && !whole.contains(b) {
                whole.insert(a + separator + b)
            }
        }
        var sequences: [[String]] = []
        for pieces in split {
            var labels: [String] = []
            var index = 0
            while index < pieces.count {
                // The longest run of pieces that is a label seen whole.
                var end = pieces.count
                while end > index + 1, !whole.contains(pieces[index..<end].joined(separator: separator)) { end -= 1 }
                labels.append(pieces[index..<end].joined(separator: separator))
                index = end
            }
            sequences.append(labels)
        }
        return sequences
    }

    /// Labels in an order that keeps every sequence's order where they agree (a topological order; ties by first appearance).
    static func commonOrder(_ sequences: [[String]]) -> [String] {
        var first: [String] = []
        var seen = Set<String>()
        var after: [String: Set<String>] = [:]
        var before: [String: Int] = [:]
        for sequence in sequences {
            for label in sequence where seen.insert(label).inserted { first.append(label) }
            for (a, b) in zip(sequence, sequence.dropFirst()) where a != b && !(after[a]?.contains(b) ?? false) {
                after[a, default: []].insert(b)
                before[b, default: 0] += 1
            }
        }
        var result: [String] = []
        var placed = Set<String>()
        while result.count < first.count {
            // The first label with nothing unplaced before it; on a cycle, the first unplaced.
            let next = first.first { !placed.contains($0) && (before[$0] ?? 0) == 0 } ?? first.first { !placed.contains($0) }!
            placed.insert(next)
            result.append(next)
            for b in after[next] ?? [] { before[b, default: 0] -= 1 }
        }
        return result
    }

    /// `問8` → `q8`, `1. あなたの性別は` → `q1`, else `q0` (the next free number, `uniqueID`).
    private func idFor(_ name: String, position: Int = 0) -> String {
        if let match = name.firstMatch(of: /^\s*[問QqＱ]?\s*(\d{1,3})/) { return "q" + match.1 }
        if let match = name.firstMatch(of: /^\s*問([０-９]{1,3})/) {
            return "q" + String(match.1.unicodeScalars.map { Character(Unicode.Scalar($0.value - 0xFF10 + 0x30)!) })
        }
        return "q\(position)"
    }

    /// `id`, or with a suffix when taken; `q0` becomes the first `qN` no column's number claims.
    private func uniqueID(_ id: String, _ ids: inout Set<String>) -> String {
        var candidate = id
        if id == "q0" {
            var number = 1
            while ids.contains("q\(number)") || reservedIDs.contains("q\(number)") { number += 1 }
            candidate = "q\(number)"
        }
        var suffix = 2
        while ids.contains(candidate) {
            candidate = "\(id)_\(suffix)"
            suffix += 1
        }
        ids.insert(candidate)
        return candidate
    }
}
