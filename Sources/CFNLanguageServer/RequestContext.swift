import CFNTemplate

/// One request's parameters and the model of the document it names.
struct RequestContext {
    var params: [String: Any]
    var model: DocumentModel?

    var uri: String? { (params["textDocument"] as? [String: Any])?["uri"] as? String }

    /// The request's LSP position (0-based line, UTF-16 character).
    var lspPosition: (line: Int, character: Int)? {
        guard let position = params["position"] as? [String: Any],
              let line = position["line"] as? Int, let character = position["character"] as? Int else { return nil }
        return (line, character)
    }

    /// The current version's loaded model and the request position in it; nil when the document is
    /// not open, not loading now, or no position was given.
    var loadedAtPosition: (loaded: DocumentModel.Loaded, position: SourcePosition)? {
        guard let loaded = model?.current, let p = lspPosition else { return nil }
        return (loaded, loaded.converter.sourcePosition(line: p.line, character: p.character))
    }

    func location(_ range: SourceRange, converter: PositionConverter) -> [String: Any] {
        ["uri": uri ?? "", "range": converter.lspRange(range)]
    }
}
