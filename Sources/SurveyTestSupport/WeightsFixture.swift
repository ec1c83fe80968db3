import Foundation

/// The respondents the weighting tests share (`Tests/SurveyStatisticsTests/Fixtures/weights.csv`, written with R's
/// weights by `reference_weights.R` beside it) and the wave definition they are loaded with.
public enum WeightsFixture {
    /// `Tests/SurveyStatisticsTests/Fixtures`, where the data and R's outputs are.
    public static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Tests/SurveyStatisticsTests/Fixtures")

    /// The rows of a comma-separated file of `folder` (no quoting: the fixtures have none), by column name.
    public static func rows(_ name: String = "weights.csv") throws -> [[String: String]] {
        let lines = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            .split(whereSeparator: \.isNewline).map(String.init)
        guard let first = lines.first else { return [] }
        let header = first.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map {
            Dictionary(uniqueKeysWithValues: zip(header, $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        }
    }

    /// The data as a wave's CSV: `ID,地区,性別,年代`, and `ウェイト` (R's `w_column`) when `withWeightColumn`.
    public static func data(_ rows: [[String: String]], withWeightColumn: Bool = true) -> String {
        (withWeightColumn ? "ID,地区,性別,年代,ウェイト\n" : "ID,地区,性別,年代\n") + rows.map { row in
            let cells = ["id", "district", "sex", "age"] + (withWeightColumn ? ["w_column"] : [])
            return cells.map { row[$0] ?? "" }.joined(separator: ",") + "\n"
        }.joined()
    }

    /// The wave's `survey.yaml`: questions district (4 choices), sex (2), age (3) over `file`, then `settings`
    /// (e.g. `breaks:`) and the `weights` block as given.
    public static func yaml(file: String, settings: String = "", weights: String) -> String {
        """
        title: ウェイトのテスト
        wave: 2023
        data:
          - file: \(file)
        respondent_id: ID
        \(settings.isEmpty ? "" : settings + "\n")questions:
          - id: district
            column: 地区
            type: single
            choices: {1: 中央, 2: 東, 3: 西, 4: 北}
          - id: sex
            column: 性別
            type: single
            choices: {1: 男性, 2: 女性}
          - id: age
            column: 年代
            type: single
            choices: {1: 若年, 2: 中年, 3: 高齢}
        \(weights)
        """
    }
}
