import Foundation
import CFNTemplate

/// An error answered to a request (JSON-RPC `error`).
struct ResponseError: Error {
    var code: Int
    var message: String

    static func invalidParams(_ message: String) -> ResponseError { ResponseError(code: -32602, message: message) }
    /// LSP's RequestFailed: the request was valid but cannot be done (a refused rename).
    static func requestFailed(_ message: String) -> ResponseError { ResponseError(code: -32803, message: message) }
}

/// A request waiting for the queue (JSON values are not Sendable; only the queue touches it).
private struct PendingRequest: @unchecked Sendable {
    var id: Any
    var params: [String: Any]
    var handler: RequestHandlers.Handler
}

/// The LSP server. The reading loop only records: document texts as they change, cancellations,
/// and work for one serial queue, which analyses documents and answers requests in the order they
/// came. Analysis always takes the newest text of a document, so a burst of edits is linted once
/// (runs superseded before they start are dropped), and only the newest version is published.
/// Requests see the newest text too: a document changed since its last analysis is analysed first.
public final class LanguageServer: @unchecked Sendable {
    private let transport: MessageTransport
    private let state = NSLock()
    /// Open documents' newest text (reading loop writes, queue reads; under `state`).
    private var texts: [String: TextDocument] = [:]
    /// Request ids cancelled before the queue reached them (under `state`).
    private var cancelled: Set<String> = []
    /// Analysed documents (queue only).
    private var models: [String: DocumentModel] = [:]
    private let queue = DispatchQueue(label: "cfnkit.lsp.work")
    private var diagnostics = DiagnosticsProvider(workspaceRoot: nil)
    private var shutdownRequested = false

    public init(transport: MessageTransport = MessageTransport()) {
        self.transport = transport
    }

    /// Serves until `exit` or end of input; returns the process exit status.
    public func run() -> Int32 {
        while let message = transport.read() {
            if let status = handle(message) { queue.sync {}; return status }
        }
        queue.sync {}
        return shutdownRequested ? 0 : 1
    }

    /// Handles one message; returns an exit status when the server should stop.
    func handle(_ message: [String: Any]) -> Int32? {
        guard let method = message["method"] as? String else { return nil }
        let id = message["id"]
        let params = message["params"] as? [String: Any] ?? [:]
        if shutdownRequested && method != "exit" {
            if let id { transport.send(["id": id, "error": ["code": -32600, "message": "the server is shut down; only exit is accepted"]]) }
            return nil
        }
        switch method {
        case "initialize":
            if let root = params["rootUri"] as? String, let path = Self.path(fromURI: root) {
                diagnostics = DiagnosticsProvider(workspaceRoot: path)
            } else if let root = params["rootPath"] as? String {
                diagnostics = DiagnosticsProvider(workspaceRoot: root)
            }
            respond(id, result: ["capabilities": RequestHandlers.capabilities, "serverInfo": ["name": "cfnkit", "version": "lsp"]])
        case "initialized", "$/setTrace", "workspace/didChangeConfiguration", "textDocument/didSave":
            break
        case "$/cancelRequest":
            if let cancelledId = params["id"] { state.lock(); cancelled.insert("\(cancelledId)"); state.unlock() }
        case "shutdown":
            shutdownRequested = true
            queue.sync {}
            respond(id, result: NSNull())
        case "exit":
            return shutdownRequested ? 0 : 1
        case "textDocument/didOpen":
            guard let item = params["textDocument"] as? [String: Any], let uri = item["uri"] as? String else { return nil }
            let document = TextDocument(uri: uri, version: item["version"] as? Int ?? 0, text: item["text"] as? String ?? "")
            state.lock(); texts[uri] = document; state.unlock()
            queue.async { [self] in _ = refresh(uri) }
        case "textDocument/didChange":
            guard let ref = params["textDocument"] as? [String: Any], let uri = ref["uri"] as? String else { return nil }
            state.lock()
            if var document = texts[uri] {
                for change in params["contentChanges"] as? [[String: Any]] ?? [] {
                    document.apply(text: change["text"] as? String ?? "", range: Self.range(change["range"]))
                }
                document.version = ref["version"] as? Int ?? document.version + 1
                texts[uri] = document
            }
            state.unlock()
            queue.async { [self] in _ = refresh(uri) }
        case "textDocument/didClose":
            guard let ref = params["textDocument"] as? [String: Any], let uri = ref["uri"] as? String else { return nil }
            state.lock(); texts[uri] = nil; state.unlock()
            queue.async { [self] in
                models[uri] = nil
                transport.send(["method": "textDocument/publishDiagnostics", "params": ["uri": uri, "diagnostics": []]])
            }
        default:
            guard let id else { return nil }  // unknown notifications are ignored
            guard let handler = RequestHandlers.handler(method) else {
                transport.send(["id": id, "error": ["code": -32601, "message": "method not found: \(method)"]])
                return nil
            }
            let request = PendingRequest(id: id, params: params, handler: handler)
            queue.async { [self] in answer(request) }
        }
        return nil
    }

    /// Runs a request on the queue, unless it was cancelled while it waited.
    private func answer(_ request: PendingRequest) {
        let (id, params, handler) = (request.id, request.params, request.handler)
        state.lock(); let wasCancelled = cancelled.remove("\(id)") != nil; state.unlock()
        if wasCancelled {
            transport.send(["id": id, "error": ["code": -32800, "message": "request cancelled"]])
            return
        }
        let uri = (params["textDocument"] as? [String: Any])?["uri"] as? String
        let model = uri.flatMap(refresh)
        do {
            transport.send(["id": id, "result": try handler(RequestContext(params: params, model: model))])
        } catch let error as ResponseError {
            transport.send(["id": id, "error": ["code": error.code, "message": error.message]])
        } catch {
            transport.send(["id": id, "error": ["code": -32603, "message": "\(error)"]])
        }
    }

    /// The model of the document's newest text, analysing (and publishing) it first when the text
    /// changed since the last analysis. Queue only.
    private func refresh(_ uri: String) -> DocumentModel? {
        state.lock(); let document = texts[uri]; state.unlock()
        guard let document else { return nil }
        if let model = models[uri], model.version == document.version { return model }
        let path = Self.path(fromURI: uri) ?? "template.yaml"
        let analysis = diagnostics.analyse(text: document.text, path: path)
        let current = analysis.template.map {
            DocumentModel.Loaded(version: document.version, template: $0,
                                 index: ReferenceIndex(template: $0, text: analysis.converter), converter: analysis.converter)
        }
        let model = DocumentModel(uri: uri, version: document.version, text: document.text, converter: analysis.converter,
                                  current: current, lastGood: current ?? models[uri]?.lastGood)
        models[uri] = model
        // A newer text arrived while this one was linted: its own run publishes instead.
        state.lock(); let newest = texts[uri]?.version; state.unlock()
        if newest == document.version {
            transport.send(["method": "textDocument/publishDiagnostics",
                            "params": ["uri": uri, "version": document.version, "diagnostics": analysis.diagnostics]])
        }
        return model
    }

    private func respond(_ id: Any?, result: Any) {
        guard let id else { return }
        transport.send(["id": id, "result": result])
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
