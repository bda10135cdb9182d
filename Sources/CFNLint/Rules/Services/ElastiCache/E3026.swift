import CFNTemplate
import Foundation

extension TypeSpecificRules {
    static let e3026 = Rule(
        "E3026", "Check Elastic Cache Redis Cluster settings",
        "Checks replication groups whose parameter group enables cluster mode: automatic failover must not be turned off, and without NumNodeGroups there must be more than one cache cluster.",
        source: Docs.cfnLint, tags: ["resources", "elasticcache"],
        failing: [RuleExample("""
            Resources:
              Params:
                Type: AWS::ElastiCache::ParameterGroup
                Properties:
                  Description: p
                  CacheParameterGroupFamily: redis7
                  Properties:
                    cluster-enabled: "yes"
              Group:
                Type: AWS::ElastiCache::ReplicationGroup
                Properties:
                  ReplicationGroupDescription: g
                  AutomaticFailoverEnabled: false
                  NumNodeGroups: 2
                  ⟦E3026⟧CacheParameterGroupName: !Ref Params
            """)],
        passing: [RuleExample("""
            Resources:
              Params:
                Type: AWS::ElastiCache::ParameterGroup
                Properties:
                  Description: p
                  CacheParameterGroupFamily: redis7
                  Properties:
                    cluster-enabled: "yes"
              Group:
                Type: AWS::ElastiCache::ReplicationGroup
                Properties:
                  ReplicationGroupDescription: g
                  AutomaticFailoverEnabled: true
                  NumCacheClusters: 2
                  CacheParameterGroupName: !Ref Params
            """)]
    ) { ctx, out in
        for (_, props, loc) in TypeSpecific.resources(ctx, ["AWS::ElastiCache::ReplicationGroup"]) {
            guard let e = props.entry("CacheParameterGroupName") else { continue }
            let keyLoc = Location(e.key.range, loc.path + [.key("CacheParameterGroupName")])
            // Each Ref to a resource, with the Fn::If branches leading to it.
            var refs: [(target: String, path: [PathElement], conditions: [ConditionAssumption])] = []
            func walk(_ n: Node, _ path: [PathElement], _ conds: [ConditionAssumption]) {
                guard let fn = n.intrinsic else { return }
                if fn.name == "Fn::If", let args = fn.argument.sequence, args.count == 3, let c = args[0].text {
                    walk(args[1], path + [.key("Fn::If"), .index(1)], conds + [ConditionAssumption(c, true)])
                    walk(args[2], path + [.key("Fn::If"), .index(2)], conds + [ConditionAssumption(c, false)])
                } else if fn.name == "Ref", let t = fn.argument.text, ctx.template.resource(t) != nil {
                    refs.append((t, path + [.key("Ref")], conds))
                }
            }
            walk(e.value, keyLoc.path, [])
            let propsNode = Node(.mapping(props))
            for ref in refs {
                let pgProps = ctx.template.resource(ref.target)?.properties?["Properties"] ?? Node(.mapping(Mapping()))
                var names: [String] = []
                TypeSpecific.conditionNames(propsNode, into: &names)
                TypeSpecific.conditionNames(pgProps, into: &names)
                let scenarios: [[ConditionAssumption]?] = names.isEmpty ? [nil] : TypeSpecific.scenarios(ctx, names).map { $0 }
                for scenario in scenarios {
                    if let scenario, scenario.contains(where: { s in ref.conditions.contains { $0.name == s.name && $0.value != s.value } }) { continue }
                    let pg = TypeSpecific.resolve(pgProps, scenario ?? [])
                    guard pg?["cluster-enabled"]?.scalar?.text == "yes" else { continue }
                    let c = TypeSpecific.resolve(propsNode, scenario ?? [])?.mapping
                    let when = scenario.map { " when " + TypeSpecific.scenarioText($0) } ?? ""
                    if let f = c?["AutomaticFailoverEnabled"]?.scalar, f.resolved.kind != .null, f.text.lowercased() == "false" {
                        let p = (ref.path + [.key("AutomaticFailoverEnabled")]).slashed
                        out.add("\"AutomaticFailoverEnabled\" must be misssing or True when setting up a cluster\(when) at \(p)",
                                at: Location(keyLoc.range, ref.path + [.key("AutomaticFailoverEnabled")]))
                    }
                    let groups = c?["NumNodeGroups"]
                    let hasGroups = groups.map { n in n.scalar.map { !["", "0"].contains($0.text) && $0.resolved.kind != .null } ?? true } ?? false
                    if !hasGroups {
                        let n = c?["NumCacheClusters"]
                        let count: Double? = n == nil ? 0 : n?.scalar.flatMap { Double($0.text) }
                        if let count, count <= 1 {
                            let p = (ref.path + [.key("NumCacheClusters")]).slashed
                            out.add("\"NumCacheClusters\" must be greater than one when creating a cluster\(when) at \(p)",
                                    at: Location(keyLoc.range, ref.path + [.key("NumCacheClusters")]))
                        }
                    }
                }
            }
        }
    }
}
