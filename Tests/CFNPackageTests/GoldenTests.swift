import CFNPackage
import CFNTemplate
import Foundation
import Testing

/// Each folder under Fixtures/package is a small project: `template.yaml` packaged to bucket `bucket`,
/// prefix `p`, must give `expected.yaml` byte for byte (keys are content hashes, and zips are reproducible,
/// so they are stable). `CFNKIT_UPDATE_GOLDEN=1` rewrites the expected files in the source tree.
@Suite struct GoldenTests {
    static let cases = ["lambda-shapes", "sam-shapes", "other-shapes", "nested"]

    @Test(arguments: cases)
    func packagedTemplateMatchesGolden(_ name: String) throws {
        let scratch = Fixtures.copy("package/" + name)
        let project = scratch.path + "/project"
        let result = try package(project + "/template.yaml")
        defer { result.discard() }
        if ProcessInfo.processInfo.environment["CFNKIT_UPDATE_GOLDEN"] == "1" {
            try result.template.write(toFile: Fixtures.sourceRoot + "/package/\(name)/expected.yaml", atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: project + "/expected.yaml", encoding: .utf8)
        #expect(result.template == expected)
        // Every key the template names is an artifact of the package.
        for artifact in result.artifacts { #expect(artifact.key.hasPrefix("p/")) }
        for artifact in result.artifacts where artifact.kind != .template {
            #expect(result.template.contains(artifact.key) || !artifact.references.allSatisfy { $0.template == "template.yaml" })
        }
    }
}
