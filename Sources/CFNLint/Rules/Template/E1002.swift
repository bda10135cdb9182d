import CFNTemplate

extension TemplateRules {
    static let templateBodyLimit = 1_000_000

    static let e1002 = Rule(
        "E1002", "Template size limit",
        "Checks that the template body is no larger than CloudFormation accepts (1,000,000 bytes; 51,200 bytes when passed inline).",
        source: Docs.limits, tags: ["limits"],
        failing: [RuleExample("⟦E1002⟧Metadata:\n  Blob: \"" + String(repeating: "x", count: 1_000_000) + "\"\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n")],
        passing: [RuleExample("Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n")]
    ) { ctx, out in
        if ctx.template.byteCount > templateBodyLimit {
            out.add("The template file size (\(ctx.template.byteCount) bytes) exceeds the limit (\(templateBodyLimit) bytes)",
                    at: SourceRange(file: ctx.template.file, start: .init(line: 1, column: 1), end: .init(line: 1, column: 1)), path: [])
        }
    }
}
