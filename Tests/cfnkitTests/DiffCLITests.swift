import Foundation
import Testing

@Suite("cfnkit diff", .serialized)
struct DiffCLITests {
    @Test("The book's scenario: the new version adds exactly a function and its role")
    func twoAdds() throws {
        let result = try CLI.run(["diff", "Templates/sqs-queues.yaml", "Templates/sqs-queues-v2.yaml",
                                  "--old-parameter", "AlarmEmail=ops@example.com", "--parameter", "AlarmEmail=ops@example.com",
                                  "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let changes = object?["Changes"] as? [[String: Any]] ?? []
        let actions = changes.compactMap { ($0["ResourceChange"] as? [String: Any]).map { "\($0["Action"]!) \($0["LogicalResourceId"]!)" } }
        #expect(actions == ["Add QueueConsumerFunction", "Add QueueConsumerRole"])
        #expect(object?["Status"] as? String == "CREATE_COMPLETE")
    }

    @Test("A parameter without a value on the old side stops the preview (exit 2) and names --old-parameter")
    func missingOldParameter() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cfnkit-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let template = "Parameters:\n  Env:\n    Type: String\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Ref Env\n"
        try template.write(to: folder.appendingPathComponent("old.yaml"), atomically: true, encoding: .utf8)
        try template.write(to: folder.appendingPathComponent("new.yaml"), atomically: true, encoding: .utf8)
        // Following the old hint (--parameter, the new side) used to report a replacement that is not there.
        let result = try CLI.run(["diff", "old.yaml", "new.yaml", "--parameter", "Env=a", "--format", "json", "--fail-on", "replacement"],
                                 in: folder)
        #expect(result.status == 2, "\(result.stdout)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("old.yaml:2:3: error: parameter 'Env' has no value: give one (--old-parameter Env=...) or a Default"))
        let both = try CLI.run(["diff", "old.yaml", "new.yaml", "--old-parameter", "Env=a", "--parameter", "Env=a", "--format", "json"], in: folder)
        #expect(both.status == 0, "\(both.stderr)")
        // plan evaluates too: a parameter without a value stops it the same way.
        let plan = try CLI.run(["plan", "old.yaml", "--region", "us-east-1"], in: folder)
        #expect(plan.status == 2)
        #expect(plan.stderr.contains("parameter 'Env' has no value: give one (--parameter Env=...)"))
    }

    @Test("No change: FAILED with CloudFormation's reason; --fail-on any does not trigger")
    func noChange() throws {
        let result = try CLI.run(["diff", "Templates/vpc.yaml", "Templates/vpc.yaml", "--format", "json", "--fail-on", "any"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"Status\": \"FAILED\""))
        #expect(result.stdout.contains("The submitted information didn't contain changes. Submit different information to create a change set."))
    }

    @Test("--fail-on replacement exits 3 when a resource is replaced; text shows before and after")
    func failOnReplacement() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cfnkit-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: a}\n"
            .write(to: folder.appendingPathComponent("old.yaml"), atomically: true, encoding: .utf8)
        try "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: b}\n"
            .write(to: folder.appendingPathComponent("new.yaml"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["diff", "old.yaml", "new.yaml", "--format", "text", "--fail-on", "replacement"], in: folder)
        #expect(result.status == 3)
        #expect(result.stdout.contains("Properties/QueueName: a -> b"))
        #expect(result.stdout.contains("replacement: True"))
        let removal = try CLI.run(["diff", "old.yaml", "new.yaml", "--format", "table", "--fail-on", "removal"], in: folder)
        #expect(removal.status == 0)
        #expect(removal.stdout.contains("Modify  Q"))
    }

    @Test("--git reads the older version from the repository")
    func gitRevision() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cfnkit-git-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func git(_ args: String...) throws {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"] + args
            p.currentDirectoryURL = folder
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
        }
        let file = folder.appendingPathComponent("t.yaml")
        try "Resources:\n  T: {Type: AWS::SNS::Topic}\n".write(to: file, atomically: true, encoding: .utf8)
        try git("init", "-q")
        try git("add", "t.yaml")
        try git("commit", "-qm", "one")
        try "Resources:\n  T: {Type: AWS::SNS::Topic}\n  U: {Type: AWS::SNS::Topic}\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["diff", "--git", "HEAD", "t.yaml", "--format", "table"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        // A template not committed at the revision says so in one line.
        try "Resources:\n  T: {Type: AWS::SNS::Topic}\n".write(to: folder.appendingPathComponent("new.yaml"), atomically: true, encoding: .utf8)
        let uncommitted = try CLI.run(["diff", "--git", "HEAD", "new.yaml"], in: folder)
        #expect(uncommitted.status == 2)
        #expect(uncommitted.stderr == "cfnkit diff: new.yaml is not committed at HEAD, so there is no older version to compare with\n")
        #expect(result.stdout.contains("Add     U"))
        let bad = try CLI.run(["diff", "--git", "nope", "t.yaml"], in: folder)
        #expect(bad.status == 2)
    }

    @Test("--git with nested stacks reads the old children from the revision; table and text show them under their parent")
    func gitNestedStacks() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cfnkit-git-nested-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func git(_ args: String...) throws {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"] + args
            p.currentDirectoryURL = folder
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
        }
        let root = "Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: sub/child.yaml\n"
        try root.write(to: folder.appendingPathComponent("root.yaml"), atomically: true, encoding: .utf8)
        let child = folder.appendingPathComponent("sub/child.yaml")
        try "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: one\n".write(to: child, atomically: true, encoding: .utf8)
        try git("init", "-q")
        try git("add", "-A")
        try git("commit", "-qm", "one")
        // Only the child changes: read from the working tree, the old child would equal the new one.
        try "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: two\n".write(to: child, atomically: true, encoding: .utf8)
        let table = try CLI.run(["diff", "--git", "HEAD", "root.yaml", "--include-nested-stacks", "--format", "table"], in: folder)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("Modify    Bucket    <physical-id>  AWS::S3::Bucket             True"), "\(table.stdout)")
        #expect(table.stdout.contains("Child/Bucket (AWS::S3::Bucket):\n  Properties.BucketName  Static DirectModification  recreation: Always"))
        let text = try CLI.run(["diff", "--git", "HEAD", "root.yaml", "--include-nested-stacks", "--format", "text"], in: folder)
        #expect(text.stdout.contains("    | Modify  Bucket      <physical-id>  AWS::S3::Bucket  True"), "\(text.stdout)")
        // A replacement in a nested stack is a replacement.
        let fail = try CLI.run(["diff", "--git", "HEAD", "root.yaml", "--include-nested-stacks", "--fail-on", "replacement"], in: folder)
        #expect(fail.status == 3)
    }
}
