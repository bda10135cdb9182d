import Foundation

/// Templates as they were at a git revision (`git show REV:./path`, run in the file's folder or its
/// nearest existing ancestor, so paths are relative to the file as the template names them).
public struct GitRevisionSource: TemplateSource {
    public let revision: String
    /// The git executable.
    public let git: String

    public init(revision: String, git: String) {
        self.revision = revision
        self.git = git
    }

    public var name: String { "git revision \(revision)" }

    public func load(path: String, loader: TemplateLoader) throws(LoadError) -> Template {
        let bytes: [UInt8]
        switch show(path) {
        case .success(let data): bytes = data
        case .failure(let error): throw error
        }
        return Template(try loader.load(bytes: bytes, path: path))
    }

    /// Why git could not give the file: not committed at the revision, or git's own message.
    public enum Failure: Error { case notCommitted, git(String) }

    /// The file's bytes at the revision.
    public func bytes(_ path: String) -> Result<[UInt8], Failure> {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL
        var folder = absolute.deletingLastPathComponent()
        var relative = absolute.lastPathComponent
        var isDirectory: ObjCBool = false
        while !(FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) && isDirectory.boolValue),
              folder.path != "/" {
            relative = folder.lastPathComponent + "/" + relative
            folder = folder.deletingLastPathComponent()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: git)
        process.currentDirectoryURL = folder
        process.arguments = ["show", "\(revision):./\(relative)"]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch { return .failure(.git("cannot run \(git): \(error.localizedDescription)")) }
        // Read stderr on another thread so a large error output cannot block git while stdout is read.
        nonisolated(unsafe) var message = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            message = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let reason = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            // git's wording for a path the revision does not have (new, or never committed).
            if reason.contains("exists on disk, but not in") || reason.contains("does not exist in") { return .failure(.notCommitted) }
            return .failure(.git(reason))
        }
        return .success(Array(data))
    }

    private func show(_ path: String) -> Result<[UInt8], LoadError> {
        switch bytes(path) {
        case .success(let data): return .success(data)
        case .failure(.notCommitted):
            return .failure(LoadError(.fileNotFound, file: path, at: SourcePosition(line: 1, column: 1),
                                      "\(path) is not committed at \(revision)"))
        case .failure(.git(let reason)):
            return .failure(LoadError(.unreadable, file: path, at: SourcePosition(line: 1, column: 1),
                                      "git show \(revision):\(path): \(reason)"))
        }
    }
}
