import CFNTemplate

extension TemplateRules {
    static let e1001 = Rule(
        "E1001", "Basic CloudFormation Template Configuration",
        "Checks the top-level structure: known sections only, a Resources section, sections of the right type, a valid AWSTemplateFormatVersion.",
        source: Docs.anatomy, tags: ["base"],
        failing: [RuleExample("""
            AWSTemplateFormatVersion: ⟦E1001⟧"2010-09-10"
            ⟦E1001⟧Resource:
              Topic:
                Type: AWS::SNS::Topic
            ⟦E1001⟧Outputs: []
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            """),
                  RuleExample("⟦E1001⟧Description: no resources\n")],
        passing: [RuleExample("""
            AWSTemplateFormatVersion: "2010-09-09"
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Timeout: 3
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            """)]
    ) { ctx, out in
        let t = ctx.template
        guard let top = t.root.mapping else { return }
        if top["Resources"] == nil {
            out.add("'Resources' is a required property", at: t.root.range, path: [])
        }
        for e in top.entries {
            let name = e.key.name
            if !Template.sectionNames.contains(name) && !(name == "Globals" && t.isServerless) {
                out.add("Additional properties are not allowed ('\(name)' was unexpected)", at: e.key.range, path: [.key(name)])
                continue
            }
            switch name {
            case "Parameters", "Mappings", "Conditions", "Resources", "Outputs", "Metadata", "Rules", "Hooks", "Globals":
                if e.value.mapping == nil {
                    out.add("\(FunctionChecks.describe(e.value)) is not of type 'object'", at: e.key.range, path: [.key(name)])
                }
            case "AWSTemplateFormatVersion":
                if e.value.text != "2010-09-09" || e.value.isNull {
                    out.add("\(FunctionChecks.describe(e.value)) is not one of ['2010-09-09']", at: e.value.range, path: [.key(name)])
                }
            case "Description":
                if e.value.scalar == nil || e.value.isNull {
                    out.add("\(FunctionChecks.describe(e.value)) is not of type 'string'", at: e.key.range, path: [.key(name)])
                }
            default: break
            }
        }
    }
}
