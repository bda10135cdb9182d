import CFNLint
import CFNTemplate
import Foundation

/// The rule packs shipped with cfnkit: the YAML files of this folder (`Rules/` at the
/// repository root), bundled as resources of this module.
public enum ShippedRulePacks {
    /// The names of the shipped pack files.
    public static let files = ["best-practices.yaml", "security.yaml"]

    /// `CFNKIT_RULES_DIR` if set (an installed copy of `Rules/`), else `../share/cfnkit/rules` from the
    /// executable's real path (`make install`), else this module's resource bundle when it sits beside
    /// the executable (`swift run`, `swift test`; `Bundle.module` stops the process when its bundle is
    /// missing, so it is not asked otherwise), else the source tree the binary was built from.
    public static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let dir = environment["CFNKIT_RULES_DIR"], !dir.isEmpty { return dir }
        if let dir = InstalledData.installedDirectory(named: "rules") { return dir.path }
        let fm = FileManager.default
        let besideExecutable = [Bundle.main.bundleURL, InstalledData.executableURL?.deletingLastPathComponent()]
            .compactMap { $0 }
            .flatMap { dir in ["cfnkit_CFNRulePacks.resources", "cfnkit_CFNRulePacks.bundle"].map { dir.appendingPathComponent($0).path } }
        if besideExecutable.contains(where: { fm.fileExists(atPath: $0) }) {
            for name in files {
                if let url = Bundle.module.url(forResource: (name as NSString).deletingPathExtension, withExtension: "yaml") {
                    return url.deletingLastPathComponent().path
                }
            }
        }
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        if fm.fileExists(atPath: source.appendingPathComponent(files[0]).path) { return source.path }
        return nil
    }

    /// Shipped packs plus the user's, with the selection applied.
    public static func catalog(_ selection: RulePackSelection, builtIn: RuleSet = .builtIn,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws(RulePackError) -> RulePackCatalog {
        try RulePackCatalog.load(shippedDirectory: directory(environment: environment), selection: selection, builtIn: builtIn)
    }
}
