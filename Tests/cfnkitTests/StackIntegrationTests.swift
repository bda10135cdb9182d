import Foundation
import Testing

/// `cfnkit diff --stack` against real stacks on a local CloudFormation endpoint (moto_server in CI:
/// `CFNKIT_TEST_S3_ENDPOINT`, the same server answers CloudFormation). Stacks are created with the
/// AWS CLI, never with cfnkit (which has no write calls). Golden folders, one per case, in
/// `Fixtures/stack-diff/CASE/`: `deployed.yaml` (or `deployed.ref`, a repository path), `create.args`
/// (more create-stack arguments, one a line), `policy.json` (the stack policy), `new.yaml`, `args`
/// (more diff arguments), `expected.txt` (the table; physical ids as `<id:LogicalId>`, the stack as
/// `<stack>`). `CFNKIT_UPDATE_GOLDEN=1` rewrites `expected.txt`.
@Suite("diff --stack against a local CloudFormation", .serialized)
struct StackIntegrationTests {
    static let endpoint = ProcessInfo.processInfo.environment["CFNKIT_TEST_S3_ENDPOINT"]
    static let aws = CLI.findExecutable("aws")
    static let root = CLI.projectRoot.appendingPathComponent("Tests/cfnkitTests/Fixtures/stack-diff")
    static let cases = (try? FileManager.default.contentsOfDirectory(atPath: root.path).sorted()) ?? []
    /// No real credentials or config reach the tests: a scratch HOME and moto's dummy keys.
    static let environment: [String: String] = [
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1", "AWS_REGION": "us-east-1",
        "HOME": FileManager.default.temporaryDirectory.path, "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
        "AWS_PAGER": "",
    ]

    static func awsCLI(_ arguments: [String]) throws -> CLI.Result {
        try CLI.run(["--endpoint-url", endpoint!] + arguments, environment: environment, executable: aws!)
    }

    static func lines(_ url: URL) -> [String] {
        ((try? String(contentsOf: url, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// Creates the case's stack and returns its name and physical ids.
    static func createStack(_ folder: URL, name: String) throws -> [String: String] {
        var template = folder.appendingPathComponent("deployed.yaml")
        if let ref = lines(folder.appendingPathComponent("deployed.ref")).first {
            template = CLI.projectRoot.appendingPathComponent(ref)
        }
        var arguments = ["cloudformation", "create-stack", "--stack-name", name, "--template-body", "file://\(template.path)"]
        arguments += lines(folder.appendingPathComponent("create.args"))
        let policy = folder.appendingPathComponent("policy.json")
        if FileManager.default.fileExists(atPath: policy.path) { arguments += ["--stack-policy-body", "file://\(policy.path)"] }
        let created = try awsCLI(arguments)
        guard created.status == 0 else { throw CLIFailure("create-stack: \(created.stderr)\(created.stdout)") }
        let listed = try awsCLI(["cloudformation", "list-stack-resources", "--stack-name", name, "--output", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any]
        var ids: [String: String] = [:]
        for r in object?["StackResourceSummaries"] as? [[String: Any]] ?? [] {
            if let logical = r["LogicalResourceId"] as? String, !logical.isEmpty, let physical = r["PhysicalResourceId"] as? String {
                ids[logical] = physical
            }
        }
        return ids
    }

    @Test("Golden preview of an update of a running stack", arguments: cases)
    func golden(_ name: String) throws {
        guard Self.endpoint != nil, Self.aws != nil else {
            print("skipping diff --stack integration test: CFNKIT_TEST_S3_ENDPOINT is not set or aws is missing (start moto_server)")
            return
        }
        let folder = Self.root.appendingPathComponent(name)
        let stack = "cfnkit-\(name)-\(UUID().uuidString.prefix(8).lowercased())"
        let ids = try Self.createStack(folder, name: stack)
        defer { _ = try? Self.awsCLI(["cloudformation", "delete-stack", "--stack-name", stack]) }
        let result = try CLI.run(["diff", "--stack", stack, folder.appendingPathComponent("new.yaml").path,
                                  "--endpoint-url", Self.endpoint!, "--format", "table"] + Self.lines(folder.appendingPathComponent("args")),
                                 environment: Self.environment)
        var output = result.stdout + (result.status == 0 ? "" : "exit \(result.status)\n")
        // Longest first, so an id that contains another is replaced whole.
        for (logical, physical) in ids.sorted(by: { $0.value.count > $1.value.count }) {
            output = output.replacingOccurrences(of: physical, with: "<id:\(logical)>")
        }
        output = output.replacingOccurrences(of: stack, with: "<stack>")
        // Column widths follow the ids' lengths, which moto randomises: compare without runs of spaces.
        func squeezed(_ text: String) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { line in line.allSatisfy { $0 == "-" || $0 == " " } && !line.isEmpty ? "---" : line.split(separator: " ").joined(separator: " ") }
                .joined(separator: "\n")
        }
        output = squeezed(output)
        let expectedURL = folder.appendingPathComponent("expected.txt")
        if ProcessInfo.processInfo.environment["CFNKIT_UPDATE_GOLDEN"] == "1" {
            try output.write(to: expectedURL, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(output == expected, "stderr: \(result.stderr)")
    }

    @Test("A stack that does not exist, and an endpoint that is down, each say what to do")
    func errors() throws {
        guard Self.endpoint != nil else { return }
        let missing = try CLI.run(["diff", "--stack", "cfnkit-no-such-stack", "Templates/sqs-queues.yaml", "--endpoint-url", Self.endpoint!],
                                  environment: Self.environment)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("stack 'cfnkit-no-such-stack' does not exist in us-east-1"))
        let noCredentials = try CLI.run(["diff", "--stack", "s", "Templates/sqs-queues.yaml", "--endpoint-url", Self.endpoint!],
                                        environment: Self.environment.merging(["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": ""]) { $1 })
        #expect(noCredentials.status == 1)
        #expect(noCredentials.stderr.contains("no AWS credentials found"))
    }
}

struct CLIFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
