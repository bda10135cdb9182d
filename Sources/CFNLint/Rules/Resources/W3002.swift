import CFNSchema
import CFNTemplate

extension ResourceAttributeRules {
    static let w3002 = Rule(
        "W3002", "Warn when properties are configured to only work with the package command",
        "Warns about local paths in properties that only `aws cloudformation package` turns into S3 locations (Lambda Code, nested stack TemplateURL, ...).",
        source: Docs.base + "using-cfn-cli-package.html", tags: ["resources", "package"],
        failing: [RuleExample("""
            Resources:
              Stack:
                Type: AWS::CloudFormation::Stack
                Properties:
                  ⟦W3002⟧TemplateURL: ./nested.yaml
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  Role: arn:aws:iam::123456789012:role/r
                  ⟦W3002⟧Code: ./src
            """)],
        passing: [RuleExample("""
            Resources:
              Stack:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: https://s3.amazonaws.com/bucket/nested.yaml
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  Role: arn:aws:iam::123456789012:role/r
                  Code: {ZipFile: "x"}
            """)]
    ) { ctx, out in
        for r in ctx.template.resources {
            guard let type = r.type, let paths = PropertyValidation.packagePaths[type], let props = r.properties?.mapping else { continue }
            for path in paths {
                let parts = path.split(separator: "/").map(String.init)
                var node: Node? = nil
                var entry: Mapping.Entry? = nil
                var m: Mapping? = props
                for p in parts {
                    entry = m?.entry(p)
                    node = entry?.value
                    m = node?.mapping
                }
                guard let entry, let s = node?.scalar, node?.intrinsic == nil, s.resolved.kind == .string else { continue }
                let t = s.text
                if t.hasPrefix("http://") || t.hasPrefix("https://") || t.hasPrefix("s3://") { continue }
                out.add("This code may only work with 'package' cli command", at: entry.key.range,
                        path: [.key("Resources"), .key(r.logicalId), .key("Properties")] + parts.map { .key($0) })
            }
        }
    }
}
