import CFNTemplate
import Foundation

extension TypeSpecificRules {
    static let e3039 = Rule(
        "E3039", "AttributeDefinitions / KeySchemas mismatch",
        "Checks that a DynamoDB table defines exactly the attributes its key schemas (table, global and local secondary indexes) use.",
        source: docs("aws-resource-dynamodb-table.html"), tags: ["resources", "dynamodb"],
        failing: [RuleExample("""
            Resources:
              Table:
                Type: AWS::DynamoDB::Table
                ⟦E3039⟧Properties:
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions:
                    - {AttributeName: id, AttributeType: S}
                    - {AttributeName: unused, AttributeType: S}
                  KeySchema:
                    - {AttributeName: id, KeyType: HASH}
            """)],
        passing: [RuleExample("""
            Resources:
              Table:
                Type: AWS::DynamoDB::Table
                Properties:
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions:
                    - {AttributeName: id, AttributeType: S}
                    - {AttributeName: email, AttributeType: S}
                  KeySchema:
                    - {AttributeName: id, KeyType: HASH}
                  GlobalSecondaryIndexes:
                    - IndexName: byEmail
                      KeySchema: [{AttributeName: email, KeyType: HASH}]
                      Projection: {ProjectionType: ALL}
            """)]
    ) { ctx, out in
        let keys = ["AttributeDefinitions", "KeySchema", "GlobalSecondaryIndexes", "LocalSecondaryIndexes"]
        for (_, props, loc) in TypeSpecific.resources(ctx, ["AWS::DynamoDB::Table"]) {
            var names: [String] = []
            for k in keys { if let n = props[k] { TypeSpecific.conditionNames(n, into: &names) } }
            var reported = Set<String>()
            for scenario in TypeSpecific.scenarios(ctx, names) {
                var lists: [String: [Node]] = [:]
                var usable = true
                for k in keys {
                    guard let n = props[k] else { lists[k] = []; continue }
                    guard let v = TypeSpecific.resolve(n, scenario) else { lists[k] = []; continue }
                    guard let items = v.sequence, v.intrinsic == nil else { usable = false; break }
                    lists[k] = items
                }
                guard usable else { continue }
                func name(_ item: Node) -> String? {
                    guard let n = item["AttributeName"], n.intrinsic == nil, let s = n.scalar, s.resolved.kind == .string else { return nil }
                    return s.text
                }
                var attributes = Set<String>()
                for a in lists["AttributeDefinitions"]! {
                    guard let n = name(a) else { usable = false; break }
                    attributes.insert(n)
                }
                guard usable else { continue }
                func keyNames(_ schema: [Node]) -> Set<String> { Set(schema.compactMap(name)) }
                var used = keyNames(lists["KeySchema"]!)
                for index in lists["GlobalSecondaryIndexes"]! + lists["LocalSecondaryIndexes"]! {
                    if let schema = index["KeySchema"]?.sequence { used.formUnion(keyNames(schema)) }
                }
                if attributes != used {
                    let message = "The set of Attributes in AttributeDefinitions: \(TypeSpecific.repr(attributes.sorted())) and KeySchemas: \(TypeSpecific.repr(used.sorted())) must match at \(loc.path.slashed)"
                    if reported.insert(message).inserted { out.add(message, at: loc) }
                }
            }
        }
    }
}
