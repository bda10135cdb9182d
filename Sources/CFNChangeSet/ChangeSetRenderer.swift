import CFNTemplate
import Foundation

/// Prints a change set as DescribeChangeSet's JSON, as the console's Changes table, or as a review
/// tree with before/after values.
public enum ChangeSetRenderer {
    // MARK: JSON (DescribeChangeSet's shape)

    public static func jsonObject(_ changeSet: ChangeSet) -> [String: Any] {
        var object: [String: Any] = [
            "Changes": changeSet.changes.map(changeObject),
            "Status": changeSet.status,
            "ExecutionStatus": changeSet.hasNoChanges ? "UNAVAILABLE" : "AVAILABLE",
            "Parameters": changeSet.parameters.map { ["ParameterKey": $0.key, "ParameterValue": $0.value] },
        ]
        if let reason = changeSet.statusReason { object["StatusReason"] = reason }
        return object
    }

    public static func changeObject(_ change: ResourceChange) -> [String: Any] {
        var resource: [String: Any] = [
            "Action": change.action.rawValue,
            "LogicalResourceId": change.logicalResourceId,
            "ResourceType": change.resourceType,
            "Scope": change.scope.map(\.rawValue),
            "Details": change.details.map(detailObject),
        ]
        if let id = change.physicalResourceId { resource["PhysicalResourceId"] = id }
        if let r = change.replacement { resource["Replacement"] = r.rawValue }
        if let p = change.policyAction { resource["PolicyAction"] = p.rawValue }
        if let before = change.beforeContext { resource["BeforeContext"] = before }
        if let after = change.afterContext { resource["AfterContext"] = after }
        if let nested = change.nested {
            resource["NestedChanges"] = nested.changes.map(changeObject)
        }
        return ["Type": "Resource", "ResourceChange": resource]
    }

    static func detailObject(_ detail: ResourceChangeDetail) -> [String: Any] {
        var target: [String: Any] = ["Attribute": detail.target.attribute.rawValue]
        if let r = detail.target.requiresRecreation { target["RequiresRecreation"] = r.rawValue }
        if let name = detail.target.name { target["Name"] = name }
        if let path = detail.target.path { target["Path"] = path }
        if let v = detail.target.beforeValue { target["BeforeValue"] = v }
        if let v = detail.target.afterValue { target["AfterValue"] = v }
        if let t = detail.target.attributeChangeType { target["AttributeChangeType"] = t }
        var object: [String: Any] = ["Target": target, "Evaluation": detail.evaluation.rawValue]
        if let source = detail.changeSource { object["ChangeSource"] = source.rawValue }
        if let c = detail.causingEntity { object["CausingEntity"] = c }
        return object
    }

    public static func json(_ changeSet: ChangeSet) -> String {
        JSONWriter.string(jsonObject(changeSet))
    }

    // MARK: Table (the console's Changes tab)

    public static func table(_ changeSet: ChangeSet, color: Bool = false) -> String {
        guard !changeSet.hasNoChanges || !changeSet.stackChanges.isEmpty else {
            return "No changes. CloudFormation would fail this change set: \(ChangeSet.noChangesReason)\n"
        }
        let header = ["Action", "Logical ID", "Physical ID", "Resource type", "Replacement"]
        let all = flattened(changeSet.changes)
        // A nested stack's changes follow its row, indented, as the console lists them.
        let rows = all.map { entry in
            let c = entry.change
            return [c.action.rawValue, String(repeating: "  ", count: entry.depth) + c.logicalResourceId, c.physicalResourceId ?? "-",
                    c.resourceType, c.replacement?.rawValue ?? "-"]
        }
        let widths = header.indices.map { i in max(header[i].count, rows.map { $0[i].count }.max() ?? 0) }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }
        var out = line(header) + "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for (change, row) in zip(all.map(\.change), rows) {
            var text = line(row)
            if color, isDangerous(change) { text = "\u{1B}[31m" + text + "\u{1B}[0m" }
            out += text + (isDangerous(change) && !color ? "   <- \(dangerNote(change))" : "") + "\n"
        }
        for (change, _, parents) in all where !change.details.isEmpty {
            out += "\n\((parents + [change.logicalResourceId]).joined(separator: "/")) (\(change.resourceType)):\n"
            for d in change.details {
                let target = d.target.name.map { "\(d.target.attribute.rawValue).\($0)" } ?? d.target.attribute.rawValue
                let cause = d.causingEntity.map { " <- \($0)" } ?? ""
                out += "  \(target)  \(d.evaluation.rawValue) \(d.changeSource?.rawValue ?? "stack tags")\(cause)  recreation: \(d.target.requiresRecreation?.rawValue ?? "Never")\n"
            }
        }
        if !changeSet.stackChanges.isEmpty {
            out += "\nStack-level changes (not listed by CloudFormation's change set):\n"
            for s in changeSet.stackChanges { out += "  \(s.isRisky ? "! " : "")\(s.message)\n" }
        }
        return out
    }

    /// Every change with its nested stacks' changes after it, depth first, with the nested stacks
    /// (logical ids) it is under. Iterative: nesting depth comes from the templates.
    public static func flattened(_ changes: [ResourceChange]) -> [(change: ResourceChange, depth: Int, parents: [String])] {
        var result: [(change: ResourceChange, depth: Int, parents: [String])] = []
        var pending: [(ResourceChange, [String])] = changes.reversed().map { ($0, []) }
        while let item = pending.popLast() {
            let (change, parents) = item
            result.append((change, parents.count, parents))
            let inner = parents + [change.logicalResourceId]
            pending.append(contentsOf: (change.nested?.changes ?? []).reversed().map { ($0, inner) })
        }
        return result
    }

    /// Replacements and removals of resources that hold data deserve a second look.
    static func isDangerous(_ change: ResourceChange) -> Bool {
        let replacing = change.replacement == .trueValue || change.replacement == .conditional
        let removing = change.action == .remove
        guard replacing || removing else { return false }
        return statefulTypes.contains(change.resourceType) || change.replacement == .trueValue || removing
    }

    static func dangerNote(_ change: ResourceChange) -> String {
        let stateful = statefulTypes.contains(change.resourceType) ? " (holds data)" : ""
        if change.action == .remove { return "removed\(stateful): \(change.policyAction?.rawValue ?? "Delete")" }
        return "replaced\(stateful): \(change.policyAction?.rawValue ?? "ReplaceAndDelete")"
    }

    static let statefulTypes: Set<String> = [
        "AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable",
        "AWS::S3::Bucket", "AWS::EFS::FileSystem", "AWS::Kinesis::Stream", "AWS::SQS::Queue",
        "AWS::ElastiCache::ReplicationGroup", "AWS::ElastiCache::CacheCluster", "AWS::Elasticsearch::Domain",
        "AWS::OpenSearchService::Domain", "AWS::Redshift::Cluster", "AWS::EC2::Volume", "AWS::Neptune::DBCluster",
        "AWS::DocDB::DBCluster", "AWS::Logs::LogGroup", "AWS::KMS::Key", "AWS::Cognito::UserPool",
        "AWS::SecretsManager::Secret", "AWS::Backup::BackupVault", "AWS::FSx::FileSystem",
    ]
}
