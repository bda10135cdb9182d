import CFNTemplate

extension ModuleRules {
    static let e5001 = Rule(
        "E5001", "Check that Modules resources are valid",
        "Checks module resources (types ending in ::MODULE): no CreationPolicy or UpdatePolicy, and no reserved AWS::CloudFormation::Module metadata.",
        source: Docs.base + "modules.html", tags: ["resources", "modules"],
        failing: [RuleExample("""
            Resources:
              Module:
                Type: My::Org::Thing::MODULE
                ⟦E5001⟧UpdatePolicy: {}
                Metadata:
                  ⟦E5001⟧AWS::CloudFormation::Module:
                    something: "true"
            """)],
        passing: [RuleExample("""
            Resources:
              Module:
                Type: My::Org::Thing::MODULE
                Properties:
                  Name: x
            """)]
    ) { ctx, out in
        for r in ctx.template.resources where r.type?.hasSuffix("::MODULE") == true {
            let base: [PathElement] = [.key("Resources"), .key(r.logicalId)]
            for name in ["CreationPolicy", "UpdatePolicy"] {
                if let e = r.node.entry(name) {
                    out.add("\(name) is not permitted within Modules", at: e.key.range, path: base + [.key(name)])
                }
            }
            if let m = r.metadata?.entry("AWS::CloudFormation::Module") {
                out.add("The Metadata key AWS::CloudFormation::Module is reserved", at: m.key.range,
                        path: base + [.key("Metadata"), .key("AWS::CloudFormation::Module")])
            }
        }
    }
}
