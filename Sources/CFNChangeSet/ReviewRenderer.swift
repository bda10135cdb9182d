import CFNTemplate

/// A readable tree of what changes, with before and after values, plus what a security reviewer
/// asks first: which IAM statements and security-group rules were added (widened) or removed
/// (narrowed).
public struct ReviewRenderer {
    public let output: ChangeSetBuilder.Output
    public var color: Bool

    public init(output: ChangeSetBuilder.Output, color: Bool = false) {
        self.output = output
        self.color = color
    }

    private func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    public func render() -> String {
        let changeSet = output.changeSet
        var out = ""
        if changeSet.hasNoChanges && changeSet.stackChanges.isEmpty {
            return "No changes. CloudFormation would fail this change set: \(ChangeSet.noChangesReason)\n"
        }
        for change in changeSet.changes {
            let file = change.range.isSynthetic ? "" : "  (\(change.range))"
            switch change.action {
            case .add:
                out += paint("+ \(change.logicalResourceId)", "32") + " \(change.resourceType)\(file)\n"
            case .remove:
                out += paint("- \(change.logicalResourceId)", "31") + " \(change.resourceType)  [\(change.policyAction?.rawValue ?? "Delete")]\(file)\n"
            case .modify, .dynamic:
                let replacement = change.replacement.map { $0 == .falseValue ? "" : "  replacement: \($0.rawValue)" } ?? ""
                let marker = change.replacement == .trueValue ? paint("± \(change.logicalResourceId)", "31") : paint("~ \(change.logicalResourceId)", "33")
                out += "\(marker) \(change.resourceType)\(replacement)\(file)\n"
                out += valueLines(for: change)
                for detail in change.details where detail.changeSource != .directModification && detail.changeSource != nil {
                    let what = detail.target.name.map { "\(detail.target.attribute.rawValue).\($0)" } ?? detail.target.attribute.rawValue
                    out += "    \(what): \(detail.evaluation == .dynamic ? "may change" : "changes") because of \(detail.changeSource!.rawValue) \(detail.causingEntity ?? "")\n"
                }
            }
            if let nested = change.nested, !nested.changes.isEmpty {
                for line in ChangeSetRenderer.table(nested).split(separator: "\n") { out += "    | \(line)\n" }
            }
        }
        let security = securitySummary()
        if !security.isEmpty {
            out += "\nSecurity-relevant changes:\n" + security
        }
        if !changeSet.stackChanges.isEmpty {
            out += "\nStack-level changes:\n"
            for s in changeSet.stackChanges { out += "  \(s.isRisky ? paint("!", "31") + " " : "")\(s.message)\n" }
        }
        return out
    }

    /// `    Properties.X: before -> after` for each changed value of a modified resource.
    private func valueLines(for change: ResourceChange) -> String {
        guard let before = output.oldResolved.resource(change.logicalResourceId),
              let after = output.newResolved.resource(change.logicalResourceId) else { return "" }
        var out = ""
        let sections = ["Properties", "Metadata", "CreationPolicy", "UpdatePolicy", "DeletionPolicy", "UpdateReplacePolicy"]
        for section in sections {
            let a = before.node[section], b = after.node[section]
            for path in ValueComparison.changedPaths(a, b, limit: 50) {
                let old = Self.value(at: path, in: a), new = Self.value(at: path, in: b)
                out += "    \(section)\(path): \(paint(old, "31")) -> \(paint(new, "32"))\n"
            }
        }
        return out
    }

    static func value(at path: String, in node: Node?) -> String {
        var current = node
        for part in path.split(separator: "/").map(String.init) where !part.isEmpty {
            let key = part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            if let items = current?.sequence, let i = Int(key) {
                current = i < items.count ? items[i] : nil
            } else {
                current = current?[key]
            }
        }
        guard let current else { return "(absent)" }
        if let text = current.text { return text.contains("\n") ? "\"\(text.prefix(60))...\"" : text }
        let compact = Emitter.json(current).replacingOccurrences(of: "\n", with: " ")
            .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return compact.count > 120 ? String(compact.prefix(117)) + "..." : compact
    }

    // MARK: IAM and security groups

    func securitySummary() -> String {
        var out = ""
        let ids = Set(output.oldResolved.resources.map(\.logicalId) + output.newResolved.resources.map(\.logicalId))
        for id in ids.sorted() {
            let before = output.oldResolved.resource(id), after = output.newResolved.resource(id)
            let oldStatements = Self.policyStatements(before), newStatements = Self.policyStatements(after)
            for s in newStatements where !oldStatements.contains(s) {
                out += "  \(paint("+ IAM", "33")) \(id): \(s)\(s.contains("Allow") && s.contains("\"*\"") ? paint("  (wildcard)", "31") : "")\n"
            }
            for s in oldStatements where !newStatements.contains(s) {
                out += "  \(paint("- IAM", "32")) \(id): \(s)\n"
            }
            let oldRules = Self.securityGroupRules(before), newRules = Self.securityGroupRules(after)
            for r in newRules where !oldRules.contains(r) {
                let open = r.contains("0.0.0.0/0") || r.contains("::/0")
                out += "  \(paint("+ network", "33")) \(id): \(r)\(open ? paint("  (open to the internet)", "31") : "")\n"
            }
            for r in oldRules where !newRules.contains(r) {
                out += "  \(paint("- network", "32")) \(id): \(r)\n"
            }
        }
        return out
    }

    /// Each statement of every policy document in a resource, as one compact line.
    static func policyStatements(_ resource: Resource?) -> [String] {
        guard let resource, let properties = resource.properties else { return [] }
        var documents: [Node] = []
        for key in ["PolicyDocument", "AssumeRolePolicyDocument", "KeyPolicy"] {
            if let d = properties[key] { documents.append(d) }
        }
        for policy in properties["Policies"]?.sequence ?? [] {
            if let d = policy["PolicyDocument"] { documents.append(d) }
        }
        var result: [String] = []
        for document in documents {
            let statements = document["Statement"]?.sequence ?? (document["Statement"].map { [$0] } ?? [])
            for statement in statements {
                var parts: [String] = []
                for key in ["Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"] {
                    if let v = statement[key] { parts.append("\(key)=\(value(at: "", in: v))") }
                }
                result.append(parts.joined(separator: " "))
            }
        }
        return result
    }

    /// Inline rules of a security group, or the rule of an ingress/egress resource, one line each.
    static func securityGroupRules(_ resource: Resource?) -> [String] {
        guard let resource, let properties = resource.properties else { return [] }
        func line(_ rule: Node, direction: String) -> String {
            let protocolText = rule["IpProtocol"]?.text ?? "?"
            let from = rule["FromPort"]?.text ?? "*", to = rule["ToPort"]?.text ?? "*"
            let peer = rule["CidrIp"]?.text ?? rule["CidrIpv6"]?.text ?? rule["SourceSecurityGroupId"].map { value(at: "", in: $0) }
                ?? rule["DestinationSecurityGroupId"].map { value(at: "", in: $0) } ?? rule["SourcePrefixListId"]?.text ?? "?"
            return "\(direction) \(protocolText) \(from == to ? from : "\(from)-\(to)") \(direction == "ingress" ? "from" : "to") \(peer)"
        }
        switch resource.type {
        case "AWS::EC2::SecurityGroup":
            return (properties["SecurityGroupIngress"]?.sequence ?? []).map { line($0, direction: "ingress") }
                + (properties["SecurityGroupEgress"]?.sequence ?? []).map { line($0, direction: "egress") }
        case "AWS::EC2::SecurityGroupIngress": return [line(properties, direction: "ingress")]
        case "AWS::EC2::SecurityGroupEgress": return [line(properties, direction: "egress")]
        default: return []
        }
    }
}
