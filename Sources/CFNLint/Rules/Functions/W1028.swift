import CFNIntrinsics
import CFNTemplate
import Foundation

extension ValueRules {
    static func py(_ b: Bool) -> String { b ? "True" : "False" }

    static let w1028 = Rule(
        "W1028", "Check Fn::If has a path that cannot be reached",
        "Warns about Fn::If branches that no combination of conditions reaches, given the resource's Condition and the enclosing Fn::If branches.",
        source: Docs.base + "intrinsic-function-reference-conditions.html#intrinsic-function-reference-conditions-if",
        tags: ["functions", "if"],
        failing: [RuleExample("""
            Parameters:
              Env:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              IsDev: !Equals [!Ref Env, dev]
              IsProdOrDev: !Or [!Condition IsProd, !Condition IsDev]
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Condition: IsProd
                Properties:
                  DelaySeconds: !If
                    - IsProdOrDev
                    - 1
                    - ⟦W1028⟧2
              Queue2:
                Type: AWS::SQS::Queue
                Properties:
                  MessageRetentionPeriod: !If
                    - IsProd
                    - !If [IsDev, ⟦W1028⟧60, 120]
                    - 240
            """)],
        passing: [RuleExample("""
            Parameters:
              Env:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              IsDev: !Equals [!Ref Env, dev]
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  DelaySeconds: !If [IsProd, 1, !If [IsDev, 2, 3]]
            """)]
    ) { ctx, out in
        let names = Set(ctx.template.conditions.map(\.name))
        let order = Dictionary(ctx.template.conditions.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        for call in ctx.calls where call.name == "Fn::If" && call.inProperties && call.section == "Resources" {
            guard let args = call.argument.sequence, args.count == 3, let c = args[0].text, names.contains(c) else { continue }
            let current = call.assumptions
            // Inside a branch already unreachable: reported there.
            if current.count > 1, ctx.conditionsSatisfiable(current) == false { continue }
            for (index, value) in [(1, true), (2, false)] {
                let message: String
                if let existing = current.first(where: { $0.name == c }) {
                    guard existing.value != value else { continue }
                    message = "When setting condition '\(c)' to \(py(value)) from current status \(py(existing.value))"
                } else {
                    guard ctx.conditionsSatisfiable(current + [ConditionAssumption(c, value)]) == false else { continue }
                    // A condition that can never take this value on its own (a constant comparison,
                    // a parameter allowed one value) is not reported: cfn-lint's solver sees the
                    // comparison as free there.
                    guard ctx.conditionsSatisfiable([ConditionAssumption(c, value)]) != false else { continue }
                    var text = "When setting condition '\(c)' to \(py(value))"
                    let others = current.sorted { (order[$0.name] ?? 0) < (order[$1.name] ?? 0) }
                    if !others.isEmpty {
                        text += ". Where existing status for " + others.map { "condition '\($0.name)' is \(py($0.value))" }.joined(separator: " and ")
                    }
                    message = text
                }
                let branch = args[index]
                let path = call.location.path + [.index(index)]
                out.add("['Fn::If', \(index)] is not reachable. \(message)", at: Location(branch.range.isSynthetic ? call.location.range : branch.range, path))
            }
        }
    }
}
