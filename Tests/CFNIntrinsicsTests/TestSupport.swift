import CFNIntrinsics
import CFNTemplate
import Foundation

/// This test folder, found from the source path so no resource bundle is needed.
let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
/// The repository's example templates.
let exampleTemplates = testsDirectory.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Templates")

func loadTemplate(_ text: String, path: String = "test.yaml") throws -> Template {
    Template(try TemplateLoader().load(bytes: Array(text.utf8), path: path))
}

func context(_ parameters: [(String, String)] = [], region: String = "us-east-1", stackName: String? = "teststack",
             policy: EvaluationContext.ParameterPolicy = .deploy) -> EvaluationContext {
    EvaluationContext(region: region, stackName: stackName, parameters: ParameterValues(parameters), parameterPolicy: policy)
}

/// One-line JSON of a node, for compact expectations.
func compact(_ node: Node) -> String {
    switch node.value {
    case .scalar(let s):
        switch s.resolved.kind {
        case .string: return Emitter.jsonString(s.text)
        case .null: return "null"
        case .boolean: return s.text.lowercased()
        case .integer, .float: return s.text
        }
    case .sequence(let items): return "[" + items.map(compact).joined(separator: ",") + "]"
    case .mapping(let m): return "{" + m.entries.map { Emitter.jsonString($0.key.name) + ":" + compact($0.value) }.joined(separator: ",") + "}"
    }
}

/// The shared template the table-driven cases evaluate expressions in. `EXPR` is replaced by the
/// expression under test.
let caseTemplate = """
    AWSTemplateFormatVersion: '2010-09-09'
    TRANSFORM
    Parameters:
      Env: {Type: String, Default: dev, AllowedValues: [dev, staging, prod]}
      EnvironmentType: {Type: String, Default: prod}
      DbSubnetIpBlocks: {Type: CommaDelimitedList, Default: "10.0.48.0/24, 10.0.112.0/24, 10.0.176.0/24"}
      Count: {Type: Number, Default: 3}
      Ports: {Type: List<Number>, Default: "80,443"}
      ImageId: {Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: /aws/service/ami-amazon-linux-latest/al2023}
      Empty: {Type: String, Default: ""}
      RootDomainName: {Type: String, Default: example.com}
      NetworkStackNameParameter: {Type: String, Default: net}
      AttrName: {Type: String, Default: Arn}
      CidrParam: {Type: String, Default: 10.0.0.0/16}
      ExistingSecurityGroup: {Type: String, Default: sg-0123}
      DBSnapshotName: {Type: String, Default: snap-1}
    Mappings:
      RegionMap:
        us-east-1: {HVM64: ami-0ff8a91507f77f867, HVMG2: ami-0a584ac55a7631c0c}
        us-west-1: {HVM64: ami-0bdb828fd58c52235, HVMG2: ami-066ee5fd4a9ef77f1}
      EnvMap:
        dev: {Size: small, Count: 2, Zones: [a, b]}
        prod: {Size: large, Count: 6, Zones: [a, b, c]}
    Conditions:
      IsProd: !Equals [!Ref Env, prod]
      IsDev: !Equals [!Ref Env, dev]
      NotProd: !Not [!Condition IsProd]
      CreateProdResources: !Equals [!Ref EnvironmentType, prod]
      CreateNewSecurityGroup: !Equals [!Ref ExistingSecurityGroup, NONE]
      UseDBSnapshot: !Not [!Equals [!Ref DBSnapshotName, ""]]
      DevOrProd: !Or [!Condition IsDev, !Condition IsProd]
      ProdAndDev: !And [!Condition IsProd, !Condition IsDev]
      QueueIsNamedX: !Equals [!GetAtt Queue.QueueName, x]
    Resources:
      Queue: {Type: AWS::SQS::Queue}
      myELB: {Type: AWS::ElasticLoadBalancing::LoadBalancer, Properties: {Listeners: []}}
      vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
      NewSecurityGroup: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: x}}
      ProdTopic: {Type: AWS::SNS::Topic, Condition: IsProd}
      Target:
        Type: AWS::SNS::Topic
        Properties:
          Value: EXPR
    """
