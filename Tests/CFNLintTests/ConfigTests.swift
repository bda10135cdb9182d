import CFNLint
import CFNTemplate
import Foundation
import Testing

@Suite struct ConfigTests {
    @Test func parsesConfigFile() throws {
        let text = """
            templates:
              - templates/*.yaml
            ignore_checks:
              - W2001
            include_checks: [I]
            mandatory_checks: [E3012, E1001]
            regions: [us-east-1, eu-west-1]
            format: parseable
            non_zero_exit_code: error
            configure_rules:
              E3012:
                strict: false
            """
        let c = try LintConfig.parseFile(Array(text.utf8), path: ".cfnlintrc")
        #expect(c.templates == ["templates/*.yaml"])
        #expect(c.ignoreChecks == ["W2001"])
        #expect(c.includeChecks == ["I"])
        #expect(c.mandatoryChecks == ["E3012", "E1001"])
        #expect(c.regions == ["us-east-1", "eu-west-1"])
        #expect(c.format == .parseable)
        #expect(c.nonZeroExitCode == .error)
        #expect(try LintConfig.parseFile([], path: ".cfnlintrc") == LintConfig())
    }

    @Test func rejectsUnknownKeysAndBadValues() {
        #expect(throws: ConfigError.self) { try LintConfig.parseFile(Array("ignore_check: [W2001]\n".utf8), path: "c") }
        #expect(throws: ConfigError.self) { try LintConfig.parseFile(Array("format: xml\n".utf8), path: "c") }
        #expect(throws: ConfigError.self) { try LintConfig.parseFile(Array("ignore_checks: {a: b}\n".utf8), path: "c") }
    }

    @Test func precedenceCommandLineThenTemplateThenFile() {
        let cli = LintConfig(ignoreChecks: ["E1"])
        let template = LintConfig(ignoreChecks: ["E2"])
        let file = LintConfig(regions: ["eu-west-1"], ignoreChecks: ["E3"], format: OutputFormat.json)
        var m = LintConfig.merged(cli: cli, template: template, file: file)
        #expect(m.ignoreChecks == ["E1"])
        #expect(m.regions == ["eu-west-1"])
        #expect(m.format == .json)
        m = LintConfig.merged(cli: LintConfig(), template: template, file: file)
        #expect(m.ignoreChecks == ["E2"])
        var merging = cli
        merging.mergeConfigs = true
        #expect(LintConfig.merged(cli: merging, template: template, file: file).ignoreChecks == ["E1", "E2", "E3"])
    }

    @Test func readsCfnlintrcFromDirectoryAndHome() throws {
        let dir = Fixture.temporaryDirectory()
        let home = Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir); try? FileManager.default.removeItem(at: home) }
        try "ignore_checks: [W2001]\nformat: json\n".write(to: home.appendingPathComponent(".cfnlintrc"), atomically: true, encoding: .utf8)
        var s = try LintSettings.resolve(cli: LintConfig(), directory: dir.path, home: home.path, environment: [:])
        #expect(s.ignoreChecks == ["W2001"])
        #expect(s.format == .json)
        try "ignore_checks: [E3012]\n".write(to: dir.appendingPathComponent(".cfnlintrc.yaml"), atomically: true, encoding: .utf8)
        s = try LintSettings.resolve(cli: LintConfig(), directory: dir.path, home: home.path, environment: [:])
        #expect(s.ignoreChecks == ["E3012"])  // the project's file wins
        #expect(s.format == .json)  // other keys still come from $HOME
        let explicit = dir.appendingPathComponent("other.yaml")
        try "regions: [eu-west-1]\n".write(to: explicit, atomically: true, encoding: .utf8)
        s = try LintSettings.resolve(cli: LintConfig(), configFile: explicit.path, directory: dir.path, home: home.path, environment: [:])
        #expect(s.regions == ["eu-west-1"])
        #expect(s.ignoreChecks.isEmpty)
        #expect(throws: ConfigError.self) {
            try LintSettings.resolve(cli: LintConfig(), configFile: dir.appendingPathComponent("missing").path, directory: dir.path, home: nil, environment: [:])
        }
    }

    @Test func templateMetadataConfigIsCheckedAsW4005() {
        let t = "Metadata:\n  cfn-lint:\n    config:\n      ignore_checks: W2001\nResources:\n  T:\n    Type: AWS::SNS::Topic\n"
        let f = Fixture.lint(t)
        #expect(Fixture.ids(f) == ["W4005"])
        #expect(f[0].start == SourcePosition(line: 4, column: 22))
    }

    @Test func templateRegionsApplyWhenCommandLineHasNone() {
        let t = "Metadata:\n  cfn-lint:\n    config:\n      regions: [us-east-1, eu-west-1]\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: !GetAtt [Q, Nope]\n"
        let f = Fixture.lint(t).filter { $0.ruleId == "E1010" }
        #expect(f.first?.message.contains("eu-west-1") == true)
    }

    @Test func argumentSplitting() {
        let (ids, templates) = LintArguments.split(["W2001,E3", "template.yaml"], keep: LintArguments.isCheckId)
        #expect(ids == ["W2001", "E3"])
        #expect(templates == ["template.yaml"])
        let (regions, rest) = LintArguments.split(["us-east-1,eu-west-1", "ALL_REGIONS", "a.json"], keep: LintArguments.isRegion)
        #expect(regions == ["us-east-1", "eu-west-1", "ALL_REGIONS"])
        #expect(rest == ["a.json"])
        // Anything that does not look like a path stays an option value, so a typo is reported.
        #expect(LintArguments.split(["mars-1"], keep: LintArguments.isRegion).values == ["mars-1"])
    }
}
