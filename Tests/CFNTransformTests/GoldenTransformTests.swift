import CFNTemplate
import CFNTransform
import Foundation
import Testing

/// One folder per case under Fixtures/transform: `template.yaml` and either `expected.json` (the
/// expansion, checked equal to aws-sam-translator 1.110.0's output with lists sorted as its tests
/// sort them) or `errors.txt` (the errors, one per line, paths relative to the case folder).
struct GoldenTransformTests {
    static let root = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/transform")

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).sorted()
    }

    @Test(arguments: cases)
    func expandsAsTheTranslatorDoes(name: String) throws {
        let folder = Self.root.appendingPathComponent(name)
        let path = folder.appendingPathComponent("template.yaml").path
        let template = try Template.load(path: path)
        let result = SAMTransform(region: "us-east-1").expand(template)
        let expectedJSON = folder.appendingPathComponent("expected.json")
        if FileManager.default.fileExists(atPath: expectedJSON.path) {
            #expect(result.errors.map(\.description) == [])
            let expected = try String(contentsOf: expectedJSON, encoding: .utf8)
            #expect(result.template.map { Emitter.json($0.root) + "\n" } == expected)
        } else {
            let expected = try String(contentsOf: folder.appendingPathComponent("errors.txt"), encoding: .utf8)
            let lines = result.errors.map { $0.description.replacingOccurrences(of: folder.path + "/", with: "") }
            #expect(result.template == nil)
            #expect(lines.joined(separator: "\n") + "\n" == expected)
        }
    }

    @Test func otherTransformsStayWithANote() throws {
        let text = "Transform: [AWS::Serverless-2016-10-31, MyMacro]\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n"
        let template = Template(try TemplateLoader().load(bytes: Array(text.utf8), path: "t.yaml"))
        let result = SAMTransform().expand(template)
        #expect(result.notes.count == 1)
        #expect(result.template?.transformNames == ["MyMacro"])
    }

    @Test func unsupportedFeaturesSaySo() throws {
        let text = "Resources:\n  A:\n    Type: AWS::Serverless::GraphQLApi\n"
        let template = Template(try TemplateLoader().load(bytes: Array(text.utf8), path: "t.yaml"))
        let result = SAMTransform().expand(template)
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.isUnsupported == true)
        #expect(result.errors.first?.description.hasPrefix("t.yaml:3:11: error:") == true)
    }
}
