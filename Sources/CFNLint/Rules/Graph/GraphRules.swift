import CFNGraph
import CFNIntrinsics
import CFNTemplate

/// Rules on the dependency graph: cycles (E3004), DependsOn targets (E3005) and DependsOn lists
/// that repeat what a Ref, GetAtt or Sub already says (W3005).
enum GraphRules {
    /// cfn-lint points at the list item, or at the `DependsOn` key when the value is a single string.
    static func dependsOnLocation(_ ctx: LintContext, _ finding: DependsOnFinding) -> Location {
        let path: [PathElement] = finding.path.map { Int($0).map(PathElement.index) ?? .key($0) }
        if finding.path.last == "DependsOn", let key = ctx.template.resource(finding.resource)?.node.mapping?.entry("DependsOn")?.key {
            return Location(key.range, path)
        }
        return Location(finding.range, path)
    }
}
