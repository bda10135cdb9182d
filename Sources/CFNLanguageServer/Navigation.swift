import Foundation
import CFNTemplate
import CFNGraph

/// Go to definition, find references, document symbols and rename, all over the document's
/// `ReferenceIndex`. They answer on the current text only: positions of an older version would
/// point at the wrong places.
enum Navigation {
    static func definition(_ context: RequestContext) throws -> Any {
        guard let (loaded, position) = context.loadedAtPosition,
              let occurrence = loaded.index.occurrence(at: position),
              let definition = loaded.index.definitions[occurrence.id] else { return NSNull() }
        return context.location(definition.range, converter: loaded.converter)
    }

    static func references(_ context: RequestContext) throws -> Any {
        guard let (loaded, position) = context.loadedAtPosition,
              let occurrence = loaded.index.occurrence(at: position) else { return [Any]() }
        let includeDeclaration = (context.params["context"] as? [String: Any])?["includeDeclaration"] as? Bool ?? true
        return loaded.index.occurrences(of: occurrence.id)
            .filter { includeDeclaration || !$0.isDefinition }
            .map { context.location($0.range, converter: loaded.converter) }
    }

    /// Sections, and in them each parameter, mapping, condition, resource (with its type) and output.
    /// A document that does not load shows its last good outline.
    static func documentSymbols(_ context: RequestContext) throws -> Any {
        guard let loaded = context.model?.current ?? context.model?.lastGood,
              let root = loaded.template.root.mapping else { return [Any]() }
        let converter = loaded.converter
        func symbol(_ entry: Mapping.Entry, kind: Int, detail: String?, children: [[String: Any]]?) -> [String: Any] {
            var end = entry.value.range.end
            if entry.value.range.isSynthetic || end < entry.key.range.end { end = entry.key.range.end }
            var item: [String: Any] = [
                "name": entry.key.name, "kind": kind,
                "range": converter.lspRange(SourceRange(file: entry.key.range.file, start: entry.key.range.start, end: end)),
                "selectionRange": converter.lspRange(entry.key.range),
            ]
            if let detail { item["detail"] = detail }
            if let children { item["children"] = children }
            return item
        }
        return root.entries.map { section -> [String: Any] in
            let kind: Int
            switch section.key.name {
            case "Parameters": kind = SymbolKind.variable
            case "Mappings": kind = SymbolKind.object
            case "Conditions": kind = SymbolKind.boolean
            case "Resources": kind = SymbolKind.classKind
            case "Outputs": kind = SymbolKind.property
            default:
                return symbol(section, kind: SymbolKind.namespace, detail: nil, children: nil)
            }
            let children = (section.value.mapping?.entries ?? []).map { entry in
                let detail = section.key.name == "Resources" || section.key.name == "Parameters" ? entry.value["Type"]?.text : nil
                return symbol(entry, kind: kind, detail: detail, children: nil)
            }
            return symbol(section, kind: SymbolKind.namespace, detail: nil, children: children)
        }
    }

    static func prepareRename(_ context: RequestContext) throws -> Any {
        let (loaded, occurrence) = try renameTarget(context)
        return ["range": loaded.converter.lspRange(occurrence.range), "placeholder": occurrence.id.name]
    }

    static func rename(_ context: RequestContext) throws -> Any {
        let (loaded, occurrence) = try renameTarget(context)
        guard let newName = context.params["newName"] as? String else { throw ResponseError.invalidParams("rename needs newName") }
        guard !newName.isEmpty, newName.count <= 255, newName.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic || ("0"..."9").contains($0) }) else {
            throw ResponseError.requestFailed("'\(newName)' is not a valid name: CloudFormation names are 1 to 255 letters A-Z, a-z and digits")
        }
        let id = occurrence.id
        if newName != id.name, let clash = sharingNames(id.kind).first(where: { loaded.index.definitions[GraphNodeID(kind: $0, name: newName)] != nil }) {
            throw ResponseError.requestFailed("'\(newName)' is already a \(clash.rawValue) in this template")
        }
        let edits = loaded.index.occurrences(of: id).map { ["range": loaded.converter.lspRange($0.range), "newText": newName] }
        return ["changes": [context.uri ?? "": edits]]
    }

    /// The declared name under the cursor, or why there is none to rename.
    private static func renameTarget(_ context: RequestContext) throws -> (DocumentModel.Loaded, ReferenceIndex.Occurrence) {
        guard context.model != nil else { throw ResponseError.requestFailed("the document is not open") }
        guard let (loaded, position) = context.loadedAtPosition else {
            throw ResponseError.requestFailed("the template does not load; fix the error first")
        }
        guard let occurrence = loaded.index.occurrence(at: position) else {
            throw ResponseError.requestFailed("no parameter, mapping, condition, resource or output name here")
        }
        guard loaded.index.definitions[occurrence.id] != nil else {
            throw ResponseError.requestFailed("'\(occurrence.id.name)' is not declared in this template")
        }
        return (loaded, occurrence)
    }

    /// Kinds whose names a new name must not take: Ref and Sub resolve parameters and resources
    /// by the same name, so those two share one namespace.
    private static func sharingNames(_ kind: GraphNodeKind) -> [GraphNodeKind] {
        switch kind {
        case .parameter, .resource: return [.parameter, .resource]
        default: return [kind]
        }
    }
}

/// LSP SymbolKind numbers used here.
enum SymbolKind {
    static let namespace = 3
    static let classKind = 5
    static let property = 7
    static let variable = 13
    static let boolean = 17
    static let object = 19
}
