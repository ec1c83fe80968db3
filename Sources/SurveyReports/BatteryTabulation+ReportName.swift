import SurveyDefinition
import SurveyTabulation

extension BatteryTabulation {
    /// How reports name the battery: the common stem of its items' columns (問23 from 問23_1…), else its id.
    public var reportName: String {
        Question.stem(of: items.compactMap { $0.question.column?.value }) ?? battery.id
    }

    /// The short name for figure captions: the battery's `label:`, else `reportName`.
    public var displayName: String {
        battery.label ?? reportName
    }

    /// 「問23　取組の認知」: the name and the label (or the text), as a question's heading.
    public var reportHeading: String {
        Question.heading(name: reportName, text: battery.label ?? battery.text)
    }
}

extension Question {
    /// An item's name in its battery's table, chart and sentence: its `label:`, else its text.
    public var itemName: String {
        label ?? text
    }
}
