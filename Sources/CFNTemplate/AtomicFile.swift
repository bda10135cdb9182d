import Foundation

/// Writes files so a reader never sees half of one: a temporary file beside the target, then rename.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "\(path): cannot write: \(reason)" }
    }

    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw WriteError(path: path, reason: "the folder \(directory.path) does not exist")
        }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).cfnkit-\(UUID().uuidString.prefix(8)).tmp")
        do {
            try data.write(to: temporary, options: [])
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError(path: path, reason: error.localizedDescription)
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError(path: path, reason: reason)
        }
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Thrown by ``create(_:at:)`` when the target is already there.
    public struct ExistsError: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "\(path) already exists" }
    }

    /// Writes a new file atomically and never replaces one: the complete temporary file is
    /// hard-linked to the target name, which fails if the name is taken (even by a file created a
    /// moment ago by someone else). Throws ``ExistsError`` then, ``WriteError`` on other failures.
    public static func create(_ data: Data, at path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw WriteError(path: path, reason: "the folder \(directory.path) does not exist")
        }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).cfnkit-\(UUID().uuidString.prefix(8)).tmp")
        defer { try? FileManager.default.removeItem(at: temporary) }
        do {
            try data.write(to: temporary, options: [])
        } catch {
            throw WriteError(path: path, reason: error.localizedDescription)
        }
        if link(temporary.path, url.path) != 0 {
            let code = errno
            if code == EEXIST { throw ExistsError(path: path) }
            // File systems without hard links: check, then rename (not race-free, still atomic).
            if FileManager.default.fileExists(atPath: path) { throw ExistsError(path: path) }
            if rename(temporary.path, url.path) != 0 {
                throw WriteError(path: path, reason: String(cString: strerror(code)))
            }
        }
    }
}
