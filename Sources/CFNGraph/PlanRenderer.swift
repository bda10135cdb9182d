import CFNTemplate
import Foundation

/// Prints deployment plans as a readable table or as JSON shaped
/// `{"waves": [[...]], "deleteOrder": [[...]], "criticalPath": [...], "retained": [...]}`.
public enum PlanRenderer {
    public static func text(_ plan: DeploymentPlan, template: Template, indent: String = "") -> String {
        var out = ""
        let width = max(4, (plan.waves.flatMap { $0 }.map(\.count).max() ?? 0))
        out += "\(indent)Create order (\(plan.waves.count) wave\(plan.waves.count == 1 ? "" : "s"), resources in a wave are created in parallel):\n"
        for (i, wave) in plan.waves.enumerated() {
            for (j, name) in wave.enumerated() {
                let waveLabel = j == 0 ? String(format: "%4d", i + 1) : "    "
                let type = template.resource(name)?.type ?? ""
                let marks = (plan.criticalPath.contains(name) ? " *" : "") + (template.resource(name)?.condition.map { " (if \($0.name))" } ?? "")
                out += "\(indent)  \(waveLabel)  \(name.padding(toLength: width, withPad: " ", startingAt: 0))  \(type)\(marks)\n"
            }
        }
        out += "\(indent)Delete order (\(plan.deleteOrder.count) wave\(plan.deleteOrder.count == 1 ? "" : "s")):\n"
        for (i, wave) in plan.deleteOrder.enumerated() {
            let names = wave.map { plan.retained.contains($0) ? "\($0) (retained)" : $0 }
            out += "\(indent)  \(String(format: "%4d", i + 1))  \(names.joined(separator: ", "))\n"
        }
        out += "\(indent)Critical path (*): \(plan.criticalPath.joined(separator: " -> "))\n"
        if !plan.retained.isEmpty {
            out += "\(indent)Kept on stack deletion (DeletionPolicy): \(plan.retained.joined(separator: ", "))\n"
        }
        return out
    }

    public static func jsonObject(_ plan: DeploymentPlan) -> [String: Any] {
        ["waves": plan.waves, "deleteOrder": plan.deleteOrder, "criticalPath": plan.criticalPath, "retained": plan.retained]
    }

    public static func json(_ object: Any) -> String {
        JSONWriter.string(object)
    }

    /// `file:line:col: error: circular dependency: A -> B -> A` with each step's position.
    public static func cycles(_ cycles: [DependencyCycle], file: String) -> String {
        var out = ""
        for cycle in cycles {
            let start = cycle.edges.first?.range.start ?? SourcePosition(line: 1, column: 1)
            out += "\(file):\(start.line):\(start.column): error: circular dependency: \(cycle.pathDescription)\n"
            for edge in cycle.edges {
                out += "  \(edge.from.name) -> \(edge.to.name) by \(edge.kind.rawValue) at \(file):\(edge.range.start.line):\(edge.range.start.column) (\(edge.pathDescription))\n"
            }
        }
        return out
    }
}
