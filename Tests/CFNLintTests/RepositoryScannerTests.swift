import CFNLint
import CFNTemplate
import Foundation
import Testing

@Suite struct RepositoryScannerTests {
    /// A scratch repository: file path -> contents.
    func repository(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cfnkit-scan-\(UUID().uuidString)").path
        for (path, text) in files {
            let full = (root as NSString).appendingPathComponent(path)
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        return root
    }

    let template = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n"

    @Test func findsTemplatesGlobsRegionsAndPacks() throws {
        let root = try repository([
            "stacks/app.yaml": template,
            "stacks/net/vpc.yaml": "Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n",
            "stacks/site.json": #"{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}"#,
            "stacks/sam.yaml": "Transform: AWS::Serverless-2016-10-31\nResources: {}\n",
            "stacks/params.json": #"{"Env": "prod"}"#,
            "stacks/topic.template": "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Sub 'arn:aws:sns:eu-west-1:1:x'\n",
            "root.yaml": template,
            "docker-compose.yml": "services: {}\n",
            "samconfig.toml": "[default.deploy.parameters]\nregion = \"eu-west-1\"\n",
            ".github/workflows/ci.yml": "env:\n  AWS_REGION: us-west-2\n  AZ: us-west-2a\n",
            "rules/security.yaml": "pack: security\nrules:\n  - id: X1\n",
            "broken/bad.yaml": "AWSTemplateFormatVersion: '2010-09-09'\nResources: [\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let scan = RepositoryScanner.scan(root, knownRegions: ["eu-west-1", "us-west-2", "us-east-1"])
        #expect(scan.templates == ["broken/bad.yaml", "root.yaml", "stacks/app.yaml", "stacks/net/vpc.yaml", "stacks/sam.yaml",
                                   "stacks/site.json", "stacks/topic.template"])
        #expect(scan.templateGlobs == ["root.yaml", "broken/**/*.yaml", "stacks/**/*.json", "stacks/**/*.template", "stacks/**/*.yaml"])
        #expect(scan.ignoredFiles == ["stacks/params.json"])
        #expect(scan.regions == ["eu-west-1", "us-west-2"])  // two mentions of eu-west-1; the AZ is not a region
        #expect(scan.rulePackFolders == ["rules"])

        // The config it writes is one cfnkit (and cfn-lint) reads back.
        let text = scan.cfnlintrc()
        let config = try LintConfig.parseFile(Array(text.utf8), path: ".cfnlintrc")
        #expect(config.templates == scan.templateGlobs)
        #expect(config.ignoreTemplates == ["stacks/params.json"])
        #expect(config.regions == ["eu-west-1", "us-west-2"])
        // The pack folders it found are the ones lint loads (`rules:`; `append_rules:` was never read).
        #expect(config.rulesDirectories == scan.rulePackFolders)
        #expect(!text.contains("append_rules"))
        let given = try LintConfig.parseFile(Array(scan.cfnlintrc(regions: ["ap-south-1"]).utf8), path: ".cfnlintrc")
        #expect(given.regions == ["ap-south-1"])
    }

    @Test func narrowsGlobsWhereOtherFilesDominate() throws {
        var files: [String: String] = ["infra/stacks/a.yaml": template, "infra/stacks/b.yaml": template]
        for i in 0..<5 { files["infra/k8s/deploy\(i).yaml"] = "kind: Deployment\n" }
        let root = try repository(files)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let scan = RepositoryScanner.scan(root, knownRegions: [])
        #expect(scan.templateGlobs == ["infra/stacks/**/*.yaml"])
        #expect(scan.ignoredFiles.isEmpty)
        #expect(scan.regions.isEmpty)
        let config = try LintConfig.parseFile(Array(scan.cfnlintrc().utf8), path: ".cfnlintrc")
        #expect(config.regions == ["us-east-1"])
    }

    @Test func emptyRepository() throws {
        let root = try repository(["README.md": "hi\n"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let scan = RepositoryScanner.scan(root, knownRegions: [])
        #expect(scan.templates.isEmpty)
        let config = try LintConfig.parseFile(Array(scan.cfnlintrc().utf8), path: ".cfnlintrc")
        #expect(config.templates == nil)
    }

    @Test func atomicCreateNeverReplaces() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cfnkit-create-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try AtomicFile.create(Data("one".utf8), at: path)
        #expect(throws: AtomicFile.ExistsError.self) { try AtomicFile.create(Data("two".utf8), at: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "one")
        let folder = (path as NSString).deletingLastPathComponent
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains((path as NSString).lastPathComponent + ".cfnkit-") }
        #expect(leftovers.isEmpty)
    }
}
