import CFNTemplate
import Foundation

extension TypeSpecificRules {
    static let aliasNoWildcardInside = PrintedPattern(#"^(?!.*(?:\.\*\.)).*"#)

    static let aliasDomain = PrintedPattern(#"^(?:[a-z0-9\*](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$"#)

    static let e3013 = Rule(
        "E3013", "CloudFront Aliases",
        "Checks that CloudFront distribution aliases are lower-case domain names, with a wildcard only as the first label.",
        source: docs("aws-properties-cloudfront-distribution-distributionconfig.html#cfn-cloudfront-distribution-distributionconfig-aliases"),
        tags: ["properties", "cloudfront"],
        failing: [RuleExample("""
            Resources:
              Distribution:
                Type: AWS::CloudFront::Distribution
                Properties:
                  DistributionConfig:
                    Enabled: true
                    Aliases:
                      - www.example.com
                      - ⟦E3013⟧WWW.EXAMPLE.COM
                      - ⟦E3013⟧a.*.example.com
                    DefaultCacheBehavior:
                      TargetOriginId: o
                      ViewerProtocolPolicy: allow-all
            """)],
        passing: [RuleExample("""
            Resources:
              Distribution:
                Type: AWS::CloudFront::Distribution
                Properties:
                  DistributionConfig:
                    Enabled: true
                    Aliases:
                      - "*.example.com"
                      - !Ref AWS::StackName
                    DefaultCacheBehavior:
                      TargetOriginId: o
                      ViewerProtocolPolicy: allow-all
            """)]
    ) { ctx, out in
        for (_, props, loc) in TypeSpecific.resources(ctx, ["AWS::CloudFront::Distribution"]) {
            guard let (config, configLoc) = TypeSpecific.entry(props, "DistributionConfig", under: loc) else { continue }
            for c in TypeSpecific.branches(config, at: configLoc) {
                guard let (aliases, aliasesLoc) = TypeSpecific.entry(c.node.mapping, "Aliases", under: c.location) else { continue }
                for list in TypeSpecific.branches(aliases, at: aliasesLoc) {
                    for item in TypeSpecific.items(list.node, at: list.location) {
                        guard let value = TypeSpecific.string(item.node), !TypeSpecific.isDynamicReference(value) else { continue }
                        for p in [aliasNoWildcardInside, aliasDomain] where p.matches(value) == false {
                            out.add(p.message(value), at: item.location)
                        }
                    }
                }
            }
        }
    }
}
