import CFNChangeSet
import CFNIntrinsics
import CFNTemplate
import Foundation
import Testing

/// Runs every folder under Fixtures/changesets (conventions in its README.md): evaluates old and new
/// with their parameters, builds the change set and compares it with `expected.json` the way the
/// README says (changes by logical id, details as a multiset, scope as a set, `<physical-id>` matches any id).
@Suite("Change-set golden scenarios")
struct GoldenChangeSetTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/changesets")

    static let cases: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [])
        .filter { !$0.hasSuffix(".md") }.sorted()

    @Test("Scenario", arguments: cases)
    func scenario(_ name: String) throws {
        let folder = Self.root.appendingPathComponent(name)
        let output = try Self.build(folder)
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("expected.json")))
        let actual = ChangeSetRenderer.jsonObject(output.changeSet)
        if let failure = expected as? [String: Any] {
            #expect(actual["Status"] as? String == failure["Status"] as? String, "\(name): \(ChangeSetRenderer.json(output.changeSet))")
            #expect(actual["StatusReason"] as? String == failure["StatusReason"] as? String)
            return
        }
        #expect(actual["Status"] as? String == "CREATE_COMPLETE", "\(name): no changes found")
        let want = Self.normalise(expected as? [Any] ?? [])
        let got = Self.normalise(actual["Changes"] as? [Any] ?? [])
        #expect(got == want, "\(name):\n got: \(got)\nwant: \(want)")
    }

    static let propertyValueCases: [String] = cases.filter {
        FileManager.default.fileExists(atPath: root.appendingPathComponent($0).appendingPathComponent("expected-property-values.json").path)
    }

    /// With property values AWS also lists some details the default view leaves out (and the
    /// reverse); cfnkit keeps the default view's details and adds the values to them. So this
    /// compares the values of every detail both sides have, and the before/after contexts.
    @Test("Scenario with property values", arguments: propertyValueCases)
    func propertyValues(_ name: String) throws {
        let folder = Self.root.appendingPathComponent(name)
        let output = try Self.build(folder, includePropertyValues: true)
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("expected-property-values.json"))) as? [[String: Any]] ?? []
        let actual = ChangeSetRenderer.jsonObject(output.changeSet)["Changes"] as? [[String: Any]] ?? []
        func byId(_ list: [[String: Any]]) -> [String: [String: Any]] {
            var map: [String: [String: Any]] = [:]
            for item in list { if let rc = item["ResourceChange"] as? [String: Any], let id = rc["LogicalResourceId"] as? String { map[id] = rc } }
            return map
        }
        let want = byId(expected), got = byId(actual)
        var compared = 0
        for (id, w) in want {
            guard let g = got[id] else { continue }
            for key in ["BeforeContext", "AfterContext"] {
                guard let wc = w[key] else { continue }
                let gc = (g[key] as? String).flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) }
                #expect(Self.matches(gc, wc), "\(name) \(id) \(key): got \(String(describing: gc)) want \(wc)")
                compared += 1
            }
            for wd in w["Details"] as? [[String: Any]] ?? [] {
                let gd = (g["Details"] as? [[String: Any]] ?? []).first {
                    $0["ChangeSource"] as? String == wd["ChangeSource"] as? String
                        && $0["CausingEntity"] as? String == wd["CausingEntity"] as? String
                        && ($0["Target"] as? [String: Any])?["Name"] as? String == (wd["Target"] as? [String: Any])?["Name"] as? String
                }
                guard let gt = gd?["Target"] as? [String: Any], let wt = wd["Target"] as? [String: Any] else { continue }
                for key in ["Path", "BeforeValue", "AfterValue", "AttributeChangeType"] {
                    #expect(Self.matches(gt[key], wt[key] as Any), "\(name) \(id) \(key): got \(String(describing: gt[key])) want \(String(describing: wt[key]))")
                }
                compared += 1
            }
        }
        #expect(compared > 0, "\(name): nothing in common to compare")
    }

    /// Equality where `<physical-id>` and `<ref:X>` in the expected value match any string.
    static func matches(_ got: Any?, _ want: Any) -> Bool {
        if let w = want as? String {
            if w == "<physical-id>" || w.hasPrefix("<ref:") { return got is String }
            return got as? String == w
        }
        if let w = want as? [String: Any] {
            guard let g = got as? [String: Any], Set(g.keys) == Set(w.keys) else { return false }
            return w.allSatisfy { matches(g[$0.key], $0.value) }
        }
        if let w = want as? [Any] {
            guard let g = got as? [Any], g.count == w.count else { return false }
            return zip(g, w).allSatisfy { matches($0, $1) }
        }
        return "\(String(describing: got))" == "\(want)" || (got as? NSNumber) == (want as? NSNumber)
    }

    static func build(_ folder: URL, includePropertyValues: Bool = false) throws -> ChangeSetBuilder.Output {
        func template(_ stem: String) throws -> Template {
            for ext in ["yaml", "json", "yml"] {
                let path = folder.appendingPathComponent("\(stem).\(ext)").path
                if FileManager.default.fileExists(atPath: path) { return try Template.load(path: path) }
            }
            throw CocoaError(.fileNoSuchFile)
        }
        func parameters(_ file: String) throws -> ParameterValues {
            let path = folder.appendingPathComponent(file).path
            guard FileManager.default.fileExists(atPath: path) else { return ParameterValues() }
            return try ParameterValues.load(path: path)
        }
        func tags(_ file: String) throws -> [String: String] {
            let url = folder.appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: url.path),
                  let list = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [[String: String]] else { return [:] }
            var result: [String: String] = [:]
            for tag in list { if let k = tag["Key"] { result[k] = tag["Value"] ?? "" } }
            return result
        }
        let old = StackVersion(template: try template("old"),
                               context: EvaluationContext(region: "us-east-1", stackName: "stack", parameters: try parameters("old-parameters.json")),
                               stackTags: try tags("old-stack-tags.json"))
        let new = StackVersion(template: try template("new"),
                               context: EvaluationContext(region: "us-east-1", stackName: "stack", parameters: try parameters("parameters.json")),
                               stackTags: try tags("stack-tags.json"))
        return ChangeSetBuilder(old: old, new: new, includePropertyValues: includePropertyValues).build()
    }

    /// A comparable text form: one line per change, details sorted, scope sorted, ids masked.
    static func normalise(_ changes: [Any]) -> [String] {
        changes.compactMap { item -> String? in
            guard let change = (item as? [String: Any])?["ResourceChange"] as? [String: Any] else { return nil }
            var fields: [String] = []
            for key in ["LogicalResourceId", "Action", "ResourceType", "Replacement", "PolicyAction"] {
                fields.append("\(key)=\(change[key].map { "\($0)" } ?? "-")")
            }
            fields.append("PhysicalResourceId=\(change["PhysicalResourceId"] == nil ? "-" : "set")")
            fields.append("Scope=\(((change["Scope"] as? [String]) ?? []).sorted())")
            let details = ((change["Details"] as? [[String: Any]]) ?? []).map { d -> String in
                let t = d["Target"] as? [String: Any] ?? [:]
                return "\(t["Attribute"] ?? "-")/\(t["Name"] ?? "-")/\(t["RequiresRecreation"] ?? "-") \(d["Evaluation"] ?? "-") \(d["ChangeSource"] ?? "-") \(d["CausingEntity"] ?? "-")"
            }.sorted()
            fields.append("Details=\(details)")
            return fields.joined(separator: " ")
        }.sorted()
    }
}
