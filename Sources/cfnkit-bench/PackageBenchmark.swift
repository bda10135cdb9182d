import Foundation

/// `cfnkit package` to an output folder vs `aws cloudformation package` to a local moto_server, on a
/// generated project of 20 functions and 2,000 files (~50 MB). Both are timed as the commands users run
/// (process start included), so cfnkit-bench needs the `cfnkit` executable built beside it
/// (`swift build -c release --product cfnkit`), not the CFNPackage library.
struct PackageBenchmark {
    let runs: Int

    func run() {
        let project = NSTemporaryDirectory() + "cfnkit-bench-package-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: project) }
        let bytes = Self.generate(at: project, functions: 20, files: 2_000, totalBytes: 50 << 20)
        let template = project + "/template.yaml"
        guard FileManager.default.isExecutableFile(atPath: Self.cfnkitExecutable) else {
            print("\npackage: skipped: build cfnkit first (swift build -c release --product cfnkit); looked for \(Self.cfnkitExecutable)")
            return
        }
        var rows: [[String]] = []

        let cfnkitMs = medianMilliseconds(runs: runs) {
            let out = project + "-out-" + UUID().uuidString
            defer { try? FileManager.default.removeItem(atPath: out) }
            Self.packageWithCFNKit(template: template, outputDir: out)
        }
        rows.append(["cfnkit package --output-dir", format(cfnkitMs), String(format: "%.0f", Double(bytes) / 1_048_576 / (cfnkitMs / 1000))])

        if let peer = Self.awsPeer() {
            let awsRuns = max(1, runs / 3)
            let ms = medianMilliseconds(runs: awsRuns) { peer.package(template) }
            rows.append(["aws cloudformation package (moto, \(awsRuns) runs)", format(ms), String(format: "%.0f", Double(bytes) / 1_048_576 / (ms / 1000))])
            peer.stop()
        } else {
            print("\npackage: skipping the aws-cli peer: `aws` and `moto_server` are needed on PATH")
        }
        printTable("Package 20 functions, 2,000 files, \(bytes / 1_048_576) MB (median of \(runs) runs, ms)",
                   ["tool", "ms", "MB/s"], rows)
    }

    static var cfnkitExecutable: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("cfnkit").path
    }

    static func packageWithCFNKit(template: String, outputDir: String) {
        _ = shell([cfnkitExecutable, "package", "--template-file", template, "--s3-bucket", "bench", "--s3-prefix", "p",
                   "--output-dir", outputDir, "--output-template-file", outputDir + ".yaml"])
        try? FileManager.default.removeItem(atPath: outputDir + ".yaml")
    }

    /// Writes the project; returns the bytes of code written.
    static func generate(at root: String, functions: Int, files: Int, totalBytes: Int) -> Int {
        var generator = SeededGenerator(seed: 11)
        let perFile = totalBytes / files
        let words = ["lambda", "handler", "event", "context", "return", "value", "config", "import", "async", "result",
                     "bucket", "stack", "deploy", "record", "stream", "queue"]
        var total = 0
        var text = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n"
        for f in 0..<functions {
            let folder = root + "/functions/fn\(f)"
            for i in 0..<(files / functions) {
                let sub = folder + "/pkg\(i % 10)"
                try? FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
                var content = ""
                content.reserveCapacity(perFile + 32)
                while content.utf8.count < perFile {
                    // Half text (compressible), half hex noise, like minified code and assets.
                    if generator.next() % 2 == 0 {
                        content += words[Int(generator.next() % UInt64(words.count))] + " "
                    } else {
                        content += String(generator.next(), radix: 16)
                    }
                    if generator.next() % 12 == 0 { content += "\n" }
                }
                _ = FileManager.default.createFile(atPath: sub + "/file\(i).js", contents: Data(content.utf8))
                total += content.utf8.count
            }
            text += """
                  Fn\(f):
                    Type: AWS::Lambda::Function
                    Properties:
                      Runtime: nodejs20.x
                      Handler: index.handler
                      Role: arn:aws:iam::123456789012:role/bench
                      Code: functions/fn\(f)

                """
        }
        _ = FileManager.default.createFile(atPath: root + "/template.yaml", contents: Data(text.utf8))
        return total
    }

    /// aws-cli against a moto_server it starts on a free port.
    final class AWSPeer {
        let moto: Process
        let environment: [String: String]

        init(moto: Process, environment: [String: String]) {
            self.moto = moto
            self.environment = environment
        }

        func package(_ template: String) {
            let out = template + ".aws-packaged.yaml"
            _ = shell(["aws", "cloudformation", "package", "--template-file", template, "--s3-bucket", "bench", "--s3-prefix", "p",
                       "--force-upload", "--output-template-file", out], environment: environment)
        }

        func stop() {
            moto.terminate()
            moto.waitUntilExit()
        }
    }

    static func awsPeer() -> AWSPeer? {
        guard shell(["aws", "--version"]) == 0, shell(["which", "moto_server"]) == 0 else { return nil }
        let port = 20_000 + Int(getpid() % 20_000)
        let moto = Process()
        moto.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        moto.arguments = ["moto_server", "-H", "127.0.0.1", "-p", "\(port)"]
        moto.standardOutput = FileHandle.nullDevice
        moto.standardError = FileHandle.nullDevice
        guard (try? moto.run()) != nil else { return nil }
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_ACCESS_KEY_ID"] = "testing"
        environment["AWS_SECRET_ACCESS_KEY"] = "testing"
        environment["AWS_DEFAULT_REGION"] = "us-east-1"
        environment["AWS_ENDPOINT_URL_S3"] = "http://127.0.0.1:\(port)"
        environment.removeValue(forKey: "AWS_PROFILE")
        for _ in 0..<50 {
            if shell(["aws", "s3", "mb", "s3://bench"], environment: environment) == 0 { return AWSPeer(moto: moto, environment: environment) }
            Thread.sleep(forTimeInterval: 0.2)
        }
        moto.terminate()
        return nil
    }
}

@discardableResult
private func shell(_ arguments: [String], environment: [String: String]? = nil) -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    if let environment { process.environment = environment }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return -1 }
    process.waitUntilExit()
    return process.terminationStatus
}
