import CFNPackage
import CFNTemplate
import Foundation
import Testing

@Suite struct PublishTests {
    @Test func outputDirLaysArtifactsOutAsInTheBucket() throws {
        let scratch = Fixtures.copy("compare-project")
        let result = try package(scratch.path + "/project/template.yaml", prefix: "releases/v1")
        defer { result.discard() }
        let out = scratch.path + "/out"
        let summary = try PackagePublisher.publish(result, to: .directory(out))
        #expect(summary.written.count == result.artifacts.count)
        #expect(scratch.files(under: "out") == result.artifacts.map(\.key).sorted())
        for artifact in result.artifacts {
            #expect((try ContentHash.md5Hex(ofFile: out + "/" + artifact.key)).hex == artifact.md5)
        }
        // Same content again: nothing rewritten.
        let again = try PackagePublisher.publish(result, to: .directory(out))
        #expect(again.written.isEmpty)
    }

    @Test func bundleHoldsTemplateArtifactsAndManifest() throws {
        let scratch = Fixtures.copy("compare-project")
        let result = try package(scratch.path + "/project/template.yaml")
        defer { result.discard() }
        let bundle = scratch.path + "/bundle.zip"
        _ = try PackagePublisher.publish(result, to: .bundle(bundle))
        guard let listing = runTool(["unzip", "-Z1", bundle]) else { return }
        let names = listing.output.split(separator: "\n").map(String.init)
        #expect(names == (["manifest.json", "template.yaml"] + result.artifacts.map(\.key)).sorted())
        guard let manifestText = runTool(["unzip", "-p", bundle, "manifest.json"])?.output else { return }
        let manifest = try JSONSerialization.jsonObject(with: Data(manifestText.utf8)) as! [String: Any]
        let artifacts = manifest["artifacts"] as! [[String: Any]]
        #expect(artifacts.count == result.artifacts.count)
        let hello = artifacts.first { ($0["source"] as? String) == "src/hello" }!
        #expect(hello["kind"] as? String == "zip")
        let references = hello["referencedBy"] as! [[String: Any]]
        // src/hello is named by the root (HelloFunction) and by level2.json (HelloAgain): one artifact.
        #expect(Set(references.map { $0["resource"] as! String }) == ["HelloFunction", "HelloAgain"])
        #expect(references.contains { ($0["template"] as? String) == "stacks/level2/level2.json" && ($0["property"] as? String) == "Code" })
        for a in artifacts {
            #expect((a["key"] as! String).hasSuffix(a["md5"] as! String) || (a["key"] as! String).hasSuffix((a["md5"] as! String) + ".template"))
            #expect((a["size"] as! Int) > 0)
        }
        // The bundle itself is reproducible.
        let again = try package(scratch.path + "/project/template.yaml")
        defer { again.discard() }
        _ = try PackagePublisher.publish(again, to: .bundle(scratch.path + "/bundle2.zip"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: bundle)) == (try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/bundle2.zip"))))
    }

    @Test func failedPackageWritesNothing() throws {
        let scratch = Fixtures.copy("compare-project")
        let project = scratch.path + "/project"
        // Break the deepest template so the failure comes after other artifacts were built.
        try FileManager.default.removeItem(atPath: project + "/layers/common")
        let staging = scratch.path + "/staging"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        let error = expectError(.missingPath) { () throws(PackageError) in
            var options = PackageOptions(templatePath: project + "/template.yaml", bucket: "bucket")
            options.stagingParent = staging
            let result = try Packager(options: options).run()
            _ = try PackagePublisher.publish(result, to: .directory(scratch.path + "/out"))
            try PackagePublisher.writeTemplate(result, to: scratch.path + "/packaged.yaml")
        }
        #expect(error?.description.contains("level2.json:9:20: error: Layer.Content: no such file or folder: ../../layers/common") == true,
                "\(String(describing: error))")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/out"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/packaged.yaml"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: staging).isEmpty, "staging folders left behind")
    }

    @Test func outputTemplateIsWrittenAtomically() throws {
        let scratch = Fixtures.copy("package/nested")
        let result = try package(scratch.path + "/project/template.yaml")
        defer { result.discard() }
        let target = scratch.path + "/packaged.yaml"
        try PackagePublisher.writeTemplate(result, to: target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == result.template)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.hasSuffix(".tmp") }.isEmpty)
    }
}
