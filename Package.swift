// swift-tools-version:6.0
import PackageDescription

// Layers, bottom to top. Each target depends only on layers below it.
//   CYAML -> CFNTemplate -> CFNSchema -> CFNIntrinsics -> CFNGraph -> CFNLint -> CFNChangeSet -> CFNPackage -> cfnkit
let package = Package(
    name: "cfnkit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "cfnkit", targets: ["cfnkit"]),
        .library(name: "CFNTemplate", targets: ["CFNTemplate"]),
        .library(name: "CFNSchema", targets: ["CFNSchema"]),
        .library(name: "CFNIntrinsics", targets: ["CFNIntrinsics"]),
        .library(name: "CFNGraph", targets: ["CFNGraph"]),
        .library(name: "CFNLint", targets: ["CFNLint"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The system libyaml (apt: libyaml-dev, brew: libyaml), used through its event API.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // Loader (YAML + strict JSON) with positions, the node tree, the template model, the emitter.
        .target(name: "CFNTemplate", dependencies: ["CYAML"]),
        // Bundled CloudFormation resource provider schemas, loaded lazily per type.
        .target(name: "CFNSchema", dependencies: ["CFNTemplate"], resources: [.copy("Data")]),
        // Evaluates intrinsic functions and conditions in a context (parameters, region, account).
        .target(name: "CFNIntrinsics", dependencies: ["CFNTemplate", "CFNSchema"]),
        // Dependency graph, create/delete waves, cycles, DependsOn checks.
        .target(name: "CFNGraph", dependencies: ["CFNTemplate", "CFNSchema", "CFNIntrinsics"]),
        // Lint engine, rules, output formats, suppressions.
        .target(name: "CFNLint", dependencies: ["CFNTemplate", "CFNSchema", "CFNIntrinsics", "CFNGraph"]),
        .executableTarget(
            name: "cfnkit",
            dependencies: [
                "CFNTemplate",
                "CFNSchema",
                "CFNIntrinsics",
                "CFNGraph",
                "CFNLint",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks: `swift run -c release cfnkit-bench` prints every table (cfnkit vs its floor or peer).
        .executableTarget(name: "cfnkit-bench", dependencies: ["CFNTemplate", "CFNSchema", "CFNIntrinsics", "CFNGraph", "CYAML"]),
        .testTarget(name: "CFNTemplateTests", dependencies: ["CFNTemplate"], resources: [.copy("Fixtures")]),
        .testTarget(name: "CFNSchemaTests", dependencies: ["CFNSchema"]),
        .testTarget(name: "CFNIntrinsicsTests", dependencies: ["CFNIntrinsics"]),
        .testTarget(name: "CFNGraphTests", dependencies: ["CFNGraph"]),
        .testTarget(name: "CFNLintTests", dependencies: ["CFNLint"]),
        .testTarget(name: "cfnkitTests", dependencies: ["cfnkit"]),
    ]
)
