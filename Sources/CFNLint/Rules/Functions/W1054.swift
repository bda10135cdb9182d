import CFNTemplate

extension FunctionRules {
    static let w1054 = Rule(
        "W1054", "Pseudo-parameter string found without Ref",
        "Warns about plain strings such as 'AWS::Region' that were probably meant as Ref: AWS::Region.",
        source: Docs.base + "pseudo-parameter-reference.html", tags: ["functions"],
        failing: [RuleExample("""
            Resources:
              Zone:
                Type: AWS::Route53::HostedZone
                Properties:
                  Name: example.com
                  VPCs:
                    - VPCId: vpc-12345678
                      ⟦W1054⟧VPCRegion: AWS::Region
            """)],
        passing: [RuleExample("""
            Resources:
              Zone:
                Type: AWS::Route53::HostedZone
                Properties:
                  Name: example.com
                  VPCs:
                    - VPCId: vpc-12345678
                      VPCRegion: !Ref AWS::Region
            """)]
    ) { ctx, out in
        for s in ctx.strings where s.parent == nil && (s.section == "Resources" || s.section == "Outputs") {
            guard LintContext.pseudoParameters.contains(s.text) else { continue }
            if s.section == "Resources", !(s.location.path.count > 2 && s.location.path[2] == .key("Properties")) { continue }
            out.add("'\(s.text)' is a pseudo-parameter and should probably be used as 'Ref: \(s.text)' instead of a plain string", at: s.location)
        }
    }
}
