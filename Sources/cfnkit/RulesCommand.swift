import ArgumentParser
import CFNLint
import CFNRulePacks
import Foundation

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the lint rules (`--format markdown` writes docs/RULES.md)."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, markdown }

    @Option(help: "text or markdown.")
    var format: Format = .text

    @Option(name: .customLong("packs"), help: ArgumentHelp("Also list the rules of these packs (comma-separated, or 'all').", valueName: "names"))
    var packs: [String] = []

    @Option(name: .customLong("rules"), help: ArgumentHelp("A folder of rule-pack files whose rules are listed too (repeatable).", valueName: "dir"))
    var rulesDirectories: [String] = []

    func run() throws {
        var rules = RuleSet.builtIn
        if !packs.isEmpty || !rulesDirectories.isEmpty {
            let names = packs.flatMap { $0.split(separator: ",").map(String.init) }
            do { rules = try ShippedRulePacks.catalog(RulePackSelection(directories: rulesDirectories, enable: names)).ruleSet } catch {
                FileHandle.standardError.write(Data("cfnkit rules: \(error.description)\n".utf8))
                throw ExitCode(1)
            }
        }
        let out = format == .markdown ? RulesDocument.markdown(rules) : RulesDocument.text(rules)
        try CommandSupport.write(out, to: nil)
    }
}
