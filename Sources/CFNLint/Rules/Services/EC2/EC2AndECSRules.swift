import CFNIntrinsics
import CFNTemplate

/// Checks of EC2 and ECS resources whose mistakes only show at deploy time: overlapping subnets,
/// block device mappings that mix instance-store and EBS settings, Fargate task definitions
/// without the settings Fargate requires.
enum EC2AndECSRules {
    /// Each block device mapping of instances, launch configurations and launch templates, every
    /// `Fn::If` branch taken.
    static func blockDeviceMappings(_ ctx: LintContext) -> [TypeSpecific.Branch] {
        var lists: [(Node, Location)] = []
        for (_, props, loc) in TypeSpecific.resources(ctx, ["AWS::EC2::Instance", "AWS::AutoScaling::LaunchConfiguration"]) {
            if let e = TypeSpecific.entry(props, "BlockDeviceMappings", under: loc) { lists.append(e) }
        }
        for (_, props, loc) in TypeSpecific.resources(ctx, ["AWS::EC2::LaunchTemplate"]) {
            guard let data = TypeSpecific.entry(props, "LaunchTemplateData", under: loc) else { continue }
            for d in TypeSpecific.branches(data.node, at: data.location) {
                if let e = TypeSpecific.entry(d.node.mapping, "BlockDeviceMappings", under: d.location) { lists.append(e) }
            }
        }
        return lists.flatMap { list, loc in
            TypeSpecific.branches(list, at: loc).flatMap { TypeSpecific.items($0.node, at: $0.location) }
        }
    }
}
