import ArgumentParser
import CFNChangeSet
import CFNIntrinsics
import CFNStack
import CFNTemplate
import Foundation

/// `cfnkit diff`: what CloudFormation's change set will say for an update, offline.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Preview the change set of a stack update: what is added, modified, replaced or removed.",
        discussion: """
            OLD is the template the stack was deployed with, NEW the candidate; with --stack NAME, OLD is the \
            running stack itself (its original template, parameters, tags and physical ids, read through \
            CloudFormation's read-only Get/Describe/List calls). Both are evaluated with their \
            own parameters (parameters not given for NEW keep their previous value, as UsePreviousValue does), \
            then compared as CloudFormation compares them. --format json prints DescribeChangeSet's response \
            shape (Changes, Status, StatusReason, Parameters).

            Examples:
              cfnkit diff deployed.yaml template.yaml --parameter Env=prod
              cfnkit diff --git HEAD~1 template.yaml --format json
              cfnkit diff old.yaml new.yaml --fail-on replacement
              cfnkit diff --stack my-stack template.yaml --profile prod --region eu-west-1
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, table, text }
    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case replacement, removal, any
        case policyDenied = "policy-denied"
    }

    @Argument(help: "OLD and NEW templates (with --git, only the template: its older version comes from git).")
    var templates: [String]

    @Option(help: "Read OLD from this git revision of the template (e.g. HEAD~1, main, a tag).")
    var git: String?

    @Option(help: ArgumentHelp("Compare NEW with this running stack (its deployed template and parameters).", valueName: "name"))
    var stack: String?

    @OptionGroup var aws: AWSOptions

    @Option(name: .customLong("old-parameters"), help: ArgumentHelp("Parameter values file of the deployed stack.", valueName: "file"))
    var oldParametersFile: String?

    @Option(name: .customLong("old-parameter"), help: ArgumentHelp("A deployed parameter value as Key=Value (repeatable).", valueName: "Key=Value"))
    var oldParameterOverrides: [String] = []

    @OptionGroup var context: ContextOptions

    @Option(name: .customLong("tag"), help: ArgumentHelp("A stack tag of the update as Key=Value (repeatable).", valueName: "Key=Value"))
    var tags: [String] = []

    @Option(name: .customLong("old-tag"), help: ArgumentHelp("A stack tag of the deployed stack as Key=Value (repeatable).", valueName: "Key=Value"))
    var oldTags: [String] = []

    @Flag(help: "Parameters not given for NEW take NEW's Default instead of their previous value.")
    var useDefaults = false

    @Flag(name: .customLong("include-nested-stacks"), help: "Diff nested stacks whose TemplateURL is a local path, as IncludeNestedStacks does.")
    var includeNestedStacks = false

    @Flag(name: .customLong("include-property-values"), help: "Add Path, BeforeValue, AfterValue and the before/after contexts, as describe-change-set --include-property-values.")
    var includePropertyValues = false

    @Option(name: .customLong("stack-policy"), help: ArgumentHelp("Check the changes against this stack policy (JSON) instead of the stack's own.", valueName: "file"))
    var stackPolicyFile: String?

    @Option(name: .customLong("stack-policy-during-update"), help: ArgumentHelp("The update's temporary policy (update-stack --stack-policy-during-update-body), which overrides the stack policy for this update.", valueName: "file"))
    var stackPolicyDuringUpdateFile: String?

    @Option(help: "json, table or text (default: table on a terminal, json otherwise).")
    var format: Format?

    @Option(name: .customLong("fail-on"), help: "Exit 3 when the change set replaces a resource, removes one, changes anything, or does what the stack policy denies (policy-denied).")
    var failOn: FailOn?

    func run() throws {
        let (old, newTemplate, physicalIds, deployedPolicy, oldSource) = try loadVersions()
        SAMNotice.shared.noteIfServerless(newTemplate, command: "diff")
        var newContext: EvaluationContext
        do throws(EvaluationError) {
            newContext = try context.makeContext()
        } catch {
            CommandSupport.printError("cfnkit diff: \(error)")
            throw ExitCode(2)
        }
        newContext.parameterPolicy = .deploy
        if stack != nil {
            newContext.region = old.context.region
            newContext.stackName = old.context.stackName
        }
        // An update without --tag keeps the stack's tags.
        let newTags = tags.isEmpty && stack != nil ? old.stackTags : try Self.tagMap(tags)
        var builder = ChangeSetBuilder(
            old: old, new: StackVersion(template: newTemplate, context: newContext, stackTags: newTags),
            keepPreviousParameterValues: !useDefaults, includeNestedStacks: includeNestedStacks,
            includePropertyValues: includePropertyValues)
        builder.oldSource = oldSource
        var output = builder.build()
        output.changeSet = output.changeSet.withPhysicalIds(physicalIds)
        for warning in output.warnings { CommandSupport.printError(warning.description) }
        for error in output.errors { CommandSupport.printError(error.description) }
        // A parameter without a value makes every answer about what it feeds a guess: stop.
        // So does a condition cycle or a Fn::ForEach error (as resolve): the resources compared are not the stack's.
        let stopping: Set<EvaluationError.Kind> = [.missingParameterValue, .conditionCycle, .forEach, .limitExceeded]
        if !output.errors.isEmpty || output.warnings.contains(where: { stopping.contains($0.kind) }) { throw ExitCode(2) }

        let policyCheck = try stackPolicyCheck(deployed: deployedPolicy, changeSet: output.changeSet)
        if failOn == .policyDenied && policyCheck == nil {
            throw ValidationError("--fail-on policy-denied needs a stack policy: the stack's own (--stack), --stack-policy or --stack-policy-during-update")
        }

        let terminal = isatty(STDOUT_FILENO) != 0
        switch format ?? (terminal ? .table : .json) {
        case .json:
            var object = ChangeSetRenderer.jsonObject(output.changeSet)
            if let policyCheck { object["StackPolicy"] = policyCheck.jsonObject }
            try CommandSupport.write(JSONWriter.string(object), to: nil)
        case .table:
            try CommandSupport.write(ChangeSetRenderer.table(output.changeSet, color: terminal) + (policyCheck?.text ?? ""), to: nil)
        case .text:
            try CommandSupport.write(ReviewRenderer(output: output, color: terminal).render() + (policyCheck?.text ?? ""), to: nil)
        }
        if failOn == .policyDenied, let policyCheck, !policyCheck.denials.isEmpty { throw ExitCode(3) }
        if let failOn, failOn != .policyDenied, Self.shouldFail(output.changeSet, on: failOn) { throw ExitCode(3) }
    }

    /// The policy in force for this update: the temporary one, else --stack-policy, else the stack's own.
    private func stackPolicyCheck(deployed: String?, changeSet: ChangeSet) throws -> StackPolicyCheck? {
        var body: String?, source = ""
        if let path = stackPolicyDuringUpdateFile ?? stackPolicyFile {
            do { body = String(decoding: try FileReader.read(path: path, maxBytes: 1 << 20), as: UTF8.self) } catch {
                CommandSupport.printError("cfnkit diff: cannot read the stack policy \(path): \(error.message)")
                throw ExitCode(1)
            }
            source = stackPolicyDuringUpdateFile != nil ? "--stack-policy-during-update \(path)" : "--stack-policy \(path)"
        } else if let deployed {
            body = deployed
            source = "the stack's policy"
        }
        guard let body else { return nil }
        do throws(StackPolicy.Failure) {
            return StackPolicyCheck(policy: try StackPolicy.parse(body), source: source, changeSet: changeSet)
        } catch {
            CommandSupport.printError("cfnkit diff: \(source): \(error.message)")
            throw ExitCode(1)
        }
    }

    /// Nested stacks' changes count as their parent's.
    static func shouldFail(_ changeSet: ChangeSet, on rule: FailOn) -> Bool {
        let all = ChangeSetRenderer.flattened(changeSet.changes).map(\.change)
        switch rule {
        case .policyDenied: return false
        case .replacement: return all.contains { $0.replacement == .trueValue || $0.replacement == .conditional }
        case .removal: return all.contains { $0.action == .remove }
        case .any: return !changeSet.hasNoChanges
        }
    }

    static func tagMap(_ items: [String]) throws -> [String: String] {
        var result: [String: String] = [:]
        for item in items {
            guard let eq = item.firstIndex(of: "=") else { throw ValidationError("a tag is Key=Value, not '\(item)'") }
            result[String(item[..<eq])] = String(item[item.index(after: eq)...])
        }
        return result
    }

    /// The old side (a template file, a git revision or the running stack), NEW, the old side's physical ids and
    /// stack policy, and where the old side's nested templates are read from (with --git, the same revision).
    private func loadVersions() throws -> (StackVersion, Template, [String: String], String?, any TemplateSource) {
        guard let stack else {
            let (oldTemplate, newTemplate, oldSource) = try loadTemplates()
            var oldContext: EvaluationContext
            do throws(EvaluationError) {
                oldContext = try context.makeContext()
                var oldValues = ParameterValues()
                if let oldParametersFile { oldValues = try ParameterValues.load(path: oldParametersFile) }
                oldContext.parameters = oldValues.merging(try ParameterValues.parseOverrides(oldParameterOverrides))
            } catch {
                CommandSupport.printError("cfnkit diff: \(error)")
                throw ExitCode(2)
            }
            oldContext.parameterFlag = "--old-parameter"
            return (StackVersion(template: oldTemplate, context: oldContext, stackTags: try Self.tagMap(oldTags)), newTemplate, [:], nil, oldSource)
        }
        guard git == nil, oldParametersFile == nil, oldParameterOverrides.isEmpty, oldTags.isEmpty else {
            throw ValidationError("--stack reads the deployed template, parameters and tags: drop --git, --old-parameters, --old-parameter and --old-tag")
        }
        guard templates.count == 1 else { throw ValidationError("with --stack give one template: cfnkit diff --stack NAME NEW") }
        let newTemplate = try CommandSupport.loadTemplate(templates[0])
        let access = aws.access(region: context.region)
        let deployed = try AWSOptions.read(stack, with: access, command: "diff")
        let version: DeployedVersion
        do throws(LoadError) {
            var base = EvaluationContext(region: access.region, accountId: context.accountId, stackName: context.stackName)
            base.parameterPolicy = .deploy
            version = try DeployedVersion(stack: deployed, base: base)
        } catch {
            CommandSupport.printError("cfnkit diff: the deployed template of stack '\(stack)' does not load: \(error.description)")
            throw ExitCode(2)
        }
        for name in version.maskedParameters {
            CommandSupport.printError("cfnkit diff: note: parameter \(name) is NoEcho, so its deployed value is hidden; what it feeds is compared as unknown (give --parameter \(name)=... to set a new value)")
        }
        return (version.stackVersion, newTemplate, deployed.physicalIds, deployed.policyBody, WorkingTreeSource())
    }

    /// OLD, NEW, and where OLD's nested templates are read from (with --git, the same revision).
    private func loadTemplates() throws -> (Template, Template, any TemplateSource) {
        if let git {
            guard templates.count == 1 else { throw ValidationError("with --git give one template: cfnkit diff --git REV TEMPLATE") }
            let path = templates[0]
            let newTemplate = try CommandSupport.loadTemplate(path)
            guard let executable = CommandSupport.findExecutable("git") else {
                CommandSupport.printError("cfnkit diff: --git needs git on the PATH")
                throw ExitCode(2)
            }
            let source = GitRevisionSource(revision: git, git: executable)
            let bytes: [UInt8]
            switch source.bytes(path) {
            case .success(let data): bytes = data
            case .failure(.notCommitted):
                CommandSupport.printError("cfnkit diff: \(path) is not committed at \(git), so there is no older version to compare with")
                throw ExitCode(2)
            case .failure(.git(let reason)):
                CommandSupport.printError("cfnkit diff: git show \(git):\(path): \(reason)")
                throw ExitCode(2)
            }
            do throws(LoadError) {
                let document = try TemplateLoader(limits: LoaderLimits(unknownTags: .longForm)).load(bytes: bytes, path: path)
                return (Template(document), newTemplate, source)
            } catch {
                CommandSupport.printError("\(git):\(error.description)")
                throw ExitCode(2)
            }
        }
        guard templates.count == 2 else { throw ValidationError("give OLD and NEW templates, or --git REV TEMPLATE") }
        return (try CommandSupport.loadTemplate(templates[0]), try CommandSupport.loadTemplate(templates[1]), WorkingTreeSource())
    }
}
