import Foundation

/// Finds data that ships with cfnkit (schemas, rule packs) wherever the binary was installed.
///
/// An installed cfnkit is laid out as `PREFIX/bin/cfnkit` plus `PREFIX/share/cfnkit/<name>`; a
/// relocated copy keeps the same shape (`anywhere/bin/cfnkit`, `anywhere/share/cfnkit/...`). The
/// binary's own path is read from the operating system and its symlinks resolved, so a link such
/// as `~/.local/bin/cfnkit -> /opt/cfnkit/bin/cfnkit` still finds `/opt/cfnkit/share/cfnkit`.
///
/// Lookup order, as each data owner applies it: an environment variable, then
/// `<real executable folder>/../share/cfnkit/<name>`, then the module's SwiftPM resource bundle
/// (which is what `swift run` and `swift test` use).
public enum InstalledData {
    /// The folder installed data lives under, relative to the executable's folder.
    public static let shareRelativePath = "../share/cfnkit"

    /// The running executable with every symlink resolved, or nil when it cannot be determined.
    public static let executableURL: URL? = findExecutable()

    /// `<real executable folder>/../share/cfnkit`, normalized, whether or not it exists.
    public static var shareDirectory: URL? {
        guard let exe = executableURL else { return nil }
        return exe.deletingLastPathComponent().appendingPathComponent(shareRelativePath, isDirectory: true)
            .standardizedFileURL
    }

    /// `share/cfnkit/<name>` beside the executable when that folder exists.
    public static func installedDirectory(named name: String) -> URL? {
        guard let share = shareDirectory else { return nil }
        let url = share.appendingPathComponent(name, isDirectory: true)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return nil
        }
        return url
    }

    /// The value of an environment variable naming a folder, when set and non-empty.
    public static func environmentDirectory(_ variable: String,
                                            environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        guard let value = environment[variable], !value.isEmpty else { return nil }
        return URL(fileURLWithPath: value, isDirectory: true)
    }

    private static func findExecutable() -> URL? {
        #if os(Linux)
        // The kernel's link to the running image is already free of symlinks.
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        #endif
        if let url = Bundle.main.executableURL {
            return url.resolvingSymlinksInPath()
        }
        // Last resort: argv[0], through PATH when it has no slash.
        guard let argv0 = CommandLine.arguments.first, !argv0.isEmpty else { return nil }
        if argv0.contains("/") {
            return URL(fileURLWithPath: argv0).standardizedFileURL.resolvingSymlinksInPath()
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(argv0)"
            if FileManager.default.isExecutableFile(atPath: candidate) {
                return URL(fileURLWithPath: candidate).resolvingSymlinksInPath()
            }
        }
        return nil
    }
}
