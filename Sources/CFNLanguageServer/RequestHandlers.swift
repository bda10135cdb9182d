/// The requests the server answers and the capabilities it declares for them, side by side.
enum RequestHandlers {
    typealias Handler = (RequestContext) throws -> Any

    static var capabilities: [String: Any] { [
        "positionEncoding": "utf-16",
        "textDocumentSync": ["openClose": true, "change": 2],
        "definitionProvider": true,
        "referencesProvider": true,
        "documentSymbolProvider": true,
        "renameProvider": ["prepareProvider": true],
        "hoverProvider": true,
        "codeActionProvider": ["codeActionKinds": ["quickfix"]],
        "completionProvider": ["triggerCharacters": ["!", ":", ".", "{", " ", "["]],
    ] }

    static func handler(_ method: String) -> Handler? {
        switch method {
        case "textDocument/definition": return Navigation.definition
        case "textDocument/references": return Navigation.references
        case "textDocument/documentSymbol": return Navigation.documentSymbols
        case "textDocument/prepareRename": return Navigation.prepareRename
        case "textDocument/rename": return Navigation.rename
        case "textDocument/hover": return Hover.hover
        case "textDocument/completion": return Completion.complete
        case "textDocument/codeAction": return CodeActions.actions
        default: return nil
        }
    }
}
