import CFNIntrinsics
import CFNTemplate
import Testing

// Fn::ForEach expansion (AWS::LanguageExtensions).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html
@Suite("Fn::ForEach")
struct ForEachTests {
    func expand(_ body: String, parameters: [(String, String)] = [], limit: Int = 10_000) throws -> Evaluator {
        let text = "Transform: AWS::LanguageExtensions\nParameters:\n  Names: {Type: CommaDelimitedList, Default: 'A,B'}\n" + body
        var ctx = context(parameters)
        ctx.forEachLimit = limit
        return Evaluator(template: try loadTemplate(text), context: ctx)
    }

    @Test func documentedTopicsExample() throws {
        let e = try expand("""
            Resources:
              'Fn::ForEach::Topics':
                - TopicName
                - [Success, Failure, Timeout, Unknown]
                - 'SnsTopic${TopicName}':
                    Type: AWS::SNS::Topic
                    Properties:
                      TopicName: !Ref TopicName
                      FifoTopic: true
            """)
        #expect(e.errors.isEmpty)
        #expect(e.template.resources.map(\.logicalId) == ["SnsTopicSuccess", "SnsTopicFailure", "SnsTopicTimeout", "SnsTopicUnknown"])
        #expect(e.template.resource("SnsTopicTimeout")?.properties?["TopicName"]?.text == "Timeout")
    }

    @Test func ampersandFormDropsNonAlphanumerics() throws {
        let e = try expand("""
            Resources:
              Fn::ForEach::Subnets:
                - CIDR
                - [10.0.2.0/24, 10.0.3.0/24]
                - Subnet&{CIDR}:
                    Type: AWS::EC2::Subnet
                    Properties: {CidrBlock: !Ref CIDR, Name: '${CIDR}'}
            """)
        #expect(e.template.resources.map(\.logicalId) == ["Subnet1002024", "Subnet1003024"])
        #expect(e.template.resource("Subnet1003024")?.properties?["Name"]?.text == "10.0.3.0/24")
    }

    @Test func collectionFromAParameter() throws {
        let e = try expand("Resources:\n  Fn::ForEach::L: [N, !Ref Names, {'Q${N}': {Type: AWS::SQS::Queue}}]\n",
                           parameters: [("Names", "x, y, z")])
        #expect(e.template.resources.map(\.logicalId) == ["Qx", "Qy", "Qz"])
    }

    @Test func nestedLoops() throws {
        let e = try expand("""
            Resources:
              Fn::ForEach::Outer:
                - Env
                - [Dev, Prod]
                - Fn::ForEach::Inner:
                    - Tier
                    - [Web, Db]
                    - ${Env}${Tier}:
                        Type: AWS::SQS::Queue
                        Properties: {QueueName: !Sub '${Env}-${Tier}-${AWS::Region}'}
            """)
        #expect(e.errors.isEmpty)
        #expect(e.template.resources.map(\.logicalId) == ["DevWeb", "DevDb", "ProdWeb", "ProdDb"])
        #expect(e.evaluate(e.template.resource("ProdDb")!.properties!["QueueName"]!).stringValue == "Prod-Db-us-east-1")
    }

    @Test func loopsInPropertiesConditionsAndOutputs() throws {
        let e = try expand("""
            Conditions:
              Fn::ForEach::C: [N, [A, B], {'Is${N}': !Equals [!Ref AWS::Region, '${N}']}]
            Resources:
              T:
                Type: AWS::SNS::Topic
                Properties:
                  Tags:
                    Fn::ForEach::Tag: [K, [a, b], {'${K}': v}]
            Outputs:
              Fn::ForEach::O: [N, [A, B], {'Out${N}': {Value: '${N}'}}]
            """)
        #expect(e.template.conditions.map(\.name) == ["IsA", "IsB"])
        #expect(compact(e.template.resource("T")!.properties!) == #"{"Tags":{"a":"v","b":"v"}}"#)
        #expect(e.template.outputs.map(\.name) == ["OutA", "OutB"])
        #expect(e.conditionValue(named: "IsA") == false)
    }

    @Test func expansionIsBounded() throws {
        let e = try expand("""
            Resources:
              Fn::ForEach::A:
                - X
                - [a, b, c, d, e, f, g, h, i, j]
                - Fn::ForEach::B:
                    - Y
                    - [a, b, c, d, e, f, g, h, i, j]
                    - 'R${X}${Y}': {Type: AWS::SQS::Queue}
            """, limit: 25)
        #expect(e.errors.contains { $0.kind == .limitExceeded })
        #expect(e.template.resources.count == 25)
    }

    @Test func nestingDepthIsBounded() throws {
        var body = "'R${I0}${I1}${I2}${I3}${I4}${I5}': {Type: AWS::SQS::Queue}"
        for i in (0..<6).reversed() { body = "{Fn::ForEach::L\(i): [I\(i), [a], \(body)]}" }
        let e = try expand("Resources: \(body)\n")
        #expect(e.errors.contains { $0.kind == .forEach && $0.message.contains("nested") })
    }

    @Test(arguments: [
        ("Resources:\n  Fn::ForEach::L: [N, [a]]\n", EvaluationError.Kind.wrongArgumentCount),
        ("Resources:\n  Fn::ForEach::L: [[N], [a], {'Q${N}': {Type: AWS::SQS::Queue}}]\n", .wrongArgumentType),
        ("Resources:\n  Fn::ForEach::L: [N, !GetAZs '', Q]\n", .wrongArgumentType),
        ("Resources:\n  Fn::ForEach::L: [N, [a], {'Q': {Type: AWS::SQS::Queue}}]\n", .forEach),
        ("Resources:\n  Q: {Type: AWS::SQS::Queue}\n  Fn::ForEach::L: [N, !GetAtt Q.Arn, {'Q${N}': {Type: AWS::SQS::Queue}}]\n", .forEach),
        ("Resources:\n  Fn::ForEach::L: [N, [[a]], {'Q${N}': {Type: AWS::SQS::Queue}}]\n", .forEach),
        ("Resources:\n  Fn::ForEach::L: [N, [a, a], {'Q${N}': {Type: AWS::SQS::Queue}}]\n", .forEach),
    ])
    func badLoops(_ body: String, _ kind: EvaluationError.Kind) throws {
        let e = try expand(body)
        #expect(e.errors.contains { $0.kind == kind }, "\(e.errors)")
    }

    @Test func intrinsicDeletionPolicyUnderTheTransform() throws {
        let t = try loadTemplate("""
            Transform: AWS::LanguageExtensions
            Parameters: {Keep: {Type: String, Default: 'yes'}}
            Conditions: {KeepIt: !Equals [!Ref Keep, 'yes']}
            Resources:
              B:
                Type: AWS::S3::Bucket
                DeletionPolicy: !If [KeepIt, Retain, Delete]
                UpdateReplacePolicy: !Ref Keep
            """)
        let r = TemplateResolver.resolve(t, context: context()).template
        #expect(r.resource("B")?.deletionPolicy?.text == "Retain")
        #expect(r.resource("B")?.updateReplacePolicy?.text == "yes")
        #expect(r.transforms.isEmpty)
    }
}
