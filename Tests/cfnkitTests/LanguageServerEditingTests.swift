import Foundation
import Testing

/// Hover and completion over stdio, on whole and half-typed documents (the line being typed does
/// not load; names come from the last version that did).
@Suite("cfnkit lsp: hover and completion")
struct LanguageServerEditingTests {
    static let uri = "file:///nonexistent-cfnkit-lsp-test/editing.yaml"

    static let base = """
        Parameters:
          Stage:
            Type: String
            Default: dev
            AllowedValues: [dev, prod]
        Mappings:
          RegionMap:
            us-east-1:
              Ami: ami-1
        Conditions:
          IsProd: !Equals [!Ref Stage, prod]
        Resources:
          Bucket:
            Type: AWS::S3::Bucket
            Properties:
              BucketName: !Sub "é🎉-${Stage}"

        """

    static func started() throws -> LSPClient {
        let client = try LSPClient()
        _ = try client.initialize()
        try client.notify("textDocument/didOpen", ["textDocument": ["uri": uri, "languageId": "yaml", "version": 1, "text": base]])
        _ = try client.diagnostics(uri, version: 1)
        return client
    }

    /// Replaces the document with `base` plus `typed` (the last line without its newline) and asks
    /// for completion at the end of it.
    static func complete(_ client: LSPClient, _ typed: String, version: inout Int) throws -> [[String: Any]] {
        version += 1
        let text = base + typed
        try client.notify("textDocument/didChange", ["textDocument": ["uri": uri, "version": version], "contentChanges": [["text": text]]])
        let lines = text.components(separatedBy: "\n")
        let response = try client.request("textDocument/completion", ["textDocument": ["uri": uri],
            "position": ["line": lines.count - 1, "character": lines.last!.utf16.count]])
        #expect(response["error"] == nil, "\(typed): \(response)")
        return (response["result"] as? [String: Any])?["items"] as? [[String: Any]] ?? []
    }

    static func labels(_ items: [[String: Any]]) -> [String] { items.compactMap { $0["label"] as? String } }

    static func hover(_ client: LSPClient, _ needle: String, _ occurrence: Int = 0, offset: Int = 0, text: String = base) throws -> String {
        let response = try client.request("textDocument/hover", ["textDocument": ["uri": uri],
            "position": LSPText.position(of: needle, occurrence: occurrence, offset: offset, in: text)])
        return ((response["result"] as? [String: Any])?["contents"] as? [String: Any])?["value"] as? String ?? ""
    }

    @Test("hover: Ref and Sub targets, a parameter, a resource type, a property with its update behaviour")
    func hover() throws {
        let client = try Self.started()
        let stage = try Self.hover(client, "${Stage}", offset: 3)
        #expect(stage.hasPrefix("**Stage**: parameter of type `String`"), "\(stage)")
        #expect(stage.contains("Default: `dev`"))
        #expect(stage.contains("Allowed values: `dev`, `prod`"))
        let condition = try Self.hover(client, "  IsProd:", offset: 3)
        #expect(condition == "**IsProd**: condition")
        let type = try Self.hover(client, "AWS::S3::Bucket", offset: 5)
        #expect(type.hasPrefix("**AWS::S3::Bucket**"), "\(type)")
        #expect(type.contains("`Ref` returns: BucketName"))
        #expect(type.contains("`Arn`") && type.contains("`DomainName`"))
        #expect(type.contains("[Documentation](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-s3-bucket.html)"))
        let bucket = try Self.hover(client, "  Bucket:", offset: 3)
        #expect(bucket.hasPrefix("**Bucket**: resource `AWS::S3::Bucket`"), "\(bucket)")
        let property = try Self.hover(client, "BucketName:", offset: 2)
        #expect(property.hasPrefix("**BucketName** (AWS::S3::Bucket property `BucketName`)"), "\(property)")
        #expect(property.contains("Type: string · Required: no · Update: Replacement"), "\(property)")
        #expect(try client.shutdownAndExit() == 0)
    }

    @Test("hover on a half-typed document answers from the last template that loaded")
    func hoverHalfTyped() throws {
        let client = try Self.started()
        let text = Self.base + "  Broken: [\n"
        try client.notify("textDocument/didChange", ["textDocument": ["uri": Self.uri, "version": 2], "contentChanges": [["text": text]]])
        #expect(try client.diagnostics(Self.uri, version: 2).compactMap { $0["code"] as? String } == ["E0000"])
        let stage = try Self.hover(client, "${Stage}", offset: 3, text: text)
        #expect(stage.hasPrefix("**Stage**: parameter of type `String`"), "\(stage)")
        let property = try Self.hover(client, "BucketName:", offset: 2, text: text)
        #expect(property.contains("Update: Replacement"))
        #expect(try client.shutdownAndExit() == 0)
    }

    @Test("completion: Ref targets, GetAtt attributes, Sub variables, conditions, FindInMap, intrinsic names")
    func completionOfNames() throws {
        let client = try Self.started()
        var version = 1
        let refs = Self.labels(try Self.complete(client, "      Tags: !Ref ", version: &version))
        #expect(refs.starts(with: ["Stage", "Bucket"]), "\(refs)")
        #expect(refs.contains("AWS::Region"))
        let attributes = Self.labels(try Self.complete(client, "      Tags: !GetAtt Bucket.", version: &version))
        #expect(attributes.contains("Arn") && attributes.contains("DomainName"), "\(attributes)")
        let sub = Self.labels(try Self.complete(client, "      Tags: !Sub \"é🎉-${", version: &version))
        #expect(sub.contains("Stage") && sub.contains("Bucket") && sub.contains("AWS::StackName") && !sub.contains("AWS::NoValue"), "\(sub)")
        let subAttribute = Self.labels(try Self.complete(client, "      Tags: !Sub \"${Bucket.", version: &version))
        #expect(subAttribute.contains("Arn"))
        #expect(Self.labels(try Self.complete(client, "      Tags: !If [", version: &version)) == ["IsProd"])
        #expect(Self.labels(try Self.complete(client, "      Tags: !FindInMap [", version: &version)) == ["RegionMap"])
        #expect(Self.labels(try Self.complete(client, "      Tags: !FindInMap [RegionMap, ", version: &version)) == ["us-east-1"])
        #expect(Self.labels(try Self.complete(client, "      Tags: !FindInMap [RegionMap, !Ref AWS::Region, ", version: &version)) == ["Ami"])
        #expect(Self.labels(try Self.complete(client, "      Tags: !FindInMap [RegionMap, us-east-1, ", version: &version)) == ["Ami"])
        let short = try Self.complete(client, "      Tags: !Su", version: &version)
        #expect(Self.labels(short) == ["!Sub"])
        #expect(short.first?["insertText"] as? String == "Sub ")
        #expect(Self.labels(try Self.complete(client, "      Tags: {Fn::Jo", version: &version)) == ["Fn::Join"])
        #expect(try client.shutdownAndExit() == 0)
    }

    @Test("completion: resource types fuzzy, property names required first as snippets, enum values")
    func completionFromSchemas() throws {
        let client = try Self.started()
        var version = 1
        let types = Self.labels(try Self.complete(client, "  Other:\n    Type: AWS::S3::Buck", version: &version))
        #expect(types.first == "AWS::S3::Bucket", "\(types.prefix(5))")
        let fuzzy = Self.labels(try Self.complete(client, "  Other:\n    Type: sqsqp", version: &version))
        #expect(fuzzy.contains("AWS::SQS::QueuePolicy"), "\(fuzzy.prefix(5))")
        let properties = try Self.complete(client, "  Policy:\n    Type: AWS::SQS::QueuePolicy\n    Properties:\n      ", version: &version)
        let required = properties.filter { ($0["sortText"] as? String)?.hasPrefix("0") == true }
        #expect(Set(Self.labels(required)) == ["PolicyDocument", "Queues"])
        #expect(required.first?["insertText"] as? String == "\(Self.labels(required).first ?? ""): $0")
        #expect(required.first?["insertTextFormat"] as? Int == 2)
        let bucketProperties = Self.labels(try Self.complete(client, "      Versioning", version: &version))
        #expect(bucketProperties.contains("VersioningConfiguration") && !bucketProperties.contains("Arn"))
        let nested = Self.labels(try Self.complete(client, "      VersioningConfiguration:\n        ", version: &version))
        #expect(nested == ["Status"], "\(nested)")
        let status = Self.labels(try Self.complete(client, "      VersioningConfiguration:\n        Status: ", version: &version))
        #expect(status == ["Enabled", "Suspended"], "\(status)")
        #expect(try client.shutdownAndExit() == 0)
    }
}

@Suite("cfnkit lsp: code actions")
struct LanguageServerCodeActionTests {
    static let uri = "file:///nonexistent-cfnkit-lsp-test/actions.yaml"

    static let template = """
        Parameters:
          Unused:
            Type: String
        Conditions:
          Never: !Equals [!Ref "AWS::Region", xx-east-1]
        Resources:
          Policy:
            Type: AWS::SQS::QueuePolicy
            Properties:
              Queues: []
          Topic:
            Type: AWS::SNS::Topik
          Bucket:
            Type: AWS::S3::Bucket
            Properties:
              BucketNam: "é🎉"

        """

    /// The actions offered for the first diagnostic with `code`, and the template with the
    /// preferred (or the titled) one applied.
    static func fix(_ client: LSPClient, _ diagnostics: [[String: Any]], _ code: String, title: String? = nil) throws -> (titles: [String], text: String) {
        guard let diagnostic = diagnostics.first(where: { $0["code"] as? String == code }) else {
            Issue.record("no \(code) in \(diagnostics)")
            return ([], template)
        }
        let response = try client.request("textDocument/codeAction", ["textDocument": ["uri": uri], "range": diagnostic["range"] ?? [:],
                                                                       "context": ["diagnostics": [diagnostic]]])
        let actions = response["result"] as? [[String: Any]] ?? []
        let chosen = actions.first { title == nil ? $0["isPreferred"] as? Bool == true : $0["title"] as? String == title }
        let edits = ((chosen?["edit"] as? [String: Any])?["changes"] as? [String: Any])?[uri] as? [[String: Any]] ?? []
        return (actions.compactMap { $0["title"] as? String }, LSPText.apply(edits, to: template))
    }

    @Test("quick fixes for E3002, E3003, E3006, W2001, W8001 and a suppression comment each clear their finding")
    func quickFixes() throws {
        let client = try LSPClient()
        _ = try client.initialize()
        try client.notify("textDocument/didOpen", ["textDocument": ["uri": Self.uri, "languageId": "yaml", "version": 1, "text": Self.template]])
        let diagnostics = try client.diagnostics(Self.uri, version: 1)
        var version = 1
        func codes(after text: String) throws -> [String] {
            version += 1
            try client.notify("textDocument/didChange", ["textDocument": ["uri": Self.uri, "version": version], "contentChanges": [["text": text]]])
            let codes = try client.diagnostics(Self.uri, version: version).compactMap { $0["code"] as? String }
            // Back to the original text, which the next fix's diagnostic is about.
            version += 1
            try client.notify("textDocument/didChange", ["textDocument": ["uri": Self.uri, "version": version], "contentChanges": [["text": Self.template]]])
            _ = try client.diagnostics(Self.uri, version: version)
            return codes
        }
        let misspelled = try Self.fix(client, diagnostics, "E3002")
        #expect(misspelled.titles.first == "Change to 'BucketName'")
        #expect(misspelled.text.contains("      BucketName: \"é🎉\""))
        #expect(!(try codes(after: misspelled.text)).contains("E3002"))

        let missing = try Self.fix(client, diagnostics, "E3003")
        #expect(missing.titles.first == "Add required property 'PolicyDocument'")
        #expect(missing.text.contains("    Properties:\n      PolicyDocument: {}\n      Queues: []"))
        #expect(!(try codes(after: missing.text)).contains("E3003"))

        let type = try Self.fix(client, diagnostics, "E3006")
        #expect(type.titles.first == "Change to 'AWS::SNS::Topic'")
        #expect(!(try codes(after: type.text)).contains("E3006"))

        let parameter = try Self.fix(client, diagnostics, "W2001")
        #expect(parameter.titles.first == "Remove unused parameter")
        #expect(parameter.text.hasPrefix("Conditions:\n"))
        #expect(!(try codes(after: parameter.text)).contains("W2001"))

        let condition = try Self.fix(client, diagnostics, "W8001")
        #expect(condition.titles.first == "Remove unused condition")
        #expect(!condition.text.contains("Never"))
        #expect(!(try codes(after: condition.text)).contains("W8001"))

        let suppressed = try Self.fix(client, diagnostics, "E3002", title: "Suppress E3002 on this line")
        #expect(suppressed.text.contains("      # cfn-lint: disable=E3002\n      BucketNam:"))
        let remaining = try codes(after: suppressed.text)
        #expect(!remaining.contains("E3002") && remaining.contains("E3006"))
        #expect(try client.shutdownAndExit() == 0)
    }
}
