import ArgumentParser
import CFNGraph
import CFNTemplate
import Foundation

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show the order CloudFormation creates and deletes resources, in parallel waves.",
        discussion: """
            One template: its create waves, delete order, critical path and retained resources. \
            Several templates (or a folder): also the order to deploy the stacks, from Export and \
            Fn::ImportValue. A template with a dependency cycle exits 2 and prints the cycle.
            """
    )

    @Argument(help: "Templates or folders.")
    var paths: [String]

    @Option(help: "table or json.")
    var format: Format = .table

    @Flag(help: "Show the plan of each nested stack (AWS::CloudFormation::Stack with a local TemplateURL) under it.")
    var nested = false

    @Option(name: .customLong("stack-names"), help: "PATH=NAME: the stack name of a template, for ${AWS::StackName} in export names (repeatable).")
    var stackNames: [String] = []

    @OptionGroup var context: ContextOptions

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    func run() throws {
        let files = TemplateFinder.expand(paths)
        guard !files.isEmpty else { throw ValidationError("no templates found in \(paths.joined(separator: " "))") }
        var templates: [Template] = []
        for file in files { templates.append(try CommandSupport.loadTemplate(file)) }
        for template in templates { SAMNotice.shared.noteIfServerless(template, command: "plan") }

        var names: [String: String] = [:]
        for pair in stackNames {
            guard let eq = pair.firstIndex(of: "=") else { throw ValidationError("--stack-name takes PATH=NAME, not '\(pair)'") }
            names[String(pair[..<eq])] = String(pair[pair.index(after: eq)...])
        }

        var failed = false
        var text = ""
        var json: [[String: Any]] = []
        for template in templates {
            let (entryText, entryJSON, ok) = try planEntry(template, indent: "")
            failed = failed || !ok
            text += (templates.count > 1 ? "\(template.path)\n" : "") + entryText
            json.append(entryJSON)
        }
        var document: Any = json.first ?? [:]
        if templates.count > 1 {
            let set = StackSet(templates: templates, stackNames: names, region: context.region)
            text += "\nStack deploy order (from Export / Fn::ImportValue):\n"
            for (i, wave) in set.deployOrder.enumerated() {
                text += "  \(String(format: "%4d", i + 1))  \(wave.joined(separator: ", "))\n"
            }
            for finding in set.findings {
                text += "\(finding.range): \(finding.kind == .unresolvedImport ? "warning" : "error"): \(finding.message)\n"
                if finding.kind != .unresolvedImport { failed = true }
            }
            let stackFindings: [[String: Any]] = set.findings.map { finding in
                ["kind": finding.kind.rawValue, "message": finding.message, "file": finding.range.file.path,
                 "line": finding.range.start.line, "column": finding.range.start.column]
            }
            let combined: [String: Any] = ["templates": json, "stackOrder": set.deployOrder, "stackFindings": stackFindings]
            document = combined
        }
        try CommandSupport.write(format == .json ? PlanRenderer.json(document) : text, to: nil)
        if failed { throw ExitCode(2) }
    }

    /// The plan of one template (and, with --nested, its nested stacks, read once for the whole tree);
    /// false when it cannot be planned.
    private func planEntry(_ template: Template, indent: String) throws -> (String, [String: Any], Bool) {
        guard nested else { return try planEntry(template, indent: indent, stacks: nil) }
        var resolver = NestedStackResolver()
        let stacks = resolver.resolve(template)
        let findings = resolver.findings.map { "\(indent)\($0.range): error: \($0.message)\n" }.joined()
        let (text, planJSON, ok) = try planEntry(template, indent: indent, stacks: stacks, findings: findings)
        var json = planJSON
        json["nestedFindings"] = resolver.findings.map { ["kind": $0.kind.rawValue, "message": $0.message, "file": $0.file,
                                                          "line": $0.range.start.line, "column": $0.range.start.column] }
        return (text, json, ok && resolver.findings.isEmpty)
    }

    /// One template's plan and, under it, its nested stacks' (the recursion is bounded by
    /// `Limits.nestedStackDepth`, which the resolver enforces).
    private func planEntry(_ template: Template, indent: String, stacks: [NestedStack]?,
                           findings: String = "") throws -> (String, [String: Any], Bool) {
        let graph = try CommandSupport.graph(for: template, context: context)
        var text = ""
        var json: [String: Any] = ["file": template.path]
        var ok = true
        do {
            let plan = try DeploymentPlan(graph: graph)
            text += PlanRenderer.text(plan, template: template, indent: indent)
            json.merge(PlanRenderer.jsonObject(plan)) { a, _ in a }
        } catch {
            if case .cycle(let cycles) = error {
                CommandSupport.printError(PlanRenderer.cycles(cycles, file: template.path))
                json["cycles"] = cycles.map(\.path)
            }
            ok = false
        }
        guard let stacks else { return (text, json, ok) }
        text += findings
        var children: [String: Any] = [:]
        for stack in stacks {
            guard let child = stack.template else { continue }
            text += "\(indent)Nested stack \(stack.logicalId) (\(stack.templatePath)):\n"
            let (childText, childJSON, childOK) = try planEntry(child, indent: indent + "    ", stacks: stack.children)
            text += childText
            children[stack.logicalId] = childJSON
            ok = ok && childOK
        }
        json["nested"] = children
        return (text, json, ok)
    }
}
