import CFNSchema
import CFNTemplate

/// Resource-level checks that come with the property rules: policies, package-only paths,
/// legacy properties and service lifecycle.
enum ResourceAttributeRules {
    static let all: [Rule] = [w3002, w3011, w3045, e3035, e3036, e3710, w3696, w3697]

    static let snapshotTypes: Set<String> = [
        "AWS::EC2::Volume", "AWS::ElastiCache::CacheCluster", "AWS::ElastiCache::ReplicationGroup",
        "AWS::Neptune::DBCluster", "AWS::RDS::DBCluster", "AWS::RDS::DBInstance", "AWS::Redshift::Cluster",
        "AWS::DocDB::DBCluster", "AWS::MemoryDB::Cluster",
    ]

    static let w3002 = Rule(
        "W3002", "Warn when properties are configured to only work with the package command",
        "Warns about local paths in properties that only `aws cloudformation package` turns into S3 locations (Lambda Code, nested stack TemplateURL, ...).",
        source: Docs.base + "using-cfn-cli-package.html", tags: ["resources", "package"],
        failing: [RuleExample("""
            Resources:
              Stack:
                Type: AWS::CloudFormation::Stack
                Properties:
                  ⟦W3002⟧TemplateURL: ./nested.yaml
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  Role: arn:aws:iam::123456789012:role/r
                  ⟦W3002⟧Code: ./src
            """)],
        passing: [RuleExample("""
            Resources:
              Stack:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: https://s3.amazonaws.com/bucket/nested.yaml
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  Role: arn:aws:iam::123456789012:role/r
                  Code: {ZipFile: "x"}
            """)]
    ) { ctx, out in
        for r in ctx.template.resources {
            guard let type = r.type, let paths = PropertyValidation.packagePaths[type], let props = r.properties?.mapping else { continue }
            for path in paths {
                let parts = path.split(separator: "/").map(String.init)
                var node: Node? = nil
                var entry: Mapping.Entry? = nil
                var m: Mapping? = props
                for p in parts {
                    entry = m?.entry(p)
                    node = entry?.value
                    m = node?.mapping
                }
                guard let entry, let s = node?.scalar, node?.intrinsic == nil, s.resolved.kind == .string else { continue }
                let t = s.text
                if t.hasPrefix("http://") || t.hasPrefix("https://") || t.hasPrefix("s3://") { continue }
                out.add("This code may only work with 'package' cli command", at: entry.key.range,
                        path: [.key("Resources"), .key(r.logicalId), .key("Properties")] + parts.map { .key($0) })
            }
        }
    }

    static let w3011 = Rule(
        "W3011", "Check resources with UpdateReplacePolicy/DeletionPolicy have both",
        "Warns when a resource keeps itself on deletion or on replacement but not both (Lambda versions excepted).",
        source: Docs.base + "aws-attribute-deletionpolicy.html", tags: ["resources", "deletionpolicy"],
        failing: [RuleExample("""
            Resources:
              ⟦W3011⟧Bucket:
                Type: AWS::S3::Bucket
                DeletionPolicy: Retain
            """)],
        passing: [RuleExample("""
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                DeletionPolicy: Retain
                UpdateReplacePolicy: Retain
              Other:
                Type: AWS::S3::Bucket
                DeletionPolicy: Delete
            """)]
    ) { ctx, out in
        for r in ctx.template.resources {
            guard let m = r.node.mapping, r.type != "AWS::Lambda::Version", r.type != "AWS::Lambda::LayerVersion" else { continue }
            let d = m["DeletionPolicy"], u = m["UpdateReplacePolicy"]
            if (d != nil && d?.text != "Delete" && u == nil) || (u != nil && u?.text != "Delete" && d == nil) {
                out.add("Both 'UpdateReplacePolicy' and 'DeletionPolicy' are needed to protect resource from deletion",
                        at: r.key.range, path: [.key("Resources"), .key(r.logicalId)])
            }
        }
    }

    static let w3045 = Rule(
        "W3045", "Controlling access to an S3 bucket should be done with bucket policies",
        "Warns about the legacy AccessControl property of S3 buckets.",
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html", tags: ["resources", "s3"],
        failing: [RuleExample("""
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  ⟦W3045⟧AccessControl: Private
            """)],
        passing: [RuleExample("""
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: b
            """)]
    ) { ctx, out in
        for r in ctx.template.resources where r.type == "AWS::S3::Bucket" {
            guard let e = r.properties?.mapping?.entry("AccessControl") else { continue }
            out.add("'AccessControl' is a legacy property. Consider using 'AWS::S3::BucketPolicy' instead", at: e.key.range,
                    path: [.key("Resources"), .key(r.logicalId), .key("Properties"), .key("AccessControl")])
        }
    }

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

    static let e3035 = Rule(
        "E3035", "Check DeletionPolicy values for Resources",
        "Checks that DeletionPolicy is Delete, Retain, RetainExceptOnCreate or (for types with snapshots) Snapshot.",
        source: Docs.base + "aws-attribute-deletionpolicy.html", tags: ["resources", "deletionpolicy"],
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                ⟦E3035⟧DeletionPolicy: Keep
            """)],
        passing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                DeletionPolicy: Retain
                UpdateReplacePolicy: Retain
            """)]
    ) { ctx, out in policyCheck("DeletionPolicy", ctx, &out) }

    static let e3036 = Rule(
        "E3036", "Check UpdateReplacePolicy values for Resources",
        "Checks that UpdateReplacePolicy is Delete, Retain or (for types with snapshots) Snapshot.",
        source: Docs.base + "aws-attribute-updatereplacepolicy.html", tags: ["resources", "updatereplacepolicy"],
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                DeletionPolicy: Retain
                ⟦E3036⟧UpdateReplacePolicy: Snapshot
            """)],
        passing: [RuleExample("""
            Resources:
              Volume:
                Type: AWS::EC2::Volume
                DeletionPolicy: Snapshot
                UpdateReplacePolicy: Snapshot
                Properties:
                  AvailabilityZone: us-east-1a
            """)]
    ) { ctx, out in policyCheck("UpdateReplacePolicy", ctx, &out) }

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

    static let e3710 = Rule(
        "E3710", "Resource type is from a service that has been shut down",
        "Reports resource types of AWS services that have been shut down (lifecycle data of the schemas).",
        source: "https://docs.aws.amazon.com/general/latest/gr/full_shutdown_services.html", tags: ["resources", "lifecycle"],
        failing: [RuleExample("""
            Resources:
              Channel:
                Type: AWS::IoTAnalytics::Channel
                ⟦E3710⟧Properties: {}
            """)],
        passing: [RuleExample(FunctionRules.topic)]
    ) { ctx, out in lifecycle("shutdown", ctx, &out) }

    static let w3696 = Rule(
        "W3696", "Resource type is from a service that is sunsetting",
        "Warns about resource types of AWS services that are being sunset (lifecycle data of the schemas).",
        source: "https://docs.aws.amazon.com/general/latest/gr/sunset_services.html", tags: ["resources", "lifecycle"],
        failing: [RuleExample("""
            Resources:
              Mesh:
                Type: AWS::AppMesh::Mesh
                ⟦W3696⟧Properties: {}
            """)],
        passing: [RuleExample(FunctionRules.topic)]
    ) { ctx, out in lifecycle("sunset", ctx, &out) }

    static let w3697 = Rule(
        "W3697", "Resource type is from a service in maintenance mode",
        "Warns about resource types of AWS services in maintenance mode (lifecycle data of the schemas).",
        source: "https://docs.aws.amazon.com/general/latest/gr/maintenance_services.html", tags: ["resources", "lifecycle"],
        failing: [RuleExample("""
            Resources:
              Config:
                Type: AWS::AutoScaling::LaunchConfiguration
                ⟦W3697⟧Properties:
                  ImageId: ami-12345678
                  InstanceType: t3.micro
            """)],
        passing: [RuleExample(FunctionRules.topic)]
    ) { ctx, out in lifecycle("maintenance", ctx, &out) }
}
