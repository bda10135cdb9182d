import CFNTemplate
import Testing

@Suite("Short-form tags")
struct TagTests {
    /// Every short-form tag, with the long-form key it must become.
    static let cases: [(tag: String, longForm: String)] = [
        ("Ref", "Ref"), ("Condition", "Condition"), ("GetAtt", "Fn::GetAtt"), ("Sub", "Fn::Sub"),
        ("Join", "Fn::Join"), ("Select", "Fn::Select"), ("Split", "Fn::Split"), ("FindInMap", "Fn::FindInMap"),
        ("GetAZs", "Fn::GetAZs"), ("If", "Fn::If"), ("Equals", "Fn::Equals"), ("And", "Fn::And"),
        ("Or", "Fn::Or"), ("Not", "Fn::Not"), ("Base64", "Fn::Base64"), ("Cidr", "Fn::Cidr"),
        ("ImportValue", "Fn::ImportValue"), ("Transform", "Fn::Transform"), ("Length", "Fn::Length"),
        ("ToJsonString", "Fn::ToJsonString"),
    ]

    @Test("Each tag becomes its long form, keeping the tag's position", arguments: cases.map(\.tag))
    func tag(_ tag: String) throws {
        let expected = try #require(Self.cases.first { $0.tag == tag }?.longForm)
        let doc = try load("Value:   !\(tag) x\n")
        let value = try #require(doc.root["Value"])
        let intrinsic = try #require(value.intrinsic)
        #expect(intrinsic.name == expected)
        #expect(intrinsic.keyRange.start == SourcePosition(line: 1, column: 10))
        #expect(value.range.start == SourcePosition(line: 1, column: 10))
    }

    @Test("Tags on sequences and mappings")
    func collections() throws {
        let doc = try load("""
            A: !Join [",", [a, b]]
            B: !Sub
              - "${X}"
              - X: !Ref P
            C: !If [Cond, !Ref AWS::NoValue, x]
            """)
        let a = try #require(doc.root["A"]?.intrinsic)
        #expect(a.name == "Fn::Join")
        #expect(a.argument.sequence?.count == 2)
        let b = try #require(doc.root["B"]?.intrinsic)
        #expect(b.argument.sequence?[1]["X"]?.intrinsic?.name == "Ref")
        let c = try #require(doc.root["C"]?.intrinsic)
        #expect(c.argument.sequence?[1].intrinsic?.argument.text == "AWS::NoValue")
    }

    @Test("!GetAtt A.B.C splits at the first dot")
    func getAttSplit() throws {
        let doc = try load("V: !GetAtt Database.Endpoint.Address\n")
        let args = try #require(doc.root["V"]?.intrinsic?.argument.sequence)
        #expect(args.map(\.text) == ["Database", "Endpoint.Address"])
    }

    @Test("!GetAtt with a list stays a list")
    func getAttList() throws {
        let doc = try load("V: !GetAtt [Db, Endpoint.Port]\n")
        let args = try #require(doc.root["V"]?.intrinsic?.argument.sequence)
        #expect(args.map(\.text) == ["Db", "Endpoint.Port"])
    }

    @Test("Rule functions are known tags")
    func ruleFunctions() throws {
        for tag in ["Contains", "EachMemberEquals", "EachMemberIn", "RefAll", "ValueOf", "ValueOfAll"] {
            let doc = try load("V: !\(tag) [a, b]\n")
            #expect(doc.root["V"]?.intrinsic?.name == "Fn::\(tag)")
        }
    }

    @Test("An unknown tag is an error at its position")
    func unknownTag() throws {
        let error = try #require(loadError("Resources:\n  X: !Bogus y\n"))
        #expect(error.kind == .unknownTag)
        #expect(error.position == SourcePosition(line: 2, column: 6))
        #expect(error.message.contains("!Bogus"))
    }

    @Test("Unknown tags can be read as Fn:: calls, as cfn-lint does")
    func unknownTagLongForm() throws {
        let doc = try load("V: !Rain::Embed file.js\n", limits: LoaderLimits(unknownTags: .longForm))
        #expect(doc.root["V"]?.intrinsic?.name == "Fn::Rain::Embed")
    }

    @Test("Standard YAML tags are kept on scalars")
    func standardTags() throws {
        let doc = try load("A: !!str 10\nB: !!int '10'\n")
        #expect(doc.root["A"]?.scalar?.resolved.kind == .string)
        #expect(doc.root["B"]?.scalar?.resolved.kind == .integer)
    }
}
