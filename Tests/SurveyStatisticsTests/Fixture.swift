import Foundation

/// Reads the reference fixtures written by `Fixtures/reference.R` and `Fixtures/nist_reference.py`.
enum Fixture {
    /// Errors raised while reading a fixture.
    struct Missing: Error, CustomStringConvertible {
        /// What could not be found.
        let description: String
    }

    /// URL of `Fixtures/<name>.<ext>` inside the test bundle.
    static func url(_ name: String, _ ext: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures") else {
            throw Missing(description: "fixture \(name).\(ext) not found in the test bundle")
        }
        return url
    }

    /// The lines of a text fixture, without empty lines.
    static func lines(_ name: String, _ ext: String) throws -> [String] {
        let text = try String(contentsOf: url(name, ext), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
    }

    /// A CSV fixture (no quoting; the fixtures never contain commas inside fields) as header-keyed rows.
    static func csv(_ name: String) throws -> [[String: String]] {
        let lines = try lines(name, "csv")
        guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) else {
            throw Missing(description: "fixture \(name).csv is empty")
        }
        return lines.dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: zip(header, fields))
        }
    }

    /// A number field; nil for "NA" or a missing field.
    static func double(_ field: String?) -> Double? {
        guard let field, field != "NA" else { return nil }
        return Double(field)
    }

    /// An integer field; nil for "NA" or a missing field.
    static func int(_ field: String?) -> Int? {
        guard let field, field != "NA" else { return nil }
        return Int(field)
    }

    /// A table written as "a b c;d e f".
    static func table(_ field: String?) -> [[Int]] {
        (field ?? "").split(separator: ";").map { row in row.split(separator: " ").compactMap { Int($0) } }
    }

    /// A space-separated list of integers.
    static func ints(_ field: String?) -> [Int] {
        (field ?? "").split(separator: " ").compactMap { Int($0) }
    }

    /// A space-separated list of doubles.
    static func doubles(_ field: String?) -> [Double] {
        (field ?? "").split(separator: " ").compactMap { Double($0) }
    }
}
