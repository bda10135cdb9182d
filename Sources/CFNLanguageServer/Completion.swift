import Foundation
import CFNTemplate
import CFNIntrinsics
import CFNGraph

/// Completion from the line being typed (its text before the cursor and its block key path) and the
/// names the template declares (the current version, else the last one that loaded, so half-typed
/// text still completes): resource types (fuzzy), property names of the type at the nested path
/// (required first, as snippets), enum values, Ref targets, GetAtt attributes, `${...}` in Fn::Sub,
/// condition names, Fn::FindInMap mapping and keys, intrinsic function names long and short.
enum Completion {
    enum ItemKind {
        static let function = 3, field = 5, variable = 6, classKind = 7, property = 10, value = 12, enumMember = 20, constant = 21
    }

    static func complete(_ context: RequestContext) throws -> Any {
        guard let model = context.model, let p = context.lspPosition else { return NSNull() }
        let lines = model.text.split(separator: "\n", omittingEmptySubsequences: false)
        guard p.line < lines.count else { return ["isIncomplete": false, "items": [Any]()] }
        let units = Array(lines[p.line].utf16)
        let before = String(decoding: units[0..<min(p.character, units.count)], as: UTF16.self)
        let names = model.current ?? model.lastGood
        let items = candidates(before: before, lines: lines, line: p.line, model: model, names: names)
        return ["isIncomplete": items.count >= limit, "items": Array(items.prefix(limit))]
    }

    static let limit = 200

    static func candidates(before: String, lines: [Substring], line: Int, model: DocumentModel, names: DocumentModel.Loaded?) -> [[String: Any]] {
        let template = names?.template
        func declared(_ kind: GraphNodeKind) -> [String] { names?.index.names(kind) ?? [] }
        func item(_ label: String, _ kind: Int, detail: String? = nil) -> [String: Any] {
            var item: [String: Any] = ["label": label, "kind": kind]
            if let detail { item["detail"] = detail }
            return item
        }
        func refTargets() -> [[String: Any]] {
            declared(.parameter).map { item($0, ItemKind.variable, detail: "parameter") }
                + declared(.resource).map { item($0, ItemKind.classKind, detail: template?.resource($0)?.type) }
                + EvaluationContext.pseudoParameterNames.sorted().map { item($0, ItemKind.constant, detail: "pseudo parameter") }
        }
        func attributes(of resource: String) -> [[String: Any]] {
            guard let type = template?.resource(resource)?.type, let info = SchemaFacts.info(type) else { return [] }
            return info.attributes.map { item($0, ItemKind.field, detail: "\(type) attribute") }
        }
        // Inside an unclosed `${` of a Sub string: names, or attributes after `Name.`.
        if let open = before.range(of: "${", options: .backwards), !before[open.upperBound...].contains("}") {
            let typed = before[open.upperBound...]
            if let dot = typed.firstIndex(of: ".") { return attributes(of: String(typed[..<dot])) }
            return refTargets().filter { !($0["label"] as? String ?? "").hasSuffix("NoValue") }
        }
        if match(before, #"(!Ref\s+|\bRef"?\s*:\s*"?)[\w:]*$"#) { return refTargets() }
        if let resource = capture(before, #"!GetAtt\s+(\w+)\.[\w.]*$"#) ?? capture(before, #"GetAtt"?\s*:\s*\[\s*"?(\w+)"?\s*,\s*"?\w*$"#) {
            return attributes(of: resource)
        }
        if match(before, #"(!GetAtt\s+|GetAtt"?\s*:\s*\[\s*"?)\w*$"#) || match(before, #"DependsOn:\s*(\[\s*)?[\w,\s]*$"#) {
            return declared(.resource).map { item($0, ItemKind.classKind, detail: template?.resource($0)?.type) }
        }
        if match(before, #"(\bCondition"?\s*:\s*"?|!Condition\s+|!If\s*\[\s*|Fn::If"?\s*:\s*\[\s*"?)\w*$"#) {
            return declared(.condition).map { item($0, ItemKind.enumMember, detail: "condition") }
        }
        if let mapping = capture(before, #"FindInMap"?\s*:?\s*\[\s*"?(\w+)"?\s*,\s*"?[\w-]*$"#) {
            return (template?.mapping(mapping)?.topLevelKeys ?? []).map { item($0.key.name, ItemKind.value, detail: "\(mapping) key") }
        }
        if let mapping = capture(before, #"FindInMap"?\s*:?\s*\[\s*"?(\w+)"?\s*,\s*[^,\[\]]+,\s*"?[\w-]*$"#) {
            var seen = Set<String>()
            let keys = (template?.mapping(mapping)?.topLevelKeys ?? []).flatMap { $0.value.mapping?.keys ?? [] }.filter { seen.insert($0).inserted }
            return keys.map { item($0, ItemKind.value, detail: "\(mapping) second-level key") }
        }
        if match(before, #"FindInMap"?\s*:?\s*\[\s*"?\w*$"#) {
            return declared(.mapping).map { item($0, ItemKind.variable, detail: "mapping") }
        }
        if let typed = capture(before, #"!(\w*)$"#) {
            return IntrinsicNames.shortFormTags.keys.sorted().filter { fuzzy(typed, $0) == 0 }
                .map { item("!" + $0, ItemKind.function, detail: IntrinsicNames.shortFormTags[$0]).merging(["insertText": $0 + " ", "filterText": "!" + $0]) { a, _ in a } }
        }
        if let typed = capture(before, #"(?:^|[\s{"])((?:Fn::)\w*)$"#) {
            return Set(IntrinsicNames.shortFormTags.values).sorted().filter { fuzzy(typed, $0) == 0 }.map { item($0, ItemKind.function) }
        }
        let path = BlockKeyPath(lines: lines, line: line)
        let typedKey = before.trimmingCharacters(in: .whitespaces).hasPrefix("- ") ? String(before.trimmingCharacters(in: .whitespaces).dropFirst(2)) : before.trimmingCharacters(in: .whitespaces)
        // `Type: ` of a resource: every type, fuzzy matched.
        if path.parents.count == 2, path.parents[0] == "Resources", let typed = capture(before, #"^\s*Type:\s*"?([\w:]*)$"#) {
            let all: [String] = SchemaFacts.registry.allTypes + SchemaFacts.registry.serverlessTypes
            var scored: [(score: Int, type: String)] = []
            for type in all { if let score = fuzzy(typed, type) { scored.append((score, type)) } }
            scored.sort { $0.score != $1.score ? $0.score < $1.score : $0.type < $1.type }
            var result: [[String: Any]] = []
            for (i, match) in scored.prefix(limit).enumerated() {
                var entry = item(match.type, ItemKind.classKind)
                entry["sortText"] = String(format: "%05d", i)
                result.append(entry)
            }
            return result
        }
        guard path.parents.count >= 3, path.parents[0] == "Resources", path.parents[2] == "Properties",
              let type = Hover.resourceType(path.parents, model: model, lines: lines), let info = SchemaFacts.info(type) else { return [] }
        let nested = path.parents.dropFirst(3).filter { $0 != "*" }
        // A value after `Key: `: the property's enum values.
        if let key = path.key, before.contains(":"), let schema = info.schema.schema(atPath: nested + [key]) {
            return (schema["enum"]?.arrayValue ?? []).compactMap(\.stringValue).map { item($0, ItemKind.enumMember, detail: "\(key) value") }
        }
        // A key being typed: the property names at this level, required first.
        guard !typedKey.contains(":"), let object = SchemaFacts.propertiesObject(info, at: Array(nested)) else { return [] }
        let readOnly = Set(info.schema.readOnlyProperties.map { $0.replacingOccurrences(of: "/properties/", with: "") })
        return object.properties.keys.filter { nested.isEmpty ? !readOnly.contains($0) : true }.map { name in
            let required = object.required.contains(name)
            return item(name, ItemKind.property, detail: required ? "required" : nil).merging([
                "sortText": (required ? "0" : "1") + name,
                "insertText": "\(name): $0", "insertTextFormat": 2,
            ]) { a, _ in a }
        }
    }

    /// A subsequence match of `typed` in `candidate`, case-insensitive; lower scores are better
    /// (prefix, then contiguous, then spread). nil when not all of `typed` appears in order.
    static func fuzzy(_ typed: String, _ candidate: String) -> Int? {
        let query = Array(typed.lowercased().unicodeScalars)
        if query.isEmpty { return 0 }
        let text = Array(candidate.lowercased().unicodeScalars)
        if candidate.lowercased().hasPrefix(typed.lowercased()) { return 0 }
        if candidate.lowercased().contains(typed.lowercased()) { return 1 }
        var qi = 0
        var gaps = 0
        var last = -1
        for (i, c) in text.enumerated() where qi < query.count && c == query[qi] {
            if last >= 0 && i != last + 1 { gaps += 1 }
            last = i
            qi += 1
        }
        return qi == query.count ? 2 + gaps : nil
    }

    private static func match(_ text: String, _ pattern: String) -> Bool {
        text.range(of: pattern, options: .regularExpression) != nil
    }

    /// The first capture group of `pattern` in `text`.
    private static func capture(_ text: String, _ pattern: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let m = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)), m.numberOfRanges > 1,
              let r = Range(m.range(at: 1), in: text) else { return nil }
        return String(text[r])
    }
}
