// swift-tools-version:6.0
import PackageDescription

// The target graph, a DAG: each target with the targets it depends on directly (C shims in brackets).
//
//   CFNTemplate       [CYAML]                                   loader, node tree, emitter
//   CFNSchema         CFNTemplate                               provider schemas
//   CFNIntrinsics     CFNTemplate, CFNSchema                    evaluator, conditions
//   CFNTransform      CFNTemplate, CFNSchema, CFNIntrinsics     SAM transform
//   CFNGraph          CFNTemplate, CFNSchema, CFNIntrinsics     dependency graph, plans
//   CFNLint           CFNGraph (and all below it)               lint engine and rules
//                     (+ RuleRegistryPlugin <- RuleRegistryGenerator, build time: the rule registry)
//   CFNRulePacks      CFNLint                                   shipped YAML rule packs
//   CFNLanguageServer CFNGraph, CFNLint, CFNRulePacks (and below) `cfnkit lsp`
//   CFNChangeSet      CFNGraph (and all below it)               change-set preview
//   CFNAWS            [CCurl], Crypto                           SigV4, bounded HTTP transport
//   CFNPackage        CFNTemplate, CFNIntrinsics, CFNAWS, [CZlib]  artifacts, zips, S3
//   CFNStack          CFNAWS, CFNChangeSet (and all below it)   the running stack as a change set's old side
//   cfnkit            every library above                       the CLI: parses arguments, prints
//
// Lower targets never import higher ones.
let package = Package(
    name: "cfnkit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "cfnkit", targets: ["cfnkit"]),
        .library(name: "CFNTemplate", targets: ["CFNTemplate"]),
        .library(name: "CFNSchema", targets: ["CFNSchema"]),
        .library(name: "CFNIntrinsics", targets: ["CFNIntrinsics"]),
        .library(name: "CFNTransform", targets: ["CFNTransform"]),
        .library(name: "CFNGraph", targets: ["CFNGraph"]),
        .library(name: "CFNLint", targets: ["CFNLint"]),
        .library(name: "CFNChangeSet", targets: ["CFNChangeSet"]),
        .library(name: "CFNPackage", targets: ["CFNPackage"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    ],
    targets: [
        // The system libyaml (apt: libyaml-dev, brew: libyaml), used through its event API.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // The system zlib (apt: zlib1g-dev), for deflate in reproducible zips.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // HTTP through the system libcurl, opened with dlopen only when an upload needs it (linking it
        // would slow every command's start); fixed-argument wrappers Swift can call.
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        // Loader (YAML + strict JSON) with positions, the node tree, the template model, the emitter.
        .target(name: "CFNTemplate", dependencies: ["CYAML"]),
        // Bundled CloudFormation resource provider schemas, loaded lazily per type.
        .target(name: "CFNSchema", dependencies: ["CFNTemplate"], resources: [.copy("Data")]),
        // Evaluates intrinsic functions and conditions in a context (parameters, region, account).
        .target(name: "CFNIntrinsics", dependencies: ["CFNTemplate", "CFNSchema"]),
        // The SAM transform (AWS::Serverless-2016-10-31) expanded offline into CloudFormation resources.
        .target(
            name: "CFNTransform",
            dependencies: ["CFNTemplate", "CFNSchema", "CFNIntrinsics", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // Dependency graph, create/delete waves, cycles, DependsOn checks.
        .target(name: "CFNGraph", dependencies: ["CFNTemplate", "CFNSchema", "CFNIntrinsics"]),
        // Lint engine, rules, output formats, suppressions. Its rule registry is generated from the
        // rule files (Rules/<Family>/<ID>.swift) by RuleRegistryPlugin at build time.
        .target(
            name: "CFNLint",
            dependencies: ["CFNTemplate", "CFNSchema", "CFNIntrinsics", "CFNGraph"],
            plugins: ["RuleRegistryPlugin"]
        ),
        // The build-time tool behind RuleRegistryPlugin: rule files in, `BuiltInRules.all` out.
        .executableTarget(name: "RuleRegistryGenerator"),
        .plugin(name: "RuleRegistryPlugin", capability: .buildTool(), dependencies: ["RuleRegistryGenerator"]),
        // The rule packs shipped with cfnkit: the YAML files of Rules/ (at the repository root) as resources.
        .target(
            name: "CFNRulePacks",
            dependencies: ["CFNLint"],
            path: "Rules",
            exclude: ["README.md"],
            sources: ["ShippedRulePacks.swift"],
            resources: [.copy("best-practices.yaml"), .copy("security.yaml")]
        ),
        // AWS access shared by the packager and the stack readers: SigV4, the bounded libcurl transport.
        .target(name: "CFNAWS", dependencies: ["CCurl", .product(name: "Crypto", package: "swift-crypto")]),
        // Change-set preview: what DescribeChangeSet will say, from two template versions.
        .target(name: "CFNChangeSet", dependencies: ["CFNTemplate", "CFNSchema", "CFNIntrinsics", "CFNGraph"]),
        // The running stack (read through CFNAWS) as the old side of a change set, plan or lint.
        .target(name: "CFNStack", dependencies: ["CFNAWS", "CFNTemplate", "CFNIntrinsics", "CFNGraph", "CFNChangeSet"]),
        // Packaging: nested stacks and code artifacts, reproducible zips, S3 uploads.
        .target(
            name: "CFNPackage",
            dependencies: [
                "CFNTemplate", "CFNIntrinsics", "CZlib", "CFNAWS",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The language server behind `cfnkit lsp`: JSON-RPC over stdio, diagnostics from the lint engine.
        .target(name: "CFNLanguageServer", dependencies: ["CFNTemplate", "CFNSchema", "CFNIntrinsics", "CFNGraph", "CFNLint", "CFNRulePacks"]),
        .executableTarget(
            name: "cfnkit",
            dependencies: [
                "CFNLanguageServer",
                "CFNTemplate",
                "CFNSchema",
                "CFNIntrinsics",
                "CFNTransform",
                "CFNGraph",
                "CFNLint",
                "CFNRulePacks",
                "CFNChangeSet",
                "CFNPackage",
                "CFNStack",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks: `swift run -c release cfnkit-bench` prints every table (cfnkit vs its floor or peer).
        .executableTarget(name: "cfnkit-bench", dependencies: ["CFNTemplate", "CFNSchema", "CFNIntrinsics", "CFNGraph", "CFNChangeSet", "CYAML"]),
        .testTarget(name: "CFNTemplateTests", dependencies: ["CFNTemplate"], resources: [.copy("Fixtures")]),
        .testTarget(name: "CFNSchemaTests", dependencies: ["CFNSchema"]),
        .testTarget(name: "CFNIntrinsicsTests", dependencies: ["CFNIntrinsics"], exclude: ["Fixtures"]),
        .testTarget(name: "CFNTransformTests", dependencies: ["CFNTransform"], resources: [.copy("Fixtures")]),
        .testTarget(name: "CFNGraphTests", dependencies: ["CFNGraph"]),
        .testTarget(name: "CFNLintTests", dependencies: ["CFNLint", "CFNRulePacks"]),
        .testTarget(name: "CFNChangeSetTests", dependencies: ["CFNChangeSet"], exclude: ["Fixtures"]),
        .testTarget(name: "CFNAWSTests", dependencies: ["CFNAWS"]),
        .testTarget(name: "CFNStackTests", dependencies: ["CFNStack"]),
        .testTarget(name: "CFNPackageTests", dependencies: ["CFNPackage"], resources: [.copy("Fixtures")]),
        .testTarget(name: "cfnkitTests", dependencies: ["cfnkit"], exclude: ["Fixtures"]),
    ]
)
