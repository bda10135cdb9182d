import CFNTemplate

/// How serious a finding is; cfn-lint's levels, named by a rule id's first letter.
public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable {
    case error, warning, informational

    /// `E`, `W` or `I`.
    public var letter: Character {
        switch self {
        case .error: return "E"
        case .warning: return "W"
        case .informational: return "I"
        }
    }

    /// `Error`, `Warning`, `Informational`, as cfn-lint's JSON prints them.
    public var level: String {
        switch self {
        case .error: return "Error"
        case .warning: return "Warning"
        case .informational: return "Informational"
        }
    }

    /// Exit-code bit, as cfn-lint: 2 errors, 4 warnings, 8 informational.
    public var exitBit: Int32 {
        switch self {
        case .error: return 2
        case .warning: return 4
        case .informational: return 8
        }
    }

    public init?(ruleId: String) {
        switch ruleId.first {
        case "E": self = .error
        case "W": self = .warning
        case "I": self = .informational
        default: return nil
        }
    }

    private var rank: Int {
        switch self {
        case .error: return 0
        case .warning: return 1
        case .informational: return 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// One step of a JSON path into the template (`Resources`, `MyBucket`, `Properties`, 0, ...).
public enum PathElement: Sendable, Hashable, CustomStringConvertible {
    case key(String)
    case index(Int)

    public var description: String {
        switch self {
        case .key(let k): return k
        case .index(let i): return String(i)
        }
    }
}

extension Array where Element == PathElement {
    /// `Resources/MyBucket/Properties`, as cfn-lint writes paths in messages.
    public var slashed: String { map(\.description).joined(separator: "/") }
}

/// One problem found in one file.
public struct Finding: Sendable, Hashable {
    public var ruleId: String
    public var severity: Severity
    public var message: String
    public var file: String
    /// 1-based start, and end (exclusive) as the loader measured it.
    public var start: SourcePosition
    public var end: SourcePosition
    public var path: [PathElement]

    public init(ruleId: String, severity: Severity? = nil, message: String, file: String,
                start: SourcePosition, end: SourcePosition, path: [PathElement]) {
        self.ruleId = ruleId
        self.severity = severity ?? Severity(ruleId: ruleId) ?? .error
        self.message = message
        self.file = file
        self.start = start
        self.end = end
        self.path = path
    }

    /// Stable output order: file, position, rule, message.
    public static func ordered(_ a: Finding, _ b: Finding) -> Bool {
        if a.file != b.file { return a.file < b.file }
        if a.start != b.start { return a.start < b.start }
        if a.ruleId != b.ruleId { return a.ruleId < b.ruleId }
        if a.end != b.end { return a.end < b.end }
        return a.message < b.message
    }
}
