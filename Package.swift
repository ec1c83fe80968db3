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
        .target(name: "SurveyDrafting", dependencies: ["SurveyIngest", "SurveyDiagnostics"], exclude: ["README.md"]),
        .target(name: "SurveyDefinition", dependencies: ["SurveyDiagnostics", "Yams"], exclude: ["README.md"]),
        .target(name: "SurveyResponses", dependencies: ["SurveyIngest", "SurveyDefinition", "SurveyDiagnostics"], exclude: ["README.md"]),
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
        .executableTarget(
            name: "survey",
            dependencies: [
                "SurveyDiagnostics", "SurveyIngest", "SurveyDrafting", "SurveyDefinition", "SurveyResponses",
                "SurveyTabulation", "SurveyReports", "SurveyWaves",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SurveyIngestTests", dependencies: ["SurveyIngest"]),
        .testTarget(name: "SurveyDefinitionTests", dependencies: ["SurveyDefinition"]),
        .testTarget(name: "SurveyResponsesTests", dependencies: ["SurveyResponses"]),
        .testTarget(
            name: "SurveyStatisticsTests",
            dependencies: ["SurveyStatistics"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "SurveyTabulationTests", dependencies: ["SurveyTabulation", "SurveyReports", "SurveyResponses", "SurveyIngest", "ZIPFoundation"], exclude: ["Fixtures"]),
        .testTarget(name: "SurveyWavesTests", dependencies: ["SurveyWaves"], resources: [.copy("Fixtures")]),
        .testTarget(name: "EndToEndTests", dependencies: ["survey"], exclude: ["Fixtures"]),
    ]
)
