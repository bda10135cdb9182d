import CFNTemplate

extension SecretRules {
    static let w1011 = Rule(
        "W1011", "Instead of REFing a parameter for a secret use a dynamic reference",
        "Warns when a password property takes its value from a parameter instead of a Secrets Manager or SSM SecureString dynamic reference.",
        source: Docs.dynamicReferences, tags: ["functions", "security"],
        failing: [RuleExample("""
            Parameters:
              Secret:
                Type: String
                NoEcho: true
            Resources:
              Db:
                Type: AWS::RDS::DBInstance
                Properties:
                  DBInstanceClass: db.t3.micro
                  Engine: mysql
                  MasterUsername: admin
                  ⟦W1011⟧MasterUserPassword: !Ref Secret
            """)],
        passing: [RuleExample("""
            Resources:
              Db:
                Type: AWS::RDS::DBInstance
                Properties:
                  DBInstanceClass: db.t3.micro
                  Engine: mysql
                  MasterUsername: admin
                  MasterUserPassword: "{{resolve:secretsmanager:db:SecretString:password}}"
            """)]
    ) { ctx, out in
        for (key, value, path) in passwordProperties(ctx) {
            guard let f = value.intrinsic, f.name == "Ref", let n = f.argument.text, ctx.template.parameter(n) != nil else { continue }
            out.add("Use dynamic references over parameters for secrets", at: key.range, path: path)
        }
    }
}
