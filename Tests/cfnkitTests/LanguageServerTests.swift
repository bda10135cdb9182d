import Foundation
import Testing

/// A minimal LSP client for the tests: starts `cfnkit lsp` (found like every CLI test, through
/// `CLI.binary`), writes Content-Length framed JSON-RPC to its stdin and collects the framed
/// messages it writes to stdout on a reader thread. Every wait has a deadline, so a hung or
/// crashed server fails the test instead of hanging it.
final class LSPClient: @unchecked Sendable {
    struct Timeout: Error, CustomStringConvertible {
        var description: String
    }

    let process = Process()
    private let stdin = Pipe()
    private let stdout = Pipe()
    private let stderr = Pipe()
    private let condition = NSCondition()
    private var messages: [[String: Any]] = []
    private var errorText = Data()
    private var ended = false
    private var nextId = 1

    init(in directory: URL = CLI.projectRoot) throws {
        process.executableURL = CLI.binary
        process.arguments = ["lsp"]
        process.currentDirectoryURL = directory
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        stderr.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.condition.lock(); self.errorText.append(data); self.condition.unlock()
        }
        try process.run()
        let reader = Thread { [self] in readLoop() }
        reader.start()
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    /// What the server wrote to stderr so far (for failure messages).
    var serverStderr: String {
        condition.lock(); defer { condition.unlock() }
        return String(decoding: errorText, as: UTF8.self)
    }

    private func readLoop() {
        let handle = stdout.fileHandleForReading
        var buffer: [UInt8] = []
        while true {
            let data = handle.availableData
            if data.isEmpty { break }
            buffer.append(contentsOf: data)
            while let message = Self.takeFrame(&buffer) {
                condition.lock(); messages.append(message); condition.broadcast(); condition.unlock()
            }
        }
        condition.lock(); ended = true; condition.broadcast(); condition.unlock()
    }

    /// Removes one complete frame from the front of `buffer` and decodes its body.
    static func takeFrame(_ buffer: inout [UInt8]) -> [String: Any]? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard buffer.count >= 4,
              let end = (0...(buffer.count - 4)).first(where: { Array(buffer[$0..<($0 + 4)]) == separator }) else { return nil }
        let header = String(decoding: buffer[0..<end], as: UTF8.self)
        var length = 0
        for line in header.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "content-length" {
                length = Int(parts[1].trimmingCharacters(in: .whitespaces)) ?? 0
            }
        }
        guard buffer.count >= end + 4 + length else { return nil }
        let body = Data(buffer[(end + 4)..<(end + 4 + length)])
        buffer.removeFirst(end + 4 + length)
        return (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? ["unparseable": String(decoding: body, as: UTF8.self)]
    }

    func send(_ message: [String: Any]) throws {
        var object = message
        object["jsonrpc"] = "2.0"
        let body = try JSONSerialization.data(withJSONObject: object)
        var frame = Data("Content-Length: \(body.count)\r\n\r\n".utf8)
        frame.append(body)
        try stdin.fileHandleForWriting.write(contentsOf: frame)
    }

    func notify(_ method: String, _ params: [String: Any] = [:]) throws {
        try send(["method": method, "params": params])
    }

    /// Sends a request and waits for the response with its id.
    @discardableResult
    func request(_ method: String, _ params: Any = [String: Any](), timeout: Double = 5) throws -> [String: Any] {
        let id = try sendRequest(method, params)
        return try response(id, method, timeout: timeout)
    }

    /// Sends a request without waiting; returns its id.
    func sendRequest(_ method: String, _ params: Any = [String: Any]()) throws -> Int {
        let id = nextId
        nextId += 1
        try send(["id": id, "method": method, "params": params])
        return id
    }

    /// Waits for the response to request `id`.
    func response(_ id: Int, _ what: String = "request", timeout: Double = 5) throws -> [String: Any] {
        try waitFor("response to \(what) \(id)", timeout: timeout) { $0["id"] as? Int == id && $0["method"] == nil }
    }

    /// Waits for (and removes) the first message, received or still to come, that `matches`.
    func waitFor(_ what: String, timeout: Double = 5, _ matches: ([String: Any]) -> Bool) throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let index = messages.firstIndex(where: matches) {
                return messages.remove(at: index)
            }
            if ended { throw Timeout(description: "server closed its output before \(what); stderr: \(String(decoding: errorText, as: UTF8.self))") }
            if !condition.wait(until: deadline) {
                throw Timeout(description: "no \(what) within \(timeout)s")
            }
        }
    }

    /// Waits for the diagnostics published for `uri` at document version `version`.
    func diagnostics(_ uri: String, version: Int, timeout: Double = 5) throws -> [[String: Any]] {
        let message = try waitFor("publishDiagnostics for \(uri) version \(version)", timeout: timeout) { message in
            guard message["method"] as? String == "textDocument/publishDiagnostics",
                  let params = message["params"] as? [String: Any] else { return false }
            return params["uri"] as? String == uri && params["version"] as? Int == version
        }
        let params = message["params"] as? [String: Any] ?? [:]
        return params["diagnostics"] as? [[String: Any]] ?? []
    }

    func initialize(rootUri: String? = nil) throws -> [String: Any] {
        let response = try request("initialize", ["processId": NSNull(), "rootUri": rootUri ?? NSNull(), "capabilities": [String: Any]()])
        try notify("initialized")
        return response
    }

    /// Closes stdin and waits for the process to end; nil if it is still running at the deadline
    /// (it is then killed).
    func waitForExit(timeout: Double = 5) -> Int32? {
        try? stdin.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return nil
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// shutdown request, exit notification, and the exit status.
    func shutdownAndExit() throws -> Int32? {
        let response = try request("shutdown", NSNull())
        #expect(response["result"] is NSNull)
        #expect(response["error"] == nil)
        try notify("exit")
        return waitForExit()
    }
}

/// LSP range as [startLine, startCharacter, endLine, endCharacter].
private func rangeValues(_ diagnostic: [String: Any]) -> [Int] {
    let range = diagnostic["range"] as? [String: Any] ?? [:]
    let start = range["start"] as? [String: Any] ?? [:]
    let end = range["end"] as? [String: Any] ?? [:]
    return [start["line"], start["character"], end["line"], end["character"]].map { $0 as? Int ?? -1 }
}

private func range(_ startLine: Int, _ startCharacter: Int, _ endLine: Int, _ endCharacter: Int) -> [String: Any] {
    ["start": ["line": startLine, "character": startCharacter], "end": ["line": endLine, "character": endCharacter]]
}

@Suite("cfnkit lsp over stdio")
struct LanguageServerTests {
    static let uri = "file:///nonexistent-cfnkit-lsp-test/template.yaml"

    /// Line 4 (0-based) holds "é" and an emoji (a surrogate pair in UTF-16) before the misspelled
    /// property `BucketNam`: scalar column 51 (1-based), UTF-16 character 51 (0-based).
    static let template = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Bucket:
            Type: AWS::S3::Bucket
            Properties: {Tags: [{Key: "é🎉", Value: "x"}], BucketNam: "my-bucket"}

        """

    static func open(_ client: LSPClient, text: String = template, version: Int = 1) throws {
        try client.notify("textDocument/didOpen", ["textDocument": ["uri": uri, "languageId": "yaml", "version": version, "text": text]])
    }

    static func change(_ client: LSPClient, version: Int, _ changes: [[String: Any]]) throws {
        try client.notify("textDocument/didChange", ["textDocument": ["uri": uri, "version": version], "contentChanges": changes])
    }

    static func expectMisspelling(_ diagnostics: [[String: Any]]) {
        #expect(diagnostics.count == 1)
        guard let diagnostic = diagnostics.first else { return }
        #expect(diagnostic["code"] as? String == "E3002")
        #expect(diagnostic["severity"] as? Int == 1)
        #expect(diagnostic["source"] as? String == "cfnkit")
        #expect(diagnostic["message"] as? String == "Additional properties are not allowed ('BucketNam' was unexpected)")
        #expect(rangeValues(diagnostic) == [4, 51, 4, 60])
    }

    @Test("initialize declares UTF-16 positions and incremental sync")
    func initialize() throws {
        let client = try LSPClient()
        let response = try client.initialize()
        #expect(response["error"] == nil)
        let result = response["result"] as? [String: Any] ?? [:]
        let capabilities = result["capabilities"] as? [String: Any] ?? [:]
        #expect(capabilities["positionEncoding"] as? String == "utf-16")
        let sync = capabilities["textDocumentSync"] as? [String: Any] ?? [:]
        #expect(sync["openClose"] as? Bool == true)
        #expect(sync["change"] as? Int == 2)
        let info = result["serverInfo"] as? [String: Any] ?? [:]
        #expect(info["name"] as? String == "cfnkit")
        #expect(try client.shutdownAndExit() == 0)
    }

    @Test("didOpen publishes E3002 with a UTF-16 range past non-ASCII text on the same line")
    func openPublishesDiagnostic() throws {
        let client = try LSPClient()
        _ = try client.initialize()
        try Self.open(client)
        Self.expectMisspelling(try client.diagnostics(Self.uri, version: 1))
        #expect(try client.shutdownAndExit() == 0)
    }

    @Test("CRLF line endings give the same UTF-16 range")
    func crlfPositions() throws {
        let client = try LSPClient()
        _ = try client.initialize()
        try Self.open(client, text: Self.template.replacingOccurrences(of: "\n", with: "\r\n"))
        Self.expectMisspelling(try client.diagnostics(Self.uri, version: 1))
        #expect(try client.shutdownAndExit() == 0)
    }

    @Test("incremental didChange: broken YAML gives E0000 at the load error, fixing it restores the diagnostics")
    func incrementalChanges() throws {
        let client = try LSPClient()
        _ = try client.initialize()
        try Self.open(client)
        Self.expectMisspelling(try client.diagnostics(Self.uri, version: 1))

        // "    Type: AWS::S3::Bucket" -> "    Type: [AWS::S3::Bucket": an unclosed flow sequence.
        try Self.change(client, version: 2, [["range": range(3, 10, 3, 10), "text": "["]])
        let broken = try client.diagnostics(Self.uri, version: 2)
        #expect(broken.count == 1)
        if let diagnostic = broken.first {
            #expect(diagnostic["code"] as? String == "E0000")
            #expect(diagnostic["severity"] as? Int == 1)
            #expect(diagnostic["message"] as? String
                == "did not find expected ',' or ']' (while parsing a flow sequence at line 4, column 11)")
            #expect(rangeValues(diagnostic) == [4, 14, 4, 15])
        }

        // Remove the "[" again: the original finding comes back.
        try Self.change(client, version: 3, [["range": range(3, 10, 3, 11), "text": ""]])
        Self.expectMisspelling(try client.diagnostics(Self.uri, version: 3))

        // Fix the spelling ("BucketNam" -> "BucketName", insert at UTF-16 character 60): no findings.
        try Self.change(client, version: 4, [["range": range(4, 60, 4, 60), "text": "e"]])
        #expect(try client.diagnostics(Self.uri, version: 4).isEmpty)

        try client.notify("textDocument/didClose", ["textDocument": ["uri": Self.uri]])
        #expect(try client.shutdownAndExit() == 0)
    }

    @Test("shutdown then exit ends the process with status 0")
    func shutdownExit() throws {
        let client = try LSPClient()
        _ = try client.initialize()
        #expect(try client.shutdownAndExit() == 0)
    }

    @Test("1,000 seeded random incremental edits never bring the server down")
    func randomEdits() throws {
        let client = try LSPClient()
        _ = try client.initialize()
        try Self.open(client)
        var random = SplitMix64(seed: 0x5EED_CF4B)
        let pieces = ["", "a", " ", "\n", ":", ": ", "- ", "[", "]", "{", "}", "\"", "'", "#", "!Ref ", "!Sub ", "&a", "*a",
                      "é", "🎉", "\t", "Type: AWS::S3::Bucket\n", "  Properties:\n    X: 1\n", "\r\n", "|", ">", "%", "@"]
        var lines = 6
        var version = 1
        var requests: [Int] = []
        let requestMethods = ["textDocument/definition", "textDocument/references", "textDocument/documentSymbol",
                              "textDocument/prepareRename", "textDocument/rename", "textDocument/hover", "textDocument/completion"]
        for step in 0..<1000 {
            version += 1
            // Positions run a little past the text's lines and line ends (servers must clamp them).
            let startLine = random.next(below: lines + 2)
            let startCharacter = random.next(below: 70)
            let endLine = startLine + random.next(below: 3)
            let endCharacter = random.next(below: 70)
            var text = ""
            for _ in 0..<random.next(below: 4) { text += pieces[random.next(below: pieces.count)] }
            lines += text.filter { $0 == "\n" }.count
            let change: [String: Any] = random.next(below: 50) == 0
                ? ["text": Self.template]
                : ["range": range(startLine, startCharacter, endLine, endCharacter), "text": text]
            try Self.change(client, version: version, [change])
            // Every few edits a request at a random place, answered on whatever the text is then.
            if step % 7 == 0 {
                let method = requestMethods[random.next(below: requestMethods.count)]
                let position: [String: Any] = ["line": random.next(below: lines + 2), "character": random.next(below: 70)]
                requests.append(try client.sendRequest(method, ["textDocument": ["uri": Self.uri], "position": position,
                                                                "newName": "Renamed", "context": ["includeDeclaration": true]]))
            }
        }
        for id in requests {
            let response = try client.response(id, timeout: 20)
            #expect(response["result"] != nil || response["error"] != nil)
        }
        // The newest version is always linted and published; the server still answers requests.
        _ = try client.diagnostics(Self.uri, version: version, timeout: 10)
        let unknown = try client.request("cfnkit/unknownRequest")
        let error = unknown["error"] as? [String: Any] ?? [:]
        #expect(error["code"] as? Int == -32601)
        // After the noise, replacing the whole text still gives the exact original diagnostic.
        try Self.change(client, version: version + 1, [["text": Self.template]])
        Self.expectMisspelling(try client.diagnostics(Self.uri, version: version + 1))
        let status = try client.shutdownAndExit()
        #expect(status == 0, "stderr: \(client.serverStderr)")
    }
}

/// A small fixed-seed generator so the random-edit test is the same on every run.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

/// Helpers shared by the language-server suites: positions found in the text (UTF-16, as LSP
/// counts), and edits applied to a text as an editor applies them.
enum LSPText {
    /// The LSP position of the `occurrence`-th (0-based) `needle` in `text`, plus `offset` UTF-16 units.
    static func position(of needle: String, occurrence: Int = 0, offset: Int = 0, in text: String) -> [String: Any] {
        var searchStart = text.startIndex
        var found = text.startIndex
        for _ in 0...occurrence {
            guard let r = text.range(of: needle, range: searchStart..<text.endIndex) else { return ["line": -1, "character": -1] }
            found = r.lowerBound
            searchStart = r.upperBound
        }
        let before = text[text.startIndex..<found]
        let line = before.filter { $0 == "\n" || $0 == "\r\n" }.count
        let lineStart = before.lastIndex(where: { $0 == "\n" || $0 == "\r\n" }).map { before.index(after: $0) } ?? text.startIndex
        return ["line": line, "character": text[lineStart..<found].utf16.count + offset]
    }

    /// `text` with LSP TextEdits applied (positions in UTF-16, edits not overlapping).
    static func apply(_ edits: [[String: Any]], to text: String) -> String {
        var units = Array(text.utf16)
        func offset(_ p: [String: Any]) -> Int {
            let line = p["line"] as? Int ?? 0
            var i = 0
            var seen = 0
            while seen < line && i < units.count { if units[i] == 10 { seen += 1 }; i += 1 }
            return i + (p["character"] as? Int ?? 0)
        }
        let sorted = edits.sorted { a, b in
            let ra = (a["range"] as? [String: Any])?["start"] as? [String: Any] ?? [:]
            let rb = (b["range"] as? [String: Any])?["start"] as? [String: Any] ?? [:]
            return offset(ra) > offset(rb)
        }
        for edit in sorted {
            let range = edit["range"] as? [String: Any] ?? [:]
            let start = offset(range["start"] as? [String: Any] ?? [:])
            let end = offset(range["end"] as? [String: Any] ?? [:])
            units.replaceSubrange(start..<end, with: Array((edit["newText"] as? String ?? "").utf16))
        }
        return String(decoding: units, as: UTF16.self)
    }
}

@Suite("cfnkit lsp: robustness")
struct LanguageServerRobustnessTests {
    static let first = "file:///nonexistent-cfnkit-lsp-test/first.yaml"
    static let second = "file:///nonexistent-cfnkit-lsp-test/second.yaml"

    static func open(_ client: LSPClient, _ uri: String, _ text: String, version: Int = 1) throws {
        try client.notify("textDocument/didOpen", ["textDocument": ["uri": uri, "languageId": "yaml", "version": version, "text": text]])
    }

    static func codes(_ diagnostics: [[String: Any]]) -> [String] { diagnostics.compactMap { $0["code"] as? String } }

    @Test("several documents are linted and published apart; closing one clears only its diagnostics")
    func severalDocuments() throws {
        let client = try LSPClient()
        _ = try client.initialize()
        try Self.open(client, Self.first, LanguageServerTests.template)
        try Self.open(client, Self.second, "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n")
        #expect(Self.codes(try client.diagnostics(Self.first, version: 1)) == ["E3002"])
        #expect(try client.diagnostics(Self.second, version: 1).isEmpty)
        try client.notify("textDocument/didChange", ["textDocument": ["uri": Self.second, "version": 2],
                                                     "contentChanges": [["text": "Resources:\n  Topic:\n    Type: AWS::SNS::Topik\n"]]])
        #expect(Self.codes(try client.diagnostics(Self.second, version: 2)) == ["E3006"])
        try client.notify("textDocument/didClose", ["textDocument": ["uri": Self.first]])
        let cleared = try client.waitFor("empty diagnostics for the closed document") { message in
            let params = message["params"] as? [String: Any] ?? [:]
            return message["method"] as? String == "textDocument/publishDiagnostics" && params["uri"] as? String == Self.first
        }
        #expect(((cleared["params"] as? [String: Any])?["diagnostics"] as? [Any])?.isEmpty == true)
        // The other document is still open and answered.
        let symbols = try client.request("textDocument/documentSymbol", ["textDocument": ["uri": Self.second]])
        #expect((symbols["result"] as? [[String: Any]])?.map { $0["name"] as? String } == ["Resources"])
        #expect(try client.shutdownAndExit() == 0)
    }

    @Test("a half-typed document shows its load error and keeps its last good outline; rename waits for it to load")
    func halfTypedKeepsLastGoodModel() throws {
        let client = try LSPClient()
        _ = try client.initialize()
        try Self.open(client, Self.first, LanguageServerTests.template)
        _ = try client.diagnostics(Self.first, version: 1)
        // "  Bucket:" -> "  Bucket: [": the mapping below no longer parses.
        try client.notify("textDocument/didChange", ["textDocument": ["uri": Self.first, "version": 2],
            "contentChanges": [["range": ["start": ["line": 2, "character": 9], "end": ["line": 2, "character": 9]], "text": " ["]]])
        let broken = try client.diagnostics(Self.first, version: 2)
        #expect(Self.codes(broken) == ["E0000"])
        let start = ((broken.first?["range"] as? [String: Any])?["start"] as? [String: Any])?["line"] as? Int
        #expect(start == 4)  // where libyaml gives up: the line after the unclosed "["
        let symbols = try client.request("textDocument/documentSymbol", ["textDocument": ["uri": Self.first]])
        let sections = (symbols["result"] as? [[String: Any]] ?? []).map { $0["name"] as? String ?? "" }
        #expect(sections == ["AWSTemplateFormatVersion", "Resources"])
        let rename = try client.request("textDocument/rename", ["textDocument": ["uri": Self.first],
                                                                "position": ["line": 2, "character": 3], "newName": "Store"])
        let error = rename["error"] as? [String: Any] ?? [:]
        #expect(error["code"] as? Int == -32803)
        #expect(error["message"] as? String == "the template does not load; fix the error first")
        #expect(try client.shutdownAndExit() == 0)
    }

    @Test("$/cancelRequest for a request still waiting answers RequestCancelled")
    func cancelRequest() throws {
        let client = try LSPClient()
        _ = try client.initialize()
        // A template large enough that its first lint is still running when the cancel arrives.
        var text = "Resources:\n"
        for i in 0..<400 {
            text += "  Queue\(i):\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub \"q-${AWS::Region}-\(i)\"\n"
        }
        try Self.open(client, Self.first, text)
        let id = try client.sendRequest("textDocument/documentSymbol", ["textDocument": ["uri": Self.first]])
        try client.notify("$/cancelRequest", ["id": id])
        let response = try client.response(id, timeout: 20)
        #expect((response["error"] as? [String: Any])?["code"] as? Int == -32800)
        // The document itself is still linted and served.
        _ = try client.diagnostics(Self.first, version: 1, timeout: 20)
        let symbols = try client.request("textDocument/documentSymbol", ["textDocument": ["uri": Self.first]])
        #expect(((symbols["result"] as? [[String: Any]])?.first?["children"] as? [Any])?.count == 400)
        #expect(try client.shutdownAndExit() == 0)
    }

    @Test("after shutdown requests are refused; exit without shutdown ends with status 1")
    func shutdownProtocol() throws {
        let client = try LSPClient()
        _ = try client.initialize()
        _ = try client.request("shutdown", NSNull())
        let late = try client.request("textDocument/documentSymbol", ["textDocument": ["uri": Self.first]])
        #expect((late["error"] as? [String: Any])?["code"] as? Int == -32600)
        try client.notify("exit")
        #expect(client.waitForExit() == 0)

        let abrupt = try LSPClient()
        _ = try abrupt.initialize()
        try abrupt.notify("exit")
        #expect(abrupt.waitForExit() == 1)
    }

    @Test("a .cfnlintrc that cannot be used is a diagnostic at the top; linting goes on with the defaults")
    func configErrorIsADiagnostic() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cfnkit-lsp-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "regions: [xx-nowhere-1]\n".write(to: folder.appendingPathComponent(".cfnlintrc"), atomically: true, encoding: .utf8)
        let uri = folder.appendingPathComponent("template.yaml").absoluteString
        let client = try LSPClient()
        _ = try client.initialize(rootUri: folder.absoluteString)
        try Self.open(client, uri, LanguageServerTests.template)
        let diagnostics = try client.diagnostics(uri, version: 1)
        #expect(Self.codes(diagnostics) == ["config", "E3002"])
        let message = diagnostics.first?["message"] as? String ?? ""
        #expect(message.contains(".cfnlintrc: unknown region 'xx-nowhere-1'"), "\(message)")
        #expect(message.hasSuffix("linting with the default settings"))
        #expect(try client.shutdownAndExit() == 0)
    }
}
