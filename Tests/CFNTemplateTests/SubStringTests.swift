import CFNTemplate
import Testing

@Suite("Fn::Sub strings")
struct SubStringTests {
    @Test("Variables, attributes, pseudo parameters and literals")
    func parts() throws {
        let sub = try SubString(parsing: "arn:${AWS::Partition}:s3:::${Bucket}/${Role.Arn}-${!Literal}")
        #expect(sub.parts == [
            .literal("arn:"), .variable(name: "AWS::Partition", offset: 4), .literal(":s3:::"),
            .variable(name: "Bucket", offset: 27), .literal("/"), .variable(name: "Role.Arn", offset: 37),
            .literal("-${Literal}"),
        ])
        #expect(SubString.splitVariable("Role.Arn") == ("Role", "Arn"))
        #expect(SubString.splitVariable("Db.Endpoint.Address") == ("Db", "Endpoint.Address"))
        #expect(SubString.splitVariable("AWS::Region") == ("AWS::Region", nil))
    }

    @Test("Unclosed and empty variables are errors with their offset")
    func errors() {
        #expect(throws: SubString.ParseError(message: "'${' at character 3 is never closed with '}'", offset: 2)) {
            try SubString(parsing: "ab${Name")
        }
        #expect(throws: SubString.ParseError(message: "empty variable '${}' at character 1", offset: 0)) {
            try SubString(parsing: "${}")
        }
    }

    @Test("Text without variables is one literal; a lone $ is literal")
    func literalOnly() throws {
        #expect(try SubString(parsing: "cost $5 {x}").parts == [.literal("cost $5 {x}")])
        #expect(try SubString(parsing: "").parts.isEmpty)
    }
}
