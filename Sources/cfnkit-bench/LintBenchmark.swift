import Foundation

/// `cfnkit lint` vs `cfn-lint` on the same files in the same run, whole process each time (start-up
/// included, as a user or CI sees it): one small template, the whole public corpus in one call, and
/// a generated 500-resource template. Needs the `cfnkit` executable beside cfnkit-bench and
/// `cfn-lint` on PATH; a missing peer skips the table.
struct LintBenchmark {
    let runs: Int
    let corpus: URL

    func run() {
        let cfnkit = benchedCFNKit
        guard FileManager.default.isExecutableFile(atPath: cfnkit) else {
            print("\nlint: skipped: build cfnkit first (swift build -c release --product cfnkit)")
            return
        }
        guard let cfnLint = findExecutable("cfn-lint") else {
            print("\nlint: skipped: cfn-lint is not on PATH (pip install cfn-lint)")
            return
        }
        let folder = NSTemporaryDirectory() + "cfnkit-bench-lint-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let small = folder + "/small.yaml"
        try? """
            AWSTemplateFormatVersion: '2010-09-09'
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  VisibilityTimeout: 60
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  Subscription:
                    - Endpoint: !GetAtt Queue.Arn
                      Protocol: sqs
            """.write(toFile: small, atomically: true, encoding: .utf8)
        let large = folder + "/500.yaml"
        try? generatedTemplate(resources: 500).write(toFile: large, atomically: true, encoding: .utf8)
        var corpusFiles: [String] = []
        if let walker = FileManager.default.enumerator(atPath: corpus.path) {
            for case let path as String in walker where [".yaml", ".yml", ".json", ".template"].contains(where: path.hasSuffix) {
                corpusFiles.append(corpus.appendingPathComponent(path).path)
            }
        }
        corpusFiles.sort()

        var rows: [[String]] = []
        var cases: [(String, [String], Int)] = [("one small template", [small], runs), ("500-resource template", [large], runs)]
        if !corpusFiles.isEmpty { cases.insert(("public corpus, \(corpusFiles.count) files, one call", corpusFiles, max(1, min(runs, 3))), at: 1) }
        for (name, files, n) in cases {
            let ours = medianMilliseconds(runs: n) { runQuietly(cfnkit, ["lint", "--format", "parseable"] + files) }
            let peer = medianMilliseconds(runs: n) { runQuietly(cfnLint, ["--format", "parseable", "--"] + files) }
            rows.append([name, format(ours), format(peer), String(format: "%.1fx", peer / ours)])
        }
        printTable("lint: cfnkit lint vs cfn-lint (whole process, median of \(runs) runs; corpus: median of \(max(1, min(runs, 3))))",
                   ["case", "cfnkit ms", "cfn-lint ms", "cfn-lint / cfnkit"], rows)
    }

    private func findExecutable(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

}
