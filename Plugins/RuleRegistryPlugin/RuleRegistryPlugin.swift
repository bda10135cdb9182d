import Foundation
import PackagePlugin

/// Generates CFNLint's rule registry at build time from the rule files themselves: every file
/// `Rules/<Family>/<ID>.swift` (E3007.swift, W1011.swift ...) defines one rule, so a new rule is
/// one new file and no central list is edited.
@main
struct RuleRegistryPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let ruleFiles = target.sourceFiles(withSuffix: "swift").map(\.url)
            .filter { $0.path.contains("/Rules/") && $0.lastPathComponent.range(of: #"^[EWI][0-9]{4}\.swift$"#, options: .regularExpression) != nil }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltInRuleRegistry.swift")
        return [.buildCommand(
            displayName: "Generating the built-in rule registry of \(target.name) (\(ruleFiles.count) rules)",
            executable: try context.tool(named: "RuleRegistryGenerator").url,
            arguments: [output.path] + ruleFiles.map(\.path),
            inputFiles: ruleFiles,
            outputFiles: [output])]
    }
}
