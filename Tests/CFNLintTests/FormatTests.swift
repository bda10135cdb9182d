import CFNLint
import CFNTemplate
import Foundation
import Testing

@Suite struct FormatTests {
    static let report: LintReport = {
        let t = "Parameters:\n  Unused:\n    Type: String\nResources:\n  Topic:\n    Type: AWS::SNS::Topik\n"
        return LintReport(files: ["dir/t.yaml"], findings: Fixture.lint(t, path: "dir/t.yaml"))
    }()

    static func render(_ f: OutputFormat, color: Bool = false) -> String {
        Formatter(format: f, color: color, version: "0.1.0").render(report)
    }

    @Test func text() {
        #expect(Self.render(.text) == """
            W2001 Parameter Unused not used.
            dir/t.yaml:2:3

            E3006 Resource type 'AWS::SNS::Topik' does not exist in 'us-east-1' (did you mean 'AWS::SNS::Topic'?)
            dir/t.yaml:6:11


            """)
        #expect(Self.render(.text, color: true).contains("\u{1B}[33mW2001\u{1B}[0m"))
        #expect(!Self.render(.text).contains("\u{1B}"))
    }

    @Test func parseable() {
        #expect(Self.render(.parseable) == """
            dir/t.yaml:2:3:2:9:W2001:Parameter Unused not used.
            dir/t.yaml:6:11:6:26:E3006:Resource type 'AWS::SNS::Topik' does not exist in 'us-east-1' (did you mean 'AWS::SNS::Topic'?)

            """)
    }

    @Test func jsonHasCfnLintFields() throws {
        let data = Data(Self.render(.json).utf8)
        let items = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(items.count == 2)
        let first = items[0]
        #expect(first["Filename"] as? String == "dir/t.yaml")
        #expect(first["Level"] as? String == "Warning")
        #expect(first["Message"] as? String == "Parameter Unused not used.")
        let location = try #require(first["Location"] as? [String: Any])
        let start = try #require(location["Start"] as? [String: Int])
        #expect(start == ["LineNumber": 2, "ColumnNumber": 3])
        #expect(location["End"] as? [String: Int] == ["LineNumber": 2, "ColumnNumber": 9])
        #expect(location["Path"] as? [String] == ["Parameters", "Unused"])
        let rule = try #require(first["Rule"] as? [String: String])
        #expect(rule["Id"] == "W2001")
        #expect(rule["ShortDescription"] == "Check if Parameters are Used")
        #expect(rule["Description"] != nil && rule["Source"] != nil)
        #expect(Formatter(format: .json).render(LintReport(files: [], findings: [])) == "[]\n")
    }

    @Test func sarifHasTheFieldsCodeScanningRequires() throws {
        let data = Data(Self.render(.sarif).utf8)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(root["version"] as? String == "2.1.0")
        #expect((root["$schema"] as? String)?.contains("sarif-2.1.0") == true)
        let runs = try #require(root["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "cfnkit")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["E3006", "W2001"])
        for r in rules { #expect((r["shortDescription"] as? [String: String])?["text"]?.isEmpty == false) }
        let results = try #require(runs[0]["results"] as? [[String: Any]])
        #expect(results.count == 2)
        for (i, r) in results.enumerated() {
            let id = try #require(r["ruleId"] as? String)
            #expect(rules[try #require(r["ruleIndex"] as? Int)]["id"] as? String == id)
            #expect(["error", "warning", "note"].contains(r["level"] as? String ?? ""))
            #expect((r["message"] as? [String: String])?["text"]?.isEmpty == false)
            let loc = try #require((r["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            #expect((loc["artifactLocation"] as? [String: Any])?["uri"] as? String == "dir/t.yaml")
            let region = try #require(loc["region"] as? [String: Int])
            #expect(region["startLine"]! >= 1 && region["startColumn"]! >= 1)
            #expect(region["startLine"] == (i == 0 ? 2 : 6))
        }
    }

    @Test func junit() {
        let x = Self.render(.junit)
        #expect(x.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n  <testsuite name=\"CloudFormation Lint\""))
        #expect(x.contains("<testcase classname=\"cfnkit\" name=\"[W2001] Check if Parameters are Used\""))
        #expect(x.contains("<failure type=\"Warning\" message=\"Parameter Unused not used.\">dir/t.yaml:2:3</failure>"))
        #expect(x.contains("failures=\"2\""))
        #expect(x.hasSuffix("</testsuites>\n"))
    }

    @Test func github() {
        #expect(Self.render(.github) == """
            ::warning file=dir/t.yaml,line=2,col=3,endLine=2,endColumn=9,title=W2001::W2001 Parameter Unused not used.
            ::error file=dir/t.yaml,line=6,col=11,endLine=6,endColumn=26,title=E3006::E3006 Resource type 'AWS::SNS::Topik' does not exist in 'us-east-1' (did you mean 'AWS::SNS::Topic'?)

            """)
        #expect(Formatter.annotationProperty("a,b:c%\n") == "a%2Cb%3Ac%25%0A")
    }
}

@Suite struct RulesDocumentTests {
    @Test func docsRulesMarkdownIsCurrent() throws {
        let url = Fixture.repositoryRoot.appendingPathComponent("docs/RULES.md")
        let current = try String(contentsOf: url, encoding: .utf8)
        #expect(current == RulesDocument.markdown(.builtIn),
                "docs/RULES.md is stale: run `swift run --scratch-path .build cfnkit rules --format markdown > docs/RULES.md`")
    }

    @Test func noIdIsBothImplementedAndMissing() {
        let markdown = RulesDocument.markdown(.builtIn)
        let missing = markdown.components(separatedBy: "## cfn-lint rules not implemented yet")[1]
            .components(separatedBy: "## Suppressing findings")[0]
        // The Ids cell of each row (the reasons may name implemented rules).
        let missingIds = Set(missing.split(separator: "\n").filter { $0.hasPrefix("| ") }
            .flatMap { $0.split(separator: "|")[0].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } })
        for r in RuleSet.builtIn.rules { #expect(!missingIds.contains(r.info.id), "\(r.info.id) listed as missing") }
    }

    @Test func listsEveryRule() {
        let text = RulesDocument.text(.builtIn)
        for r in RuleSet.builtIn.rules { #expect(text.contains(r.info.id)) }
    }
}
