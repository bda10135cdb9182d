import CFNTemplate
import Foundation

/// Loads YAML or JSON text as a template document, for tests.
func load(_ text: String, path: String = "test.yaml", limits: LoaderLimits = .default) throws(LoadError) -> LoadedDocument {
    try TemplateLoader(limits: limits).load(bytes: Array(text.utf8), path: path)
}

func loadError(_ text: String, limits: LoaderLimits = .default) -> LoadError? {
    loadError(bytes: Array(text.utf8), limits: limits)
}

func loadError(bytes: [UInt8], limits: LoaderLimits = .default) -> LoadError? {
    do {
        _ = try TemplateLoader(limits: limits).load(bytes: bytes, path: "bad.yaml")
        return nil
    } catch {
        return error
    }
}

/// A fresh temporary folder, removed by the caller.
func temporaryDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("cfnkit-tests-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

let fixturesDirectory = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
