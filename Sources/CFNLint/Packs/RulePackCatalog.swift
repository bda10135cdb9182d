import CFNTemplate
import Foundation

/// Which rule packs a run uses. Packs shipped with cfnkit are off unless enabled by name; packs
/// in folders the user adds (`--rules DIR`, `rules:` in `.cfnlintrc`) are on unless disabled by
/// name. cfn-lint custom rule files are always on.
public struct RulePackSelection: Sendable, Equatable {
    public var directories: [String]
    public var enable: [String]
    public var disable: [String]
    public var customRules: [String]

    public init(directories: [String] = [], enable: [String] = [], disable: [String] = [], customRules: [String] = []) {
        self.directories = directories
        self.enable = enable
        self.disable = disable
        self.customRules = customRules
    }

    /// The packs a configuration file asks for (`rules:`, `packs:`, `disable_packs:`, `custom_rules:`).
    public init(config: LintConfig) {
        self.init(directories: config.rulesDirectories ?? [], enable: config.packs ?? [],
                  disable: config.disablePacks ?? [], customRules: config.customRules.map { [$0] } ?? [])
    }

    /// The config file's selection with the command line's over it: folders and custom rule
    /// files add up; a pack named on the command line wins over the file's choice for it.
    public static func combine(file: RulePackSelection, cli: RulePackSelection) -> RulePackSelection {
        var out = RulePackSelection()
        out.directories = file.directories + cli.directories.filter { !file.directories.contains($0) }
        out.customRules = file.customRules + cli.customRules.filter { !file.customRules.contains($0) }
        out.enable = file.enable.filter { !cli.disable.contains($0) } + cli.enable
        out.disable = file.disable.filter { !cli.enable.contains($0) } + cli.disable
        return out
    }

    public var isEmpty: Bool { directories.isEmpty && enable.isEmpty && customRules.isEmpty }
}

/// The packs found for a run and the rule set built from them.
public struct RulePackCatalog: Sendable {
    /// Every pack found (shipped and user), whether enabled or not.
    public let packs: [(pack: RulePack, shipped: Bool, enabled: Bool)]
    public let customRules: [CustomLineRule]
    /// Built-in rules plus the rules of enabled packs and custom rule files.
    public let ruleSet: RuleSet

    /// Reads the shipped packs (from `shippedDirectory`, if any), the user's folders and custom
    /// rule files, and builds the rule set. Throws at the first bad rule file or unknown pack name.
    public static func load(shippedDirectory: String?, selection: RulePackSelection,
                            builtIn: RuleSet = .builtIn) throws(RulePackError) -> RulePackCatalog {
        var found: [(RulePack, Bool)] = []
        if let shippedDirectory, FileManager.default.fileExists(atPath: shippedDirectory) {
            for p in try RulePackLoader.loadDirectory(shippedDirectory) { found.append((p, true)) }
        }
        for dir in selection.directories {
            for p in try RulePackLoader.loadDirectory(dir) { found.append((p, false)) }
        }
        let names = Set(found.map(\.0.name))
        for n in selection.enable + selection.disable where n != "all" && !names.contains(n) {
            throw RulePackError(file: "<packs>", position: SourcePosition(line: 1, column: 1),
                                "unknown rule pack '\(n)'; known packs: \(names.sorted().joined(separator: ", "))")
        }
        var packs: [(pack: RulePack, shipped: Bool, enabled: Bool)] = []
        for (p, shipped) in found {
            let named = selection.enable.contains(p.name) || selection.enable.contains("all")
            let off = selection.disable.contains(p.name) || (selection.disable.contains("all") && !selection.enable.contains(p.name))
            packs.append((p, shipped, !off && (named || !shipped)))
        }
        var custom: [CustomLineRule] = []
        for f in selection.customRules { custom += try CustomRulesFile.load(path: f) }

        var rules: [any LintRule] = builtIn.rules
        var owner: [String: String] = [:]
        for r in builtIn.rules { owner[r.info.id] = "a built-in rule" }
        for (p, _, enabled) in packs where enabled {
            for r in p.rules {
                if let other = owner[r.info.id] {
                    throw RulePackError(file: r.file, position: r.position,
                                        "rule id \(r.info.id) is already used by \(other)")
                }
                owner[r.info.id] = "pack '\(p.name)' (\(r.origin))"
                rules.append(r)
            }
        }
        for r in custom where owner[r.info.id] == nil {
            owner[r.info.id] = "a custom rule"
            rules.append(r)
        }
        return RulePackCatalog(packs: packs, customRules: custom, ruleSet: RuleSet(rules))
    }

    /// The ids of the rules that come from packs and custom rule files.
    public var addedRuleIds: [String] {
        packs.filter(\.enabled).flatMap { $0.pack.rules.map(\.info.id) } + customRules.map(\.info.id)
    }
}
