import Foundation
import Testing

/// Limits without an error of their own (docs/LIMITS.md).
@Suite("Limits", .serialized)
struct LimitsTests {
    @Test("CFNKIT_MAX_CONCURRENT_FILES=1 lints the same files to the same findings")
    func concurrentFiles() throws {
        let many = try CLI.run(["lint", "--format", "parseable", "Templates", "Tests/BadInput"])
        let one = try CLI.run(["lint", "--format", "parseable", "Templates", "Tests/BadInput"], environment: ["CFNKIT_MAX_CONCURRENT_FILES": "1"])
        #expect(many.status == one.status)
        #expect(many.stdout == one.stdout)
        #expect(!one.stdout.isEmpty)
    }

    @Test("A limit override that is not a positive integer keeps the default")
    func badOverride() throws {
        let result = try CLI.run(["validate", "Templates"], environment: ["CFNKIT_MAX_TEMPLATE_BYTES": "lots", "CFNKIT_MAX_DEPTH": "-1"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }
}
