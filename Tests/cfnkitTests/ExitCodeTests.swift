import Foundation
import Testing

/// docs/EXIT-CODES.md: a usage error exits 1 from every command (ArgumentParser's 64 never escapes),
/// and a run that names no template fails.
@Suite("exit codes", .serialized)
struct ExitCodeTests {
    /// Each command with otherwise valid arguments, so the unknown flag is the only usage error
    /// (ArgumentParser reports a missing argument before an unknown flag).
    static let commands: [[String]] = [
        ["validate", "Templates/sqs-queues.yaml"], ["lint", "Templates/sqs-queues.yaml"], ["rules"],
        ["convert", "--to", "json", "Templates/sqs-queues.yaml"], ["schema", "AWS::SQS::Queue"],
        ["resolve", "Templates/sqs-queues.yaml"], ["graph", "Templates/sqs-queues.yaml"], ["plan", "Templates/sqs-queues.yaml"],
        ["diff", "Templates/sqs-queues.yaml", "Templates/sqs-queues-v2.yaml"],
        ["package", "--template-file", "Templates/sqs-queues.yaml", "--s3-bucket", "b"], ["init", "--stdout"],
    ]

    @Test("an unknown flag exits 1 from every command", arguments: commands)
    func unknownFlagIsUsageError(command: [String]) throws {
        let result = try CLI.run(command + ["--no-such-flag"])
        #expect(result.status == 1, "\(command): \(result.status) \(result.stderr)")
        #expect(result.stderr.contains("--no-such-flag"), "\(command): \(result.stderr)")
    }

    @Test("a missing argument exits 1, not ArgumentParser's 64")
    func missingArgumentIsUsageError() throws {
        let result = try CLI.run(["convert"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("Missing expected argument"))
    }

    @Test("an unknown subcommand exits 1")
    func unknownSubcommand() throws {
        #expect(try CLI.run(["lnt"]).status == 1)
    }

    @Test("lint of a pattern or folder matching nothing is E0003, exit 2, in every format", arguments: ["text", "parseable", "json", "junit", "sarif", "github"])
    func lintNothing(format: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cfnkit-e0003-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("empty"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLI.run(["lint", "-f", format, "stacks/**/*.yaml", "empty"], in: dir)
        #expect(result.status == 2, "\(format): \(result.status) \(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("E0003"))
        #expect(result.stdout.contains("stacks/**/*.yaml"))
        // The same through a .cfnlintrc whose globs match nothing.
        try "templates:\n  - 'stacks/**/*.yaml'\n".write(to: dir.appendingPathComponent(".cfnlintrc"), atomically: true, encoding: .utf8)
        let configured = try CLI.run(["lint", "-f", format], in: dir)
        #expect(configured.status == 2)
        #expect(configured.stdout.contains("E0003"))
    }

    @Test("validate of a pattern matching nothing names it and exits 1")
    func validateNothing() throws {
        let result = try CLI.run(["validate", "Templates/sqs-queues.yaml", "nowhere/**/*.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("nowhere/**/*.yaml"))
    }
}
