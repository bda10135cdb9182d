import CFNLint
import CFNSchema
import CFNTemplate
import Foundation
import Testing

@Suite struct LoadErrorTests {
    @Test func duplicateKeyGivesOneFindingPerOccurrence() {
        let f = Fixture.lint("Resources:\n  A:\n    Type: AWS::SNS::Topic\n  A:\n    Type: AWS::SNS::Topic\n")
        #expect(Fixture.ids(f) == ["E0000", "E0000"])
        #expect(f.map(\.start.line) == [2, 4])
    }

    @Test func emptyFileIsE1001AtOrigin() {
        let f = Fixture.lint("")
        #expect(f.count == 1)
        #expect(f[0].ruleId == "E1001")
        #expect(f[0].message == "'Resources' is a required property")
        #expect(f[0].start == SourcePosition(line: 1, column: 1))
    }

    @Test func syntaxErrorIsE0000WithPosition() {
        let f = Fixture.lint("{\"Resources\": [}", path: "bad.json")
        #expect(Fixture.ids(f) == ["E0000"])
        #expect(f[0].start.line == 1)
    }

    @Test func unknownTagsAreReadAsFunctions() {
        // cfn-lint's loading: `!Rain::Embed x` is `Fn::Rain::Embed`, not a parse error.
        let f = Fixture.lint("Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: !Rain::Embed x\n")
        #expect(!f.contains { $0.ruleId == "E0000" })
    }

    @Test func ignoreBadTemplate() {
        #expect(Fixture.lint("Resources: [", LintConfig(ignoreBadTemplate: true)).isEmpty)
    }

    @Test func missingFileIsE0000() {
        let f = Fixture.linter.lint(path: "/nonexistent/t.yaml", settings: Fixture.settings())
        #expect(Fixture.ids(f) == ["E0000"])
    }
}

@Suite struct ExitCodeTests {
    static func report(_ ids: [String]) -> LintReport {
        LintReport(files: ["t"], findings: ids.map {
            Finding(ruleId: $0, message: "m", file: "t", start: .init(line: 1, column: 1), end: .init(line: 1, column: 2), path: [])
        })
    }

    @Test func bitmaskAndThresholds() {
        let all = Self.report(["E1001", "W2001", "I3011"])
        #expect(all.exitCode(threshold: .informational) == 14)
        #expect(all.exitCode(threshold: .warning) == 6)
        #expect(all.exitCode(threshold: .error) == 2)
        #expect(all.exitCode(threshold: .none) == 0)
        #expect(Self.report(["W2001"]).exitCode(threshold: .informational) == 4)
        #expect(Self.report(["W2001"]).exitCode(threshold: .error) == 0)
        #expect(Self.report([]).exitCode(threshold: .informational) == 0)
    }
}

@Suite struct ManyFilesTests {
    @Test func directoriesAndGlobsInStableOrder() throws {
        let dir = Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let unused = "Parameters:\n  P:\n    Type: String\nResources:\n  T:\n    Type: AWS::SNS::Topic\n"
        for name in ["b.yaml", "a.yaml", "sub/c.json"] {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let text = name.hasSuffix(".json") ? "{\"Parameters\": {\"P\": {\"Type\": \"String\"}}, \"Resources\": {\"T\": {\"Type\": \"AWS::SNS::Topic\"}}}" : unused
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let report = Fixture.linter.lint(paths: [dir.path], settings: Fixture.settings())
        #expect(report.files.count == 3)
        #expect(report.findings.map { ($0.file as NSString).lastPathComponent } == ["a.yaml", "b.yaml", "c.json"])
        #expect(report.findings.allSatisfy { $0.ruleId == "W2001" })
        let globbed = Fixture.linter.lint(paths: [dir.path + "/**/*.json"], settings: Fixture.settings())
        #expect(globbed.files.count == 1)
        // Same result run after run.
        for _ in 0..<3 { #expect(Fixture.linter.lint(paths: [dir.path], settings: Fixture.settings()).findings == report.findings) }
    }
}

@Suite struct UnmatchedTemplateArgumentTests {
    /// A run that lints nothing fails: a pattern matching nothing or a folder without templates is E0003
    /// (an error, so exit 2 in every format), as cfn-lint reports a pattern its glob cannot expand.
    @Test func patternOrFolderMatchingNothingIsE0003() throws {
        let dir = Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = dir.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let pattern = dir.path + "/stacks/**/*.yaml"
        let report = Fixture.linter.lint(paths: [pattern, empty.path], settings: Fixture.settings())
        #expect(report.files.isEmpty)
        #expect(report.findings.map(\.ruleId) == ["E0003", "E0003"])
        #expect(report.findings.contains { $0.file == pattern && $0.message == "\(pattern) could not be processed by glob.glob" })
        #expect(report.findings.contains { $0.file == empty.path && $0.message.contains("no templates") })
        #expect(report.exitCode(threshold: Fixture.settings().threshold) == 2)
        let json = Formatter(format: .json, rules: .builtIn, color: false, version: "0").render(report)
        #expect(json.contains("Error with cfn-lint configuration"))
    }
}

@Suite struct RegionTests {
    @Test func defaultRegionFromEnvironment() throws {
        #expect(try LintSettings(environment: [:]).regions == ["us-east-1"])
        #expect(try LintSettings(environment: ["AWS_DEFAULT_REGION": "eu-west-1"]).regions == ["eu-west-1"])
        #expect(try LintSettings(environment: ["AWS_REGION": "eu-west-2", "AWS_DEFAULT_REGION": "eu-west-1"]).regions == ["eu-west-2"])
        #expect(try LintSettings(cli: LintConfig(regions: ["us-west-2"]), environment: ["AWS_REGION": "eu-west-2"]).regions == ["us-west-2"])
    }

    @Test func allRegionsAndUnknownRegion() throws {
        let all = try LintSettings(cli: LintConfig(regions: ["ALL_REGIONS"]))
        #expect(all.regions.count > 10)
        #expect(throws: ConfigError.self) { try LintSettings(cli: LintConfig(regions: ["mars-east-1"])) }
    }

    @Test func findingsSayWhichRegion() {
        // An attribute checked in two regions names the regions where it is wrong.
        let t = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: !GetAtt [Q, Nope]\n"
        let f = Fixture.lint(t, LintConfig(regions: ["us-east-1", "eu-west-1"])).filter { $0.ruleId == "E1010" }
        #expect(f.count == 1)
        #expect(f.first?.message.contains("us-east-1, eu-west-1") == true)
    }
}

@Suite struct SAMTests {
    @Test func generatedResourcesAreKnown() {
        let t = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Api:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: prod
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: index.handler
                  CodeUri: .
                  AutoPublishAlias: live
            Outputs:
              A:
                Value: !GetAtt FnRole.Arn
              B:
                Value: !Ref FnAliaslive
              C:
                Value: !Ref ApiprodStage
              D:
                Value: !Sub "https://${ServerlessRestApi}.execute-api.${AWS::Region}.amazonaws.com"
              E:
                Value: !GetAtt Fn.Arn
            """
        #expect(Fixture.lint(t).isEmpty)
    }
}

@Suite struct HookTests {
    static let template = """
        Parameters:
          Env:
            Type: String
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
          IsProdToo: !Equals [prod, !Ref Env]
        Resources:
          Queue:
            Type: AWS::SQS::Queue
            Condition: IsProd
          Topic:
            Type: AWS::SNS::Topic
            Condition: IsProdToo
            Properties:
              DisplayName: !GetAtt Queue.QueueName
        """

    @Test func conditionSolverHookRefinesW1001() {
        let plain = Fixture.lint(Self.template).filter { $0.ruleId == "W1001" }
        #expect(plain.count == 1)  // the built-in implication check cannot see that the two are equal
        // A solver (CFNIntrinsics, later) that knows IsProdToo implies IsProd removes the warning.
        let hooks = LintHooks(conditionsSatisfiable: { _, assumptions in
            let truth = Dictionary(assumptions.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
            if truth["IsProdToo"] == true && truth["IsProd"] == false { return false }
            return nil
        })
        let linter = Linter(hooks: hooks, today: "2026-11-27")
        let refined = linter.lint(source: Self.template, settings: Fixture.settings()).filter { $0.ruleId == "W1001" }
        #expect(refined.isEmpty)
    }
}

@Suite struct RegionDifferenceTests {
    @Test func typeMissingInOneRegionIsReportedForThatRegion() throws {
        let registry = SchemaRegistry.bundled
        // Any type in us-east-1 that eu-west-1 lacks.
        let type = try #require(registry.types(in: "us-east-1").first { !registry.isAvailable($0, in: "eu-west-1") })
        let t = "Resources:\n  R:\n    Type: \(type)\n"
        let f = Fixture.lint(t, LintConfig(regions: ["us-east-1", "eu-west-1"])).filter { $0.ruleId == "E3006" }
        #expect(f.map(\.message) == ["Resource type '\(type)' does not exist in 'eu-west-1'"])
        #expect(Fixture.lint(t).filter { $0.ruleId == "E3006" }.isEmpty)
    }
}
