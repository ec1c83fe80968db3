// swift-tools-version: 6.0
import PackageDescription

// The targets read as the pipeline:
// ingest → definition → coded responses → statistics → tabulation → reports → (waves).
let package = Package(
    name: "survey",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "survey", targets: ["survey"]),
        // The library, for packages that build on it (the fuzz targets in Fuzz/).
        .library(
            name: "SurveyKit",
            targets: ["SurveyDiagnostics", "SurveyIngest", "SurveyDefinition", "SurveyResponses", "SurveyStatistics",
                      "SurveyTabulation", "SurveyReports", "SurveyWaves"]
        ),
        // What the tests share (reference paths, seeded generators, temporary folders), for the test targets and
        // the fuzz targets' differential reading; the tool does not link it.
        .library(name: "SurveyTestSupport", targets: ["SurveyTestSupport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibCSV",
            providers: [.apt(["libcsv-dev"])]
        ),
        // libxlsxwriter writes tables.xlsx (Debian: libxlsxwriter-dev).
        .systemLibrary(
            name: "CLibXLSXWriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .target(name: "SurveyDiagnostics", exclude: ["README.md"]),
        .target(name: "SurveyIngest", dependencies: ["CLibCSV", "SurveyDiagnostics", "ZIPFoundation"], exclude: ["README.md"]),
        // Drafts survey.yaml from raw exports (`survey init`): reads through ingest, writes definition text.
        .target(name: "SurveyDrafting", dependencies: ["SurveyIngest", "SurveyResponses", "SurveyDiagnostics"], exclude: ["README.md"]),
        .target(name: "SurveyDefinition", dependencies: ["SurveyDiagnostics", "Yams"], exclude: ["README.md"]),
        // Responses use statistics' pure raking and trimming to give each respondent a weight as the wave loads.
        .target(name: "SurveyResponses", dependencies: ["SurveyIngest", "SurveyDefinition", "SurveyDiagnostics", "SurveyStatistics"], exclude: ["README.md"]),
        .target(name: "SurveyStatistics", exclude: ["README.md"]),
        .target(name: "SurveyTabulation", dependencies: ["SurveyResponses", "SurveyDefinition", "SurveyStatistics"], exclude: ["README.md"]),
        .target(name: "CFileSystem"),
        .target(
            name: "SurveyReports",
            dependencies: ["SurveyDiagnostics", "SurveyTabulation", "SurveyResponses", "SurveyDefinition", "CFileSystem", "CLibXLSXWriter", "ZIPFoundation"],
            exclude: ["README.md"]
        ),
        .target(
            name: "SurveyWaves",
            dependencies: ["SurveyDiagnostics", "SurveyDefinition", "SurveyResponses", "SurveyStatistics", "SurveyTabulation", "SurveyReports"],
            exclude: ["README.md"]
        ),
        // Test support (as swift-argument-parser's ArgumentParserTestHelpers): the reference paths the fast ones are
        // checked against (`ReferenceReader`, `RowTabulator`) and the helpers every test target uses.
        .target(
            name: "SurveyTestSupport",
            dependencies: ["SurveyDiagnostics", "SurveyIngest", "SurveyDefinition", "SurveyResponses", "SurveyStatistics",
                           "SurveyTabulation"],
            exclude: ["README.md"]
        ),
        .executableTarget(
            name: "survey",
            dependencies: [
                "SurveyDiagnostics", "SurveyIngest", "SurveyDrafting", "SurveyDefinition", "SurveyResponses",
                "SurveyTabulation", "SurveyReports", "SurveyWaves",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SurveyIngestTests", dependencies: ["SurveyIngest", "SurveyTestSupport"]),
        .testTarget(name: "SurveyDefinitionTests", dependencies: ["SurveyDefinition", "SurveyTestSupport"]),
        .testTarget(name: "SurveyResponsesTests", dependencies: ["SurveyResponses", "SurveyTestSupport"]),
        .testTarget(
            name: "SurveyStatisticsTests",
            dependencies: ["SurveyStatistics", "SurveyTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "SurveyTabulationTests", dependencies: ["SurveyTabulation", "SurveyReports", "SurveyResponses", "SurveyIngest", "ZIPFoundation",
                                                                  "SurveyTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "SurveyWavesTests", dependencies: ["SurveyWaves", "SurveyTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "EndToEndTests", dependencies: ["survey", "SurveyTestSupport"], exclude: ["Fixtures"]),
    ]
)
