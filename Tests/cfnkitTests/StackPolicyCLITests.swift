import Foundation
import Testing

@Suite("cfnkit diff --stack-policy")
struct StackPolicyCLITests {
    @Test("A policy file denies a replacement (exit 3 with --fail-on policy-denied); the update's override allows it")
    func policyFileAndOverride() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cfnkit-policy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: a\n".write(to: folder.appendingPathComponent("old.yaml"), atomically: true, encoding: .utf8)
        try "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: b\n".write(to: folder.appendingPathComponent("new.yaml"), atomically: true, encoding: .utf8)
        try #"{"Statement": [{"Effect": "Allow", "Action": "Update:Modify", "Principal": "*", "Resource": "*"}]}"#
            .write(to: folder.appendingPathComponent("policy.json"), atomically: true, encoding: .utf8)
        try #"{"Statement": [{"Effect": "Allow", "Action": "Update:*", "Principal": "*", "Resource": "LogicalResourceId/Q"}]}"#
            .write(to: folder.appendingPathComponent("override.json"), atomically: true, encoding: .utf8)
        let denied = try CLI.run(["diff", "old.yaml", "new.yaml", "--stack-policy", "policy.json", "--format", "json", "--fail-on", "policy-denied"], in: folder)
        #expect(denied.status == 3, "\(denied.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(denied.stdout.utf8)) as? [String: Any]
        let policy = object?["StackPolicy"] as? [String: Any]
        let first = (policy?["Denied"] as? [[String: Any]])?.first
        #expect(first?["LogicalResourceId"] as? String == "Q")
        #expect(first?["Action"] as? String == "Update:Replace")
        let allowed = try CLI.run(["diff", "old.yaml", "new.yaml", "--stack-policy", "policy.json", "--stack-policy-during-update", "override.json",
                                   "--format", "table", "--fail-on", "policy-denied"], in: folder)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stdout.contains("Stack policy (--stack-policy-during-update override.json): allows every change."))
        let none = try CLI.run(["diff", "old.yaml", "new.yaml", "--fail-on", "policy-denied"], in: folder)
        #expect(none.status == 1)
    }
}
