import Foundation

/// A CloudFormation stack policy (AWS User Guide, "Prevent updates to stack resources"): statements
/// with `Effect`, `Action`/`NotAction` (`Update:Modify`, `Update:Replace`, `Update:Delete`, `Update:*`),
/// `Principal` (`*` only), `Resource`/`NotResource` (`*`, `LogicalResourceId/NAME`, wildcards) and a
/// `Condition` on `ResourceType` (`StringEquals`, `StringLike`).
public struct StackPolicy: Sendable, Hashable {
    public struct Statement: Sendable, Hashable {
        public var allow: Bool
        public var actions: [String]?
        public var notActions: [String]?
        public var resources: [String]?
        public var notResources: [String]?
        /// `StringEquals` / `StringLike` values for `ResourceType`, each list one condition (all must hold).
        public var typeEquals: [String]?
        public var typeLike: [String]?
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public var statements: [Statement]

    public static func parse(_ text: String) throws(Failure) -> StackPolicy {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw Failure(message: "a stack policy is a JSON object with a Statement list")
        }
        let raw: [[String: Any]]
        if let list = object["Statement"] as? [[String: Any]] { raw = list }
        else if let one = object["Statement"] as? [String: Any] { raw = [one] }
        else { throw Failure(message: "the stack policy has no Statement") }
        var statements: [Statement] = []
        for (i, s) in raw.enumerated() {
            func strings(_ key: String) throws(Failure) -> [String]? {
                guard let value = s[key] else { return nil }
                if let one = value as? String { return [one] }
                if let list = value as? [String] { return list }
                throw Failure(message: "statement \(i + 1): \(key) must be a string or a list of strings")
            }
            guard let effect = s["Effect"] as? String, effect == "Allow" || effect == "Deny" else {
                throw Failure(message: "statement \(i + 1): Effect must be Allow or Deny")
            }
            let actions = try strings("Action"), notActions = try strings("NotAction")
            guard (actions == nil) != (notActions == nil) else {
                throw Failure(message: "statement \(i + 1): give exactly one of Action and NotAction")
            }
            let resources = try strings("Resource"), notResources = try strings("NotResource")
            guard (resources == nil) != (notResources == nil) else {
                throw Failure(message: "statement \(i + 1): give exactly one of Resource and NotResource")
            }
            for action in (actions ?? []) + (notActions ?? []) where !Self.actions.contains(action) {
                throw Failure(message: "statement \(i + 1): unknown action '\(action)' (Update:Modify, Update:Replace, Update:Delete or Update:*)")
            }
            var statement = Statement(allow: effect == "Allow", actions: actions, notActions: notActions,
                                      resources: resources, notResources: notResources)
            if let condition = s["Condition"] as? [String: Any] {
                for (op, body) in condition {
                    guard let body = body as? [String: Any], let values = body["ResourceType"] else {
                        throw Failure(message: "statement \(i + 1): a Condition tests ResourceType")
                    }
                    let list = (values as? [String]) ?? (values as? String).map { [$0] } ?? []
                    switch op {
                    case "StringEquals": statement.typeEquals = list
                    case "StringLike": statement.typeLike = list
                    default: throw Failure(message: "statement \(i + 1): condition \(op) is not one stack policies take (StringEquals, StringLike)")
                    }
                }
            }
            statements.append(statement)
        }
        return StackPolicy(statements: statements)
    }

    static let actions: Set<String> = ["Update:Modify", "Update:Replace", "Update:Delete", "Update:*"]

    /// The statements that apply to `action` on a resource; nil when none does.
    public func decision(action: String, logicalId: String, type: String) -> (allowed: Bool, statement: Int?) {
        var allowedBy: Int?
        for (i, s) in statements.enumerated() where s.matches(action: action, logicalId: logicalId, type: type) {
            if !s.allow { return (false, i + 1) }  // an explicit Deny always wins
            if allowedBy == nil { allowedBy = i + 1 }
        }
        // With a policy set, what no statement allows is denied.
        return (allowedBy != nil, allowedBy)
    }
}

extension StackPolicy.Statement {
    func matches(action: String, logicalId: String, type: String) -> Bool {
        let actionMatch = actions.map { $0.contains { Self.glob($0, action) } } ?? !(notActions ?? []).contains { Self.glob($0, action) }
        let resource = "LogicalResourceId/\(logicalId)"
        let resourceMatch = resources.map { $0.contains { Self.glob($0, resource) } }
            ?? !(notResources ?? []).contains { Self.glob($0, resource) }
        let equalsMatch = typeEquals.map { $0.contains(type) } ?? true
        let likeMatch = typeLike.map { $0.contains { Self.glob($0, type) } } ?? true
        return actionMatch && resourceMatch && equalsMatch && likeMatch
    }

    /// `*` matches any run of characters, `?` one (IAM-style); `*` alone matches everything.
    static func glob(_ pattern: String, _ text: String) -> Bool {
        if pattern == "*" { return true }
        let p = Array(pattern), t = Array(text)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count && (p[pi] == "?" || p[pi] == t[ti]) { pi += 1; ti += 1 }
            else if pi < p.count && p[pi] == "*" { star = pi; mark = ti; pi += 1 }
            else if star >= 0 { pi = star + 1; mark += 1; ti = mark }
            else { return false }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
