import CFNLint
import Foundation

/// The rule packs shipped with cfnkit: the YAML files of this folder (`Rules/` at the
/// repository root), bundled as resources of this module.
public enum ShippedRulePacks {
    /// The names of the shipped pack files.
    public static let files = ["best-practices.yaml", "security.yaml"]

    /// `CFNKIT_RULES_DIR` if set (an installed copy of `Rules/`), else this module's bundled copy.
    public static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let dir = environment["CFNKIT_RULES_DIR"], !dir.isEmpty { return dir }
        for name in files {
            if let url = Bundle.module.url(forResource: (name as NSString).deletingPathExtension, withExtension: "yaml") {
                return url.deletingLastPathComponent().path
            }
        }
        return nil
    }

    /// Shipped packs plus the user's, with the selection applied.
    public static func catalog(_ selection: RulePackSelection, builtIn: RuleSet = .builtIn,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws(RulePackError) -> RulePackCatalog {
        try RulePackCatalog.load(shippedDirectory: directory(environment: environment), selection: selection, builtIn: builtIn)
    }
}
