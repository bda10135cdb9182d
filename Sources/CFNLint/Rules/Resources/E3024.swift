import CFNSchema
import CFNTemplate

extension TaggingRules {
    static let e3024 = Rule(
        "E3024", "Validate tag configuration",
        "Checks that Tags, where the resource type takes a list of tags, is a list whose entries each have a Key.",
        source: Docs.base + "aws-properties-resource-tags.html", tags: ["resources", "tags"],
        failing: [RuleExample("""
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  Tags:
                    - {Key: team, Value: data}
                    - ⟦E3024⟧Value: orphan
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  ⟦E3024⟧Tags: team=data
            """)],
        passing: [RuleExample("""
            Parameters:
              Team: {Type: String}
            Conditions:
              HasTeam: !Not [!Equals [!Ref Team, ""]]
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  Tags:
                    - {Key: env, Value: prod}
                    - !If [HasTeam, {Key: team, Value: !Ref Team}, !Ref AWS::NoValue]
              Param:
                Type: AWS::SSM::Parameter
                Properties: {Type: String, Value: x, Tags: {team: data}}
            """)]
    ) { ctx, out in
        for r in ctx.template.resources {
            guard let type = r.type, let e = r.node.entry("Properties"), let props = e.value.mapping,
                  let tags = props.entry("Tags"), !PropertyValidator.isNoValue(tags.value),
                  let info = ctx.schemas.resourceType(type, region: ctx.regions[0]),
                  info.schema.propertyTypes(["Tags"]) == [.array] else { continue }
            let loc = Location(tags.key.range, [.key("Resources"), .key(r.logicalId), .key("Properties"), .key("Tags")])
            for value in TypeSpecific.branches(tags.value, at: loc, keepLocation: true) {
                if value.node.scalar != nil {
                    out.add("\(TypeSpecific.repr(value.node)) is not of type 'array'", at: loc)
                    continue
                }
                for item in TypeSpecific.items(value.node, at: loc) {
                    guard let m = item.node.mapping, item.node.intrinsic == nil else { continue }
                    if m["Key"].map(PropertyValidator.isNoValue) ?? true {
                        // At the entry's first key, where the item starts.
                        let at = m.entries.first.map { Location($0.key.range, item.location.path) } ?? item.location
                        out.add("'Key' is a required property", at: at)
                    }
                }
            }
        }
    }
}
