import CFNGraph
import CFNTemplate
import Foundation
import Testing

func template(_ text: String, path: String = "t.yaml") throws -> Template {
    Template(try TemplateLoader(limits: LoaderLimits(unknownTags: .longForm)).load(bytes: Array(text.utf8), path: path))
}

let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

@Suite("Dependency graph edges")
struct EdgeTests {
    static let source = """
        Parameters:
          Env: {Type: String}
        Mappings:
          Sizes: {dev: {Size: 1}}
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
          IsProdToo: !And [!Condition IsProd, !Not [!Equals [!Ref Env, dev]]]
        Resources:
          Bucket:
            Type: AWS::S3::Bucket
          Role:
            Type: AWS::IAM::Role
            Condition: IsProd
            Properties:
              Path: !Sub '/${Env}/${Bucket}/${Bucket.Arn}/${AWS::Region}/${!Literal}'
              Description: !Sub ['${Local}-${Bucket}', {Local: !GetAtt Bucket.DomainName}]
          Fn:
            Type: AWS::Lambda::Function
            DependsOn: [Role]
            Properties:
              Role: !GetAtt [Role, Arn]
              Code: {S3Bucket: !Ref Bucket, S3Key: !FindInMap [Sizes, !Ref Env, Size]}
              Description: {"Fn::GetAtt": "Role.RoleId"}
        Outputs:
          Out:
            Condition: IsProdToo
            Value: !Ref Fn
        """

    @Test("Every edge source, with kind, attribute, position and path")
    func edgeSources() throws {
        let graph = DependencyGraph(template: try template(Self.source))
        let role = graph.edges(from: GraphNodeID(kind: .resource, name: "Role"))
        let described = role.map { "\($0.kind.rawValue) \($0.to.description) \($0.attribute ?? "-") \($0.range.start)" }
        #expect(described == [
            "Condition condition:IsProd - 13:16",
            "Sub parameter:Env - 15:13",
            "Sub resource:Bucket - 15:13",
            "Sub resource:Bucket Arn 15:13",
            "GetAtt resource:Bucket DomainName 16:56",
            "Sub resource:Bucket - 16:26",
        ])
        let fn = graph.edges(from: GraphNodeID(kind: .resource, name: "Fn"))
        #expect(fn.map(\.kind) == [.dependsOn, .getAtt, .ref, .findInMap, .ref, .getAtt])
        #expect(fn[0].range.start == SourcePosition(line: 19, column: 17))
        #expect(fn[1].path == ["Resources", "Fn", "Properties", "Role", "Fn::GetAtt"])
        #expect(fn[5].attribute == "RoleId")
        let conditions = graph.edges(from: GraphNodeID(kind: .condition, name: "IsProdToo"))
        #expect(conditions.map(\.to.description) == ["condition:IsProd", "parameter:Env"])
        let output = graph.edges(from: GraphNodeID(kind: .output, name: "Out"))
        #expect(output.map(\.to.description) == ["condition:IsProdToo", "resource:Fn"])
        #expect(graph.unresolved.isEmpty)
        #expect(graph.edges(to: GraphNodeID(kind: .resource, name: "Bucket")).count == 5)
    }

    @Test("Without a context both Fn::If branches count; with one only the taken branch")
    func untakenBranches() throws {
        let t = try template("""
            Conditions:
              C: !Equals [a, b]
            Resources:
              A: {Type: AWS::SNS::Topic}
              B: {Type: AWS::SNS::Topic}
              Guarded: {Type: AWS::SNS::Topic, Condition: C}
              X:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !If [C, !Ref A, !GetAtt B.TopicName]
            """)
        let all = DependencyGraph(template: t)
        #expect(all.edges(from: GraphNodeID(kind: .resource, name: "X")).map(\.to.name) == ["C", "A", "B"])
        let whenTrue = DependencyGraph(template: t) { $0 == "C" ? true : nil }
        #expect(whenTrue.edges(from: GraphNodeID(kind: .resource, name: "X")).map(\.to.name) == ["C", "A"])
        let whenFalse = DependencyGraph(template: t) { $0 == "C" ? false : nil }
        #expect(whenFalse.edges(from: GraphNodeID(kind: .resource, name: "X")).map(\.to.name) == ["C", "B"])
        #expect(whenFalse.excludedResources == ["Guarded"])
        #expect(whenFalse.resource("Guarded") == nil)
    }

    @Test("References to things that do not exist are kept as unresolved")
    func unresolved() throws {
        let graph = DependencyGraph(template: try template("""
            Resources:
              A:
                Type: AWS::SNS::Topic
                DependsOn: Missing
                Properties: {DisplayName: !Ref Nope, TopicName: !Sub '${Gone.Arn}'}
            """))
        #expect(graph.unresolved.map { "\($0.kind.rawValue) \($0.to.name)" } == ["DependsOn Missing", "Ref Nope", "Sub Gone"])
    }

    @Test("ForEach identifiers are not references")
    func forEachIdentifiers() throws {
        let graph = DependencyGraph(template: try template("""
            Transform: AWS::LanguageExtensions
            Resources:
              Real: {Type: AWS::SNS::Topic}
              Fn::ForEach::Topics:
                - Name
                - [a, b]
                - Topic${Name}:
                    Type: AWS::SNS::Topic
                    Properties: {DisplayName: !Sub '${Name}-${Real}'}
            """))
        #expect(graph.unresolved.isEmpty)
    }
}

@Suite("Cycles")
struct CycleTests {
    @Test("A cycle is reported once, as a path with each edge's position")
    func simpleCycle() throws {
        let graph = DependencyGraph(template: try template("""
            Resources:
              A: {Type: AWS::SNS::Topic, Properties: {DisplayName: !Ref B}}
              B: {Type: AWS::SNS::Topic, Properties: {DisplayName: !GetAtt C.TopicName}}
              C: {Type: AWS::SNS::Topic, Properties: {DisplayName: !Sub '${A}'}}
              D: {Type: AWS::SNS::Topic, DependsOn: D}
              E: {Type: AWS::SNS::Topic, DependsOn: A}
            """))
        let cycles = graph.resourceCycles
        #expect(cycles.count == 2)
        #expect(cycles[0].members == ["A", "B", "C"])
        #expect(cycles[0].pathDescription == "A -> B -> C -> A")
        #expect(cycles[0].edges.map(\.kind) == [.ref, .getAtt, .sub])
        #expect(cycles[0].edges[1].range.start == SourcePosition(line: 3, column: 56))
        #expect(cycles[1].pathDescription == "D -> D")
        #expect(throws: DeploymentPlan.PlanError.self) { try DeploymentPlan(graph: graph) }
    }

    @Test("A 500-resource cycle is found in milliseconds")
    func largeCycle() throws {
        var text = "Resources:\n"
        for i in 0..<500 { text += "  R\(i): {Type: AWS::SNS::Topic, Properties: {DisplayName: !Ref R\((i + 1) % 500)}}\n" }
        let start = ContinuousClock.now
        let cycles = DependencyGraph(template: try template(text)).resourceCycles
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(cycles.count == 1)
        #expect(cycles[0].members.count == 500)
        #expect(cycles[0].path.count == 500)
    }

    @Test("Conditions that use each other form a cycle")
    func conditionCycle() throws {
        let graph = DependencyGraph(template: try template("""
            Conditions:
              A: !And [!Condition B, !Equals [x, x]]
              B: !Not [!Condition A]
            Resources: {}
            """))
        #expect(graph.conditionCycles.map(\.pathDescription) == ["A -> B -> A"])
    }
}

@Suite("Planner")
struct PlannerTests {
    @Test("Waves in template order, delete order, critical path, retained")
    func waves() throws {
        let graph = DependencyGraph(template: try template("""
            Resources:
              Fn: {Type: AWS::Lambda::Function, Properties: {Role: !GetAtt Role.Arn, Layers: [!Ref Layer]}}
              Bucket: {Type: AWS::S3::Bucket, DeletionPolicy: Retain}
              Role: {Type: AWS::IAM::Role, Properties: {Path: !Sub '/${Bucket}/'}}
              Layer: {Type: AWS::Lambda::LayerVersion}
              Alias: {Type: AWS::Lambda::Alias, DependsOn: Fn}
            """))
        let plan = try DeploymentPlan(graph: graph)
        #expect(plan.waves == [["Bucket", "Layer"], ["Role"], ["Fn"], ["Alias"]])
        #expect(plan.deleteOrder == [["Alias"], ["Fn"], ["Role", "Layer"], ["Bucket"]])
        #expect(plan.criticalPath == ["Bucket", "Role", "Fn", "Alias"])
        #expect(plan.retained == ["Bucket"])
    }

    @Test("The example templates plan")
    func examples() throws {
        let v2 = try Template.load(path: projectRoot.appendingPathComponent("Templates/sqs-queues-v2.yaml").path)
        let plan = try DeploymentPlan(graph: DependencyGraph(template: v2))
        #expect(plan.waves.count == 4)
        #expect(plan.waves.last == ["QueueConsumerFunction"])
        #expect(plan.criticalPath.last == "QueueConsumerFunction")
        let vpc = try Template.load(path: projectRoot.appendingPathComponent("Templates/vpc.yaml").path)
        let vpcPlan = try DeploymentPlan(graph: DependencyGraph(template: vpc))
        #expect(vpcPlan.waves.first?.contains("Vpc") == true || vpcPlan.waves.first?.contains("VPC") == true)
    }
}

@Suite("DependsOn checks")
struct DependsOnCheckTests {
    @Test("Missing (with suggestion), duplicate, self, redundant, conditional target")
    func checks() throws {
        let t = try template("""
            Conditions:
              C: !Equals [a, b]
            Resources:
              Queue: {Type: AWS::SQS::Queue}
              Optional: {Type: AWS::SNS::Topic, Condition: C}
              Fn:
                Type: AWS::Lambda::Function
                DependsOn: [Qeue, Queue, Queue, Fn, Optional]
                Properties: {Environment: {Variables: {URL: !Ref Queue}}}
            """)
        let findings = DependsOnCheck(graph: DependencyGraph(template: t)).findings()
        #expect(findings.map(\.kind) == [.missingTarget, .redundant, .duplicateTarget, .selfDependency, .conditionalTarget])
        #expect(findings[0].suggestion == "Queue")
        #expect(findings[0].range.start == SourcePosition(line: 8, column: 17))
        #expect(findings[1].message == "'Queue' dependency already enforced by a 'Ref' at 'Resources/Fn/Properties/Environment/Variables/URL/Ref'")
        #expect(findings[4].message == "'Optional' will not exist when condition 'C' is False")
    }

    @Test("A dependent under the same condition as its target is fine")
    func sameCondition() throws {
        let t = try template("""
            Conditions:
              C: !Equals [a, b]
            Resources:
              A: {Type: AWS::SNS::Topic, Condition: C}
              B: {Type: AWS::SNS::Topic, Condition: C, DependsOn: A}
            """)
        #expect(DependsOnCheck(graph: DependencyGraph(template: t)).findings().isEmpty)
    }
}

@Suite("Nested stacks and several stacks")
struct MultiStackTests {
    @Test("The nested example: children load, parameters and outputs match")
    func nestedExample() throws {
        let root = try Template.load(path: projectRoot.appendingPathComponent("Templates/nested/root.yaml").path)
        var resolver = NestedStackResolver()
        let stacks = resolver.resolve(root)
        #expect(stacks.map(\.logicalId) == ["NetworkStack", "AppStack"])
        #expect(stacks.allSatisfy { $0.template != nil })
        #expect(resolver.findings.isEmpty, "\(resolver.findings)")
    }

    @Test("Unknown and missing parameters, missing outputs, and a nesting cycle")
    func nestedProblems() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cfnkit-nested-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
            Resources:
              Child:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: child.yaml
                  Parameters: {VpcCidr: 10.0.0.0/16, Extra: x}
              User:
                Type: AWS::SNS::Topic
                Properties: {DisplayName: !GetAtt Child.Outputs.Missing}
            """.write(to: folder.appendingPathComponent("parent.yaml"), atomically: true, encoding: .utf8)
        try """
            Parameters:
              VpcCidr: {Type: String}
              Name: {Type: String}
            Resources:
              Loop:
                Type: AWS::CloudFormation::Stack
                Properties: {TemplateURL: ./parent.yaml}
            Outputs:
              Present: {Value: x}
            """.write(to: folder.appendingPathComponent("child.yaml"), atomically: true, encoding: .utf8)
        let parent = try Template.load(path: folder.appendingPathComponent("parent.yaml").path)
        var resolver = NestedStackResolver()
        _ = resolver.resolve(parent)
        #expect(resolver.findings.map(\.kind) == [.unknownParameter, .missingParameter, .missingOutput, .cycle])
        #expect(resolver.findings[0].range.start == SourcePosition(line: 6, column: 42))
        #expect(resolver.findings[3].message.contains("parent.yaml -> child.yaml -> parent.yaml"))
    }

    @Test("Exports and imports order stacks; unresolved imports and duplicate exports are reported")
    func stackSet() throws {
        let vpc = try Template.load(path: projectRoot.appendingPathComponent("Templates/vpc.yaml").path)
        let app = try Template.load(path: projectRoot.appendingPathComponent("Templates/app.yaml").path)
        let named = StackSet(templates: [app, vpc], stackNames: [vpc.path: "cfnkit-network"])
        #expect(named.deployOrder == [["cfnkit-network"], ["app"]])
        #expect(named.findings.isEmpty, "\(named.findings)")
        let unnamed = StackSet(templates: [app, vpc])
        #expect(unnamed.findings.allSatisfy { $0.kind == .unresolvedImport })
        #expect(!unnamed.findings.isEmpty)
        let twice = StackSet(templates: [vpc, vpc], stackNames: [:])
        #expect(twice.findings.contains { $0.kind == .duplicateExport })
    }

    @Test("Export and import names are evaluated like the stack would: mappings, region, Select, parameter defaults")
    func stackSetEvaluatesNames() throws {
        let loader = TemplateLoader()
        let exporter = Template(try loader.load(bytes: Array("""
            Parameters: {Env: {Type: String, Default: prod}}
            Mappings: {Names: {eu-west-1: {Prefix: net}}}
            Resources: {Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}}
            Outputs:
              VpcId:
                Value: !Ref Vpc
                Export: {Name: !Sub ["${P}-${Env}-${AWS::Region}", {P: !FindInMap [Names, !Ref AWS::Region, Prefix]}]}
            """.utf8), path: "network.yaml"))
        let importer = Template(try loader.load(bytes: Array("""
            Resources:
              Sg:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: x
                  VpcId:
                    Fn::ImportValue: !Join ["-", [!Select [1, [x, net]], prod, eu-west-1]]
            """.utf8), path: "app.yaml"))
        let set = StackSet(templates: [importer, exporter], region: "eu-west-1")
        #expect(set.exports.map(\.name) == ["net-prod-eu-west-1"])
        #expect(set.findings.isEmpty, "\(set.findings)")
        #expect(set.deployOrder == [["network"], ["app"]])
        // In another region the names differ, so the import is unresolved.
        let elsewhere = StackSet(templates: [importer, exporter], region: "us-east-1")
        #expect(elsewhere.findings.map(\.kind) == [.unresolvedImport])
    }
}

@Suite("Rendering")
struct RenderTests {
    @Test("DOT, Mermaid and JSON show kinds, conditional resources and cycles")
    func formats() throws {
        let graph = DependencyGraph(template: try template("""
            Conditions:
              C: !Equals [a, b]
            Resources:
              A: {Type: AWS::SNS::Topic, Condition: C, Properties: {DisplayName: !Ref B}}
              B: {Type: AWS::SNS::Topic, DependsOn: A}
            """))
        let dot = GraphRenderer(graph: graph).dot()
        #expect(dot.contains("\"resource:A\" [label=\"A\\nAWS::SNS::Topic\", shape=box, style=dashed];"))
        #expect(dot.contains("\"resource:B\" -> \"resource:A\" [label=\"DependsOn\", style=dashed, color=red, fontcolor=red];"))
        let mermaid = GraphRenderer(graph: graph, include: [.condition]).mermaid()
        #expect(mermaid.contains("n0{\"C<br/>(condition)\"}"))
        #expect(mermaid.contains("linkStyle"))
        let json = try JSONSerialization.jsonObject(with: Data(GraphRenderer(graph: graph).json().utf8)) as? [String: Any]
        #expect((json?["cycles"] as? [[String]]) == [["A", "B"]])
    }
}
