// swift-tools-version:6.0
// Stand-alone benchmark for CFNSchema (kept out of the main package graph).
// Run: cd Benchmarks/SchemaBench && swift run -c release --scratch-path ../../.build-bench schema-bench
import PackageDescription

let package = Package(
    name: "SchemaBench",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "cfnkit", path: "../..")],
    targets: [
        .executableTarget(name: "schema-bench", dependencies: [.product(name: "CFNSchema", package: "cfnkit")])
    ]
)
