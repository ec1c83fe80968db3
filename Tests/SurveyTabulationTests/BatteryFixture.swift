import Foundation
import SurveyResponses
import SurveyTestSupport
import Testing
@testable import SurveyTabulation

/// A wave with a battery of three awareness items on one scale and two axes, and the same questions written as
/// three separate scale questions.
enum BatteryFixture {
    static let head = """
        title: t
        wave: 2023
        data:
          - file: d.csv
        breaks: [district, age]
        questions:
          - id: district
            column: 地区
            type: single
            choices: {1: 中央, 2: 東, 3: 西}
          - id: age
            column: 年齢
            type: single
            ordered: true
            choices: {1: 若年, 2: 中年, 3: 高齢}

        """

    static let battery = head + """
          - id: q9
            type: battery
            text: 次の取組を知っていますか。
            label: 取組の認知
            choices: {1: 知っている, 2: 聞いたことはある, 3: 知らない}
            nets: {知っている（計）: [1, 2]}
            items:
              - {id: q9_1, column: 問9_1, text: 地域福祉計画}
              - {id: q9_2, column: 問9_2, text: 社会福祉協議会}
              - {id: q9_3, column: 問9_3, text: 成年後見制度}
        """

    static let separate = head + (1...3).map { item in
        """
          - id: q9_\(item)
            column: 問9_\(item)
            text: \(["地域福祉計画", "社会福祉協議会", "成年後見制度"][item - 1])
            type: scale
            choices: {1: 知っている, 2: 聞いたことはある, 3: 知らない}
            nets: {知っている（計）: [1, 2]}

        """
    }.joined()

    /// `rows` respondents drawn from a fixed seed: item 2 is known best, item 3 least, with blanks.
    static func csv(rows: Int = 400, seed: UInt64 = 17) -> String {
        var random = SplitMix64(seed: seed)
        var lines = ["地区,年齢,問9_1,問9_2,問9_3"]
        for _ in 0..<rows {
            let district = Int(random.next() % 4)  // 0 = 無回答
            let age = 1 + Int(random.next() % 3)
            func answer(_ known: UInt64) -> String {
                let draw = random.next() % 100
                if draw < 4 { return "" }
                return draw < known ? String(1 + Int(random.next() % 2)) : "3"
            }
            lines.append("\(district == 0 ? "" : String(district)),\(age),\(answer(50 + UInt64(age) * 5)),\(answer(80)),\(answer(30))")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
