// swift-tools-version:5.3
import PackageDescription

// The fuzz targets (libFuzzer): a package of their own, so the main package builds and tests without them.
// Tools version 5.3 on purpose: from 5.5 on, SwiftPM renames an executable's entry point (for testing) and
// links `main` to it, while libFuzzer brings its own `main` and the targets define only the callback.
// Built and run by `make fuzz` at the repository root (see Fuzz/run.sh):
//   swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -enable-testing
let package = Package(
    name: "SurveyFuzz",
    platforms: [.macOS(.v10_15)],
    dependencies: [
        .package(name: "survey", path: ".."),
    ],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "SurveyKit", package: "survey")]),
        // Reading: encoding detection, CSV, coding against a definition, tabulation, reports in memory.
        .target(name: "FuzzReading", dependencies: ["FuzzSupport", .product(name: "SurveyKit", package: "survey"),
                                                   .product(name: "SurveyTestSupport", package: "survey")]),
        // survey.yaml and series.yaml parsing, then the wave or the series comparison end to end.
        .target(name: "FuzzDefinitions", dependencies: ["FuzzSupport", .product(name: "SurveyKit", package: "survey")]),
    ]
)
