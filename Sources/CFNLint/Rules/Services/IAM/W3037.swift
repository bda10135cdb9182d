import CFNTemplate
import Foundation

extension TypeSpecificRules {
    /// Policy document properties per resource type (`*`: every item of a list).
    static let policyProperties: [String: [[String]]] = [
        "AWS::IAM::Group": [["Policies", "*", "PolicyDocument"]],
        "AWS::IAM::Role": [["Policies", "*", "PolicyDocument"], ["AssumeRolePolicyDocument"]],
        "AWS::IAM::User": [["Policies", "*", "PolicyDocument"]],
        "AWS::IAM::ManagedPolicy": [["PolicyDocument"]],
        "AWS::IAM::Policy": [["PolicyDocument"]],
        "AWS::IAM::UserPolicy": [["PolicyDocument"]],
        "AWS::IAM::RolePolicy": [["PolicyDocument"]],
        "AWS::IAM::GroupPolicy": [["PolicyDocument"]],
        "AWS::SSO::PermissionSet": [["InlinePolicy"]],
        "AWS::KMS::Key": [["KeyPolicy"]],
        "AWS::OpenSearchService::Domain": [["AccessPolicies"]],
        "AWS::S3::BucketPolicy": [["PolicyDocument"]],
        "AWS::SNS::TopicPolicy": [["PolicyDocument"]],
        "AWS::SQS::QueuePolicy": [["PolicyDocument"]],
        "AWS::ECR::Repository": [["RepositoryPolicyText"]],
    ]

    /// Resource policies that only take their own service's actions.
    static let policyServices: [String: String] = [
        "AWS::S3::BucketPolicy": "s3", "AWS::SQS::QueuePolicy": "sqs", "AWS::SNS::TopicPolicy": "sns",
    ]

    /// The values at a property path (`*` for list items), through `Fn::If`.
    static func follow(_ m: Mapping, _ path: ArraySlice<String>, _ loc: Location) -> [(Node, Location)] {
        guard let key = path.first, let (value, valueLoc) = TypeSpecific.entry(m, key, under: loc) else { return [] }
        let rest = path.dropFirst()
        var out: [(Node, Location)] = []
        for b in TypeSpecific.branches(value, at: valueLoc) {
            if rest.isEmpty {
                out.append((b.node, b.location))
            } else if rest.first == "*" {
                for item in TypeSpecific.items(b.node, at: b.location) {
                    if let im = item.node.mapping, item.node.intrinsic == nil { out += follow(im, rest.dropFirst(), item.location) }
                }
            } else if let bm = b.node.mapping, b.node.intrinsic == nil {
                out += follow(bm, rest, b.location)
            }
        }
        return out
    }

    static func checkPolicy(_ value: Node, at loc: Location, service only: String?, _ out: inout Findings) {
        var doc = value
        if let s = value.scalar {
            guard s.resolved.kind == .string, let parsed = node(json: s.text) else { return }
            doc = parsed
        }
        guard let dm = doc.mapping, doc.intrinsic == nil, let (statements, sLoc) = located(dm, "Statement", under: loc) else { return }
        var list: [TypeSpecific.Branch] = []
        for b in TypeSpecific.branches(statements, at: sLoc) {
            if b.node.sequence != nil { list += TypeSpecific.items(b.node, at: b.location) } else { list.append(b) }
        }
        for st in list {
            guard let sm = st.node.mapping, st.node.intrinsic == nil else { continue }
            for key in ["Action", "NotAction"] {
                guard let (actions, aLoc) = located(sm, key, under: st.location) else { continue }
                for b in TypeSpecific.branches(actions, at: aLoc, keepLocation: true) {
                    var names: [String] = []
                    if let items = b.node.sequence {
                        for i in items { for ib in TypeSpecific.branches(i, at: aLoc, keepLocation: true) { if let s = TypeSpecific.string(ib.node) { names.append(s) } } }
                    } else if let s = TypeSpecific.string(b.node) {
                        names.append(s)
                    }
                    checkActions(names, only: only, at: aLoc, &out)
                }
            }
        }
    }

    static let w3037 = Rule(
        "W3037", "Check IAM Permission configuration",
        "Checks the actions of IAM policies (Action and NotAction) against the services and actions IAM knows (wildcards allowed), and resource policies for the service they belong to.",
        source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html",
        tags: ["properties", "iam", "permissions"],
        failing: [RuleExample("""
            Resources:
              Policy:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        ⟦W3037⟧Action: [s3:GetObject, s3:ListObjects]
                        Resource: "*"
                      - Effect: Allow
                        ⟦W3037⟧Action: nosuchservice:Get*
                        Resource: "*"
            """)],
        passing: [RuleExample("""
            Resources:
              Policy:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Action: [s3:GetObject, "s3:List*", "ec2:Describe?pcs", "*"]
                        Resource: "*"
            """)]
    ) { ctx, out in
        if ctx.template.isServerless { return }
        for r in ctx.template.resources {
            guard let type = r.type, let paths = policyProperties[type], let e = r.node.entry("Properties"), let props = e.value.mapping else { continue }
            let loc = Location(e.key.range, [.key("Resources"), .key(r.logicalId), .key("Properties")])
            for path in paths {
                for (doc, docLoc) in follow(props, path[...], loc) {
                    checkPolicy(doc, at: docLoc, service: policyServices[type], &out)
                }
            }
        }
    }
}
