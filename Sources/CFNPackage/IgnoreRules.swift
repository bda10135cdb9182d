import CFNTemplate
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Patterns from `.cfnkitignore` files, in the subset of gitignore syntax people use:
/// `#` comments, blank lines, `!` to re-include, a trailing `/` for folders only, a `/` inside or at
/// the start anchors the pattern to the file's folder (otherwise it matches a name at any depth),
/// `*`, `?`, `[...]` within a name and `**` across folders. The last matching rule wins.
public struct IgnoreRules: Sendable {
    struct Rule: Sendable {
        var segments: [String]
        var anchored: Bool
        var negated: Bool
        var directoryOnly: Bool
    }

    /// Always excluded, whatever the ignore files say.
    public static let alwaysExcluded: Set<String> = [".git", ".DS_Store", ".cfnkitignore"]
    public static let fileName = ".cfnkitignore"

    var rules: [Rule] = []

    public init() {}

    public init(text: String) {
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            var line = String(raw)
            while line.hasSuffix(" ") && !line.hasSuffix("\\ ") { line.removeLast() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            var negated = false
            if line.hasPrefix("!") { negated = true; line.removeFirst() }
            else if line.hasPrefix("\\") { line.removeFirst() }
            var directoryOnly = false
            while line.hasSuffix("/") { directoryOnly = true; line.removeLast() }
            if line.isEmpty { continue }
            var anchored = line.contains("/")
            if line.hasPrefix("/") { line.removeFirst(); anchored = true }
            let segments = line.split(separator: "/").map(String.init)
            rules.append(Rule(segments: segments, anchored: anchored, negated: negated, directoryOnly: directoryOnly))
        }
    }

    /// Reads `folder/.cfnkitignore` when there is one.
    public static func load(folder: String) -> IgnoreRules? {
        let path = (folder as NSString).appendingPathComponent(fileName)
        guard let bytes = try? FileReader.read(path: path, maxBytes: 4 << 20) else { return nil }
        return IgnoreRules(text: String(decoding: bytes, as: UTF8.self))
    }

    public var isEmpty: Bool { rules.isEmpty }

    /// nil when no rule matches, else whether the last matching rule ignores the path.
    /// `path` is relative to the folder of the ignore file, with `/` separators.
    public func decision(_ path: String, isDirectory: Bool) -> Bool? {
        let parts = path.split(separator: "/").map(String.init)
        var result: Bool? = nil
        for rule in rules {
            if rule.directoryOnly && !isDirectory { continue }
            let matched: Bool
            if rule.anchored {
                matched = Self.match(rule.segments[...], parts[...])
            } else {
                matched = parts.last.map { Self.matchName(rule.segments[0], $0) } ?? false
            }
            if matched { result = !rule.negated }
        }
        return result
    }

    static func match(_ pattern: ArraySlice<String>, _ parts: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return parts.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            var p = parts
            while true {
                if match(rest, p) { return true }
                if p.isEmpty { return false }
                p = p.dropFirst()
            }
        }
        guard let part = parts.first, matchName(first, part) else { return false }
        return match(pattern.dropFirst(), parts.dropFirst())
    }

    static func matchName(_ pattern: String, _ name: String) -> Bool {
        fnmatch(pattern, name, 0) == 0
    }
}
