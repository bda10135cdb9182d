import Foundation

/// A profile's `credential_process`: the command is split as a POSIX shell would split words (quotes,
/// backslashes; no expansion), run without a shell, and must print the documented JSON
/// (`Version: 1`, `AccessKeyId`, `SecretAccessKey`, optional `SessionToken`) within `timeout` seconds.
public struct CredentialProcess: Sendable {
    public var command: String
    public var timeout: Double

    public init(command: String, timeout: Double = 30) {
        self.command = command
        self.timeout = timeout
    }

    public func run(profile: String) throws(AWSError) -> AWSCredentials {
        let words = Self.split(command)
        guard let program = words.first else {
            throw AWSError(.credentials, "profile \(profile): credential_process is empty")
        }
        let process = Process()
        if program.contains("/") {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = Array(words.dropFirst())
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = words
        }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do { try process.run() } catch {
            throw AWSError(.credentials, "profile \(profile): credential_process '\(program)' could not be started: \(error.localizedDescription)")
        }
        // Read both pipes while the process runs, so a chatty helper cannot block on a full pipe.
        let collected = PipeCollector(output.fileHandleForReading, errors.fileHandleForReading)
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            _ = finished.wait(timeout: .now() + 2)
            throw AWSError(.timeout, "profile \(profile): credential_process '\(program)' did not finish within \(Int(timeout)) s")
        }
        let (stdout, stderr) = collected.wait()
        guard process.terminationStatus == 0 else {
            let reason = String(decoding: stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw AWSError(.credentials, "profile \(profile): credential_process '\(program)' exited with status \(process.terminationStatus)\(reason.isEmpty ? "" : ": \(reason)")")
        }
        guard let object = try? JSONSerialization.jsonObject(with: stdout) as? [String: Any] else {
            throw AWSError(.credentials, "profile \(profile): credential_process '\(program)' did not print a JSON object")
        }
        guard (object["Version"] as? Int) == 1 else {
            throw AWSError(.credentials, "profile \(profile): credential_process output needs \"Version\": 1")
        }
        guard let id = object["AccessKeyId"] as? String, !id.isEmpty,
              let secret = object["SecretAccessKey"] as? String, !secret.isEmpty else {
            throw AWSError(.credentials, "profile \(profile): credential_process output lacks AccessKeyId or SecretAccessKey")
        }
        let token = (object["SessionToken"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: token)
    }

    /// Words of a command line: whitespace separates, single quotes keep everything, double quotes keep
    /// all but `\"` and `\\`, a backslash outside quotes escapes the next character.
    public static func split(_ line: String) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for c in line {
            if escaped { word.append(c); escaped = false; inWord = true; continue }
            if let q = quote {
                if c == q { quote = nil } else if c == "\\" && q == "\"" { escaped = true } else { word.append(c) }
                continue
            }
            switch c {
            case "'", "\"": quote = c; inWord = true
            case "\\": escaped = true
            case " ", "\t", "\n":
                if inWord { words.append(word); word = ""; inWord = false }
            default: word.append(c); inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }
}

/// Reads two pipes to their end on background threads.
final class PipeCollector: @unchecked Sendable {
    private var first = Data(), second = Data()
    private let group = DispatchGroup()

    init(_ a: FileHandle, _ b: FileHandle) {
        group.enter()
        DispatchQueue.global().async { self.first = a.readDataToEndOfFile(); self.group.leave() }
        group.enter()
        DispatchQueue.global().async { self.second = b.readDataToEndOfFile(); self.group.leave() }
    }

    func wait() -> (Data, Data) {
        group.wait()
        return (first, second)
    }
}
