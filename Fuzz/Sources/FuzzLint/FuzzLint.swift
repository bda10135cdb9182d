import CFNLint
import CFNTemplate

// The whole lint engine on one template (every built-in rule, the loader in cfn-lint mode,
// suppressions and template-level config), then every output format.
let linter = Linter(today: "2025-01-01")
let settings = try! LintSettings(cli: LintConfig(regions: ["us-east-1", "eu-west-1"]), environment: [:])

@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let findings = linter.lint(bytes: bytes, path: "fuzz.yaml", settings: settings)
    let report = LintReport(files: ["fuzz.yaml"], findings: findings)
    for format in OutputFormat.allCases {
        _ = Formatter(format: format, color: false, version: "fuzz").render(report)
    }
    return 0
}
