import CFNTemplate

/// Which named conditions a condition uses, and an order to evaluate them in: each after the ones
/// it uses. Computed iteratively, so a chain of thousands of conditions (C1 uses C0, C2 uses C1 ...)
/// costs no stack in the Evaluator or ConditionAnalysis, which then never recurse through a chain.
enum ConditionDependencies {
    /// The condition names `node` uses (`Condition: X`, Fn::If's first argument), in order of appearance.
    static func uses(_ node: Node) -> [String] {
        var result: [String] = []
        var pending = [node]
        while let current = pending.popLast() {
            if let (name, argument, _) = current.intrinsic {
                if name == "Condition", let text = argument.text, argument.scalar != nil { result.append(text); continue }
                if name == "Fn::If", let first = argument.sequence?.first, let text = first.text, first.scalar != nil {
                    result.append(text)
                }
            }
            if let items = current.sequence { pending.append(contentsOf: items.reversed()) }
            if let mapping = current.mapping { pending.append(contentsOf: mapping.entries.map(\.value).reversed()) }
        }
        return result
    }

    /// The conditions `start` uses, directly or through others, that `isKnown` does not already know,
    /// each after those it uses (`start` last), and every cycle met as its path (`A -> B -> A`: the
    /// last name is the one reached again).
    static func order(from start: String, in template: Template, isKnown: (String) -> Bool) -> (order: [String], cycles: [[String]]) {
        guard let definition = template.condition(start) else { return ([start], []) }
        var order: [String] = []
        var cycles: [[String]] = []
        var visited: Set<String> = [start]
        var onStack: [String: Int] = [start: 0]
        var stack: [(name: String, uses: [String], next: Int)] = [(start, uses(definition.node), 0)]
        while !stack.isEmpty {
            let top = stack.count - 1
            guard stack[top].next < stack[top].uses.count else {
                let finished = stack.removeLast()
                onStack[finished.name] = nil
                order.append(finished.name)
                continue
            }
            let used = stack[top].uses[stack[top].next]
            stack[top].next += 1
            if let at = onStack[used] {
                cycles.append(stack[at...].map(\.name) + [used])
                continue
            }
            guard !visited.contains(used), !isKnown(used), let next = template.condition(used) else { continue }
            visited.insert(used)
            onStack[used] = stack.count
            stack.append((used, uses(next.node), 0))
        }
        return (order, cycles)
    }
}
