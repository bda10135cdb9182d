import Foundation

/// Turns command-line arguments (files, folders, glob patterns) into the list of template files.
/// Folders are searched recursively for `.yaml`, `.yml`, `.json` and `.template` files, skipping
/// hidden folders and build output; globs support `*`, `?`, `[...]` and `**`.
public enum TemplateFinder {
    public static let templateExtensions: Set<String> = ["yaml", "yml", "json", "template"]
    static let skippedFolders: Set<String> = ["node_modules", ".build", ".git", ".aws-sam", "cdk.out"]

    /// Expanded paths in a stable order, without duplicates. A path that does not exist is kept
    /// as it is, so the loader reports it as missing.
    public static func expand(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var seen = Set<String>()
        func add(_ p: String) {
            if seen.insert(p).inserted { result.append(p) }
        }
        for argument in arguments {
            var isDirectory: ObjCBool = false
            if argument == "-" {
                add(argument)
            } else if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) {
                if isDirectory.boolValue {
                    for p in templates(in: argument) { add(p) }
                } else {
                    add(argument)
                }
            } else if argument.contains(where: { "*?[".contains($0) }) {
                for p in glob(argument) { add(p) }
            } else {
                add(argument)
            }
        }
        return result
    }

    /// Template files below `directory`, sorted.
    public static func templates(in directory: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            let full = (directory as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                if name.hasPrefix(".") || skippedFolders.contains(name) { walker.skipDescendants() }
                continue
            }
            if templateExtensions.contains((name as NSString).pathExtension.lowercased()) {
                found.append(full)
            }
        }
        return found.sorted()
    }

    /// Files matching a glob pattern, sorted. `**` matches any number of folders.
    public static func glob(_ pattern: String) -> [String] {
        let isAbsolute = pattern.hasPrefix("/")
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        // The fixed prefix before the first wildcard component.
        var base = isAbsolute ? "/" : "."
        var index = 0
        while index < parts.count, !parts[index].contains(where: { "*?[".contains($0) }) {
            base = index == 0 && !isAbsolute ? parts[index] : (base as NSString).appendingPathComponent(parts[index])
            index += 1
        }
        let rest = Array(parts[index...])
        guard !rest.isEmpty else { return FileManager.default.fileExists(atPath: base) ? [base] : [] }
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            let components = relative.split(separator: "/").map(String.init)
            if matches(components[...], rest[...]) {
                let full = base == "." && !pattern.hasPrefix("./") ? relative : (base as NSString).appendingPathComponent(relative)
                var isDirectory: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
                if !isDirectory.boolValue { found.append(full) }
            }
        }
        return found.sorted()
    }

    static func matches(_ path: ArraySlice<String>, _ pattern: ArraySlice<String>) -> Bool {
        guard let head = pattern.first else { return path.isEmpty }
        if head == "**" {
            if matches(path, pattern.dropFirst()) { return true }
            return !path.isEmpty && matches(path.dropFirst(), pattern)
        }
        guard let first = path.first else { return false }
        return fnmatch(head, first, 0) == 0 && matches(path.dropFirst(), pattern.dropFirst())
    }
}
