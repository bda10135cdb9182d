import CFNTemplate

extension ResourceRules {
    /// Lambda runtimes past their deprecation: (deprecated, creation blocked, update blocked, successor).
    static let runtimes: [String: (deprecated: String, create: String, update: String, successor: String)] = [
        "nodejs": ("2016-08-30", "2016-09-30", "2016-10-31", "nodejs24.x"),
        "nodejs4.3": ("2020-03-05", "2020-02-03", "2020-03-05", "nodejs24.x"),
        "nodejs6.10": ("2019-08-12", "2019-07-12", "2019-08-12", "nodejs24.x"),
        "nodejs16.x": ("2024-06-12", "2026-06-01", "2026-07-01", "nodejs24.x"),
        "nodejs18.x": ("2025-09-01", "2026-06-01", "2026-07-01", "nodejs24.x"),
        "nodejs20.x": ("2026-04-30", "2026-06-01", "2026-07-01", "nodejs24.x"),
        "java8": ("2024-01-08", "2024-02-08", "2026-07-01", "java25"),
        "python3.6": ("2022-07-18", "2022-07-18", "2022-08-29", "python3.14"),
        "python3.8": ("2024-10-14", "2026-06-01", "2026-07-01", "python3.14"),
        "python3.9": ("2025-12-15", "2026-06-01", "2026-07-01", "python3.14"),
        "python3.10": ("2026-06-30", "2026-07-31", "2026-08-31", "python3.14"),
        "python3.11": ("2026-06-30", "2026-07-31", "2026-08-31", "python3.14"),
        "provided.al2": ("2026-06-30", "2026-07-31", "2026-08-31", "provided.al2023"),
    ]

    static let e2533 = Rule(
        "E2533", "Check if Lambda Function Runtimes are updatable",
        "Reports Lambda runtimes that can no longer be used to create or update a function (as of the day of the run).",
        source: Docs.lambdaRuntimes, tags: ["resources", "lambda", "runtime"],
        failing: [RuleExample("""
            Resources:
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/r
                  Code: {ZipFile: "x"}
                  ⟦E2533⟧Runtime: python3.6
            """)],
        passing: [RuleExample("""
            Resources:
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/r
                  Code: {ZipFile: "x"}
                  Runtime: python3.13
            """)]
    ) { ctx, out in
        let globalRuntime = ctx.template.isServerless ? ctx.template.root["Globals"]?["Function"]?["Runtime"] : nil
        for r in ctx.template.resources where r.type == "AWS::Lambda::Function" || r.type == "AWS::Serverless::Function" {
            let sam = r.type == "AWS::Serverless::Function"
            let ignored = r.node["IgnoreGlobals"].map { $0.text == "*" || ($0.sequence ?? []).contains { $0.text == "Runtime" || $0.text == "*" } } ?? false
            guard let node = r.properties?["Runtime"] ?? (sam && !ignored ? globalRuntime : nil),
                  let name = node.scalar?.text, let info = runtimes[name] else { continue }
            guard info.update < ctx.today else { continue }
            // SAM functions are reported where cfn-lint maps the transformed function: the logical id.
            let at = sam ? r.key.range : (r.properties?.entry("Runtime")?.key.range ?? r.key.range)
            out.add("Runtime '\(name)' was deprecated on '\(info.deprecated)'. Creation was disabled on '\(info.create)' and update on '\(info.update)'. Please consider updating to '\(info.successor)'",
                    at: at, path: [.key("Resources"), .key(r.logicalId), .key("Properties"), .key("Runtime")])
        }
    }
}
