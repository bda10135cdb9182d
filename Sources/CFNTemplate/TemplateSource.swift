import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command reads templates from: the working tree, or a git revision (`diff --git REV`), so
/// that a nested stack's template comes from the same place as its parent's.
public protocol TemplateSource: Sendable {
    /// For messages: "the working tree", "git revision HEAD~1".
    var name: String { get }
    /// The template at `path` as this source has it.
    func load(path: String, loader: TemplateLoader) throws(LoadError) -> Template
}

extension TemplateSource {
    /// The file `path` names, by resolved real path (symlinks, `.` and `..` resolved), so that
    /// `./sub/../root.yaml` and `root.yaml` are the same template. A path that does not exist on disk
    /// (a file deleted since a revision) is resolved through its nearest existing folder.
    public func identity(of path: String) -> String {
        TemplateIdentity.realPath(path)
    }
}

/// Real paths for identifying templates (nested stacks, package units).
public enum TemplateIdentity {
    public static func realPath(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        if let resolved = realpath(absolute, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        // Missing file: resolve the folder that exists, keep the rest as written (lexically normalised).
        let url = URL(fileURLWithPath: absolute).standardizedFileURL
        let folder = url.deletingLastPathComponent().path
        guard folder != url.path, folder != "/" || url.path != "/" else { return url.path }
        return (realPath(folder) as NSString).appendingPathComponent(url.lastPathComponent)
    }
}

/// Templates as they are on disk.
public struct WorkingTreeSource: TemplateSource {
    public init() {}
    public var name: String { "the working tree" }
    public func load(path: String, loader: TemplateLoader) throws(LoadError) -> Template {
        try Template.load(path: path, loader: loader)
    }
}
