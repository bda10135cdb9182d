import CFNLint
import CFNRulePacks
import CFNTemplate
import Testing

/// Runs every rule's own examples: failing templates must give exactly the marked findings
/// (for every rule id marked in them), passing templates none of the rule's. Built-in rules and
/// the rules of the shipped packs (Rules/*.yaml) run through the same test.
@Suite struct RuleExampleTests {
    static let ids = Fixture.allRules.rules.map(\.info.id)

    @Test(arguments: ids)
    func examples(_ id: String) throws {
        let rule = try #require(Fixture.allRules.byId[id])
        #expect(!rule.failing.isEmpty, "\(id) has no failing example")
        #expect(!rule.passing.isEmpty, "\(id) has no passing example")
        for (n, example) in rule.failing.enumerated() {
            let (source, marks) = ExampleMarkers.strip(example.source)
            #expect(marks.contains { $0.ruleId == id }, "\(id) failing example \(n) marks no \(id)")
            let findings = Fixture.lintAll(source, path: "\(id)-failing-\(n).yaml", LintConfig(regions: example.regions))
            for checked in Set(marks.map(\.ruleId)).union([id]) {
                let expected = marks.filter { $0.ruleId == checked }.map(\.position).sorted()
                let actual = findings.filter { $0.ruleId == checked }.map(\.start).sorted()
                #expect(actual == expected, """
                    \(id) failing example \(n), rule \(checked): expected at \(expected), got:
                    \(findings.filter { $0.ruleId == checked }.map { "\($0.start) \($0.message)" }.joined(separator: "\n"))
                    """)
            }
        }
        for (n, example) in rule.passing.enumerated() {
            let findings = Fixture.lintAll(example.source, path: "\(id)-passing-\(n).yaml", LintConfig(regions: example.regions))
                .filter { $0.ruleId == id }
            #expect(findings.isEmpty, "\(id) passing example \(n): \(findings.map { "\($0.start) \($0.message)" })")
        }
    }

    @Test func everyRuleHasMetadata() {
        for r in RuleSet.builtIn.rules {
            #expect(r.info.id.count == 5)
            #expect(Severity(ruleId: r.info.id) == r.info.severity)
            #expect(!r.info.shortDescription.isEmpty && !r.info.description.isEmpty)
            #expect(r.info.source.hasPrefix("https://"))
        }
        #expect(Set(RuleSet.builtIn.rules.map(\.info.id)).count == RuleSet.builtIn.rules.count)
    }

    @Test func markersGiveLineAndColumn() {
        let (source, marks) = ExampleMarkers.strip("a: 1\n  ⟦E1⟧b: ⟦W2⟧c\n")
        #expect(source == "a: 1\n  b: c\n")
        #expect(marks.map(\.position) == [SourcePosition(line: 2, column: 3), SourcePosition(line: 2, column: 6)])
        #expect(marks.map(\.ruleId) == ["E1", "W2"])
    }
}
