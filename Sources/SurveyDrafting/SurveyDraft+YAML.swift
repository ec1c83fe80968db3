extension SurveyDraft {
    /// The draft as `survey.yaml` text.
    public var yaml: String {
        var out = DraftYAML()
        let sources = dataFiles.map(\.file).joined(separator: ", ")
        out.line("# Drafted by `survey init` from \(sources) (\(kind.rawValue)).")
        out.line("# Every `# TODO:` marks a guess to check against the questionnaire; then run `survey check` on this folder.")
        for note in notes { out.todo(note) }
        out.todo("the survey's title as the report should print it")
        out.line("title: \(DraftYAML.quoted(title))")
        if waveIsGuessed { out.todo("the fiscal year of the fieldwork (this is the current one)") }
        out.line("wave: \(wave)")
        out.line("data:")
        for file in dataFiles {
            out.line("- file: \(DraftYAML.quoted(file.file))", indent: 2)
            if let encoding = file.encoding { out.line("encoding: \(encoding)", indent: 4) }
            if file.headerRows == 2 {
                out.line("header_rows: 2   # SurveyMonkey: the questions on row 1, each column's choice or item on row 2", indent: 4)
            }
        }
        if let respondentID { out.line("respondent_id: \(DraftYAML.quoted(respondentID))") }
        if !missing.isEmpty || !missingTexts.isEmpty {
            out.todo("values taken as 無回答: codes (in coded questions) and texts (in every question); check them against the codebook")
            out.line("missing: [" + (missing.map(String.init) + missingTexts.map(DraftYAML.quoted)).joined(separator: ", ") + "]")
        }
        if !notAsked.isEmpty || !notAskedTexts.isEmpty {
            out.todo("values taken as 非該当 (not asked): the respondent leaves that question's base; check them against the codebook")
            out.line("not_asked: [" + (notAsked.map(String.init) + notAskedTexts.map(DraftYAML.quoted)).joined(separator: ", ") + "]")
        }
        let axes = questions.filter { $0.attribute && ($0.type == "single" || $0.type == "scale") }.map(\.id)
        if axes.contains("district") {
            out.todo("questionnaires sent per district code (`distributed: {1: 400, …}`) give the 回収率")
            out.line("districts:")
            out.line("question: district", indent: 2)
        } else {
            out.todo("no district column recognised (地区, 校区, 地域…): name the question holding it under `districts: {question: …}` and in `breaks`")
        }
        if !axes.isEmpty {
            out.todo("the cross-tabulation axes, in report order")
            out.line("breaks: [" + axes.joined(separator: ", ") + "]")
        }
        out.line("questions:")
        for question in questions { out.question(question, missingTexts: missingTexts, notAskedTexts: notAskedTexts) }
        return out.text
    }

    /// How many `# TODO:` notes the draft holds.
    public var todoCount: Int {
        yaml.components(separatedBy: "# TODO:").count - 1
    }
}
