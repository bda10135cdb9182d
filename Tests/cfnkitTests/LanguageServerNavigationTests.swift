import Foundation
import Testing

/// Go to definition, find references, document symbols and rename over stdio, on a template with
/// non-ASCII text before the names (UTF-16 positions) and references inside Fn::Sub strings.
@Suite("cfnkit lsp: navigation and rename")
struct LanguageServerNavigationTests {
    static let uri = "file:///nonexistent-cfnkit-lsp-test/navigation.yaml"

    static let template = """
        AWSTemplateFormatVersion: "2010-09-09"
        Description: "Ünïcödé 🎉 template"
        Parameters:
          Stage:
            Type: String
            Default: dev
        Conditions:
          IsProd: !Equals [!Ref Stage, prod]
        Resources:
          Bucket:
            Type: AWS::S3::Bucket
            Condition: IsProd
            Properties:
              BucketName: !Sub "données-🎉-${Stage}-${AWS::Region}"
          Queue:
            Type: AWS::SQS::Queue
            Condition: IsProd
            DependsOn: [Bucket]
            Properties:
              QueueName: !Sub "é🎉-${Bucket}-${Stage}"
              Tags:
                - Key: arn
                  Value: !Sub "${Bucket.Arn}"
                - Key: name
                  Value: !Ref Bucket
                - Key: domain
                  Value: !GetAtt Bucket.DomainName
        Outputs:
          BucketArn:
            Condition: IsProd
            Value: !GetAtt [Bucket, Arn]

        """

    /// The same template with the bucket renamed by hand, as the rename must leave it.
    static let renamed = template
        .replacingOccurrences(of: "  Bucket:\n", with: "  Store:\n")
        .replacingOccurrences(of: "[Bucket]", with: "[Store]")
        .replacingOccurrences(of: "${Bucket}", with: "${Store}")
        .replacingOccurrences(of: "${Bucket.Arn}", with: "${Store.Arn}")
        .replacingOccurrences(of: "!Ref Bucket", with: "!Ref Store")
        .replacingOccurrences(of: "!GetAtt Bucket.", with: "!GetAtt Store.")
        .replacingOccurrences(of: "[Bucket, Arn]", with: "[Store, Arn]")

    static func started() throws -> (LSPClient, [[String: Any]]) {
        let client = try LSPClient()
        _ = try client.initialize()
        try client.notify("textDocument/didOpen", ["textDocument": ["uri": uri, "languageId": "yaml", "version": 1, "text": template]])
        return (client, try client.diagnostics(uri, version: 1))
    }

    static func at(_ needle: String, _ occurrence: Int = 0, offset: Int = 0) -> [String: Any] {
        ["textDocument": ["uri": uri], "position": LSPText.position(of: needle, occurrence: occurrence, offset: offset, in: template)]
    }

    static func rangeStart(_ location: [String: Any]) -> [Int] {
        let start = (location["range"] as? [String: Any])?["start"] as? [String: Any] ?? [:]
        return [start["line"] as? Int ?? -1, start["character"] as? Int ?? -1]
    }

    static func start(of needle: String, _ occurrence: Int = 0, offset: Int = 0) -> [Int] {
        let p = LSPText.position(of: needle, occurrence: occurrence, offset: offset, in: template)
        return [p["line"] as? Int ?? -2, p["character"] as? Int ?? -2]
    }

    @Test("initialize declares navigation and rename with prepare")
    func capabilities() throws {
        let client = try LSPClient()
        let capabilities = (try client.initialize()["result"] as? [String: Any])?["capabilities"] as? [String: Any] ?? [:]
        #expect(capabilities["definitionProvider"] as? Bool == true)
        #expect(capabilities["referencesProvider"] as? Bool == true)
        #expect(capabilities["documentSymbolProvider"] as? Bool == true)
        #expect((capabilities["renameProvider"] as? [String: Any])?["prepareProvider"] as? Bool == true)
        #expect(try client.shutdownAndExit() == 0)
    }

    @Test("go to definition from Ref, both GetAtt forms, a Sub variable past non-ASCII text, DependsOn and Condition")
    func definition() throws {
        let (client, _) = try Self.started()
        let bucket = Self.start(of: "  Bucket:", offset: 2)
        for (needle, occurrence, offset) in [("!Ref Bucket", 0, 6), ("!GetAtt Bucket.", 0, 9), ("[Bucket, Arn]", 0, 1),
                                             ("${Bucket}", 0, 4), ("${Bucket.Arn}", 0, 2), ("[Bucket]", 0, 1)] {
            let response = try client.request("textDocument/definition", Self.at(needle, occurrence, offset: offset))
            let location = response["result"] as? [String: Any] ?? [:]
            #expect(location["uri"] as? String == Self.uri, "\(needle)")
            #expect(Self.rangeStart(location) == bucket, "\(needle)")
        }
        let stage = try client.request("textDocument/definition", Self.at("${Stage}", 1, offset: 3))
        #expect(Self.rangeStart(stage["result"] as? [String: Any] ?? [:]) == Self.start(of: "  Stage:", offset: 2))
        let condition = try client.request("textDocument/definition", Self.at("Condition: IsProd", 1, offset: 12))
        #expect(Self.rangeStart(condition["result"] as? [String: Any] ?? [:]) == Self.start(of: "  IsProd:", offset: 2))
        // Not on a name: null.
        let nothing = try client.request("textDocument/definition", Self.at("Type: String"))
        #expect(nothing["result"] is NSNull)
        #expect(try client.shutdownAndExit() == 0)
    }

    @Test("find references lists the declaration and every use, inside Sub strings too")
    func references() throws {
        let (client, _) = try Self.started()
        let response = try client.request("textDocument/references", Self.at("  Bucket:", offset: 3).merging(["context": ["includeDeclaration": true]]) { a, _ in a })
        let starts = (response["result"] as? [[String: Any]] ?? []).map(Self.rangeStart)
        let expected = [Self.start(of: "  Bucket:", offset: 2), Self.start(of: "[Bucket]", offset: 1), Self.start(of: "${Bucket}", offset: 2),
                        Self.start(of: "${Bucket.Arn}", offset: 2), Self.start(of: "!Ref Bucket", offset: 5),
                        Self.start(of: "!GetAtt Bucket.", offset: 8), Self.start(of: "[Bucket, Arn]", offset: 1)]
        #expect(starts == expected)
        let uses = try client.request("textDocument/references", Self.at("${Stage}", offset: 2).merging(["context": ["includeDeclaration": false]]) { a, _ in a })
        #expect((uses["result"] as? [[String: Any]] ?? []).map(Self.rangeStart)
                == [Self.start(of: "!Ref Stage", offset: 5), Self.start(of: "${Stage}", offset: 2), Self.start(of: "${Stage}", 1, offset: 2)])
        #expect(try client.shutdownAndExit() == 0)
    }

    @Test("document symbols: sections with their entries, resources with their types")
    func documentSymbols() throws {
        let (client, _) = try Self.started()
        let response = try client.request("textDocument/documentSymbol", ["textDocument": ["uri": Self.uri]])
        let sections = response["result"] as? [[String: Any]] ?? []
        #expect(sections.map { $0["name"] as? String ?? "" } == ["AWSTemplateFormatVersion", "Description", "Parameters", "Conditions", "Resources", "Outputs"])
        let resources = sections.first { $0["name"] as? String == "Resources" }?["children"] as? [[String: Any]] ?? []
        #expect(resources.map { $0["name"] as? String ?? "" } == ["Bucket", "Queue"])
        #expect(resources.map { $0["detail"] as? String ?? "" } == ["AWS::S3::Bucket", "AWS::SQS::Queue"])
        #expect(resources.first.map { ($0["selectionRange"] as? [String: Any]).map { Self.rangeStart(["range": $0]) } } == Self.start(of: "  Bucket:", offset: 2))
        #expect(try client.shutdownAndExit() == 0)
    }

    @Test("rename a resource everywhere, across Sub strings and DependsOn, leaves a template with the same findings")
    func renameResource() throws {
        let (client, before) = try Self.started()
        let prepare = try client.request("textDocument/prepareRename", Self.at("${Bucket}", offset: 4))
        let prepared = prepare["result"] as? [String: Any] ?? [:]
        #expect(prepared["placeholder"] as? String == "Bucket")
        #expect(Self.rangeStart(prepared) == Self.start(of: "${Bucket}", offset: 2))

        let response = try client.request("textDocument/rename", Self.at("${Bucket}", offset: 4).merging(["newName": "Store"]) { a, _ in a })
        let changes = (response["result"] as? [String: Any])?["changes"] as? [String: Any] ?? [:]
        let edits = changes[Self.uri] as? [[String: Any]] ?? []
        #expect(edits.count == 7)
        let text = LSPText.apply(edits, to: Self.template)
        #expect(text == Self.renamed)
        // The renamed template means the same: the same rules fire, nothing is left unresolved.
        try client.notify("textDocument/didChange", ["textDocument": ["uri": Self.uri, "version": 2], "contentChanges": [["text": text]]])
        let after = try client.diagnostics(Self.uri, version: 2)
        #expect(after.map { $0["code"] as? String ?? "" } == before.map { $0["code"] as? String ?? "" })
        #expect(try client.shutdownAndExit() == 0)
    }

    @Test("rename a parameter and a condition: every Ref, Sub variable and Condition key")
    func renameParameterAndCondition() throws {
        let (client, _) = try Self.started()
        let stage = try client.request("textDocument/rename", Self.at("!Ref Stage", offset: 6).merging(["newName": "Environment"]) { a, _ in a })
        let stageEdits = ((stage["result"] as? [String: Any])?["changes"] as? [String: Any])?[Self.uri] as? [[String: Any]] ?? []
        #expect(LSPText.apply(stageEdits, to: Self.template) == Self.template
            .replacingOccurrences(of: "  Stage:", with: "  Environment:").replacingOccurrences(of: "!Ref Stage", with: "!Ref Environment")
            .replacingOccurrences(of: "${Stage}", with: "${Environment}"))
        let condition = try client.request("textDocument/rename", Self.at("  IsProd:", offset: 4).merging(["newName": "Production"]) { a, _ in a })
        let conditionEdits = ((condition["result"] as? [String: Any])?["changes"] as? [String: Any])?[Self.uri] as? [[String: Any]] ?? []
        #expect(conditionEdits.count == 4)
        #expect(LSPText.apply(conditionEdits, to: Self.template) == Self.template.replacingOccurrences(of: "IsProd", with: "Production"))
        #expect(try client.shutdownAndExit() == 0)
    }

    @Test("rename refuses a name that clashes, one that is not alphanumeric, and a place without a name")
    func renameRefusals() throws {
        let (client, _) = try Self.started()
        func refusal(_ params: [String: Any]) throws -> String? {
            let response = try client.request("textDocument/rename", params)
            let error = response["error"] as? [String: Any]
            #expect(error?["code"] as? Int == -32803)
            return error?["message"] as? String
        }
        #expect(try refusal(Self.at("  Bucket:", offset: 3).merging(["newName": "Stage"]) { a, _ in a })
                == "'Stage' is already a parameter in this template")
        #expect(try refusal(Self.at("  Bucket:", offset: 3).merging(["newName": "Queue"]) { a, _ in a })
                == "'Queue' is already a resource in this template")
        #expect(try refusal(Self.at("  Bucket:", offset: 3).merging(["newName": "my-bucket"]) { a, _ in a })
                == "'my-bucket' is not a valid name: CloudFormation names are 1 to 255 letters A-Z, a-z and digits")
        #expect(try refusal(Self.at("  Bucket:", offset: 3).merging(["newName": "Bücket"]) { a, _ in a })?.hasPrefix("'Bücket' is not a valid name") == true)
        #expect(try refusal(Self.at("Type: String").merging(["newName": "X"]) { a, _ in a })
                == "no parameter, mapping, condition, resource or output name here")
        // A condition may share a resource's name: conditions have their own namespace.
        let allowed = try client.request("textDocument/rename", Self.at("  IsProd:", offset: 4).merging(["newName": "Bucket"]) { a, _ in a })
        #expect(allowed["error"] == nil)
        #expect(try client.shutdownAndExit() == 0)
    }
}
