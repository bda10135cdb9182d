import CFNSchema
import CFNTemplate

extension PropertyRules {
    static let e3030 = rule(
        "E3030", "Check if properties have a valid value",
        "Checks values against the schema's enum and const (\"10\" equals 10).",
        failing: [RuleExample("""
            Resources:
              Logs:
                Type: AWS::Logs::LogGroup
                Properties:
                  ⟦E3030⟧LogGroupClass: CHEAP
            """)],
        passing: [RuleExample("""
            Parameters:
              Class:
                Type: String
            Resources:
              Logs:
                Type: AWS::Logs::LogGroup
                Properties:
                  LogGroupClass: !Ref Class
              Logs2:
                Type: AWS::Logs::LogGroup
                Properties:
                  LogGroupClass: STANDARD
            """)])
}
