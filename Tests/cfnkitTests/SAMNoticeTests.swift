import Foundation
import Testing

/// Commands not yet wired to the SAM transform say so once, at the Transform's position, instead of
/// answering about the unexpanded template without a word.
@Suite("SAM notice")
struct SAMNoticeTests {
    static let sam = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Handler: index.handler
              Runtime: python3.12
              CodeUri: s3://bucket/key.zip

        """

    @Test("plan, graph and diff note once that SAM resources are not expanded", arguments: [["plan"], ["graph"], ["diff"]])
    func noteOnce(command: [String]) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cfnkit-sam-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.sam.write(to: dir.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        try Self.sam.write(to: dir.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
        let files = command == ["graph"] ? ["a.yaml"] : ["a.yaml", "b.yaml"]  // graph takes one template
        let result = try CLI.run(command + files, in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let notes = result.stderr.components(separatedBy: "\n").filter { $0.contains("does not expand the SAM transform") }
        #expect(notes.count == 1)
        #expect(notes.first?.hasPrefix("\(command == ["diff"] ? "b.yaml" : "a.yaml"):1:12: note: \(command[0]) does not expand") == true)
    }

    @Test("a template without the transform gets no note")
    func noNoteWithoutTransform() throws {
        let result = try CLI.run(["plan", "Templates/sqs-queues.yaml"])
        #expect(result.status == 0)
        #expect(!result.stderr.contains("SAM transform"))
    }
}
