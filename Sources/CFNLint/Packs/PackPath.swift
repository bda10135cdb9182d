import CFNTemplate
import Foundation

/// A property path of the rule-pack language, relative to the entry a rule looks at:
/// `Properties.BucketEncryption.ServerSideEncryptionConfiguration[*].ServerSideEncryptionByDefault`.
///
/// Steps are separated by dots. A step is a key (`Properties`), a key pattern with `*`
/// (`*Password`; `*` alone is any key), alternatives (`*Password|AuthToken`), `**` (any depth, including none), or a list step written
/// after a key or alone: `[*]` every item (a value that is not a list counts as its only item, so
/// IAM's `Statement: {...}` and `Statement: [{...}]` read the same), `[N]` one item. An empty path
/// or `.` is the entry itself.
public struct PackPath: Sendable, CustomStringConvertible {
    enum Step: Sendable, Equatable {
        case key(String)
        case pattern(Glob)
        /// `A|B|*C`: any of several keys or patterns (each with whether it has a `*`).
        case alternatives([Alternative])
        case anyKey
        case deep
        case allItems
        case index(Int)
    }

    struct Alternative: Sendable, Equatable {
        var text: String
        var glob: Glob?
    }

    /// A key pattern split at its `*`s once.
    struct Glob: Sendable, Equatable {
        var parts: [String]
        init(_ pattern: String) { parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init) }

        func matches(_ key: String) -> Bool {
            if parts.count == 2 {  // `a*b`, `*b`, `a*`: the common shapes
                return key.utf8.count >= parts[0].utf8.count + parts[1].utf8.count && key.hasPrefix(parts[0]) && key.hasSuffix(parts[1])
            }
            return PackPath.glob(parts.joined(separator: "*"), key)
        }
    }

    let steps: [Step]
    public let description: String

    /// Parses a path; the error message says what is wrong (the caller adds the position).
    public init(_ text: String) throws(PackSyntaxError) {
        description = text
        var steps: [Step] = []
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed == "." {
            self.steps = []
            return
        }
        for raw in trimmed.split(separator: ".", omittingEmptySubsequences: false) {
            var segment = Substring(raw)
            guard !segment.isEmpty else { throw PackSyntaxError("empty step in path '\(text)'") }
            // Leading key part, then any number of [..] suffixes.
            let keyEnd = segment.firstIndex(of: "[") ?? segment.endIndex
            let key = segment[..<keyEnd]
            if !key.isEmpty {
                if key.contains("]") { throw PackSyntaxError("unexpected ']' in path '\(text)'") }
                if key.contains("|") {
                    let options = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                    if options.contains(where: \.isEmpty) { throw PackSyntaxError("empty alternative in path '\(text)'") }
                    steps.append(.alternatives(options.map { Alternative(text: $0, glob: $0.contains("*") ? Glob($0) : nil) }))
                } else if key == "**" { steps.append(.deep) }
                else if key == "*" { steps.append(.anyKey) }
                else if key.contains("*") { steps.append(.pattern(Glob(String(key)))) }
                else { steps.append(.key(String(key))) }
            }
            segment = segment[keyEnd...]
            while !segment.isEmpty {
                guard segment.first == "[", let close = segment.firstIndex(of: "]") else {
                    throw PackSyntaxError("unbalanced '[' in path '\(text)'")
                }
                let inner = segment[segment.index(after: segment.startIndex)..<close]
                if inner == "*" { steps.append(.allItems) }
                else if let n = Int(inner), n >= 0 { steps.append(.index(n)) }
                else { throw PackSyntaxError("list step '[\(inner)]' in path '\(text)' must be [*] or a number") }
                segment = segment[segment.index(after: close)...]
            }
        }
        self.steps = steps
    }

    static func isKeyStep(_ step: Step) -> Bool {
        switch step {
        case .key, .anyKey, .pattern, .alternatives: return true
        default: return false
        }
    }

    /// Whether a key step (key, pattern or alternatives) accepts `key`.
    static func accepts(_ step: Step, _ key: String) -> Bool {
        switch step {
        case .key(let k): return k == key
        case .anyKey: return true
        case .pattern(let p): return p.matches(key)
        case .alternatives(let options): return options.contains { $0.glob?.matches(key) ?? ($0.text == key) }
        default: return false
        }
    }

    /// Matches a key against a `*` pattern (`*Password`, `aws:*`, `Db*Name`).
    static func glob(_ pattern: String, _ key: String) -> Bool {
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false)
        var rest = Substring(key)
        for (i, part) in parts.enumerated() {
            if i == 0 {
                guard rest.hasPrefix(part) else { return false }
                rest = rest.dropFirst(part.count)
            } else if i == parts.count - 1 {
                return part.isEmpty || (rest.count >= part.count && rest.hasSuffix(part))
            } else if !part.isEmpty {
                guard let r = rest.range(of: part) else { return false }
                rest = rest[r.upperBound...]
            }
        }
        return rest.isEmpty
    }
}

/// A problem in a rule file, before its position is known.
public struct PackSyntaxError: Error, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// A resource type with optional `*` wildcards: `AWS::S3::Bucket`, `AWS::S3::*`, `*`.
public struct TypePattern: Sendable, CustomStringConvertible {
    public let description: String
    private let isPattern: Bool

    public init(_ text: String) {
        description = text
        isPattern = text.utf8.contains(UInt8(ascii: "*"))
    }

    public func matches(_ type: String) -> Bool {
        isPattern ? PackPath.glob(description, type) : description == type
    }
}
