import Foundation
import CFNGraph

/// Quick fixes for the diagnostics the editor sends back: the closest property names for E3002,
/// the missing required property for E3003, the closest resource types for E3006, removing an
/// unused parameter (W2001) or condition (W8001), and, for any rule, a `# cfn-lint: disable=ID`
/// comment on the line above (which `Suppressions` reads as covering the next line).
enum CodeActions {
    static func actions(_ context: RequestContext) throws -> Any {
        guard let model = context.model, let uri = context.uri else { return [Any]() }
        let lines = model.text.split(separator: "\n", omittingEmptySubsequences: false)
        let diagnostics = (context.params["context"] as? [String: Any])?["diagnostics"] as? [[String: Any]] ?? []
        var actions: [[String: Any]] = []
        for diagnostic in diagnostics where diagnostic["source"] as? String == "cfnkit" {
            guard let code = diagnostic["code"] as? String, let range = diagnostic["range"] as? [String: Any],
                  let start = range["start"] as? [String: Any], let line = start["line"] as? Int, line < lines.count else { continue }
            let message = diagnostic["message"] as? String ?? ""
            func action(_ title: String, _ edits: [[String: Any]], preferred: Bool = false) {
                var item: [String: Any] = ["title": title, "kind": "quickfix", "diagnostics": [diagnostic],
                                           "edit": ["changes": [uri: edits]]]
                if preferred { item["isPreferred"] = true }
                actions.append(item)
            }
            switch code {
            case "E3002":
                guard let name = quoted(message) else { break }
                for (i, candidate) in closestProperties(to: name, line: line, lines: lines, model: model).enumerated() {
                    action("Change to '\(candidate)'", [["range": range, "newText": candidate]], preferred: i == 0)
                }
            case "E3003":
                guard let name = quoted(message) else { break }
                let indent = childIndent(lines, line)
                let value = placeholder(for: name, line: line, lines: lines, model: model)
                action("Add required property '\(name)'",
                       [["range": lineRange(line + 1, line + 1), "newText": String(repeating: " ", count: indent) + "\(name): \(value)\n"]], preferred: true)
            case "E3006":
                guard let type = quoted(message) else { break }
                for (i, candidate) in SchemaFacts.registry.suggestions(for: type, limit: 3).enumerated() {
                    action("Change to '\(candidate)'", [["range": range, "newText": candidate]], preferred: i == 0)
                }
            case "W2001", "W8001":
                let what = code == "W2001" ? "parameter" : "condition"
                action("Remove unused \(what)", [["range": entryLines(lines, line), "newText": ""]], preferred: true)
            default:
                break
            }
            if !model.text.hasPrefix("{") {
                let indent = lines[line].prefix { $0 == " " }.count
                action("Suppress \(code) on this line",
                       [["range": lineRange(line, line), "newText": String(repeating: " ", count: indent) + "# cfn-lint: disable=\(code)\n"]])
            }
        }
        return actions
    }

    /// The first 'quoted' name of a finding message.
    static func quoted(_ message: String) -> String? {
        let parts = message.split(separator: "'", omittingEmptySubsequences: false)
        return parts.count >= 3 ? String(parts[1]) : nil
    }

    /// Property names of the enclosing object closest to a misspelled one (at most three).
    static func closestProperties(to name: String, line: Int, lines: [Substring], model: DocumentModel) -> [String] {
        let path = BlockKeyPath(lines: lines, line: line)
        // A misspelled key inside a flow mapping (`Properties: {BucketNam: x}`) sits in the line's own key.
        var container = path.parents
        if let key = path.key, key != name { container.append(key) }
        guard container.count >= 3, container[0] == "Resources", container[2] == "Properties",
              let type = Hover.resourceType(container, model: model, lines: lines), let info = SchemaFacts.info(type),
              let object = SchemaFacts.propertiesObject(info, at: container.dropFirst(3).filter { $0 != "*" }) else { return [] }
        let limit = max(2, name.count / 2)
        var scored: [(distance: Int, name: String)] = []
        for candidate in object.properties.keys {
            let distance = Suggestions.distance(name.lowercased(), candidate.lowercased())
            if distance <= limit { scored.append((distance, candidate)) }
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.name < $1.name }
        return scored.prefix(3).map(\.name)
    }

    /// An empty value of the property's schema type (`{}`, `[]` or `""`): a key with no value is
    /// null, which CloudFormation and cfn-lint count as absent, so E3003 would stay.
    static func placeholder(for name: String, line: Int, lines: [Substring], model: DocumentModel) -> String {
        let path = BlockKeyPath(lines: lines, line: line)
        var container = path.parents
        if let key = path.key { container.append(key) }
        guard container.count >= 3, container[0] == "Resources", container[2] == "Properties",
              let type = Hover.resourceType(container, model: model, lines: lines), let info = SchemaFacts.info(type),
              let object = SchemaFacts.propertiesObject(info, at: container.dropFirst(3).filter { $0 != "*" }),
              let property = object.properties[name] else { return "\"\"" }
        let schema = info.schema.resolve(property)
        let kind = schema["type"]?.stringValue ?? schema["type"]?.arrayValue?.first?.stringValue
        switch kind {
        case "array": return "[]"
        case "object": return "{}"
        case nil where schema["properties"] != nil: return "{}"
        default: return "\"\""
        }
    }

    /// Indentation of the children of the key on `line`: its first child's, else two more.
    static func childIndent(_ lines: [Substring], _ line: Int) -> Int {
        let own = lines[line].prefix { $0 == " " }.count
        if line + 1 < lines.count {
            let next = lines[line + 1].prefix { $0 == " " }.count
            if next > own, !lines[line + 1].trimmingCharacters(in: .whitespaces).isEmpty { return next }
        }
        return own + 2
    }

    /// The lines of the entry whose key is on `line`, and its section's header when it is the only entry.
    static func entryLines(_ lines: [Substring], _ line: Int) -> [String: Any] {
        func indent(_ i: Int) -> Int? {
            let text = lines[i]
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty || trimmed.hasPrefix("#") ? nil : text.prefix { $0 == " " }.count
        }
        let own = indent(line) ?? 0
        var end = line + 1
        while end < lines.count, indent(end).map({ $0 > own }) ?? true { end += 1 }
        var start = line
        var header = line - 1
        while header >= 0, indent(header) == nil { header -= 1 }
        if header >= 0, let h = indent(header), h < own, end >= lines.count || (indent(end) ?? 0) <= h {
            start = header
        }
        return lineRange(start, end)
    }

    static func lineRange(_ start: Int, _ end: Int) -> [String: Any] {
        ["start": ["line": start, "character": 0], "end": ["line": end, "character": 0]]
    }
}
