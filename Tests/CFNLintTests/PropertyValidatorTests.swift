@testable import CFNLint
import CFNSchema
import CFNTemplate
import Testing

/// The property validator keyword by keyword, on small schemas, plus the deliberate
/// differences from cfn-lint.
@Suite struct PropertyValidatorTests {
    static let template = Template(root: Node.map(Mapping()))

    /// Validates `yaml` (a value) against `schema` (JSON text); returns (rule id, message) pairs.
    static func check(_ schema: String, _ yaml: String, template: Template = template) throws -> [(String, String)] {
        let compiled = SchemaCompiler.compile(try JSONParser.parse(schema))
        let doc = try TemplateLoader().load(bytes: Array(("V: " + yaml).utf8), path: "t.yaml")
        let node = try #require(Template(doc).root["V"])
        let v = PropertyValidator(template: template, schemas: .bundled, region: "us-east-1")
        var out: [PropertyProblem] = []
        v.validate(node, compiled, at: Location(node.range, [.key("V")]), into: &out)
        return out.map { ($0.ruleId, $0.message) }
    }

    static func ids(_ schema: String, _ yaml: String) throws -> [String] { try check(schema, yaml).map(\.0) }

    @Test func typeKeyword() throws {
        let int = #"{"type": "integer"}"#
        #expect(try Self.ids(int, "10").isEmpty)
        #expect(try Self.ids(int, "\"10\"").isEmpty)  // "10" and 10 are the same value
        #expect(try Self.ids(int, "ten") == ["E3012"])
        #expect(try Self.ids(int, "0x10") == ["E3012"])  // YAML 1.1 hex
        #expect(try Self.ids(int, "1_000") == ["E3012"])
        #expect(try Self.ids(int, "true") == ["E3012"])
        let bool = #"{"type": "boolean"}"#
        #expect(try Self.ids(bool, "\"true\"").isEmpty)
        #expect(try Self.ids(bool, "False").isEmpty)
        #expect(try Self.ids(bool, "yes") == ["E3012"])  // YAML 1.1 boolean
        let str = #"{"type": "string"}"#
        #expect(try Self.ids(str, "10").isEmpty)
        #expect(try Self.ids(str, "[a]") == ["E3012"])
        #expect(try Self.check(str, "{a: 1}").first?.1 == "{'a': 1} is not of type 'string'")
        #expect(try Self.ids(#"{"type": ["string", "object"]}"#, "{a: 1}").isEmpty)
        #expect(try Self.ids(#"{"type": "number"}"#, "\"1.5\"").isEmpty)
    }

    @Test func objectKeywords() throws {
        let s = #"{"type": "object", "properties": {"A": {"type": "string"}, "B": {"type": "string"}}, "additionalProperties": false, "required": ["A"]}"#
        #expect(try Self.ids(s, "{A: x}").isEmpty)
        #expect(try Self.check(s, "{A: x, C: y}").map(\.1) == ["Additional properties are not allowed ('C' was unexpected)"])
        #expect(try Self.check(s, "{B: y}").map(\.1) == ["'A' is a required property"])
        // AWS::NoValue removes the property before required is checked.
        #expect(try Self.ids(s, "{A: !Ref AWS::NoValue}") == ["E3003"])
        // An Fn::If with a NoValue branch may leave it out.
        #expect(try Self.ids(s, "{A: !If [C, x, !Ref AWS::NoValue]}") == ["E3003"])
        let pp = #"{"type": "object", "patternProperties": {"^x-": {"type": "integer"}}, "additionalProperties": false}"#
        #expect(try Self.ids(pp, "{x-a: 1}").isEmpty)
        #expect(try Self.ids(pp, "{x-a: b}") == ["E3012"])
        #expect(try Self.ids(pp, "{y: 1}") == ["E3002"])
        let deps = #"{"dependentRequired": {"A": ["B"]}, "dependentExcluded": {"A": ["C"]}, "dependencies": {"D": ["A"]}}"#
        #expect(try Self.ids(deps, "{A: 1}") == ["E3021"])
        #expect(try Self.ids(deps, "{A: 1, B: 2, C: 3}") == ["E3020"])
        #expect(try Self.ids(deps, "{D: 1}") == ["E3021"])
        let xor = #"{"requiredXor": ["A", "B"], "requiredOr": ["C", "D"]}"#
        #expect(try Self.ids(xor, "{A: 1, C: 1}").isEmpty)
        #expect(try Self.ids(xor, "{A: 1, B: 1, D: 1}") == ["E3014", "E3014"])
        #expect(try Self.ids(xor, "{A: 1}") == ["E3058"])
        #expect(try Self.ids(#"{"minProperties": 1}"#, "{}") == ["E3032"])
    }

    @Test func scalarKeywords() throws {
        #expect(try Self.check(#"{"enum": ["gp2", "gp3"]}"#, "io1").map(\.1) == ["'io1' is not one of ['gp2', 'gp3']"])
        #expect(try Self.ids(#"{"enum": [1, 2]}"#, "\"2\"").isEmpty)  // "2" equals 2
        #expect(try Self.ids(#"{"const": "a"}"#, "b") == ["E3030"])
        #expect(try Self.ids(#"{"pattern": "^[a-z]+$"}"#, "abc").isEmpty)
        #expect(try Self.ids(#"{"pattern": "^[a-z]+$"}"#, "aBc") == ["E3031"])
        // Python character classes may contain a literal '[' (ICU would open a nested set).
        #expect(try Self.ids(#"{"pattern": "^([a-z@[\\]]+)$"}"#, "a[b]").isEmpty)
        #expect(try Self.ids(#"{"pattern": "^[a-z]+$"}"#, "\"{{resolve:ssm:/p}}\"").isEmpty)  // dynamic reference
        #expect(try Self.ids(#"{"minLength": 2, "maxLength": 3}"#, "a") == ["E3033"])
        #expect(try Self.ids(#"{"minLength": 2, "maxLength": 3}"#, "abcd") == ["E3033"])
        #expect(try Self.check(#"{"minimum": 100}"#, "10").map(\.1) == ["10 is less than the minimum of 100"])
        #expect(try Self.ids(#"{"maximum": 5}"#, "6") == ["E3034"])
        #expect(try Self.ids(#"{"exclusiveMinimum": 5}"#, "5") == ["E3034"])
        #expect(try Self.ids(#"{"exclusiveMaximum": 5}"#, "4").isEmpty)
    }

    @Test func arrayKeywords() throws {
        let s = #"{"type": "array", "items": {"type": "integer"}, "minItems": 1, "maxItems": 2, "uniqueItems": true}"#
        #expect(try Self.ids(s, "[1, 2]").isEmpty)
        #expect(try Self.ids(s, "[]") == ["E3032"])
        #expect(try Self.ids(s, "[1, 2, 3]") == ["E3032"])
        #expect(try Self.ids(s, "[1, 1]") == ["E3037"])
        #expect(try Self.ids(s, "[1, a]") == ["E3012"])
        #expect(try Self.ids(s, "[1, !Ref AWS::NoValue]").isEmpty)
        #expect(try Self.ids(#"{"prefixItems": [{"type": "string"}, {"type": "integer"}]}"#, "[a, b]") == ["E3012"])
    }

    @Test func combinators() throws {
        let any = #"{"anyOf": [{"type": "integer"}, {"enum": ["x"]}]}"#
        #expect(try Self.ids(any, "x").isEmpty)
        #expect(try Self.ids(any, "y") == ["E3017"])
        let one = #"{"oneOf": [{"required": ["A"]}, {"required": ["B"]}]}"#
        #expect(try Self.ids(one, "{A: 1}").isEmpty)
        #expect(try Self.ids(one, "{C: 1}") == ["E3018"])
        #expect(try Self.ids(#"{"allOf": [{"type": "string"}, {"maxLength": 1}]}"#, "ab") == ["E3033"])
        #expect(try Self.ids(#"{"not": {"required": ["A"]}}"#, "{A: 1}") == ["E3002"])
        let cond = #"{"if": {"properties": {"T": {"const": "a"}}}, "then": {"required": ["X"]}, "else": {"required": ["Y"]}}"#
        #expect(try Self.ids(cond, "{T: a, X: 1}").isEmpty)
        #expect(try Self.ids(cond, "{T: a}") == ["E3003"])
        #expect(try Self.ids(cond, "{T: b}") == ["E3003"])
    }

    @Test func refIntoDefinitions() throws {
        let s = ##"{"definitions": {"N": {"type": "object", "properties": {"Next": {"$ref": "#/definitions/N"}, "V": {"type": "integer"}}, "additionalProperties": false}}, "$ref": "#/definitions/N"}"##
        #expect(try Self.ids(s, "{V: 1, Next: {V: 2, Next: {V: 3}}}").isEmpty)
        #expect(try Self.ids(s, "{Next: {Next: {W: 3}}}") == ["E3002"])
    }

    @Test func intrinsics() throws {
        let src = """
            Parameters:
              Subnets: {Type: List<AWS::EC2::Subnet::Id>}
              Name: {Type: String}
            Resources: {}
            """
        let t = Template(try TemplateLoader().load(bytes: Array(src.utf8), path: "t.yaml"))
        func ids(_ schema: String, _ yaml: String) throws -> [String] { try Self.check(schema, yaml, template: t).map(\.0) }
        let list = #"{"type": "array", "items": {"type": "string"}}"#
        #expect(try ids(list, "!Ref Subnets").isEmpty)  // a List<...> parameter is a list of strings
        #expect(try ids(list, "!GetAZs ''").isEmpty)
        #expect(try ids(list, "!Split [',', a]").isEmpty)
        #expect(try ids(list, "!Join ['', [a]]") == ["E3012"])  // Join yields a string
        let str = #"{"type": "string", "enum": ["a"]}"#
        #expect(try ids(str, "!Ref Subnets") == ["E3012"])  // a list where a string is expected
        #expect(try ids(str, "!Ref Name").isEmpty)  // unknowable: never reported
        #expect(try ids(str, "!Sub '${AWS::Region}'") == ["W1031"])  // resolved for the linted region
        #expect(try ids(str, "!Sub '${Name}'").isEmpty)  // no default: unknowable
        #expect(try ids(str, "!Join ['', [!Ref AWS::StackName, !GetAtt R.Arn]]").isEmpty)
        #expect(try ids(str, "!Join ['', [a, '']]").isEmpty)  // resolves to a valid value
        #expect(try ids(str, "!If [C, a, b]") == ["E3030"])  // both branches validated
        #expect(try ids(str, "!If [C, a, !Ref AWS::NoValue]").isEmpty)
        // Not a CloudFormation function: a plain object.
        #expect(try ids(#"{"type": "string"}"#, "{Fn::Rain::Embed: x}") == ["E3012"])
    }

    /// Deliberate difference: cfn-lint reads YAML with PyYAML (YAML 1.1), so an unquoted `yes` is
    /// the boolean true and `0x10` the integer 16 and it reports nothing. CloudFormation's YAML
    /// parser does not give these the same meaning everywhere, so cfnkit reports them where a
    /// boolean or a number is expected (quote them, or write true / 16).
    @Test func yaml11ValuesAreReportedUnlikeCfnLint() throws {
        let f = Fixture.lint("""
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  FifoQueue: yes
                  DelaySeconds: 0x10
                  QueueName: a.fifo
            """)
        #expect(f.filter { $0.ruleId == "E3012" }.map(\.message) == ["'yes' is not of type 'boolean'", "'0x10' is not of type 'integer'"])
    }

    @Test func schemasCompileOncePerProcess() throws {
        let info = try #require(SchemaRegistry.bundled.resourceType("AWS::EC2::Instance", region: "us-east-1"))
        let a = SchemaCompiler.shared.root(for: info)
        let b = SchemaCompiler.shared.root(for: info)
        #expect(a === b)
    }
}
