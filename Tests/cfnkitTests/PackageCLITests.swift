import Foundation
import Testing

@Suite("cfnkit package arguments")
struct PackageCLITests {
    @Test("the template as a positional path packages the same as --template-file")
    func positionalTemplate() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("cfnkit-package-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let positional = try CLI.run(["package", "Templates/nested/root.yaml", "--s3-bucket", "b", "--output-dir", out.path + "/a"])
        let named = try CLI.run(["package", "--template-file", "Templates/nested/root.yaml", "--s3-bucket", "b", "--output-dir", out.path + "/b"])
        #expect(positional.status == 0, "\(positional.stderr)")
        #expect(named.status == 0, "\(named.stderr)")
        #expect(!positional.stdout.isEmpty)
        #expect(positional.stdout == named.stdout)
    }

    @Test("no template, or two different ones, is a usage error (exit 1)")
    func templateRequiredOnce() throws {
        let none = try CLI.run(["package", "--s3-bucket", "b"])
        #expect(none.status == 1)
        #expect(none.stderr.contains("give the template: cfnkit package TEMPLATE"))
        let two = try CLI.run(["package", "Templates/vpc.yaml", "--template-file", "Templates/app.yaml", "--s3-bucket", "b"])
        #expect(two.status == 1)
        #expect(two.stderr.contains("two root templates given"))
    }
}
