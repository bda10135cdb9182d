import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One file to put in a zip: its name inside the zip and where its bytes are.
public struct ZipSource: Sendable, Hashable {
    public var name: String
    public var path: String
    public var executable: Bool
}

/// The project on disk: the root that artifacts must stay inside, and the walk that lists a folder's
/// files for a zip (sorted, ignore rules applied, symlinks inside the root followed, loops refused).
public struct ProjectFiles: Sendable {
    /// The project root as given (absolute) and with symlinks resolved.
    public let root: String
    public let realRoot: String
    public let allowOutsideRoot: Bool
    /// Absolute paths never put in a zip (the output folder, the bundle, the output template).
    public let excluded: Set<String>
    let rootRules: IgnoreRules?

    public init(root: String, allowOutsideRoot: Bool = false, excluded: [String] = []) {
        let absolute = Self.absolute(root)
        self.root = absolute
        realRoot = Self.realPath(absolute) ?? absolute
        self.allowOutsideRoot = allowOutsideRoot
        self.excluded = Set(excluded.map { Self.realPath($0) ?? Self.absolute($0) })
        rootRules = IgnoreRules.load(folder: absolute)
    }

    public static func absolute(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        return (joined as NSString).standardizingPath
    }

    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    public func isInside(realPath: String) -> Bool {
        realPath == realRoot || realPath.hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/")
    }

    /// The path relative to the real root (for manifests and ignore rules), or the absolute path outside it.
    public func relative(_ realPath: String) -> String {
        if realPath == realRoot { return "." }
        let prefix = realRoot.hasSuffix("/") ? realRoot : realRoot + "/"
        return realPath.hasPrefix(prefix) ? String(realPath.dropFirst(prefix.count)) : realPath
    }

    enum Kind { case file, directory }

    /// Resolves a path named in a template: its real location and kind, refusing escapes from the root.
    /// Returns nil when nothing is there.
    func resolve(_ absolutePath: String) throws(PackageError) -> (real: String, kind: Kind)? {
        var info = stat()
        guard stat(absolutePath, &info) == 0 else {
            var linkInfo = stat()
            let code = errno
            if lstat(absolutePath, &linkInfo) == 0, (linkInfo.st_mode & S_IFMT) == S_IFLNK {
                throw PackageError(.brokenSymlink, code == ELOOP ? "\(absolutePath) is a symlink loop (too many levels of symbolic links)"
                                                                  : "\(absolutePath) is a symlink to nothing")
            }
            return nil
        }
        guard let real = Self.realPath(absolutePath) else { return nil }
        if !allowOutsideRoot && !isInside(realPath: real) {
            let how = real == absolutePath ? "" : " (it resolves to \(real))"
            throw PackageError(.outsideRoot, "\(absolutePath) is outside the project root \(root)\(how); pass --allow-outside-root to package it anyway")
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return (real, .directory)
        case S_IFREG: return (real, .file)
        default:  // reading a named pipe would block, a device would never end
            throw PackageError(.invalidValue, "\(absolutePath) is not a regular file or folder (a named pipe, device or socket)")
        }
    }

    /// Every file under `folder` (a real path), sorted by name inside the zip.
    func listFiles(folder: String) throws(PackageError) -> [ZipSource] {
        var result: [ZipSource] = []
        // Rules that apply: the root's (relative to the root, when the folder is inside it) and each
        // walked folder's own .cfnkitignore (relative to that folder).
        struct Frame {
            var real: String
            var name: String          // path inside the zip ("" for the top)
            var rules: [(IgnoreRules, String)]  // (rules, prefix of zip name where they start)
            var chain: Set<String>    // real folders from the top to here (loop detection)
        }
        var baseRules: [(IgnoreRules, String)] = []
        let rootPrefix: String?
        if isInside(realPath: folder) {
            let rel = relative(folder)
            rootPrefix = rel == "." ? "" : rel + "/"
        } else {
            rootPrefix = nil
        }
        var stack: [Frame] = [Frame(real: folder, name: "", rules: baseRules, chain: [folder])]
        baseRules = []
        while let frame = stack.popLast() {
            var rules = frame.rules
            if let own = IgnoreRules.load(folder: frame.real), !own.isEmpty, frame.real != realRoot {
                rules.append((own, frame.name))
            }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: frame.real)
            } catch {
                throw PackageError(.io, "\(frame.real): cannot list: \(error.localizedDescription)")
            }
            for entry in names {
                if IgnoreRules.alwaysExcluded.contains(entry) { continue }
                let full = frame.real + "/" + entry
                let zipName = frame.name.isEmpty ? entry : frame.name + "/" + entry
                var info = stat()
                guard lstat(full, &info) == 0 else { continue }
                var kindBits = info.st_mode & S_IFMT
                var real = full
                var mode = info.st_mode
                if kindBits == S_IFLNK {
                    var target = stat()
                    guard stat(full, &target) == 0, let resolved = Self.realPath(full) else {
                        throw PackageError(.brokenSymlink, errno == ELOOP ? "\(full) is a symlink loop (too many levels of symbolic links)"
                                                                          : "\(full) is a symlink to nothing")
                    }
                    if !allowOutsideRoot && !isInside(realPath: resolved) {
                        throw PackageError(.outsideRoot, "\(full) is a symlink to \(resolved), outside the project root \(root); pass --allow-outside-root to follow it")
                    }
                    real = resolved
                    kindBits = target.st_mode & S_IFMT
                    mode = target.st_mode
                }
                if excluded.contains(real) { continue }
                let isDirectory = kindBits == S_IFDIR
                if isIgnored(zipName: zipName, isDirectory: isDirectory, rules: rules, rootPrefix: rootPrefix) { continue }
                if isDirectory {
                    if frame.chain.contains(real) {
                        throw PackageError(.symlinkLoop, "\(full) is a symlink loop (it leads back to \(real))")
                    }
                    stack.append(Frame(real: real, name: zipName, rules: rules, chain: frame.chain.union([real])))
                } else if kindBits == S_IFREG {
                    result.append(ZipSource(name: zipName, path: real, executable: (mode & 0o100) != 0))
                }
                // Sockets, FIFOs and devices are skipped.
            }
        }
        result.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        return result
    }

    private func isIgnored(zipName: String, isDirectory: Bool, rules: [(IgnoreRules, String)], rootPrefix: String?) -> Bool {
        var ignored = false
        if let rootRules, let rootPrefix, let d = rootRules.decision(rootPrefix + zipName, isDirectory: isDirectory) {
            ignored = d
        }
        for (r, prefix) in rules {
            let rel = prefix.isEmpty ? zipName : String(zipName.dropFirst(prefix.count + 1))
            if let d = r.decision(rel, isDirectory: isDirectory) { ignored = d }
        }
        return ignored
    }
}
