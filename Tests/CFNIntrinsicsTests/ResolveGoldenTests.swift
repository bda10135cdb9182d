import CFNIntrinsics
import CFNTemplate
import Foundation
import Testing

/// Golden folders: `Fixtures/resolve/<case>/template.yaml`, an optional `parameters.json`, the
/// expected `expected.yaml` and, when evaluation reports problems, `errors.txt`. Resolved in
/// us-east-1 with stack name `golden`. `CFNKIT_UPDATE_GOLDEN=1` rewrites the expectations.
@Suite("cfnkit resolve golden folders")
struct ResolveGoldenTests {
    static let root = testsDirectory.appendingPathComponent("Fixtures/resolve")
    static let cases: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).sorted()

    @Test func foldersExist() {
        #expect(Self.cases.count >= 6)
    }

    @Test(arguments: cases)
    func resolve(_ name: String) throws {
        let folder = Self.root.appendingPathComponent(name)
        let templatePath = folder.appendingPathComponent("template.yaml").path
        let template = try Template.load(path: templatePath)
        var parameters = ParameterValues()
        let parametersPath = folder.appendingPathComponent("parameters.json").path
        if FileManager.default.fileExists(atPath: parametersPath) {
            parameters = try ParameterValues.load(path: parametersPath)
        }
        let context = EvaluationContext(region: "us-east-1", stackName: "golden", parameters: parameters)
        let result = TemplateResolver.resolve(template, context: context)
        let yaml = Emitter.yaml(result.template.root, shortForm: true)
        let errors = result.errors.map { $0.description.replacingOccurrences(of: folder.path + "/", with: "") + "\n" }.joined()
        let expectedPath = folder.appendingPathComponent("expected.yaml").path
        let errorsPath = folder.appendingPathComponent("errors.txt").path
        if ProcessInfo.processInfo.environment["CFNKIT_UPDATE_GOLDEN"] == "1" {
            try yaml.write(toFile: expectedPath, atomically: true, encoding: .utf8)
            if errors.isEmpty { try? FileManager.default.removeItem(atPath: errorsPath) } else {
                try errors.write(toFile: errorsPath, atomically: true, encoding: .utf8)
            }
        }
        let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
        #expect(yaml == expected)
        let expectedErrors = (try? String(contentsOfFile: errorsPath, encoding: .utf8)) ?? ""
        #expect(errors == expectedErrors)
        // The output is itself a loadable template.
        #expect(throws: Never.self) { _ = try TemplateLoader().load(bytes: Array(yaml.utf8), path: "\(name)/expected.yaml") }
    }
}
