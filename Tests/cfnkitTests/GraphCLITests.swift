import Foundation
import Testing

@Suite("cfnkit graph and plan", .serialized)
struct GraphCLITests {
    @Test("plan --format json has waves, deleteOrder, criticalPath and retained")
    func planJSON() throws {
        let result = try CLI.run(["plan", "Templates/sqs-queues-v2.yaml", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let waves = object?["waves"] as? [[String]]
        #expect(waves?.first == ["DeadLetterQueue", "AlarmTopic"])
        #expect((object?["retained"] as? [String]) == ["DeadLetterQueue"])
        #expect((object?["criticalPath"] as? [String])?.last == "QueueConsumerFunction")
        #expect(object?["deleteOrder"] != nil)
    }

    @Test("A parameter that makes a condition false drops the resources it guards")
    func planWithContext() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cfnkit-ctx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
            Parameters:
              Env: {Type: String, Default: dev, AllowedValues: [dev, prod]}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Topic: {Type: AWS::SNS::Topic}
              Alarm: {Type: AWS::SNS::Topic, Condition: IsProd, Properties: {DisplayName: !GetAtt Topic.TopicName}}
            """.write(to: folder.appendingPathComponent("t.yaml"), atomically: true, encoding: .utf8)
        let all = try CLI.run(["plan", "t.yaml", "--format", "json"], in: folder)
        let dev = try CLI.run(["plan", "t.yaml", "--format", "json", "--parameter", "Env=dev"], in: folder)
        let prod = try CLI.run(["plan", "t.yaml", "--format", "json", "--parameter", "Env=prod"], in: folder)
        func waves(_ r: CLI.Result) throws -> [[String]]? {
            (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])?["waves"] as? [[String]]
        }
        #expect(try waves(all) == [["Topic"], ["Alarm"]])
        #expect(try waves(dev) == [["Topic"]])
        #expect(try waves(prod) == [["Topic"], ["Alarm"]])
    }

    @Test("A cycle exits 2 and prints the path with positions")
    func cycle() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cfnkit-cycle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
            Resources:
              A: {Type: AWS::SNS::Topic, Properties: {DisplayName: !Ref B}}
              B: {Type: AWS::SNS::Topic, DependsOn: A}
            """.write(to: folder.appendingPathComponent("c.yaml"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["plan", "c.yaml"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("c.yaml:2:56: error: circular dependency: A -> B -> A"))
        let dot = try CLI.run(["graph", "c.yaml"], in: folder)
        #expect(dot.status == 0)
        #expect(dot.stdout.contains("color=red"))
        let mermaid = try CLI.run(["graph", "c.yaml", "--format", "mermaid", "--include", "conditions"], in: folder)
        #expect(mermaid.stdout.hasPrefix("flowchart BT"))
    }

    @Test("Several templates: stacks ordered by their exports and imports")
    func stackOrder() throws {
        let result = try CLI.run(["plan", "Templates/app.yaml", "Templates/vpc.yaml", "--stack-names", "Templates/vpc.yaml=cfnkit-network"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Stack deploy order"))
        #expect(result.stdout.contains("1  cfnkit-network"))
        #expect(result.stdout.contains("2  app"))
    }
}
