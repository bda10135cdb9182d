import CFNTemplate

extension FunctionRules {
    static let e1021 = Rule.function(
        "E1021", "Base64 validation of parameters",
        "Checks that Fn::Base64 is given a string or a function that returns one.",
        source: Docs.fn("base64"),
        failing: [RuleExample("""
            Resources:
              Instance:
                Type: AWS::EC2::Instance
                Properties:
                  UserData:
                    ⟦E1021⟧Fn::Base64: [a, b]
            """)],
        passing: [RuleExample("""
            Resources:
              Instance:
                Type: AWS::EC2::Instance
                Properties:
                  UserData: !Base64 |
                    #!/bin/bash
                    echo hi
            """)])
}
