import Foundation
import Testing

/// Runs the built `cfnkit` binary the way users and CI do, and checks output and exit status.
struct CLI {
    static let binary: URL = {
        // The test bundle sits in the same build folder as the executable.
        var url = Bundle.main.bundleURL
        for _ in 0..<4 where !FileManager.default.fileExists(atPath: url.appendingPathComponent("cfnkit").path) {
            url = url.deletingLastPathComponent()
        }
        return url.appendingPathComponent("cfnkit")
    }()

    static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// True when the process was ended by a signal; `status` is then the signal number.
        var signaled = false
    }

    /// Where the child's standard output goes: a pipe read back into `Result.stdout` (the default),
    /// an existing file opened for writing (e.g. `/dev/full`), or a pipe whose reading end is
    /// already closed (every write fails with EPIPE, as for `cfnkit rules | head -0`).
    enum Stdout: Equatable {
        case captured
        case file(String)
        case brokenPipe
    }

    /// Runs the binary. `ignoringSIGPIPE` starts it with SIGPIPE ignored (through `/bin/sh -c 'trap "" PIPE; exec ...'`,
    /// the way some shells, CI runners and language runtimes start children), so a write to a
    /// closed pipe returns EPIPE instead of killing the process.
    static func run(_ arguments: [String], in directory: URL = projectRoot, stdin: String? = nil,
                    environment: [String: String] = [:], stdout: Stdout = .captured,
                    ignoringSIGPIPE: Bool = false, executable: URL? = nil) throws -> Result {
        let process = Process()
        if ignoringSIGPIPE {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "trap '' PIPE; exec \"$0\" \"$@\"", binary.path] + arguments
        } else {
            process.executableURL = executable ?? binary
            process.arguments = arguments
        }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        var outputFile: FileHandle?
        switch stdout {
        case .captured: process.standardOutput = out
        case .file(let path):
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            outputFile = handle
            process.standardOutput = handle
        case .brokenPipe:
            try out.fileHandleForReading.close()
            process.standardOutput = out.fileHandleForWriting
        }
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if stdout != .captured { try? out.fileHandleForWriting.close() }
        try outputFile?.close()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = stdout == .captured ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self),
                      signaled: process.terminationReason == .uncaughtSignal)
    }
}

extension CLI {
    /// A program on the PATH (the AWS CLI for the integration tests).
    static func findExecutable(_ name: String) -> URL? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return URL(fileURLWithPath: candidate) }
        }
        return nil
    }
}

struct CLITests {
    @Test("--version and --help")
    func versionAndHelp() throws {
        let version = try CLI.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("cfnkit "))
        let help = try CLI.run(["validate", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: cfnkit validate"))
    }

    @Test("validate: every example template loads")
    func validateTemplates() throws {
        let result = try CLI.run(["validate", "Templates"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("Templates/sqs-queues.yaml: ok (yaml, "))
        #expect(result.stdout.contains("Templates/s3-website.json: ok (json, "))
    }

    @Test("validate: errors are file:line:col, sorted, exit 2")
    func validateErrors() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cfnkit-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "Resources:\n  A: 1\n  A: 2\n".write(to: folder.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
        try "{\"Resources\": {},}".write(to: folder.appendingPathComponent("a.json"), atomically: true, encoding: .utf8)
        try "Resources: {}\n".write(to: folder.appendingPathComponent("ok.yml"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["validate", "-q", ".", "missing.yaml"], in: folder)
        #expect(result.status == 2)
        #expect(result.stdout == """
            ./a.json:1:18: error: trailing comma before '}' is not allowed in JSON
            ./b.yaml:3:3: error: duplicate key 'A' (first defined at line 2, column 3)
            missing.yaml:1:1: error: no such file

            """)
        let json = try CLI.run(["validate", "--format", "json", "b.yaml"], in: folder)
        #expect(json.status == 2)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(parsed?.first?["line"] as? Int == 3)
        #expect(parsed?.first?["kind"] as? String == "duplicateKey")
    }

    @Test("validate reads standard input")
    func validateStdin() throws {
        let result = try CLI.run(["validate", "-"], stdin: "Resources:\n  X: !Nope y\n")
        #expect(result.status == 2)
        #expect(result.stdout.hasPrefix("-:2:6: error: unknown tag !Nope"))
    }

    @Test("convert: JSON to YAML and back, atomically to a file, verified")
    func convert() throws {
        let yaml = try CLI.run(["convert", "--to", "yaml", "--verify", "Templates/s3-website.json"])
        #expect(yaml.status == 0, "\(yaml.stderr)")
        #expect(yaml.stdout.contains("!If"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cfnkit-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out.json").path
        let json = try CLI.run(["convert", "--to", "json", "--verify", "-o", out, "Templates/sqs-queues.yaml"])
        #expect(json.status == 0, "\(json.stderr)")
        let written = try String(contentsOfFile: out, encoding: .utf8)
        #expect(written.hasPrefix("{\n  \"AWSTemplateFormatVersion\": \"2010-09-09\""))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.json"])
        let bad = try CLI.run(["convert", "--to", "json", "-o", "/nonexistent-dir/x.json", "Templates/sqs-queues.yaml"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("does not exist"))
    }

    @Test("schema: a type summary and an unknown type")
    func schema() throws {
        let queue = try CLI.run(["schema", "AWS::SQS::Queue"])
        #expect(queue.status == 0)
        #expect(queue.stdout.contains("Ref returns: QueueUrl"))
        #expect(queue.stdout.contains("QueueName"))
        let unknown = try CLI.run(["schema", "AWS::SQS::Queu"])
        #expect(unknown.status == 1)
        #expect((unknown.stderr + unknown.stdout).contains("AWS::SQS::Queue"))
    }
}
