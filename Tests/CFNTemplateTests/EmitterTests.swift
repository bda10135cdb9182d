import CFNTemplate
import Testing

@Suite("Emitter")
struct EmitterTests {
    static let template = """
        AWSTemplateFormatVersion: '2010-09-09'
        Description: "Queue: with alarm # not a comment"
        Parameters:
          Threshold: {Type: Number, Default: 10}
          Flag: {Type: String, Default: 'yes', AllowedValues: ['yes', 'no']}
          Version: {Type: String, Default: '010'}
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
        Resources:
          Queue:
            Type: AWS::SQS::Queue
            Properties:
              QueueName: !Sub '${AWS::StackName}-queue'
              DelaySeconds: 0
              Tags:
                - Key: empty
                  Value: ''
                - Key: multi
                  Value: |
                    line one
                      indented
                    last
          Alarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              Dimensions: [{Name: QueueName, Value: !GetAtt Queue.QueueName}]
              AZ: !Select [0, !GetAZs {Ref: AWS::Region}]
              Old: {"Fn::GetAtt": "Queue.Arn"}
              Enabled: true
              Nothing: null
              Empty: []
              EmptyMap: {}
        Outputs:
          Url: {Value: !Ref Queue, Export: {Name: !Join ['-', [!Ref 'AWS::StackName', url]]}}
        """

    @Test("YAML -> JSON -> tree is the same", arguments: [true, false])
    func jsonRoundTrip(_ unused: Bool) throws {
        let doc = try load(Self.template)
        let json = Emitter.json(doc.root)
        let again = try load(json, path: "again.json")
        #expect(again.format == .json)
        #expect(doc.root.firstDifference(from: again.root) == nil)
    }

    @Test("YAML -> YAML (short and long form) -> tree is the same", arguments: [true, false])
    func yamlRoundTrip(_ shortForm: Bool) throws {
        let doc = try load(Self.template)
        let yaml = Emitter.yaml(doc.root, shortForm: shortForm)
        let again = try load(yaml)
        #expect(doc.root.firstDifference(from: again.root) == nil, "\(yaml)")
        #expect(yaml.contains("!Sub") == shortForm)
    }

    @Test("Strings that look like other types are quoted")
    func quoting() throws {
        let doc = try load(Self.template)
        let yaml = Emitter.yaml(doc.root)
        #expect(yaml.contains("Default: 'yes'"))
        #expect(yaml.contains("Default: '010'"))
        #expect(yaml.contains("AWSTemplateFormatVersion: '2010-09-09'"))
        #expect(yaml.contains("Default: 10\n"))
        #expect(yaml.contains("Value: |\n"))
        let json = Emitter.json(doc.root)
        #expect(json.contains("\"Default\": 10"))
        #expect(json.contains("\"Default\": \"010\""))
        #expect(json.contains("\"Enabled\": true"))
    }

    @Test("Nested short-form tags fall back to long form where YAML needs it")
    func nestedTags() throws {
        let doc = try load("V: !GetAZs {Ref: AWS::Region}\n")
        let yaml = Emitter.yaml(doc.root)
        #expect(yaml == "V: !GetAZs\n  Ref: AWS::Region\n")
    }

    @Test("JSON numbers are written in JSON's syntax")
    func jsonNumbers() throws {
        let doc = try load("A: 010\nB: +5\nC: 1.\nD: -0.5e3\n")
        let json = Emitter.json(doc.root)
        #expect(json == "{\n  \"A\": 10,\n  \"B\": 5,\n  \"C\": 1.0,\n  \"D\": -0.5e3\n}\n")
    }

    @Test("Escapes survive a JSON round trip")
    func escapes() throws {
        let doc = try load("{\"Description\": \"tab\\t quote\\\" nl\\n bell\\u0007 emoji \\ud83d\\ude00 slash\\/\", \"Resources\": {}}", path: "e.json")
        #expect(doc.root["Description"]?.text == "tab\t quote\" nl\n bell\u{07} emoji 😀 slash/")
        let again = try load(Emitter.json(doc.root), path: "again.json")
        #expect(doc.root.isEquivalent(to: again.root))
        let yamlAgain = try load(Emitter.yaml(doc.root))
        #expect(doc.root.isEquivalent(to: yamlAgain.root))
    }
}

@Suite("Template model")
struct TemplateModelTests {
    @Test("Sections, attributes and unknown keys")
    func sections() throws {
        let doc = try load("""
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: [AWS::Serverless-2016-10-31, {Name: AWS::Include, Parameters: {Location: s3://b/k}}]
            Parameters:
              Env: {Type: String, Default: dev, AllowedValues: [dev, prod], NoEcho: 'true', Bogus: 1}
            Mappings:
              Regions: {us-east-1: {Ami: ami-1}}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Condition: IsProd
                DependsOn: [Queue, Other]
                DeletionPolicy: Retain
                Extra: 1
              Queue:
                Type: AWS::SQS::Queue
                DependsOn: Topic
            Outputs:
              Arn: {Value: !Ref Topic, Condition: IsProd, Export: {Name: arn}}
            Unknown: {}
            """)
        let template = Template(doc)
        #expect(template.formatVersion?.text == "2010-09-09")
        #expect(template.transformNames == ["AWS::Serverless-2016-10-31", "AWS::Include"])
        #expect(template.isServerless)
        let env = try #require(template.parameter("Env"))
        #expect(env.type == "String")
        #expect(env.isNoEcho)
        #expect(env.allowedValues?.sequence?.count == 2)
        #expect(env.unknownAttributes.map(\.key.name) == ["Bogus"])
        #expect(template.mapping("Regions")?.topLevelKeys.map(\.key.name) == ["us-east-1"])
        #expect(template.condition("IsProd")?.node.intrinsic?.name == "Fn::Equals")
        let topic = try #require(template.resource("Topic"))
        #expect(topic.type == "AWS::SNS::Topic")
        #expect(topic.condition?.name == "IsProd")
        #expect(topic.condition?.range.start == SourcePosition(line: 12, column: 16))
        #expect(topic.dependsOn.map(\.name) == ["Queue", "Other"])
        #expect(topic.deletionPolicy?.text == "Retain")
        #expect(topic.unknownAttributes.map(\.key.name) == ["Extra"])
        #expect(template.resource("Queue")?.dependsOn.map(\.name) == ["Topic"])
        #expect(template.resources.map(\.logicalId) == ["Topic", "Queue"])
        #expect(template.output("Arn")?.exportName?.text == "arn")
        #expect(template.unknownSections.map(\.key.name) == ["Unknown"])
        #expect(template.resource("Missing") == nil)
    }

    @Test("Wrong shapes are kept, not thrown away")
    func wrongShapes() throws {
        let template = Template(try load("Resources: [a, b]\nParameters: x\n"))
        #expect(template.resources.isEmpty)
        #expect(template.root["Resources"]?.sequence?.count == 2)
    }

    @Test("Large mappings look keys up by hash and keep order")
    func largeMapping() throws {
        var text = "Resources:\n"
        for i in 0..<1000 { text += "  R\(i): {Type: AWS::SNS::Topic}\n" }
        let template = Template(try load(text))
        #expect(template.resources.count == 1000)
        #expect(template.resource("R999")?.key.range.start.line == 1001)
        var mapping = try #require(template.root["Resources"]?.mapping)
        mapping.remove("R0")
        #expect(mapping["R0"] == nil)
        #expect(mapping["R1"] != nil)
        mapping.set("New", .string("x"))
        #expect(mapping.keys.last == "New")
    }
}
