import CFNTemplate
import Testing

@Suite("Source positions")
struct PositionTests {
    @Test("YAML block style: keys and values carry 1-based line and column")
    func yamlBlock() throws {
        let doc = try load("""
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  DelaySeconds: 5
            """)
        let resources = try #require(doc.root.mapping?.entry("Resources"))
        #expect(resources.key.range.start == SourcePosition(line: 1, column: 1))
        let queue = try #require(resources.value.mapping?.entry("Queue"))
        #expect(queue.key.range.start == SourcePosition(line: 2, column: 3))
        let type = try #require(queue.value["Type"])
        #expect(type.range.start == SourcePosition(line: 3, column: 11))
        #expect(type.range.end == SourcePosition(line: 3, column: 26))
        let delay = try #require(queue.value["Properties"]?["DelaySeconds"])
        #expect(delay.range.start == SourcePosition(line: 5, column: 21))
        #expect(delay.range.file.path == "test.yaml")
    }

    @Test("YAML flow style positions")
    func yamlFlow() throws {
        let doc = try load("""
            Resources: {Topic: {Type: AWS::SNS::Topic, Properties: {Tags: [{Key: a, Value: b}]}}}
            """)
        let topic = try #require(doc.root["Resources"]?.mapping?.entry("Topic"))
        #expect(topic.key.range.start == SourcePosition(line: 1, column: 13))
        let tags = try #require(topic.value["Properties"]?["Tags"])
        #expect(tags.range.start == SourcePosition(line: 1, column: 63))
        let value = try #require(tags.sequence?.first?["Value"])
        #expect(value.range.start == SourcePosition(line: 1, column: 80))
    }

    @Test("JSON positions match YAML's conventions, tabs count one column")
    func json() throws {
        let doc = try load("{\n\t\"Resources\": {\n\t\t\"Topic\": {\"Type\": \"AWS::SNS::Topic\"}\n\t}\n}\n", path: "t.json")
        #expect(doc.format == .json)
        let resources = try #require(doc.root.mapping?.entry("Resources"))
        #expect(resources.key.range.start == SourcePosition(line: 2, column: 2))
        let topic = try #require(resources.value.mapping?.entry("Topic"))
        #expect(topic.key.range.start == SourcePosition(line: 3, column: 3))
        let type = try #require(topic.value["Type"])
        #expect(type.range.start == SourcePosition(line: 3, column: 21))
        #expect(type.range.end == SourcePosition(line: 3, column: 38))
        #expect(doc.root.range.start == SourcePosition(line: 1, column: 1))
        #expect(doc.root.range.end == SourcePosition(line: 5, column: 2))
    }

    @Test("Columns count characters, not bytes")
    func unicodeColumns() throws {
        let doc = try load("Description: \"héllo wörld\"\nResources: {}\n")
        let description = try #require(doc.root["Description"])
        #expect(description.range.end == SourcePosition(line: 1, column: 27))
        let jsonDoc = try load("{\"Description\": \"é\", \"Resources\": {}}", path: "u.json")
        let resources = try #require(jsonDoc.root.mapping?.entry("Resources"))
        #expect(resources.key.range.start == SourcePosition(line: 1, column: 22))
    }

    @Test("Scalars keep raw text and quoting style")
    func scalarStyles() throws {
        let doc = try load("""
            A: 2012-10-17
            B: '010'
            C: 0x10
            D: yes
            E: "quoted"
            F: |
              line
            G: 1_000
            H: 10
            I: true
            """)
        let root = try #require(doc.root.mapping)
        #expect(root["A"]?.scalar == Scalar("2012-10-17", style: .plain))
        #expect(root["A"]?.scalar?.resolved.kind == .string)
        #expect(root["B"]?.scalar?.style == .singleQuoted)
        #expect(root["B"]?.scalar?.resolved.kind == .string)
        #expect(root["C"]?.text == "0x10")
        #expect(root["C"]?.scalar?.resolved.isYAML11Ambiguous == true)
        #expect(root["D"]?.scalar?.resolved == ResolvedScalar(Scalar("yes", style: .plain)))
        #expect(root["D"]?.scalar?.resolved.kind == .string)
        #expect(root["D"]?.scalar?.resolved.isYAML11Ambiguous == true)
        #expect(root["E"]?.scalar?.style == .doubleQuoted)
        #expect(root["F"]?.scalar == Scalar("line\n", style: .literal))
        #expect(root["G"]?.scalar?.resolved.isYAML11Ambiguous == true)
        #expect(root["H"]?.scalar?.resolved.kind == .integer)
        #expect(root["I"]?.scalar?.resolved.kind == .boolean)
    }
}
