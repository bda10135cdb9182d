import Foundation
import CFNTemplate
import CFNGraph

/// Hover: a name (what a Ref, GetAtt, Sub variable, DependsOn or Condition points at, or the
/// declaration itself), a resource type, or a property (type, required, update behaviour).
/// On text that does not load, the name under the cursor is looked up in the last good template.
enum Hover {
    static func hover(_ context: RequestContext) throws -> Any {
        guard let model = context.model, let p = context.lspPosition else { return NSNull() }
        if let loaded = model.current {
            let position = loaded.converter.sourcePosition(line: p.line, character: p.character)
            if let occurrence = loaded.index.occurrence(at: position), let text = describe(occurrence.id, in: loaded.template) {
                return result(text, range: loaded.converter.lspRange(occurrence.range))
            }
        }
        let lines = model.text.split(separator: "\n", omittingEmptySubsequences: false)
        guard p.line < lines.count else { return NSNull() }
        let path = BlockKeyPath(lines: lines, line: p.line)
        let type = resourceType(path.parents, model: model, lines: lines)
        // On the key (up to its colon) or on the value after it.
        let colon = lines[p.line].firstIndex(of: ":").map { lines[p.line][..<$0].utf16.count } ?? Int.max
        let onKey = p.character <= colon
        if path.parents.count == 2, path.parents[0] == "Resources", path.key == "Type", !onKey, let value = path.value,
           let markdown = SchemaFacts.typeMarkdown(value) {
            return result(markdown)
        }
        if path.parents.count >= 3, path.parents[0] == "Resources", path.parents[2] == "Properties", let key = path.key,
           onKey, let type, let markdown = SchemaFacts.propertyMarkdown(type, path: path.parents.dropFirst(3).filter { $0 != "*" } + [key]) {
            return result(markdown)
        }
        // A name under the cursor, known to the last template that loaded.
        if model.current == nil, let loaded = model.lastGood, let word = word(in: lines[p.line], at: p.character) {
            for kind in GraphNodeKind.allCases {
                if loaded.index.definitions[GraphNodeID(kind: kind, name: word)] != nil,
                   let text = describe(GraphNodeID(kind: kind, name: word), in: loaded.template) {
                    return result(text)
                }
            }
        }
        return NSNull()
    }

    /// The `Type` of the resource a key path is inside: from the loaded model, else the text.
    static func resourceType(_ parents: [String], model: DocumentModel, lines: [Substring]) -> String? {
        guard parents.count >= 2, parents[0] == "Resources" else { return nil }
        if let type = (model.current ?? model.lastGood)?.template.resource(parents[1])?.type { return type }
        // Half-typed and new since the last good version: the first `Type:` line under the id.
        guard let start = lines.firstIndex(where: { $0.hasPrefix("  \(parents[1]):") }) else { return nil }
        for line in lines[(start + 1)...] {
            let path = BlockKeyPath(lines: [line], line: 0)
            if path.key == "Type", let value = path.value, line.hasPrefix("    Type:") { return value }
            if !line.hasPrefix("   ") && !line.trimmingCharacters(in: .whitespaces).isEmpty { break }
        }
        return nil
    }

    static func describe(_ id: GraphNodeID, in template: Template) -> String? {
        switch id.kind {
        case .resource:
            guard let resource = template.resource(id.name) else { return nil }
            var lines = ["**\(id.name)**: resource `\(resource.type ?? "?")`"]
            if let condition = resource.condition?.name { lines.append("Condition: `\(condition)`") }
            if let type = resource.type, let markdown = SchemaFacts.typeMarkdown(type) { lines.append(markdown) }
            return lines.joined(separator: "\n\n")
        case .parameter:
            guard let parameter = template.parameter(id.name) else { return nil }
            var lines = ["**\(id.name)**: parameter of type `\(parameter.type ?? "?")`"]
            if let value = parameter.defaultValue.map(sourceText) { lines.append("Default: `\(value)`") }
            if let values = parameter.allowedValues?.sequence {
                lines.append("Allowed values: " + values.map { "`\(sourceText($0))`" }.joined(separator: ", "))
            }
            if let description = parameter.description?.text { lines.append(description) }
            return lines.joined(separator: "\n\n")
        case .condition:
            guard template.condition(id.name) != nil else { return nil }
            return "**\(id.name)**: condition"
        case .mapping:
            guard let mapping = template.mapping(id.name) else { return nil }
            return "**\(id.name)**: mapping with keys " + mapping.topLevelKeys.map { "`\($0.key.name)`" }.joined(separator: ", ")
        case .output:
            guard let output = template.output(id.name) else { return nil }
            var lines = ["**\(id.name)**: output"]
            if let description = output.description?.text { lines.append(description) }
            return lines.joined(separator: "\n\n")
        }
    }

    private static func sourceText(_ node: Node) -> String {
        node.text ?? node.kindName
    }

    /// The alphanumeric word around a UTF-16 character of a line.
    static func word(in line: Substring, at character: Int) -> String? {
        let units = Array(line.utf16)
        func isWord(_ u: UInt16) -> Bool { (u >= 48 && u <= 57) || (u >= 65 && u <= 90) || (u >= 97 && u <= 122) }
        var start = min(character, units.count)
        var end = start
        while start > 0, isWord(units[start - 1]) { start -= 1 }
        while end < units.count, isWord(units[end]) { end += 1 }
        guard end > start else { return nil }
        return String(decoding: units[start..<end], as: UTF16.self)
    }

    private static func result(_ markdown: String, range: [String: Any]? = nil) -> [String: Any] {
        var result: [String: Any] = ["contents": ["kind": "markdown", "value": markdown]]
        if let range { result["range"] = range }
        return result
    }
}
