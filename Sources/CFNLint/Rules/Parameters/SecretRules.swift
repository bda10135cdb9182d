import CFNTemplate

/// Password-like properties and the Metadata interface.
enum SecretRules {
    /// Property names of AWS resource types that hold a password.
    static let passwordNames: Set<String> = [
        "Password", "MasterUserPassword", "AdminPassword", "DbPassword", "AccountPassword", "KdcAdminPassword",
        "ADDomainJoinPassword", "CrossRealmTrustPrincipalPassword", "ActiveDirectoryPassword",
    ]

    /// Password properties of AWS resources (not custom resources or nested stack parameters).
    static func passwordProperties(_ ctx: LintContext) -> [(key: MappingKey, value: Node, path: [PathElement])] {
        var found: [(MappingKey, Node, [PathElement])] = []
        for r in ctx.template.resources {
            guard let props = r.properties, let type = r.type, type != "AWS::CloudFormation::Stack",
                  ctx.schemas.typeKind(type) == .aws else { continue }
            var path: [PathElement] = [.key("Resources"), .key(r.logicalId), .key("Properties")]
            func visit(_ node: Node) {
                switch node.value {
                case .mapping(let m):
                    if node.intrinsic != nil, node.intrinsic?.name != "Fn::If" { return }
                    for e in m.entries {
                        path.append(.key(e.key.name))
                        if passwordNames.contains(e.key.name) { found.append((e.key, e.value, path)) } else { visit(e.value) }
                        path.removeLast()
                    }
                case .sequence(let items):
                    for (i, item) in items.enumerated() { path.append(.index(i)); visit(item); path.removeLast() }
                case .scalar: break
                }
            }
            visit(props)
        }
        return found
    }
}
