import CFNAWS
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A scratch folder removed at the end of the test (a temporary HOME for the shared files).
final class ScratchFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "cfnkit-aws-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ relative: String, _ text: String, executable: Bool = false) -> String {
        let full = path + "/" + relative
        try! FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: URL(fileURLWithPath: full))
        if executable { chmod(full, 0o755) }
        return full
    }
}

/// Records AssumeRole calls and answers with credentials named after the role.
final class RecordingAssumer: RoleAssumer, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [(AssumeRoleRequest, AWSCredentials)] = []

    var calls: [(AssumeRoleRequest, AWSCredentials)] { lock.withLock { recorded } }

    func assumeRole(_ request: AssumeRoleRequest, with credentials: AWSCredentials, region: String) throws(AWSError) -> AWSCredentials {
        lock.withLock { recorded.append((request, credentials)) }
        return AWSCredentials(accessKeyId: "ASIA-" + request.roleArn.split(separator: "/").last!, secretAccessKey: "s", sessionToken: "t")
    }
}

/// An HTTP exchange answered from a script, for the query client without a network.
final class ScriptedSend: @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [Result<HTTPResponse, HTTPTransport.Failure>]
    private(set) var bodies: [String] = []
    private(set) var headers: [[String]] = []

    init(_ answers: [Result<HTTPResponse, HTTPTransport.Failure>]) { self.answers = answers }

    static func xml(_ status: Int, _ body: String) -> Result<HTTPResponse, HTTPTransport.Failure> {
        .success(HTTPResponse(status: status, headers: [:], body: Data(body.utf8)))
    }

    var send: AWSQueryClient.Send {
        { _, _, headers, body, _ in
            self.lock.withLock {
                self.bodies.append(String(decoding: body, as: UTF8.self))
                self.headers.append(headers)
                return self.answers.isEmpty ? Self.xml(500, "<ErrorResponse/>") : self.answers.removeFirst()
            }
        }
    }

    /// The Action parameter of each request sent.
    var actions: [String] {
        bodies.compactMap { body in
            body.split(separator: "&").first { $0.hasPrefix("Action=") }.map { String($0.dropFirst(7)) }
        }
    }
}

/// A tiny HTTP server on 127.0.0.1 for transport tests: each connection gets the next scripted answer
/// (raw bytes), or is held open without a word when the script says `nil`.
final class LocalHTTPServer: @unchecked Sendable {
    let port: Int
    private let socketFD: Int32
    private let lock = NSLock()
    private var script: [String?]
    private var held: [Int32] = []
    private(set) var requests = 0

    init(_ script: [String?]) {
        self.script = script
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        socketFD = fd
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        listen(fd, 16)
        var bound = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        port = Int(UInt16(bigEndian: bound.sin_port))
        Thread.detachNewThread { [self] in
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 { return }
                self.handle(client)
            }
        }
    }

    var url: String { "http://127.0.0.1:\(port)" }

    private func handle(_ client: Int32) {
        // Read the request head and the body its Content-Length announces.
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(client, &buffer, buffer.count, 0)
            if n <= 0 { break }
            data += buffer[0..<n]
            let text = String(decoding: data, as: UTF8.self)
            if let headEnd = text.range(of: "\r\n\r\n") {
                let head = text[..<headEnd.lowerBound].lowercased()
                let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst(15).trimmingCharacters(in: .whitespaces)) } ?? 0
                if text.utf8.count - text[..<headEnd.upperBound].utf8.count >= length { break }
            }
        }
        let answer: String?? = lock.withLock {
            requests += 1
            return script.isEmpty ? .some(nil) : .some(script.removeFirst())
        }
        guard let response = answer ?? nil else {
            lock.withLock { held.append(client) }  // accept, never answer
            return
        }
        _ = Array(response.utf8).withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        close(client)
    }

    /// A port nothing listens on (bound, then closed): connecting is refused, as with a stopped moto.
    static func closedPort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var bound = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        close(fd)
        return Int(UInt16(bigEndian: bound.sin_port))
    }

    static func response(_ status: Int, _ body: String) -> String {
        "HTTP/1.1 \(status) X\r\nContent-Type: text/xml\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
    }

    deinit {
        shutdown(socketFD, Int32(SHUT_RDWR))
        close(socketFD)
        for fd in held { close(fd) }
    }
}

let testCredentials = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")

func errorXML(_ code: String, _ message: String) -> String {
    "<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><Error><Type>Sender</Type><Code>\(code)</Code><Message>\(message)</Message></Error><RequestId>r</RequestId></ErrorResponse>"
}
