import Foundation

/// The LSP server: reads requests and notifications, keeps the open documents, and publishes
/// diagnostics after every change. Linting runs off the reading loop; a run whose document has
/// changed since it was queued is dropped (superseded), so the newest text wins.
public final class LanguageServer: @unchecked Sendable {
    private let transport: MessageTransport
    private var documents: [String: TextDocument] = [:]
    private let state = NSLock()
    private let lintQueue = DispatchQueue(label: "cfnkit.lsp.lint")
    private var diagnostics = DiagnosticsProvider(workspaceRoot: nil)
    private var shutdownRequested = false

    public init(transport: MessageTransport = MessageTransport()) {
        self.transport = transport
    }

    /// Serves until `exit` or end of input; returns the process exit status.
    public func run() -> Int32 {
        while let message = transport.read() {
            if let status = handle(message) { lintQueue.sync {}; return status }
        }
        return shutdownRequested ? 0 : 1
    }

    /// Handles one message; returns an exit status when the server should stop.
    func handle(_ message: [String: Any]) -> Int32? {
        guard let method = message["method"] as? String else { return nil }
        let id = message["id"]
        let params = message["params"] as? [String: Any] ?? [:]
        switch method {
        case "initialize":
            if let root = params["rootUri"] as? String, let path = Self.path(fromURI: root) {
                diagnostics = DiagnosticsProvider(workspaceRoot: path)
            } else if let root = params["rootPath"] as? String {
                diagnostics = DiagnosticsProvider(workspaceRoot: root)
            }
            respond(id, result: [
                "capabilities": [
                    "positionEncoding": "utf-16",
                    "textDocumentSync": ["openClose": true, "change": 2],
                ],
                "serverInfo": ["name": "cfnkit", "version": "lsp"],
            ])
        case "initialized", "$/cancelRequest", "$/setTrace", "workspace/didChangeConfiguration":
            break
        case "shutdown":
            shutdownRequested = true
            respond(id, result: NSNull())
        case "exit":
            return shutdownRequested ? 0 : 1
        case "textDocument/didOpen":
            guard let item = params["textDocument"] as? [String: Any], let uri = item["uri"] as? String else { return nil }
            let document = TextDocument(uri: uri, version: item["version"] as? Int ?? 0, text: item["text"] as? String ?? "")
            update(document)
        case "textDocument/didChange":
            guard let ref = params["textDocument"] as? [String: Any], let uri = ref["uri"] as? String,
                  var document = current(uri) else { return nil }
            for change in params["contentChanges"] as? [[String: Any]] ?? [] {
                document.apply(text: change["text"] as? String ?? "", range: Self.range(change["range"]))
            }
            document.version = ref["version"] as? Int ?? document.version + 1
            update(document)
        case "textDocument/didClose":
            guard let ref = params["textDocument"] as? [String: Any], let uri = ref["uri"] as? String else { return nil }
            state.lock(); documents[uri] = nil; state.unlock()
            transport.send(["method": "textDocument/publishDiagnostics", "params": ["uri": uri, "diagnostics": []]])
        default:
            // Unknown requests get MethodNotFound; unknown notifications are ignored.
            if let id { transport.send(["id": id, "error": ["code": -32601, "message": "method not found: \(method)"]]) }
        }
        return nil
    }

    private func respond(_ id: Any?, result: Any) {
        guard let id else { return }
        transport.send(["id": id, "result": result])
    }

    private func current(_ uri: String) -> TextDocument? {
        state.lock(); defer { state.unlock() }
        return documents[uri]
    }

    private func update(_ document: TextDocument) {
        state.lock(); documents[document.uri] = document; state.unlock()
        let provider = diagnostics
        lintQueue.async { [self] in
            guard let latest = current(document.uri), latest.version == document.version else { return }
            let path = Self.path(fromURI: document.uri) ?? "template.yaml"
            let items = provider.diagnostics(text: document.text, path: path)
            guard let still = current(document.uri), still.version == document.version else { return }
            transport.send(["method": "textDocument/publishDiagnostics",
                            "params": ["uri": document.uri, "version": document.version, "diagnostics": items]])
        }
    }

    static func range(_ value: Any?) -> (start: (Int, Int), end: (Int, Int))? {
        guard let range = value as? [String: Any], let start = range["start"] as? [String: Any],
              let end = range["end"] as? [String: Any] else { return nil }
        func pair(_ p: [String: Any]) -> (Int, Int) { (p["line"] as? Int ?? 0, p["character"] as? Int ?? 0) }
        return (pair(start), pair(end))
    }

    static func path(fromURI uri: String) -> String? {
        guard let url = URL(string: uri), url.isFileURL else { return nil }
        return url.path
    }
}
