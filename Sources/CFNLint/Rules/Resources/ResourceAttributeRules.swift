import CFNSchema
import CFNTemplate

/// Resource-level checks that come with the property rules: policies, package-only paths,
/// legacy properties and service lifecycle.
enum ResourceAttributeRules {
    static let snapshotTypes: Set<String> = [
        "AWS::EC2::Volume", "AWS::ElastiCache::CacheCluster", "AWS::ElastiCache::ReplicationGroup",
        "AWS::Neptune::DBCluster", "AWS::RDS::DBCluster", "AWS::RDS::DBInstance", "AWS::Redshift::Cluster",
        "AWS::DocDB::DBCluster", "AWS::MemoryDB::Cluster",
    ]

    static func policyCheck(_ attribute: String, _ ctx: LintContext, _ out: inout Findings) {
        for r in ctx.template.resources {
            guard let e = r.node.mapping?.entry(attribute) else { continue }
            var allowed = ["Delete", "Retain"]
            if let t = r.type, snapshotTypes.contains(t) { allowed.append("Snapshot") }
            if attribute == "DeletionPolicy", r.type == "AWS::RDS::DBCluster" || r.type == "AWS::RDS::DBInstance" { allowed.append("RetainExceptOnCreate") }
            if attribute == "DeletionPolicy" && !allowed.contains("RetainExceptOnCreate") { allowed.append("RetainExceptOnCreate") }
            let path: [PathElement] = [.key("Resources"), .key(r.logicalId), .key(attribute)]
            let v = e.value
            if let fn = v.intrinsic, ["Ref", "Fn::If", "Fn::FindInMap", "Fn::Select", "Fn::Sub", "Fn::Join"].contains(fn.name) { continue }
            let list = "[" + allowed.sorted().map { "'\($0)'" }.joined(separator: ", ") + "]"
            if let s = v.scalar {
                if !allowed.contains(s.text) {
                    out.add("\(FunctionChecks.describe(v)) is not one of \(list)", at: e.key.range, path: path)
                }
            } else {
                out.add("\(FunctionChecks.describe(v)) is not of type 'string'", at: e.key.range, path: path)
                out.add("\(FunctionChecks.describe(v)) is not one of \(list)", at: e.key.range, path: path)
            }
        }
    }

    /// Lifecycle findings (`lifecycle` in the bundled schemas): shutdown, sunset, maintenance.
    static func lifecycle(_ status: String, _ ctx: LintContext, _ out: inout Findings) {
        for r in ctx.template.resources {
            guard let type = r.type, ctx.schemas.typeKind(type) == .aws,
                  let info = ctx.schemas.resourceType(type, region: ctx.regions[0]),
                  let lc = info.schema.raw["lifecycle"], lc["status"]?.stringValue == status else { continue }
            let date = lc["date"]?.stringValue
            let message: String
            switch (status, date) {
            case ("shutdown", let d?): message = "Resource type '\(type)' is from a service that was shut down on \(d)"
            case ("shutdown", nil): message = "Resource type '\(type)' is from a service that has been shut down"
            case ("sunset", let d?): message = "Resource type '\(type)' is from a service that will be shut down on \(d). Plan to migrate to an alternative"
            case ("sunset", nil): message = "Resource type '\(type)' is from a service that is sunsetting"
            case (_, let d?): message = "Resource type '\(type)' is from a service in maintenance mode since \(d). Consider migrating to an alternative"
            default: message = "Resource type '\(type)' is from a service in maintenance mode"
            }
            let at = r.node.mapping?.entry("Properties")?.key.range ?? r.key.range
            out.add(message, at: at, path: [.key("Resources"), .key(r.logicalId), .key("Properties")])
        }
    }
}
