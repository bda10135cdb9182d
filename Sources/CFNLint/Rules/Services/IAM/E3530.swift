import CFNTemplate

extension IAMTrustPolicyRules {
    static func check(_ statement: Mapping, at loc: Location, _ out: inout Findings) {
        // Findings point at the statement's first key, where a reader's eye lands.
        let at = statement.entries.first.map { Location($0.key.range, loc.path) } ?? loc
        if let effect = TypeSpecific.entry(statement, "Effect", under: loc) {
            if let text = TypeSpecific.string(effect.node), text != "Allow", text != "Deny" {
                out.add("\(TypeSpecific.repr(text)) is not one of ['Allow', 'Deny']", at: at)
            }
        } else {
            out.add("'Effect' is a required property", at: at)
        }
        if statement["Principal"] == nil, statement["NotPrincipal"] == nil {
            out.add("'Principal' is a required property in a trust policy (or 'NotPrincipal')", at: at)
        }
    }

    static let e3530 = Rule(
        "E3530", "Validate IAM trust polices",
        "Checks role trust policies: a Statement, and in each statement an Effect of Allow or Deny and a Principal (or NotPrincipal), which IAM requires in trust policies.",
        source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html",
        tags: ["resources", "iam"],
        failing: [RuleExample("""
            Resources:
              Empty:
                Type: AWS::IAM::Role
                Properties:
                  ⟦E3530⟧AssumeRolePolicyDocument: {Version: "2012-10-17"}
              NoPrincipal:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Statement:
                      - ⟦E3530⟧Effect: Allow
                        Action: sts:AssumeRole
                      - ⟦E3530⟧Effect: Permit
                        Principal: {Service: lambda.amazonaws.com}
                        Action: sts:AssumeRole
            """)],
        passing: [RuleExample("""
            Parameters:
              Federated: {Type: String}
            Conditions:
              HasFederation: !Not [!Equals [!Ref Federated, ""]]
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Principal: {Service: [lambda.amazonaws.com]}
                        Action: sts:AssumeRole
                      - !If
                        - HasFederation
                        - Effect: Allow
                          Principal: {Federated: !Ref Federated}
                          Action: sts:AssumeRoleWithWebIdentity
                        - !Ref AWS::NoValue
              Deny:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Statement: {Effect: Deny, NotPrincipal: {AWS: "arn:aws:iam::123456789012:root"}, Action: "sts:*"}
            """)]
    ) { ctx, out in
        for (_, props, loc) in TypeSpecific.resources(ctx, ["AWS::IAM::Role"]) {
            guard let doc = TypeSpecific.entry(props, "AssumeRolePolicyDocument", under: loc) else { continue }
            for d in TypeSpecific.branches(doc.node, at: doc.location, keepLocation: true) {
                guard let document = d.node.mapping, d.node.intrinsic == nil else { continue }
                guard let statement = TypeSpecific.entry(document, "Statement", under: d.location) else {
                    out.add("'Statement' is a required property", at: d.location)
                    continue
                }
                // One statement or a list of them, each possibly behind Fn::If.
                let statements = statement.node.sequence != nil
                    ? TypeSpecific.items(statement.node, at: statement.location)
                    : TypeSpecific.branches(statement.node, at: statement.location)
                for s in statements {
                    guard let m = s.node.mapping, s.node.intrinsic == nil else { continue }
                    check(m, at: s.location, &out)
                }
            }
        }
    }
}
