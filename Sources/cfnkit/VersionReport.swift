import CFNRulePacks
import CFNLint
import CFNSchema
import CFNTemplate
import Foundation

/// The text of `cfnkit --version`: the version, then the schema data and rules the binary carries
/// and where the data was found (so an installation can be checked at a glance).
enum VersionReport {
    static func text() -> String {
        var lines = [CFNKitVersion.description]
        let (dataURL, origin) = SchemaRegistry.defaultDataLocation()
        let registry = SchemaRegistry(dataDirectory: dataURL)
        if let v = registry.dataVersion {
            let p = v["providerSchemas"]
            let schemas = p?["version"]?.stringValue ?? "?"
            let types = p?["types"]?.doubleValue.map { String(Int($0)) } ?? "?"
            let regions = p?["regions"]?.doubleValue.map { String(Int($0)) } ?? "?"
            lines.append("schemas: cfn-lint \(schemas) provider schemas (\(types) types, \(regions) regions)")
            if let sam = v["sam"]?["version"]?.stringValue {
                lines.append("sam schemas: aws-sam-translator \(sam)")
            }
            if let spec = v["conditionalUpdates"]?["specificationVersion"]?.stringValue {
                lines.append("resource specification: \(spec) (conditional updates)")
            }
        } else {
            lines.append("schemas: missing (no VERSION.json in \(dataURL.path))")
        }
        let rules = RuleSet.builtIn.rules
        let families = Set(rules.map { $0.info.id.prefix(1) }).sorted().joined(separator: " ")
        lines.append("rules: \(rules.count) built-in (\(families)), cfn-lint rule ids")
        lines.append("rule packs: \(rulePacks())")
        lines.append("data: \(dataURL.path) (\(origin.rawValue))")
        return lines.joined(separator: "\n")
    }

    /// The shipped rule packs and where they are read from.
    static func rulePacks() -> String {
        guard let dir = ShippedRulePacks.directory(),
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir)
        else { return "none found" }
        let packs = names.filter { ["yaml", "yml"].contains(($0 as NSString).pathExtension) }.sorted()
            .map { ($0 as NSString).deletingPathExtension }
        return packs.isEmpty ? "none found" : "\(packs.joined(separator: ", ")) (off until named with --packs) in \(dir)"
    }
}
