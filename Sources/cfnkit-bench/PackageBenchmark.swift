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
        let megabytes = Double(bytes) / 1_048_576
        func rate(_ ms: Double) -> String { String(format: "%.0f", megabytes / (ms / 1000)) }
        var rows: [[String]] = []

        let localMs = medianMilliseconds(runs: runs) {
            let out = project + "-out-" + UUID().uuidString
            defer { try? FileManager.default.removeItem(atPath: out) }
            Self.packageWithCFNKit(template: template, outputDir: out)
        }
        rows.append(["--output-dir (no network; the floor)", format(localMs), "-", "-", rate(localMs)])

        guard let peer = Self.awsPeer() else {
            print("\npackage: skipping the aws-cli peer: `aws` and `moto_server` are needed on PATH")
            printTable("Package 20 functions, 2,000 files, \(bytes / 1_048_576) MB (median of \(runs) runs, ms)",
                       ["case", "cfnkit", "aws-cli", "aws-cli / cfnkit", "cfnkit MB/s"], rows)
            return
        }
        defer { peer.stop() }
        // Both tools upload the same project to the same local S3 (moto), whole processes timed.
        let statuses = (peer.packageWithCFNKit(template, force: true), peer.packageWithAWS(template, force: true))
        guard statuses == (0, 0) else {
            FileHandle.standardError.write(Data("package: an upload to moto failed (cfnkit exit \(statuses.0), aws exit \(statuses.1))\n".utf8))
            exit(1)
        }
        let awsRuns = max(1, runs / 3)
        let cfnkitUpload = medianMilliseconds(runs: awsRuns) { peer.packageWithCFNKit(template, force: true) }
        let awsUpload = medianMilliseconds(runs: awsRuns) { peer.packageWithAWS(template, force: true) }
        rows.append(["upload everything to S3 (--force-upload)", format(cfnkitUpload), format(awsUpload),
                     String(format: "%.1fx", awsUpload / cfnkitUpload), rate(cfnkitUpload)])
        // The CI case: a fresh checkout (every mtime new), no code changed. cfnkit's zips are
        // reproducible, so their keys exist and nothing is uploaded; aws-cli's zips carry the new
        // mtimes, so their MD5 keys are new and everything is uploaded again.
        let touchAll = { Self.touchAll(project) }
        let cfnkitUnchanged = medianMilliseconds(runs: awsRuns) { touchAll(); peer.packageWithCFNKit(template, force: false) }
        let awsUnchanged = medianMilliseconds(runs: awsRuns) { touchAll(); peer.packageWithAWS(template, force: false) }
        rows.append(["again after a fresh checkout, no code changed", format(cfnkitUnchanged), format(awsUnchanged),
                     String(format: "%.1fx", awsUnchanged / cfnkitUnchanged), rate(cfnkitUnchanged)])
        printTable("Package 20 functions, 2,000 files, \(bytes / 1_048_576) MB to a local S3 (moto); median of \(runs) runs (local) and \(awsRuns) (S3), ms",
                   ["case", "cfnkit", "aws-cli", "aws-cli / cfnkit", "cfnkit MB/s"], rows)
    }

    /// Sets every file's modification time to now, as a fresh clone does.
    static func touchAll(_ root: String) {
        let now = Date()
        guard let files = FileManager.default.enumerator(atPath: root) else { return }
        for case let relative as String in files {
            try? FileManager.default.setAttributes([.modificationDate: now], ofItemAtPath: root + "/" + relative)
        }
    }

    static var cfnkitExecutable: String { benchedCFNKit }

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

        @discardableResult
        func packageWithAWS(_ template: String, force: Bool) -> Int32 {
            let out = template + ".aws-packaged.yaml"
            return shell(["aws", "cloudformation", "package", "--template-file", template, "--s3-bucket", "bench", "--s3-prefix", "p",
                       "--output-template-file", out] + (force ? ["--force-upload"] : []), environment: environment)
        }

        @discardableResult
        func packageWithCFNKit(_ template: String, force: Bool) -> Int32 {
            let out = template + ".cfnkit-packaged.yaml"
            return shell([PackageBenchmark.cfnkitExecutable, "package", "--template-file", template, "--s3-bucket", "bench",
                       "--s3-prefix", "p", "--endpoint-url", environment["AWS_ENDPOINT_URL_S3"] ?? "",
                       "--output-template-file", out] + (force ? ["--force-upload"] : []), environment: environment)
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
    runQuietly(arguments[0], Array(arguments.dropFirst()), environment: environment)
}
