import ArgumentParser
import CFNLint
import CFNRulePacks
import CFNTemplate
import Foundation

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Lint templates with cfn-lint's rules, formats, configuration and exit codes.",
        discussion: """
            Exit status as cfn-lint: a bitmask of 2 (errors), 4 (warnings) and 8 (informational), \
            limited by --non-zero-exit-code; 1 for a usage or configuration error.

            Configuration: .cfnlintrc in the working directory and $HOME (or --config-file), the \
            template's Metadata: cfn-lint: config:, resource Metadata ignore_checks, and \
            `# cfn-lint: disable=ID,...` comments on the line or the line above.

            Rule packs (docs/RULE-PACKS.md): the shipped packs best-practices (CK1xxx) and security \
            (CK2xxx) are off until named with --packs (or `packs:` in .cfnlintrc); packs in folders \
            given with --rules (or `rules:`) are on unless named with --disable-packs. cfn-lint \
            custom rule files (-z) are read too. A bad rule file stops the run with file:line:col.
            """
    )

    @Argument(help: "Template files, folders (searched recursively) or glob patterns.")
    var templates: [String] = []

    @Option(name: [.customShort("t"), .customLong("template")], parsing: .upToNextOption, help: "Templates (cfn-lint's -t/--template spelling).")
    var templateOptions: [String] = []

    @Option(name: [.long, .customShort("r")], parsing: .upToNextOption, help: "Regions to lint for (comma-separated or several values, or ALL_REGIONS). Default: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1.")
    var regions: [String] = []

    @Option(name: [.long, .customShort("f")], help: "Output format: text, parseable, json, junit, sarif, github.")
    var format: String?

    @Option(name: [.customLong("ignore-checks"), .customShort("i")], parsing: .upToNextOption, help: "Rule ids or prefixes not to report.")
    var ignoreChecks: [String] = []

    @Option(name: [.customLong("include-checks"), .customShort("c")], parsing: .upToNextOption, help: "Rule ids or prefixes to add (e.g. I for informational rules).")
    var includeChecks: [String] = []

    @Option(name: [.customLong("mandatory-checks"), .customShort("m")], parsing: .upToNextOption, help: "Rule ids or prefixes reported whatever the suppressions.")
    var mandatoryChecks: [String] = []

    @Option(name: .customLong("config-file"), help: "A config file to use instead of .cfnlintrc.")
    var configFile: String?

    @Option(name: .customLong("non-zero-exit-code"), help: "Lowest level giving a non-zero exit: error, warning, informational, none.")
    var nonZeroExitCode: String?

    @Flag(name: .customLong("merge-configs"), help: "Combine list settings from every configuration source.")
    var mergeConfigs = false

    @Option(name: .customLong("output-file"), help: "Write the report to this file instead of standard output.")
    var outputFile: String?

    @Flag(name: .customLong("no-color"), help: "Never colour the text output.")
    var noColor = false

    @Flag(name: .customLong("ignore-bad-template"), help: "Do not report templates that cannot be read (E0000).")
    var ignoreBadTemplate = false

    @Flag(name: [.customLong("include-experimental"), .customShort("e")], help: "Accepted for cfn-lint compatibility (cfnkit has no experimental rules).")
    var includeExperimental = false

    @Flag(name: .customLong("info"), help: "Accepted for cfn-lint compatibility.")
    var info = false

    @Flag(name: [.customLong("list-rules"), .customShort("l")], help: "List the rules (as `cfnkit rules`) and exit.")
    var listRules = false

    @Flag(name: [.customLong("version"), .customShort("v")], help: "Print the version (as `cfnkit --version`) and exit.")
    var version = false

    // cfn-lint flags whose meaning does not carry over: refused with the reason, never ignored.
    @Flag(name: [.customLong("debug"), .customShort("D")], help: "Refused: cfn-lint's Python debug log has no counterpart.")
    var debug = false

    @Flag(name: [.customLong("build-graph"), .customShort("g")], help: "Refused: use `cfnkit graph TEMPLATE` (DOT, Mermaid, JSON, SVG).")
    var buildGraph = false

    @Option(name: .customLong("rules"), help: ArgumentHelp("A folder of rule-pack files (repeatable); its packs are on unless disabled.", valueName: "dir"))
    var rulesDirectories: [String] = []

    @Option(name: .customLong("packs"), help: ArgumentHelp("Rule packs to enable, by name (comma-separated; 'all' for every pack).", valueName: "names"))
    var packs: [String] = []

    @Option(name: .customLong("disable-packs"), help: ArgumentHelp("Rule packs to disable, by name (comma-separated).", valueName: "names"))
    var disablePacks: [String] = []

    @Option(name: [.customShort("z"), .customLong("custom-rules")], help: ArgumentHelp("A cfn-lint custom rules file (one rule a line).", valueName: "file"))
    var customRules: String?

    func run() throws {
        if debug {
            throw ValidationError("-D/--debug is cfn-lint's Python debug log; cfnkit lint has none (every finding already names its rule and position)")
        }
        if buildGraph {
            throw ValidationError("-g/--build-graph is not part of lint in cfnkit: `cfnkit graph TEMPLATE > TEMPLATE.dot` writes the same DOT graph")
        }
        if version { return try CommandSupport.write(VersionReport.text() + "\n", to: nil) }
        if listRules { return try CommandSupport.write(RulesDocument.text(RuleSet.builtIn), to: nil) }
        var templates = templateOptions + self.templates
        let (regionValues, t1) = LintArguments.split(regions, keep: LintArguments.isRegion)
        let (ignore, t2) = LintArguments.split(ignoreChecks, keep: LintArguments.isCheckId)
        let (include, t3) = LintArguments.split(includeChecks, keep: LintArguments.isCheckId)
        let (mandatory, t4) = LintArguments.split(mandatoryChecks, keep: LintArguments.isCheckId)
        templates = t1 + t2 + t3 + t4 + templates
        if templates.contains("") { throw ValidationError("an empty template path was given") }
        var cli = LintConfig()
        if !regionValues.isEmpty { cli.regions = regionValues }
        if !ignore.isEmpty { cli.ignoreChecks = ignore }
        if !include.isEmpty { cli.includeChecks = include }
        if !mandatory.isEmpty { cli.mandatoryChecks = mandatory }
        if let format {
            guard let f = OutputFormat(rawValue: format) else { throw usage("unknown format '\(format)'; use one of \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))") }
            cli.format = f
        }
        if let nonZeroExitCode {
            guard let t = ExitThreshold(rawValue: nonZeroExitCode) else { throw usage("unknown --non-zero-exit-code '\(nonZeroExitCode)'") }
            cli.nonZeroExitCode = t
        }
        if mergeConfigs { cli.mergeConfigs = true }
        if ignoreBadTemplate { cli.ignoreBadTemplate = true }
        if !templates.isEmpty { cli.templates = templates }

        let settings: LintSettings
        do { settings = try LintSettings.resolve(cli: cli, configFile: configFile) } catch {
            throw usage(error.message)
        }
        var paths = templates
        if paths.isEmpty { paths = settings.cli.templates ?? settings.file.templates ?? [] }
        guard !paths.isEmpty else { throw usage("no templates given") }
        let catalog: RulePackCatalog
        do { catalog = try ShippedRulePacks.catalog(packSelection(settings)) } catch {
            throw usage(error.description)
        }
        let linter = Linter(rules: catalog.ruleSet)
        var report = linter.lint(paths: paths, settings: settings)
        if let ignored = settings.file.ignoreTemplates, !ignored.isEmpty {
            let skip = Set(TemplateFinder.expand(ignored))
            report.findings.removeAll { skip.contains($0.file) }
        }
        let destination = outputFile ?? settings.file.outputFile
        let color = destination == nil && !noColor && isatty(1) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let text = Formatter(format: settings.format, rules: catalog.ruleSet, color: color, version: CFNKitVersion.number).render(report)
        if let destination {
            do { try AtomicFile.write(text, to: destination, sparing: report.files) } catch {
                throw usage("\(error)")
            }
        } else {
            try CommandSupport.write(text, to: nil)
        }
        let code = report.exitCode(threshold: settings.threshold)
        if code != 0 { throw ExitCode(code) }
    }

    /// The rule packs named in the config files, with the command line's over them.
    func packSelection(_ settings: LintSettings) -> RulePackSelection {
        func names(_ values: [String]) -> [String] { values.flatMap { $0.split(separator: ",").map(String.init) }.filter { !$0.isEmpty } }
        let file = RulePackSelection(config: settings.file)
        let cli = RulePackSelection(directories: rulesDirectories, enable: names(packs), disable: names(disablePacks),
                                    customRules: customRules.map { [$0] } ?? [])
        return RulePackSelection.combine(file: file, cli: cli)
    }

    private func usage(_ message: String) -> Error {
        FileHandle.standardError.write(Data("cfnkit lint: \(message)\n".utf8))
        return ExitCode(1)
    }
}
