@testable import CFNLint
import CFNRulePacks
import CFNTemplate
import Foundation
import Testing

/// The rule-pack language: loading (and rejecting) rule files, evaluation on each Fn::If branch,
/// unknown values, pack selection, suppressions, and cfn-lint's custom rule files.
@Suite struct RulePackTests {
    static func pack(_ yaml: String, file: String = "team.yaml") throws -> RulePack {
        try RulePackLoader.load(source: yaml, path: file)
    }

    static func lint(_ template: String, _ pack: RulePack, _ cli: LintConfig = LintConfig()) -> [Finding] {
        let linter = Linter(rules: RuleSet(RuleSet.builtIn.rules + pack.rules), today: "2026-11-27")
        return linter.lint(source: template, path: "t.yaml", settings: Fixture.settings(cli)).filter { $0.ruleId.hasPrefix("T") }
    }

    static let encryptionRule = """
        pack: team
        rules:
          - id: T100
            severity: warning
            title: Buckets are encrypted
            fix: add BucketEncryption
            resource-types: ["AWS::S3::*"]
            assert: {exists: "Properties.BucketEncryption.ServerSideEncryptionConfiguration[*].ServerSideEncryptionByDefault.SSEAlgorithm"}
        """

    // MARK: Rejected rule files

    func rejection(_ yaml: String) -> String {
        do {
            _ = try Self.pack(yaml)
            return "accepted"
        } catch {
            return (error as? RulePackError)?.description ?? "\(error)"
        }
    }

    @Test func syntaxErrorHasPosition() {
        let message = rejection("rules:\n  - id: T1\n    title: [unclosed\n")
        #expect(message.hasPrefix("team.yaml:"), "\(message)")
        #expect(message.contains(": error: "))
    }

    @Test func unknownOperatorHasPosition() {
        let message = rejection("""
            rules:
              - id: T1
                severity: warning
                title: t
                resource-types: [AWS::S3::Bucket]
                assert: {path: Properties.X, looks-like: 3}
            """)
        #expect(message == "team.yaml:6:34: error: unknown operator 'looks-like'", "\(message)")
    }

    @Test func badRegexHasPosition() {
        let message = rejection("""
            rules:
              - id: T1
                severity: warning
                title: t
                target: parameters
                assert: {path: Type, matches: "([a-z"}
            """)
        #expect(message == "team.yaml:6:35: error: invalid regular expression '([a-z'", "\(message)")
    }

    @Test("Regexes that repeat a repeating group (exponential backtracking) are refused; others are not",
          arguments: [
              ("(a+)+$", 4), ("^(\\w*,)*$", 7), ("([a-z]+)*x", 8), ("((ab)+)+", 7), ("(?:x|y+){2,}", 8), ("(\\d+\\.?)+", 8),
              ("^team-[a-z]+$", nil), ("(ab)+c*", nil), ("(a+){3}", nil), ("[(a+)]+", nil), ("\\(a+\\)+", nil), ("^(dev|prod)-[0-9]{1,3}$", nil),
          ] as [(String, Int?)])
    func nestedRepetition(_ pattern: String, _ offset: Int?) throws {
        #expect(RegexSafety.nestedQuantifier(in: pattern) == offset, "\(pattern)")
        let message = rejection("""
            rules:
              - id: T1
                severity: warning
                title: t
                target: parameters
                assert: {path: Type, matches: '\(pattern)'}
            """)
        #expect((message != "accepted") == (offset != nil), "\(pattern): \(message)")
    }

    @Test func badPathUnknownKeyAndSeverityAreRejected() {
        #expect(rejection("rules:\n  - {id: T1, severity: warning, title: t, target: template, assert: {exists: 'A[x]'}}\n").contains("1:") == false)
        #expect(rejection("rules:\n  - {id: T1, severity: warning, title: t, target: template, assert: {exists: 'A[x]'}}\n").contains("must be [*] or a number"))
        #expect(rejection("rules:\n  - {id: T1, severity: fatal, title: t, target: template, assert: {exists: A}}\n").contains("unknown severity 'fatal'"))
        #expect(rejection("rules:\n  - {id: T1, severity: warning, title: t, target: template, asert: {exists: A}}\n") == "team.yaml:2:61: error: unknown rule key 'asert'")
        #expect(rejection("rules:\n  - {id: T1, severity: warning, title: t, target: template}\n").contains("a rule needs 'assert'"))
    }

    // MARK: Evaluation

    @Test func wildcardTypesAndFixHint() throws {
        let findings = Self.lint("""
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
              Topic:
                Type: AWS::SNS::Topic
            """, try Self.pack(Self.encryptionRule))
        #expect(findings.map(\.start) == [SourcePosition(line: 2, column: 3)])
        #expect(findings.first?.message == "Buckets are encrypted. Fix: add BucketEncryption")
        #expect(findings.first?.severity == .warning)
    }

    @Test func fnIfIsJudgedOnEachBranch() throws {
        let findings = Self.lint("""
            Parameters:
              Encrypt: {Type: String}
            Conditions:
              UseKms: !Equals [!Ref Encrypt, "yes"]
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketEncryption: !If
                    - UseKms
                    - ServerSideEncryptionConfiguration: [{ServerSideEncryptionByDefault: {SSEAlgorithm: aws:kms}}]
                    - !Ref AWS::NoValue
            """, try Self.pack(Self.encryptionRule))
        #expect(findings.map(\.message) == ["Buckets are encrypted (when condition UseKms is false). Fix: add BucketEncryption"])
        #expect(findings.map(\.start) == [SourcePosition(line: 9, column: 7)])
    }

    @Test func conditionsKnownInTheLintContextAreApplied() throws {
        // us-east-1: the condition is true, so only the encrypted branch exists.
        let template = """
            Conditions:
              East: !Equals [!Ref "AWS::Region", us-east-1]
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketEncryption: !If
                    - East
                    - ServerSideEncryptionConfiguration: [{ServerSideEncryptionByDefault: {SSEAlgorithm: AES256}}]
                    - !Ref AWS::NoValue
            """
        let pack = try Self.pack(Self.encryptionRule)
        #expect(Self.lint(template, pack).isEmpty)
        #expect(Self.lint(template, pack, LintConfig(regions: ["eu-west-1"])).count == 1)
    }

    @Test func unknownValuesAreSkippedUnlessTheRuleSaysFail() throws {
        let template = """
            Parameters:
              Encrypted: {Type: String}
            Resources:
              Volume:
                Type: AWS::EC2::Volume
                Properties:
                  AvailabilityZone: us-east-1a
                  Encrypted: !Ref Encrypted
            """
        let rule = """
            rules:
              - id: T200
                severity: warning
                title: Volumes are encrypted
                resource-types: [AWS::EC2::Volume]
                assert: {path: Properties.Encrypted, equals: true}
            """
        #expect(Self.lint(template, try Self.pack(rule)).isEmpty)
        let strict = try Self.pack(rule + "\n    unknown: fail\n")
        let findings = Self.lint(template, strict)
        #expect(findings.map(\.message) == ["Volumes are encrypted (value not known until deployment)"])
        #expect(findings.map(\.start) == [SourcePosition(line: 8, column: 7)])
    }

    @Test func parametersOutputsAndRefToParameter() throws {
        let pack = try Self.pack("""
            rules:
              - id: T300
                severity: informational
                title: Outputs do not echo secrets
                message: "Output {name} shows a NoEcho parameter"
                target: outputs
                assert:
                  not: {path: Value, is-ref-to-parameter: {NoEcho: true}}
              - id: T301
                severity: warning
                title: Numbers have bounds
                target: parameters
                when: {path: Type, equals: Number}
                assert: {all-of: [{exists: MinValue}, {path: MaxValue, lte: 100}]}
            """)
        let findings = Self.lint("""
            Parameters:
              Secret: {Type: String, NoEcho: true}
              Count: {Type: Number, MinValue: 1, MaxValue: 1000}
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Ref Secret
            Outputs:
              Leak:
                Value: !Ref Secret
              Fine:
                Value: !Ref Topic
            """, pack)
        #expect(findings.map { "\($0.ruleId)@\($0.start)" } == ["T301@3:38", "T300@10:3"])
        #expect(findings.last?.message == "Output Leak shows a NoEcho parameter")
        #expect(findings.last?.severity == .informational)
    }

    // MARK: Selection, suppressions, formats

    @Test func shippedPacksAreOffByDefaultAndEnabledByName() throws {
        let none = try ShippedRulePacks.catalog(RulePackSelection(), environment: [:])
        #expect(none.ruleSet.rules.count == RuleSet.builtIn.rules.count)
        #expect(Set(none.packs.map(\.pack.name)) == ["best-practices", "security"])
        let security = try ShippedRulePacks.catalog(RulePackSelection(enable: ["security"]), environment: [:])
        #expect(security.ruleSet.byId["CK2001"] != nil && security.ruleSet.byId["CK1001"] == nil)
        #expect(throws: RulePackError.self) { try ShippedRulePacks.catalog(RulePackSelection(enable: ["securty"]), environment: [:]) }
    }

    @Test func userFoldersAreOnUnlessDisabledAndIdsMustBeUnique() throws {
        let dir = Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.encryptionRule.write(to: dir.appendingPathComponent("team.yaml"), atomically: true, encoding: .utf8)
        let on = try ShippedRulePacks.catalog(RulePackSelection(directories: [dir.path]), environment: [:])
        #expect(on.ruleSet.byId["T100"] != nil)
        let off = try ShippedRulePacks.catalog(RulePackSelection(directories: [dir.path], disable: ["team"]), environment: [:])
        #expect(off.ruleSet.byId["T100"] == nil)
        try Self.encryptionRule.replacingOccurrences(of: "T100", with: "E3001")
            .write(to: dir.appendingPathComponent("team.yaml"), atomically: true, encoding: .utf8)
        do {
            _ = try ShippedRulePacks.catalog(RulePackSelection(directories: [dir.path]), environment: [:])
            Issue.record("a pack rule reusing a built-in id was accepted")
        } catch {
            #expect("\(error)".hasSuffix("team.yaml:3:5: error: rule id E3001 is already used by a built-in rule"))
        }
    }

    @Test func suppressionsAndIgnoreChecksApply() throws {
        let pack = try Self.pack(Self.encryptionRule)
        let template = """
            Resources:
              # cfn-lint: disable=T100
              Quiet:
                Type: AWS::S3::Bucket
              Loud:
                Type: AWS::S3::Bucket
              Meta:
                Type: AWS::S3::Bucket
                Metadata:
                  cfn-lint: {config: {ignore_checks: [T1]}}
            """
        #expect(Self.lint(template, pack).map(\.start.line) == [5])
        #expect(Self.lint(template, pack, LintConfig(ignoreChecks: ["T"])).isEmpty)
    }

    @Test func configFileNamesRulesFoldersAndPacks() throws {
        let config = try LintConfig.parseFile(Array("rules: [team-rules]\npacks: [security]\ndisable_packs: best-practices\ncustom_rules: custom.txt\n".utf8), path: ".cfnlintrc")
        #expect(config.rulesDirectories == ["team-rules"])
        #expect(config.packs == ["security"])
        #expect(config.disablePacks == ["best-practices"])
        #expect(config.customRules == "custom.txt")
    }

    // MARK: cfn-lint custom rule files

    @Test func customRulesFileMatchesCfnLint() throws {
        let rules = try CustomRulesFile.parse("""
            # team rules
            AWS::EC2::Instance InstanceType EQUALS t3.micro
            AWS::EC2::Instance Tags.Key IN [Name,Owner] WARN "Only Name and Owner tags"
            AWS::S3::Bucket BucketName REGEX_MATCH ^team- ERROR
            AWS::EC2::Volume Size <= 100 WARN
            AWS::EC2::Volume Encrypted IS DEFINED
            """, path: "custom.txt")
        #expect(rules.map(\.info.id) == ["E9002", "W9003", "E9004", "W9005", "E9006"])
        let linter = Linter(rules: RuleSet(RuleSet.builtIn.rules + rules), today: "2026-11-27")
        let findings = linter.lint(source: """
            Resources:
              Server:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-12345678
                  InstanceType: m5.large
                  Tags:
                    - {Key: Name, Value: web}
                    - {Key: Cost, Value: x}
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: other-bucket
              Disk:
                Type: AWS::EC2::Volume
                Properties:
                  AvailabilityZone: us-east-1a
                  Size: 500
            """, path: "t.yaml", settings: Fixture.settings()).filter { $0.ruleId.contains("90") }
        #expect(findings.map { "\($0.ruleId)@\($0.start) \($0.message)" } == [
            "E9002@6:7 Must equal check failed",
            "W9003@9:12 Only Name and Owner tags",
            "E9004@13:7 Regex does not match",
            "E9006@16:5 ['Resources', 'Disk', 'Properties', 'Encrypted'] must be defined",
            "W9005@18:7 Lesser than check failed",
        ])
    }

    @Test func customRulesFileRejectsUnknownOperator() {
        do {
            _ = try CustomRulesFile.parse("AWS::S3::Bucket BucketName LIKE x\n", path: "custom.txt")
            Issue.record("accepted")
        } catch {
            #expect("\(error)".hasPrefix("custom.txt:1:28: error: \"LIKE\" not in supported operators"))
        }
    }
}
