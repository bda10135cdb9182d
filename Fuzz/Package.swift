// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for cfnkit. A separate package so the root's `swift build` / `swift test`
// never builds them. Build and run with `Scripts/fuzz TARGET SECONDS` (which passes
// -sanitize=fuzzer,address and uses its own scratch path, .build-fuzz).
//
// Each target defines `LLVMFuzzerTestOneInput` with @_cdecl; its main.swift hands it to
// libFuzzer's `LLVMFuzzerRunDriver` (SwiftPM aliases `main` to `<Target>_main`, so libFuzzer's own
// `main` cannot be used).
let package = Package(
    name: "cfnkit-fuzz",
    dependencies: [.package(name: "cfnkit", path: "..")],
    targets: [
        .target(name: "FuzzSupport"),
        .executableTarget(name: "FuzzLoadYAML", dependencies: ["FuzzSupport", .product(name: "CFNTemplate", package: "cfnkit")]),
        .executableTarget(name: "FuzzLoadJSON", dependencies: ["FuzzSupport", .product(name: "CFNTemplate", package: "cfnkit")]),
        .executableTarget(name: "FuzzSub", dependencies: ["FuzzSupport", .product(name: "CFNTemplate", package: "cfnkit")]),
        .executableTarget(name: "FuzzEvaluator", dependencies: [
            "FuzzSupport",
            .product(name: "CFNTemplate", package: "cfnkit"),
            .product(name: "CFNIntrinsics", package: "cfnkit"),
            .product(name: "CFNGraph", package: "cfnkit"),
        ]),
        .executableTarget(name: "FuzzLint", dependencies: [
            "FuzzSupport", .product(name: "CFNTemplate", package: "cfnkit"), .product(name: "CFNLint", package: "cfnkit"),
        ]),
        .executableTarget(name: "FuzzChangeSet", dependencies: [
            "FuzzSupport",
            .product(name: "CFNTemplate", package: "cfnkit"),
            .product(name: "CFNIntrinsics", package: "cfnkit"),
            .product(name: "CFNChangeSet", package: "cfnkit"),
        ]),
        .executableTarget(name: "FuzzRulePack", dependencies: [
            "FuzzSupport", .product(name: "CFNTemplate", package: "cfnkit"), .product(name: "CFNLint", package: "cfnkit"),
        ]),
    ]
)
