import Foundation

/// What a stack policy says about each change of a change set: CloudFormation only tells by failing
/// the update, cfnkit says it before.
public struct StackPolicyCheck: Sendable {
    public struct Denial: Sendable, Hashable {
        public var logicalResourceId: String
        public var resourceType: String
        /// `Update:Modify`, `Update:Replace` or `Update:Delete`.
        public var action: String
        /// True when the change might not need this action (Replacement: Conditional).
        public var conditional: Bool
        /// The Deny statement (1-based), nil for the default deny (no statement allows it).
        public var statement: Int?

        public var reason: String {
            statement.map { "statement \($0) denies \(action)" } ?? "no statement allows \(action) (a stack policy denies by default)"
        }
    }

    public var policy: StackPolicy
    /// Where the policy came from (`the stack's policy`, `--stack-policy FILE`), for the report.
    public var source: String
    public var denials: [Denial]

    public init(policy: StackPolicy, source: String, changeSet: ChangeSet) {
        self.policy = policy
        self.source = source
        var denials: [Denial] = []
        for change in changeSet.changes {
            // New resources are not under the policy; an existing one is modified, replaced or deleted.
            var actions: [(String, Bool)] = []
            switch change.action {
            case .add: continue
            case .remove: actions = [("Update:Delete", false)]
            case .modify, .dynamic:
                switch change.replacement ?? .falseValue {
                case .falseValue: actions = [("Update:Modify", false)]
                case .trueValue: actions = [("Update:Replace", false)]
                case .conditional: actions = [("Update:Modify", true), ("Update:Replace", true)]
                }
            }
            for (action, conditional) in actions {
                let decision = policy.decision(action: action, logicalId: change.logicalResourceId, type: change.resourceType)
                if !decision.allowed {
                    denials.append(Denial(logicalResourceId: change.logicalResourceId, resourceType: change.resourceType,
                                          action: action, conditional: conditional, statement: decision.statement))
                }
            }
        }
        self.denials = denials
    }

    public var jsonObject: [String: Any] {
        [
            "Source": source,
            "Denied": denials.map { d -> [String: Any] in
                var o: [String: Any] = ["LogicalResourceId": d.logicalResourceId, "ResourceType": d.resourceType,
                                        "Action": d.action, "Conditional": d.conditional, "Reason": d.reason]
                if let s = d.statement { o["Statement"] = s }
                return o
            },
        ]
    }

    public var text: String {
        guard !denials.isEmpty else { return "\nStack policy (\(source)): allows every change.\n" }
        var out = "\nStack policy (\(source)) denies; CloudFormation would fail the update and roll back:\n"
        for d in denials {
            out += "  ! \(d.logicalResourceId) (\(d.resourceType)): \(d.action)\(d.conditional ? " (if the replacement happens)" : ""): \(d.reason)\n"
        }
        return out
    }
}
