import CFNLint
import CFNTemplate
import Testing

@Suite struct SuppressionTests {
    static let template = """
        Parameters:
          Unused:
            Type: String
        Resources:
          Topic:
            Type: AWS::SNS::Topic
            Properties:
              DisplayName: !Sub plain
        """

    @Test func baseline() {
        #expect(Fixture.ids(Fixture.lint(Self.template)) == ["W2001", "W1020"])
    }

    @Test func commandLineIgnoreByIdAndPrefix() {
        #expect(Fixture.ids(Fixture.lint(Self.template, LintConfig(ignoreChecks: ["W2001"]))) == ["W1020"])
        #expect(Fixture.lint(Self.template, LintConfig(ignoreChecks: ["W"])).isEmpty)
    }

    @Test func templateMetadataIgnore() {
        let t = "Metadata:\n  cfn-lint:\n    config:\n      ignore_checks: [W2001]\n" + Self.template
        #expect(Fixture.ids(Fixture.lint(t)) == ["W1020"])
    }

    @Test func resourceMetadataIgnore() {
        let t = Self.template + "\n    Metadata:\n      cfn-lint:\n        config:\n          ignore_checks: [W1020]\n"
        #expect(Fixture.ids(Fixture.lint(t)) == ["W2001"])
    }

    @Test func parameterMetadataIgnore() {
        let t = Self.template.replacingOccurrences(of: "    Type: String\n", with: "    Type: String\n    Metadata:\n      cfn-lint:\n        config:\n          ignore_checks: [W2001]\n")
        #expect(Fixture.ids(Fixture.lint(t)) == ["W1020"])
    }

    @Test func commentOnTheLineAndTheLineAbove() {
        let same = Self.template.replacingOccurrences(of: "DisplayName: !Sub plain", with: "DisplayName: !Sub plain  # cfn-lint: disable=W1020")
        #expect(Fixture.ids(Fixture.lint(same)) == ["W2001"])
        let above = Self.template.replacingOccurrences(of: "  Unused:\n", with: "  # cfn-lint: disable=W2001,E3012\n  Unused:\n")
        #expect(Fixture.ids(Fixture.lint(above)) == ["W1020"])
        // A comment two lines above does not apply.
        let far = Self.template.replacingOccurrences(of: "Parameters:\n", with: "# cfn-lint: disable=W2001\nParameters:\n")
        #expect(Fixture.ids(Fixture.lint(far)) == ["W2001", "W1020"])
    }

    @Test func mandatoryChecksBeatEverySuppression() {
        let t = "Metadata:\n  cfn-lint:\n    config:\n      ignore_checks: [W2001]\n"
            + Self.template.replacingOccurrences(of: "  Unused:\n", with: "  Unused: # cfn-lint: disable=W2001\n")
        let f = Fixture.lint(t, LintConfig(ignoreChecks: ["W2001"], mandatoryChecks: ["W2001"]))
        #expect(Fixture.ids(f) == ["W2001", "W1020"])
    }

    @Test func informationalRulesNeedInclude() throws {
        let s = try LintSettings()
        #expect(!s.isEnabled("I3011"))
        #expect(s.isEnabled("W2001"))
        let included = try LintSettings(cli: LintConfig(includeChecks: ["I"]))
        #expect(included.isEnabled("I3011"))
    }
}
