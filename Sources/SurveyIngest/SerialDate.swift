/// An Excel serial date-time (days since the workbook's epoch, the time as the fraction) as ISO 8601 text.
///
/// The 1900 date system counts 1900-01-01 as day 1 and keeps Lotus 1-2-3's fictitious 1900-02-29 (day 60), so
/// from day 61 on a serial is days since 1899-12-30; the 1904 system (`date1904` in the workbook) counts days since
/// 1904-01-01. Whole days give `2024-05-01`, a time of day `2024-05-01 09:30:00` (rounded to the second), a serial
/// under 1 only the time `09:30:00`. Serials outside 0…2,958,465 (9999-12-31) are not dates: nil.
enum SerialDate {
    /// The text for `serial` in the given date system, or nil when it is no date Excel shows.
    static func text(_ serial: Double, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        let seconds = Int((serial * 86_400).rounded())
        let day = seconds / 86_400
        let time = seconds % 86_400
        let clock = two(time / 3600) + ":" + two(time / 60 % 60) + ":" + two(time % 60)
        if day == 0 && !date1904 { return clock }
        let date: String
        if date1904 {
            date = civil(daysSince1970: day + daysFrom1970(year: 1904, month: 1, day: 1))
        } else if day == 60 {
            date = "1900-02-29"
        } else {
            date = civil(daysSince1970: day + daysFrom1970(year: 1899, month: 12, day: day < 60 ? 31 : 30))
        }
        return time == 0 ? date : date + " " + clock
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
    static func daysFrom1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// `YYYY-MM-DD` of a day counted from 1970-01-01 (the inverse of `daysFrom1970`).
    static func civil(daysSince1970 days: Int) -> String {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        let yearText = String(year)
        return String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText + "-" + two(month) + "-" + two(day)
    }

    /// Whether a number format shows a date or time: Excel's built-in date and time formats (14–22, 45–47, and the
    /// Japanese 27–36, 50–58), or a format code holding y, m, d, h, s or the era's g/e outside quotes, escapes and
    /// brackets (colours, locales; an elapsed `[h]` is a duration, not a date).
    static func isDateFormat(id: Int, code: String?) -> Bool {
        if let code { return codeShowsDate(code) }
        return (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id)
    }

    private static func codeShowsDate(_ code: String) -> Bool {
        var quoted = false
        var bracket = false
        var escaped = false
        // Only the first section (positive numbers) decides; "General" is no date.
        for character in code.replacing(/(?i)general/, with: "") {
            if escaped { escaped = false; continue }
            if quoted { if character == "\"" { quoted = false }; continue }
            if bracket { if character == "]" { bracket = false }; continue }
            switch character {
            case "\"": quoted = true
            case "\\", "_", "*": escaped = true
            case "[": bracket = true
            case ";": return false
            // Not 'e': it is also the exponent of 0.00E+00 (the era year 'e' comes with 'g').
            case "y", "Y", "m", "M", "d", "D", "h", "H", "s", "S", "g", "G":
                return true
            default: continue
            }
        }
        return false
    }
}
