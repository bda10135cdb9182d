import CFNIntrinsics
import CFNTemplate
import Foundation
import Testing

// Parameter values in the three input formats, and CloudFormation's create-time checks.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
@Suite("Parameters")
struct ParameterTests {
    @Test func createStackListFormat() throws {
        let json = #"[{"ParameterKey": "Env", "ParameterValue": "prod"}, {"ParameterKey": "Count", "ParameterValue": 3}]"#
        let values = try ParameterValues.parse(json: Array(json.utf8), path: "p.json")
        #expect(values["Env"]?.value == "prod")
        #expect(values["Count"]?.value == "3")
        #expect(values["Env"]?.range.start == SourcePosition(line: 1, column: 19))
    }

    @Test func codePipelineFormat() throws {
        let json = "{\n  \"Parameters\": {\"Env\": \"prod\", \"Subnets\": \"a,b\"},\n  \"Tags\": {\"x\": \"y\"}\n}"
        let values = try ParameterValues.parse(json: Array(json.utf8), path: "config.json")
        #expect(values.names == ["Env", "Subnets"])
        #expect(values["Subnets"]?.value == "a,b")
        #expect(values["Env"]?.range.start.line == 2)
    }

    @Test func overridesFormat() throws {
        let values = try ParameterValues.parseOverrides(["Env=prod", "Query=a=b", "Empty="])
        #expect(values["Env"]?.value == "prod")
        #expect(values["Query"]?.value == "a=b")
        #expect(values["Empty"]?.value == "")
        #expect(throws: EvaluationError.self) { try ParameterValues.parseOverrides(["NoEquals"]) }
    }

    @Test func overridesWinOverFiles() throws {
        let file = try ParameterValues.parse(json: Array(#"{"Parameters": {"Env": "dev", "A": "1"}}"#.utf8), path: "f.json")
        let merged = file.merging(try ParameterValues.parseOverrides(["Env=prod"]))
        #expect(merged["Env"]?.value == "prod")
        #expect(merged["A"]?.value == "1")
    }

    @Test(arguments: [
        "not json", "42", #"{"Other": {}}"#, #"{"Parameters": []}"#, #"[{"ParameterValue": "x"}]"#,
        #"[{"ParameterKey": "A", "UsePreviousValue": true}]"#, #"[{"ParameterKey": "A"}]"#,
    ])
    func badParameterFiles(_ json: String) {
        #expect(throws: EvaluationError.self) { try ParameterValues.parse(json: Array(json.utf8), path: "bad.json") }
    }

    @Test func readsFiles() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cfnkit-params-\(UUID().uuidString).json")
        try #"[{"ParameterKey": "Env", "ParameterValue": "prod"}]"#.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try ParameterValues.load(path: url.path)["Env"]?.value == "prod")
        #expect(throws: EvaluationError.self) { try ParameterValues.load(path: url.path + ".missing") }
    }

    static let template = """
        Parameters:
          Name: {Type: String, MinLength: 3, MaxLength: 8, AllowedPattern: '[a-z]+', ConstraintDescription: lower-case letters}
          Size: {Type: Number, Default: 10, MinValue: 1, MaxValue: 100}
          Env: {Type: String, Default: dev, AllowedValues: [dev, prod]}
          Ports: {Type: List<Number>, Default: '80, 443'}
          Zones: {Type: CommaDelimitedList, Default: 'a,b', AllowedValues: [a, b, c]}
          Vpc: {Type: 'AWS::EC2::VPC::Id', Default: vpc-123}
          Subnets: {Type: 'List<AWS::EC2::Subnet::Id>', Default: 'subnet-1,subnet-2'}
          Zone: {Type: 'AWS::EC2::AvailabilityZone::Name', Default: us-east-1a}
          Ami: {Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: /aws/ami}
          KeyParam: {Type: 'AWS::SSM::Parameter::Name', Default: /my/key}
        Resources:
          Topic: {Type: AWS::SNS::Topic}
        """

    /// The error kinds reported for these values (Name given unless overridden).
    func errors(_ values: [(String, String)]) throws -> [EvaluationError] {
        var all = [("Name", "abc")]
        for (k, v) in values { all.removeAll { $0.0 == k }; all.append((k, v)) }
        let evaluator = Evaluator(template: try loadTemplate(Self.template), context: context(all))
        return evaluator.errors
    }

    @Test func validValuesPass() throws {
        #expect(try errors([]).isEmpty)
        #expect(try errors([("Size", "1.5e1"), ("Env", "prod"), ("Ports", "1,2,3"), ("Zones", "c")]).isEmpty)
    }

    @Test(arguments: [
        ("Name", "ab", "shorter than MinLength 3"),
        ("Name", "abcdefghi", "longer than MaxLength 8"),
        ("Name", "abc1", "does not match AllowedPattern"),
        ("Size", "ten", "must be a number"),
        ("Size", "0", "less than MinValue 1"),
        ("Size", "101", "greater than MaxValue 100"),
        ("Env", "qa", "not one of the AllowedValues [dev, prod]"),
        ("Ports", "80,http", "must be a number, not 'http'"),
        ("Zones", "a,d", "value 'd' is not one of the AllowedValues"),
        ("Vpc", "sg-123", "must be a AWS::EC2::VPC::Id"),
        ("Subnets", "subnet-1,vpc-2", "not 'vpc-2'"),
        ("Zone", "eu-west-1a", "availability zone of us-east-1"),
        ("Nope", "x", "the template declares no such parameter"),
    ])
    func invalidValues(_ name: String, _ value: String, _ message: String) throws {
        let found = try errors([(name, value)])
        #expect(found.contains { $0.message.contains(message) && $0.message.contains("'\(name)'") }, "\(found)")
        #expect(found.allSatisfy { $0.kind == .invalidParameterValue || $0.kind == .unknownParameter })
    }

    @Test func constraintDescriptionIsShown() throws {
        let found = try errors([("Name", "ABC")])
        #expect(found.first?.message.contains("(lower-case letters)") == true)
    }

    @Test func allowedPatternMatchesTheWholeValue() throws {
        #expect(try errors([("Name", "abc-def")]).count == 1)
        let t = try loadTemplate("Parameters:\n  P: {Type: String, Default: ab, AllowedPattern: 'a|ab'}\nResources: {}\n")
        #expect(Evaluator(template: t, context: context()).errors.isEmpty)
    }

    @Test func missingValueWithoutDefault() throws {
        let evaluator = Evaluator(template: try loadTemplate(Self.template), context: context())
        let e = try #require(evaluator.errors.first)
        #expect(e.kind == .missingParameterValue)
        #expect(e.message.contains("'Name'"))
        #expect(e.description.hasPrefix("test.yaml:2:3: error:"))
    }

    @Test func symbolicPolicyLeavesParametersUnknown() throws {
        let evaluator = Evaluator(template: try loadTemplate(Self.template), context: context(policy: .symbolic))
        #expect(evaluator.errors.isEmpty)
        #expect(compact(evaluator.parameterValues["Env"]!.toNode()) == #"{"Ref":"Env"}"#)
    }

    @Test func typesGiveTheRightValues() throws {
        let evaluator = Evaluator(template: try loadTemplate(Self.template), context: context([("Name", "abc")]))
        let v = evaluator.parameterValues
        #expect(compact(v["Ports"]!.toNode()) == #"["80","443"]"#)
        #expect(compact(v["Subnets"]!.toNode()) == #"["subnet-1","subnet-2"]"#)
        #expect(compact(v["Size"]!.toNode()) == #""10""#)
        #expect(compact(v["KeyParam"]!.toNode()) == #""/my/key""#)
        guard case .symbolic(.ssmParameter(let p, let path))? = v["Ami"]?.kind else {
            Issue.record("SSM parameter should be symbolic")
            return
        }
        #expect(p == "Ami" && path == "/aws/ami")
    }

    @Test func unknownAndMissingTypes() throws {
        let t = try loadTemplate("Parameters:\n  A: {Type: Strin, Default: x}\n  B: {Default: y}\nResources: {}\n")
        let errors = Evaluator(template: t, context: context()).errors
        #expect(errors.map(\.kind) == [.invalidParameterType, .invalidParameterType])
    }

    @Test(arguments: ["String", "Number", "List<Number>", "CommaDelimitedList", "AWS::EC2::KeyPair::KeyName",
                      "List<AWS::EC2::SecurityGroup::Id>", "AWS::SSM::Parameter::Value<String>",
                      "AWS::SSM::Parameter::Value<List<String>>", "AWS::SSM::Parameter::Value<List<AWS::EC2::VPC::Id>>",
                      "AWS::Route53::HostedZone::Id"])
    func knownTypes(_ type: String) {
        #expect(ParameterType(type) != nil)
    }

    @Test(arguments: ["string", "List<String>", "AWS::EC2::Nope::Id", "AWS::SSM::Parameter::Value<Nope>", "List<List<Number>>"])
    func unknownTypes(_ type: String) {
        #expect(ParameterType(type) == nil)
    }

    @Test func pseudoParameterContext() {
        let c = EvaluationContext(region: "eu-west-1", accountId: "111122223333", stackName: "web")
        let id = c.stackId!
        #expect(id.hasPrefix("arn:aws:cloudformation:eu-west-1:111122223333:stack/web/"))
        #expect(id == EvaluationContext(region: "eu-west-1", accountId: "111122223333", stackName: "web").stackId)
        #expect(EvaluationContext(stackName: nil).stackId == nil)
        #expect(EvaluationContext.environmentRegion(["AWS_DEFAULT_REGION": "ap-south-1"]) == "ap-south-1")
        #expect(EvaluationContext.environmentRegion(["AWS_REGION": "eu-north-1", "AWS_DEFAULT_REGION": "x"]) == "eu-north-1")
        #expect(EvaluationContext.environmentRegion([:]) == "us-east-1")
        #expect(RegionInfo(region: "us-iso-east-1").partition == "aws-iso")
    }

    @Test func unknownStackNameStaysSymbolic() throws {
        let t = try loadTemplate("Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties: {TopicName: !Sub '${AWS::StackName}-t'}\n")
        let result = TemplateResolver.resolve(t, context: context(stackName: nil))
        #expect(compact(result.template.resource("T")!.properties!) == #"{"TopicName":{"Fn::Sub":"${AWS::StackName}-t"}}"#)
    }
}
