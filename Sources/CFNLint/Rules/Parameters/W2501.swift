import CFNTemplate

extension SecretRules {
    static func isSecureReference(_ s: String) -> Bool {
        s.contains("{{resolve:ssm-secure:") || s.contains("{{resolve:secretsmanager:")
    }

    static let w2501 = Rule(
        "W2501", "Check if Password Properties are correctly configured",
        "Warns when a password property takes a parameter without NoEcho, or a literal that is not a secure dynamic reference.",
        source: Docs.dynamicReferences, tags: ["parameters", "passwords", "security"],
        failing: [RuleExample("""
            Parameters:
              ⟦W2501⟧Secret:
                Type: String
            Resources:
              Db:
                Type: AWS::RDS::DBInstance
                Properties:
                  DBInstanceClass: db.t3.micro
                  Engine: mysql
                  MasterUsername: admin
                  MasterUserPassword: !Ref Secret
              Db2:
                Type: AWS::RDS::DBInstance
                Properties:
                  DBInstanceClass: db.t3.micro
                  Engine: mysql
                  MasterUsername: admin
                  ⟦W2501⟧MasterUserPassword: "{{resolve:ssm:plain-parameter:1}}"
            """)],
        passing: [RuleExample("""
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
                  MasterUserPassword: !Ref Secret
              Db2:
                Type: AWS::RDS::DBInstance
                Properties:
                  DBInstanceClass: db.t3.micro
                  Engine: mysql
                  MasterUsername: admin
                  MasterUserPassword: "prefix-{{resolve:ssm-secure:pw:1}}"
            """)]
    ) { ctx, out in
        var reported = Set<String>()
        for (key, value, path) in passwordProperties(ctx) {
            if let f = value.intrinsic {
                guard f.name == "Ref", let n = f.argument.text, let p = ctx.template.parameter(n), !p.isNoEcho,
                      reported.insert(n).inserted else { continue }
                out.add("Parameter \(n) used as \(key.name), therefore NoEcho should be True", at: p.key.range, path: [.key("Parameters"), .key(n)])
            } else if let s = value.scalar?.text, !value.isNull, !isSecureReference(s) {
                out.add("Password should use a secure dynamic reference for \(path.slashed)", at: key.range, path: path)
            }
        }
    }
}
