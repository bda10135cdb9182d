import CFNSchema
import CFNTemplate

extension PropertyRules {
    static let e3031 = rule(
        "E3031", "Check if property values adhere to a specific pattern",
        "Checks string values against the schema's pattern (dynamic references are not judged).",
        failing: [RuleExample("""
            Resources:
              Share:
                Type: AWS::ServiceCatalog::PortfolioShare
                Properties:
                  ⟦E3031⟧AccountId: "12345"
                  PortfolioId: port-abc
            """)],
        passing: [RuleExample("""
            Resources:
              Share:
                Type: AWS::ServiceCatalog::PortfolioShare
                Properties:
                  AccountId: "123456789012"
                  PortfolioId: port-abc
            """)])
}
