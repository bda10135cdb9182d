import Foundation

/// JSON-RPC messages over a byte stream with LSP's `Content-Length` framing.
public final class MessageTransport: @unchecked Sendable {
    private let input: FileHandle
    private let output: FileHandle
    private var buffer: [UInt8] = []
    private let writeLock = NSLock()

    public init(input: FileHandle = .standardInput, output: FileHandle = .standardOutput) {
        self.input = input
        self.output = output
    }

    /// The next message body, or nil at end of input. Malformed headers are skipped, never fatal.
    public func read() -> [String: Any]? {
        while true {
            guard let body = readBody() else { return nil }
            if let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] { return object }
        }
    }

    private func readBody() -> [UInt8]? {
        while true {
            if let end = headerEnd() {
                let header = String(decoding: buffer[0..<end], as: UTF8.self)
                buffer.removeFirst(end + 4)
                var length: Int?
                for line in header.split(separator: "\r\n") {
                    let parts = line.split(separator: ":", maxSplits: 1)
                    if parts.count == 2, parts[0].lowercased() == "content-length" {
                        length = Int(parts[1].trimmingCharacters(in: .whitespaces))
                    }
                }
                guard let length, length >= 0 else { continue }
                while buffer.count < length {
                    guard fill() else { return nil }
                }
                let body = Array(buffer[0..<length])
                buffer.removeFirst(length)
                return body
            }
            guard fill() else { return nil }
        }
    }

    private func headerEnd() -> Int? {
        guard buffer.count >= 4 else { return nil }
        for i in 0...(buffer.count - 4) where buffer[i] == 13 && buffer[i + 1] == 10 && buffer[i + 2] == 13 && buffer[i + 3] == 10 {
            return i
        }
        return nil
    }

    private func fill() -> Bool {
        let data = input.availableData
        if data.isEmpty { return false }
        buffer.append(contentsOf: data)
        return true
    }

    public func send(_ message: [String: Any]) {
        var object = message
        object["jsonrpc"] = "2.0"
        guard let body = try? JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes]) else { return }
        var frame = Data("Content-Length: \(body.count)\r\n\r\n".utf8)
        frame.append(body)
        writeLock.lock()
        defer { writeLock.unlock() }
        output.write(frame)
    }
}
