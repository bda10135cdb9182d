import CFNSchema
import CFNTemplate
import Foundation

/// Output formats, as cfn-lint names them (plus `github` and `sarif`).
public enum OutputFormat: String, Sendable, Hashable, CaseIterable {
    case text, parseable, json, junit, sarif, github, pretty
}

/// `--non-zero-exit-code`: the lowest severity that makes the exit status non-zero.
public enum ExitThreshold: String, Sendable, Hashable, CaseIterable {
    case error, warning, informational, none
}

/// A usage or configuration problem (exit status 1).
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// One source of settings (command line, template metadata, config file). Nil means "not given".
public struct LintConfig: Sendable, Equatable {
    public var regions: [String]?
    public var ignoreChecks: [String]?
    public var includeChecks: [String]?
    public var mandatoryChecks: [String]?
    public var format: OutputFormat?
    public var nonZeroExitCode: ExitThreshold?
    public var templates: [String]?
    public var ignoreTemplates: [String]?
    public var includeExperimental: Bool?
    public var mergeConfigs: Bool?
    public var ignoreBadTemplate: Bool?
    public var outputFile: String?
    /// Rule-pack folders (`rules:`; cfnkit only).
    public var rulesDirectories: [String]?
    /// Rule packs to enable (`packs:`) and to disable (`disable_packs:`) by name (cfnkit only).
    public var packs: [String]?
    public var disablePacks: [String]?
    /// A cfn-lint custom rules file (`custom_rules:`).
    public var customRules: String?

    public init(regions: [String]? = nil, ignoreChecks: [String]? = nil, includeChecks: [String]? = nil,
                mandatoryChecks: [String]? = nil, format: OutputFormat? = nil, nonZeroExitCode: ExitThreshold? = nil,
                templates: [String]? = nil, ignoreTemplates: [String]? = nil, includeExperimental: Bool? = nil,
                mergeConfigs: Bool? = nil, ignoreBadTemplate: Bool? = nil, outputFile: String? = nil) {
        self.regions = regions
        self.ignoreChecks = ignoreChecks
        self.includeChecks = includeChecks
        self.mandatoryChecks = mandatoryChecks
        self.format = format
        self.nonZeroExitCode = nonZeroExitCode
        self.templates = templates
        self.ignoreTemplates = ignoreTemplates
        self.includeExperimental = includeExperimental
        self.mergeConfigs = mergeConfigs
        self.ignoreBadTemplate = ignoreBadTemplate
        self.outputFile = outputFile
    }

    /// Keys cfn-lint accepts in a config file.
    public static let fileKeys: Set<String> = [
        "templates", "ignore_templates", "ignore_checks", "include_checks", "mandatory_checks", "regions",
        "format", "non_zero_exit_code", "include_experimental", "merge_configs", "ignore_bad_template",
        "output_file", "configure_rules", "append_rules", "override_spec", "custom_rules", "info", "debug",
        "deployment_files", "parameters", "parameter_files", "update_documentation", "update_specs",
        "rules", "packs", "disable_packs",
    ]

    /// Keys cfn-lint accepts in a template's `Metadata: cfn-lint: config:`.
    public static let templateKeys: Set<String> = [
        "regions", "ignore_checks", "include_checks", "mandatory_checks", "configure_rules", "include_experimental",
    ]

    /// Reads a `.cfnlintrc` (YAML). Unknown keys and wrong types are configuration errors.
    public static func parseFile(_ bytes: [UInt8], path: String) throws(ConfigError) -> LintConfig {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return LintConfig() }
        let doc: LoadedDocument
        do {
            doc = try TemplateLoader(limits: LoaderLimits(unknownTags: .longForm)).load(bytes: bytes, path: path)
        } catch {
            if error.kind == .empty { return LintConfig() }
            throw ConfigError("\(path):\(error.position.line):\(error.position.column): \(error.message)")
        }
        let (config, problems) = parse(doc.root, allowed: fileKeys)
        if let p = problems.first { throw ConfigError("\(path):\(p.range.start.line):\(p.range.start.column): \(p.message)") }
        return config
    }

    public struct Problem: Sendable {
        public var message: String
        public var range: SourceRange
        public var path: [PathElement]
    }

    /// Reads settings from a mapping node; problems are returned, not thrown (the template form
    /// reports them as W4005 findings).
    public static func parse(_ node: Node, allowed: Set<String>, basePath: [PathElement] = []) -> (LintConfig, [Problem]) {
        var c = LintConfig()
        var problems: [Problem] = []
        guard let m = node.mapping else {
            return (c, [Problem(message: "\(FunctionChecks.describe(node)) is not of type 'object'", range: node.range, path: basePath)])
        }
        for e in m.entries {
            let key = e.key.name
            let path = basePath + [.key(key)]
            guard allowed.contains(key) else {
                problems.append(Problem(message: "Additional properties are not allowed ('\(key)' was unexpected)", range: e.key.range, path: path))
                continue
            }
            func strings() -> [String]? {
                if let items = e.value.sequence, items.allSatisfy({ $0.scalar != nil }) {
                    return items.flatMap { splitList($0.text!) }
                }
                if ["regions", "templates", "ignore_templates", "rules", "packs", "disable_packs"].contains(key), let s = e.value.text { return splitList(s) }
                problems.append(Problem(message: "\(FunctionChecks.describe(e.value)) is not of type 'array'", range: e.value.range, path: path))
                return nil
            }
            func bool() -> Bool? {
                switch e.value.text?.lowercased() {
                case "true": return true
                case "false": return false
                default:
                    problems.append(Problem(message: "\(FunctionChecks.describe(e.value)) is not of type 'boolean'", range: e.value.range, path: path))
                    return nil
                }
            }
            switch key {
            case "regions": c.regions = strings()
            case "ignore_checks": c.ignoreChecks = strings()
            case "include_checks": c.includeChecks = strings()
            case "mandatory_checks": c.mandatoryChecks = strings()
            case "templates": c.templates = strings()
            case "ignore_templates": c.ignoreTemplates = strings()
            case "include_experimental": c.includeExperimental = bool()
            case "merge_configs": c.mergeConfigs = bool()
            case "ignore_bad_template": c.ignoreBadTemplate = bool()
            case "output_file": c.outputFile = e.value.text
            case "rules": c.rulesDirectories = strings()
            case "packs": c.packs = strings()
            case "disable_packs": c.disablePacks = strings()
            case "custom_rules": c.customRules = e.value.text
            case "format":
                if let f = e.value.text.flatMap(OutputFormat.init(rawValue:)) { c.format = f } else {
                    problems.append(Problem(message: "\(FunctionChecks.describe(e.value)) is not one of \(FunctionChecks.list(OutputFormat.allCases.map(\.rawValue)))", range: e.value.range, path: path))
                }
            case "non_zero_exit_code":
                if let f = e.value.text.flatMap(ExitThreshold.init(rawValue:)) { c.nonZeroExitCode = f } else {
                    problems.append(Problem(message: "\(FunctionChecks.describe(e.value)) is not one of \(FunctionChecks.list(ExitThreshold.allCases.map(\.rawValue)))", range: e.value.range, path: path))
                }
            default: break  // accepted for compatibility, not used
            }
        }
        return (c, problems)
    }

    /// `a,b` and `a b` both give two items.
    public static func splitList(_ s: String) -> [String] {
        s.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
    }

    /// cfn-lint's precedence: the command line, then the template's metadata, then the config
    /// file; with `merge_configs` lists from every source are combined.
    public static func merged(cli: LintConfig, template: LintConfig, file: LintConfig) -> LintConfig {
        let merge = cli.mergeConfigs ?? file.mergeConfigs ?? false
        func pick<T>(_ k: KeyPath<LintConfig, T?>) -> T? { cli[keyPath: k] ?? template[keyPath: k] ?? file[keyPath: k] }
        func list(_ k: KeyPath<LintConfig, [String]?>) -> [String]? {
            if merge {
                let all = [cli[keyPath: k], template[keyPath: k], file[keyPath: k]].compactMap { $0 }
                return all.isEmpty ? nil : all.flatMap { $0 }
            }
            return pick(k)
        }
        var out = LintConfig()
        out.regions = pick(\.regions)
        out.ignoreChecks = list(\.ignoreChecks)
        out.includeChecks = list(\.includeChecks)
        out.mandatoryChecks = list(\.mandatoryChecks)
        out.format = pick(\.format)
        out.nonZeroExitCode = pick(\.nonZeroExitCode)
        out.templates = pick(\.templates)
        out.ignoreTemplates = list(\.ignoreTemplates)
        out.includeExperimental = pick(\.includeExperimental)
        out.mergeConfigs = merge
        out.ignoreBadTemplate = pick(\.ignoreBadTemplate)
        out.outputFile = pick(\.outputFile)
        out.rulesDirectories = list(\.rulesDirectories)
        out.packs = list(\.packs)
        out.disablePacks = list(\.disablePacks)
        out.customRules = pick(\.customRules)
        return out
    }

    /// The template's `Metadata: cfn-lint: config:` settings and any problems in them.
    public static func fromTemplate(_ template: Template) -> (LintConfig, [Problem]) {
        guard let config = template.metadata?["cfn-lint"]?["config"] else { return (LintConfig(), []) }
        return parse(config, allowed: templateKeys, basePath: [.key("Metadata"), .key("cfn-lint"), .key("config")])
    }
}

/// The settings a lint run uses, resolved from every source.
public struct LintSettings: Sendable {
    public var regions: [String]
    public var ignoreChecks: [String]
    public var includeChecks: [String]
    public var mandatoryChecks: [String]
    public var format: OutputFormat
    public var threshold: ExitThreshold
    public var ignoreBadTemplate: Bool
    /// The merged, unresolved configuration (kept so template metadata can be layered per file).
    public var cli: LintConfig
    public var file: LintConfig

    /// Resolves the command line over the config files.
    /// - configFile: `--config-file`; otherwise `.cfnlintrc`/`.cfnlintrc.yaml`/`.cfnlintrc.yml` in
    ///   `directory` over `.cfnlintrc` in `home` (project settings win).
    public static func resolve(cli: LintConfig, configFile: String? = nil, directory: String = FileManager.default.currentDirectoryPath,
                               home: String? = ProcessInfo.processInfo.environment["HOME"],
                               environment: [String: String] = ProcessInfo.processInfo.environment,
                               schemas: SchemaRegistry = .bundled) throws(ConfigError) -> LintSettings {
        var file = LintConfig()
        if let configFile {
            file = try readConfig(configFile, required: true)
        } else {
            var homeConfig = LintConfig()
            if let home { homeConfig = try readConfig((home as NSString).appendingPathComponent(".cfnlintrc"), required: false) }
            var project = LintConfig()
            for name in [".cfnlintrc", ".cfnlintrc.yaml", ".cfnlintrc.yml"] {
                let p = (directory as NSString).appendingPathComponent(name)
                if FileManager.default.fileExists(atPath: p) { project = try readConfig(p, required: true); break }
            }
            file = LintConfig.merged(cli: project, template: LintConfig(), file: homeConfig)
            file.mergeConfigs = project.mergeConfigs ?? homeConfig.mergeConfigs
        }
        var settings = try LintSettings(cli: cli, file: file, template: LintConfig(), environment: environment, schemas: schemas)
        settings.cli = cli
        settings.file = file
        return settings
    }

    public init(cli: LintConfig = LintConfig(), file: LintConfig = LintConfig(), template: LintConfig = LintConfig(),
                environment: [String: String] = [:], schemas: SchemaRegistry = .bundled) throws(ConfigError) {
        let m = LintConfig.merged(cli: cli, template: template, file: file)
        var regions = m.regions ?? []
        if regions.isEmpty {
            let env = environment["AWS_REGION"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["AWS_DEFAULT_REGION"].flatMap { $0.isEmpty ? nil : $0 }
            regions = [env ?? SchemaRegistry.defaultRegion]
        }
        if regions.contains("ALL_REGIONS") { regions = schemas.allRegions }
        for r in regions where !schemas.isKnownRegion(r) {
            throw ConfigError("unknown region '\(r)'; known regions: \(schemas.allRegions.joined(separator: ", ")) or ALL_REGIONS")
        }
        var seen = Set<String>()
        self.regions = regions.filter { seen.insert($0).inserted }
        ignoreChecks = m.ignoreChecks ?? []
        includeChecks = m.includeChecks ?? []
        mandatoryChecks = m.mandatoryChecks ?? []
        format = m.format ?? .text
        threshold = m.nonZeroExitCode ?? .informational
        ignoreBadTemplate = m.ignoreBadTemplate ?? false
        self.cli = cli
        self.file = file
    }

    /// These settings with one template's metadata configuration layered in.
    public func applying(template: LintConfig, schemas: SchemaRegistry = .bundled) -> LintSettings {
        if template == LintConfig() { return self }
        var s = (try? LintSettings(cli: cli, file: file, template: template, environment: [:], schemas: schemas)) ?? self
        if template.regions == nil || cli.regions != nil { s.regions = regions }
        return s
    }

    static func readConfig(_ path: String, required: Bool) throws(ConfigError) -> LintConfig {
        let bytes: [UInt8]
        do { bytes = try FileReader.read(path: path, maxBytes: 1 << 20) } catch {
            if !required && error.kind == .fileNotFound { return LintConfig() }
            throw ConfigError("\(path): \(error.message)")
        }
        return try LintConfig.parseFile(bytes, path: path)
    }

    // MARK: Rule selection

    static func matches(_ id: String, _ checks: [String]) -> Bool {
        checks.contains { !$0.isEmpty && id.hasPrefix($0) }
    }

    public func isMandatory(_ id: String) -> Bool { Self.matches(id, mandatoryChecks) }

    /// Whether a rule runs: E and W rules by default, I rules when included; ignored unless mandatory.
    public func isEnabled(_ id: String) -> Bool {
        if isMandatory(id) { return true }
        let included = id.first != "I" || Self.matches(id, includeChecks)
        guard included else { return false }
        return !Self.matches(id, ignoreChecks)
    }
}
