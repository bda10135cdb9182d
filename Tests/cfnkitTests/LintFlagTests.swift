import Foundation
import Testing

/// cfn-lint's short flags mean the same in `cfnkit lint`; the ones that cannot apply are refused
/// with the reason (exit 1), never silently ignored.
@Suite("cfn-lint flags in cfnkit lint")
struct LintFlagTests {
    @Test("-r, -e, -l and -v work as in cfn-lint")
    func sameMeaning() throws {
        let regions = try CLI.run(["lint", "-r", "eu-west-1", "-e", "--format", "parseable", "Templates/sqs-queues.yaml"])
        #expect(regions.status == 0, "\(regions.stderr)")
        let list = try CLI.run(["lint", "-l"])
        #expect(list.status == 0)
        #expect(list.stdout.hasPrefix("E0000 "))
        #expect(list.stdout == (try CLI.run(["rules"])).stdout)
        let version = try CLI.run(["lint", "-v"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("cfnkit "))
    }

    @Test("-D and -g are refused with the reason", arguments: [("-D", "debug log"), ("-g", "cfnkit graph TEMPLATE")])
    func refused(flag: String, reason: String) throws {
        let result = try CLI.run(["lint", flag, "Templates/sqs-queues.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr.contains(reason))
        #expect(result.stdout.isEmpty)
    }
}
