import CFNTemplate

/// The namespace of the Conditions rules and what more than one of them uses.
enum ConditionRules {
    static func structure(_ id: String, _ fn: String, _ short: String, _ count: String,
                          failing: @autoclosure @escaping @Sendable () -> String,
                          passing: @autoclosure @escaping @Sendable () -> String) -> Rule {
        Rule.function(id, short, "Checks that \(fn) has \(count).", source: Docs.fn("conditions"),
                      failing: [RuleExample(failing())], passing: [RuleExample(passing())])
    }
}
