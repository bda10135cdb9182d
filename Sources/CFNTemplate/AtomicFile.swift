import Foundation

/// Writes files so a reader never sees half of one: a temporary file beside the target, then rename.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "\(path): cannot write: \(reason)" }
    }

    /// - Parameter inputs: the files the command read; writing over one of them (by any name: the
    ///   same device and inode) is refused, so an output path typed by mistake never destroys a source.
    public static func write(_ data: Data, to path: String, sparing inputs: [String] = []) throws {
        if let input = inputs.first(where: { sameFile($0, path) }) {
            throw WriteError(path: path, reason: "it is the input \(input); cfnkit does not write over the files it reads (choose another output path)")
        }
        // Never rename over anything but a regular file: a device node or FIFO (`-o /dev/null`,
        // `-o /dev/stdout`) is written through, anything else that is not a regular file is refused.
        var existing = stat()
        if stat(path, &existing) == 0, (existing.st_mode & S_IFMT) != S_IFREG {
            try writeThrough(data, to: path, mode: existing.st_mode & S_IFMT)
            return
        }
        try stage(path) { temporary in try data.write(to: URL(fileURLWithPath: temporary), options: []) }
    }

    /// Replaces the regular file at `path` (or creates it) with what `produce` writes at the
    /// temporary path it is given, beside the target; renamed into place only when `produce`
    /// returns, removed otherwise. Anything at `path` that is not a regular file is refused: a
    /// rename never replaces a device node, a FIFO or a folder.
    public static func stage(_ path: String, _ produce: (String) throws -> Void) throws {
        var existing = stat()
        if stat(path, &existing) == 0, (existing.st_mode & S_IFMT) != S_IFREG {
            throw WriteError(path: path, reason: "it is not a regular file; cfnkit replaces only regular files")
        }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw WriteError(path: path, reason: "the folder \(directory.path) does not exist")
        }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).cfnkit-\(UUID().uuidString.prefix(8)).tmp").path
        do {
            try produce(temporary)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw WriteError(path: path, reason: String(describing: error))
        }
        if rename(temporary, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw WriteError(path: path, reason: reason)
        }
    }

    /// Writes into an existing character device or FIFO in place; refuses every other kind of
    /// non-regular file. A FIFO without a reader is refused at once instead of blocking.
    private static func writeThrough(_ data: Data, to path: String, mode: mode_t) throws {
        switch mode {
        case S_IFCHR, S_IFIFO: break
        case S_IFDIR: throw WriteError(path: path, reason: "it is a folder")
        case S_IFBLK: throw WriteError(path: path, reason: "it is a block device; cfnkit writes only regular files, character devices and named pipes")
        default: throw WriteError(path: path, reason: "it is not a regular file; cfnkit writes only regular files, character devices and named pipes")
        }
        let descriptor = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = errno == ENXIO ? "it is a named pipe (FIFO) with no reader" : String(cString: strerror(errno))
            throw WriteError(path: path, reason: reason)
        }
        defer { close(descriptor) }
        // Blocking writes from here on: a slow reader is waited for, not mistaken for an error.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        if let code = FileDescriptorWriter.writeAll(data, to: descriptor) {
            throw WriteError(path: path, reason: String(cString: strerror(code)))
        }
    }

    public static func write(_ text: String, to path: String, sparing inputs: [String] = []) throws {
        try write(Data(text.utf8), to: path, sparing: inputs)
    }

    /// Whether two paths name the same existing file (symlinks followed).
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
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
