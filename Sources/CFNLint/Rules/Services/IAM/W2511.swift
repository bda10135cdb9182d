import CFNTemplate

extension ResourceRules {
    static let w2511 = Rule(
        "W2511", "Check IAM Resource Policies syntax",
        "Warns about IAM policy documents with the old Version 2008-10-17.",
        source: Docs.iamVersion, tags: ["resources", "iam"],
        failing: [RuleExample("""
            Resources:
              Policy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: b
                  PolicyDocument:
                    ⟦W2511⟧Version: "2008-10-17"
                    Statement: []
            """)],
        passing: [RuleExample("""
            Resources:
              Policy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: b
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement: []
            """)]
    ) { ctx, out in
        for r in ctx.template.resources {
            guard let props = r.properties else { continue }
            var path: [PathElement] = [.key("Resources"), .key(r.logicalId), .key("Properties")]
            func visit(_ node: Node) {
                switch node.value {
                case .mapping(let m):
                    if let v = m.entry("Version"), v.value.text == "2008-10-17", m["Statement"] != nil {
                        out.add("IAM Policy Version should be updated to '2012-10-17'", at: v.key.range, path: path + [.key("Version")])
                    }
                    for e in m.entries {
                        path.append(.key(e.key.name)); visit(e.value); path.removeLast()
                    }
                case .sequence(let items):
                    for (i, item) in items.enumerated() { path.append(.index(i)); visit(item); path.removeLast() }
                case .scalar: break
                }
            }
            visit(props)
        }
    }
}
