import CFNIntrinsics
import CFNTemplate

/// Differences outside Resources: parameters, outputs and exports, conditions, mappings, transforms,
/// description. Removing or renaming an export is risky: a stack that imports it blocks the update.
struct StackLevelComparison {
    let old: EvaluatedSide
    let new: EvaluatedSide
    let changedParameters: Set<String>

    func changes() -> [StackLevelChange] {
        var out: [StackLevelChange] = []
        let oldRaw = old.raw, newRaw = new.raw

        for p in newRaw.parameters where oldRaw.parameter(p.name) == nil {
            out.append(change(.parameterAdded, p.name, "parameter '\(p.name)' added", p.key.range))
        }
        for p in oldRaw.parameters where newRaw.parameter(p.name) == nil {
            out.append(change(.parameterRemoved, p.name, "parameter '\(p.name)' removed", p.key.range))
        }
        for p in newRaw.parameters where oldRaw.parameter(p.name) != nil && changedParameters.contains(p.name) {
            let before = old.evaluator.parameterValues[p.name].flatMap(ChangeSetBuilder.parameterText) ?? "?"
            let after = new.evaluator.parameterValues[p.name].flatMap(ChangeSetBuilder.parameterText) ?? "?"
            let shown = p.isNoEcho ? "(NoEcho: value hidden)" : "'\(before)' -> '\(after)'"
            out.append(change(.parameterValueChanged, p.name, "parameter '\(p.name)' value \(shown)", p.key.range))
        }

        let oldOutputs = old.resolved.outputs, newOutputs = new.resolved.outputs
        for o in newOutputs {
            guard let before = oldOutputs.first(where: { $0.name == o.name }) else {
                out.append(change(.outputAdded, o.name, "output '\(o.name)' added", o.key.range))
                if let name = o.exportName?.text {
                    out.append(change(.exportAdded, name, "export '\(name)' added (output '\(o.name)')", o.exportName!.range))
                }
                continue
            }
            if !ValueComparison.equal(before.value, o.value) || !ValueComparison.equal(before.description, o.description) {
                out.append(change(.outputChanged, o.name, "output '\(o.name)' value changed", o.value?.range ?? o.key.range))
            }
            let a = before.exportName?.text, b = o.exportName?.text
            if a != b {
                switch (a, b) {
                case (nil, let b?):
                    out.append(change(.exportAdded, b, "export '\(b)' added (output '\(o.name)')", o.exportName!.range))
                case (let a?, nil):
                    out.append(change(.exportRemoved, a, "export '\(a)' removed from output '\(o.name)'; stacks importing it block this update", o.key.range, risky: true))
                case (let a?, let b?):
                    out.append(change(.exportRenamed, a, "export '\(a)' renamed to '\(b)'; stacks importing '\(a)' block this update", o.exportName!.range, risky: true))
                default: break
                }
            }
        }
        for o in oldOutputs where !newOutputs.contains(where: { $0.name == o.name }) {
            out.append(change(.outputRemoved, o.name, "output '\(o.name)' removed", o.key.range))
            if let name = o.exportName?.text {
                out.append(change(.exportRemoved, name, "export '\(name)' removed; stacks importing it block this update", o.key.range, risky: true))
            }
        }

        for c in newRaw.conditions {
            if let before = oldRaw.condition(c.name), before.node.isEquivalent(to: c.node) { continue }
            out.append(change(.conditionChanged, c.name, oldRaw.condition(c.name) == nil ? "condition '\(c.name)' added" : "condition '\(c.name)' changed", c.key.range))
        }
        for c in oldRaw.conditions where newRaw.condition(c.name) == nil {
            out.append(change(.conditionChanged, c.name, "condition '\(c.name)' removed", c.key.range))
        }
        for m in newRaw.mappings {
            if let before = oldRaw.mapping(m.name), before.node.isEquivalent(to: m.node) { continue }
            out.append(change(.mappingChanged, m.name, oldRaw.mapping(m.name) == nil ? "mapping '\(m.name)' added" : "mapping '\(m.name)' changed", m.key.range))
        }
        for m in oldRaw.mappings where newRaw.mapping(m.name) == nil {
            out.append(change(.mappingChanged, m.name, "mapping '\(m.name)' removed", m.key.range))
        }
        if old.evaluator.sourceTemplate.transformNames != new.evaluator.sourceTemplate.transformNames {
            out.append(change(.transformChanged, "Transform",
                              "transforms \(old.evaluator.sourceTemplate.transformNames) -> \(new.evaluator.sourceTemplate.transformNames)",
                              new.evaluator.sourceTemplate.root["Transform"]?.range ?? new.evaluator.sourceTemplate.root.range))
        }
        if old.raw.description?.text != new.raw.description?.text {
            out.append(change(.descriptionChanged, "Description", "description changed",
                              new.raw.description?.range ?? new.raw.root.range))
        }
        return out
    }

    private func change(_ kind: StackLevelChange.Kind, _ name: String, _ message: String, _ range: SourceRange,
                        risky: Bool = false) -> StackLevelChange {
        StackLevelChange(kind: kind, name: name, message: message, range: range, isRisky: risky)
    }
}
