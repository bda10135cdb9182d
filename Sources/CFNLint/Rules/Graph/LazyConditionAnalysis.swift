import CFNGraph
import CFNIntrinsics
import CFNTemplate

/// Builds the condition analysis only when a rule asks a question, and once per template.
final class LazyConditionAnalysis: @unchecked Sendable {
    private let template: Template
    private var analysis: ConditionAnalysis?

    init(template: Template) { self.template = template }

    /// Whether the conditions can take these values together (true when unknown).
    func canHold(_ values: [String: Bool]) -> Bool {
        if analysis == nil { analysis = ConditionAnalysis(template: template) }
        return analysis!.isSatisfiable(values).value
    }
}
