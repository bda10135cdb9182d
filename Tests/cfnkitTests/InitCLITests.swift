import Foundation
import Testing

@Suite("cfnkit init and --version", .serialized)
struct InitCLITests {
    @Test("init writes a .cfnlintrc that lint uses, and keeps an existing one unless --force")
    func initWritesConfig() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cfnkit-init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("stacks"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["sqs-queues.yaml", "s3-website.json"] {
            try FileManager.default.copyItem(at: CLI.projectRoot.appendingPathComponent("Templates/\(name)"),
                                             to: folder.appendingPathComponent("stacks/\(name)"))
        }
        try "Env: prod\n".write(to: folder.appendingPathComponent("stacks/params.yaml"), atomically: true, encoding: .utf8)

        let first = try CLI.run(["init"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("wrote ./.cfnlintrc: 2 templates in 2 globs, 1 other file ignored"))
        let config = try String(contentsOf: folder.appendingPathComponent(".cfnlintrc"), encoding: .utf8)
        #expect(config.contains("templates:\n  - 'stacks/**/*.json'\n  - 'stacks/**/*.yaml'\n"))
        #expect(config.contains("ignore_templates:\n  - 'stacks/params.yaml'\n"))

        let lint = try CLI.run(["lint"], in: folder)
        #expect(lint.status == 0, "\(lint.stdout)\(lint.stderr)")

        let again = try CLI.run(["init"], in: folder)
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists (use --force"))
        let forced = try CLI.run(["init", "--force", "--regions", "eu-west-1"], in: folder)
        #expect(forced.status == 0)
        #expect(try String(contentsOf: folder.appendingPathComponent(".cfnlintrc"), encoding: .utf8).contains("regions:\n  - 'eu-west-1'\n"))
        let printed = try CLI.run(["init", "--stdout"], in: folder)
        #expect(printed.status == 0)
        #expect(printed.stdout.hasPrefix("# cfnkit / cfn-lint configuration"))
    }

    @Test("--version names the schema data and rules it carries")
    func versionReport() throws {
        let version = try CLI.run(["--version"])
        #expect(version.status == 0)
        let lines = version.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("cfnkit ") == true)
        #expect(lines.contains { $0.hasPrefix("schemas: cfn-lint 1.51.0 provider schemas (") })
        #expect(lines.contains { $0.hasPrefix("rules: ") && $0.contains("built-in") })
        #expect(lines.contains { $0.hasPrefix("rule packs: ") })
        #expect(lines.contains { $0.hasPrefix("data: ") && $0.hasSuffix("(bundle)") })
        // CFNKIT_DATA_DIR comes first.
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["--version"]
        var env = ProcessInfo.processInfo.environment
        env["CFNKIT_DATA_DIR"] = CLI.projectRoot.appendingPathComponent("Sources/CFNSchema/Data").path
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(text.contains("Sources/CFNSchema/Data (environment)"))
    }
}
