import CFNIntrinsics
import CFNTemplate
import Foundation
import Testing

// Conditions (evaluated once, cycles reported), Rules, and ConditionAnalysis.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/rules-section-structure.html
@Suite("Conditions and rules")
struct ConditionTests {
    static let conditions = """
        Parameters:
          Env: {Type: String, Default: dev, AllowedValues: [dev, staging, prod]}
          Region2: {Type: String, Default: ''}
          Size: {Type: String, Default: small}
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
          IsNotProd: !Not [!Condition IsProd]
          IsDev: !Equals [dev, !Ref Env]
          IsStaging: !Equals [!Ref Env, staging]
          IsProdOrStaging: !Or [!Condition IsProd, !Condition IsStaging]
          AlwaysTrue: !Or [!Condition IsProd, !Condition IsNotProd]
          Never: !And [!Condition IsProd, !Condition IsDev]
          IsQa: !Equals [!Ref Env, qa]
          HasRegion2: !Not [!Equals [!Ref Region2, '']]
          BigProd: !And [!Condition IsProd, !Equals [!Ref Size, big]]
          InUsEast1: !Equals [!Ref AWS::Region, us-east-1]
          Opaque: !Equals [!Select [0, !Split [',', !Ref Size]], big]
          OpaqueAgain: !Equals [big, !Select [0, !Split [',', !Ref Size]]]
        Resources:
          T: {Type: AWS::SNS::Topic}
        """

    @Test func valuesInAContext() throws {
        let e = Evaluator(template: try loadTemplate(Self.conditions), context: context([("Env", "prod")]))
        let values = Dictionary(uniqueKeysWithValues: e.allConditionValues().map { ($0.name, $0.value) })
        #expect(values["IsProd"] == true)
        #expect(values["IsNotProd"] == false)
        #expect(values["IsProdOrStaging"] == true)
        #expect(values["AlwaysTrue"] == true)
        #expect(values["Never"] == false)
        #expect(values["HasRegion2"] == false)
        #expect(values["InUsEast1"] == true)
        #expect(e.errors.isEmpty)
    }

    @Test func unknownParametersGiveUnknownConditions() throws {
        let e = Evaluator(template: try loadTemplate(Self.conditions), context: context(policy: .symbolic))
        #expect(e.conditionValue(named: "IsProd") == nil)
        #expect(e.conditionValue(named: "InUsEast1") == true)
        #expect(e.conditionValue(named: "Nope") == nil)
        #expect(e.errors.map(\.kind) == [.unknownCondition])
    }

    @Test func cyclesAreReported() throws {
        let t = try loadTemplate("""
            Conditions:
              A: !And [!Condition B, !Equals [x, x]]
              B: !Or [!Condition C, !Equals [x, y]]
              C: !Not [!Condition A]
              Self: !Condition Self
              Fine: !Equals [a, a]
            Resources: {}
            """)
        let e = Evaluator(template: t, context: context())
        #expect(e.conditionValue(named: "A") == nil)
        #expect(e.conditionValue(named: "Self") == nil)
        #expect(e.conditionValue(named: "Fine") == true)
        let cycles = e.errors.filter { $0.kind == .conditionCycle }
        #expect(cycles.count == 2)
        #expect(cycles[0].message.contains("A -> B -> C -> A"))
        #expect(cycles[0].description.hasPrefix("test.yaml:2:3:"))
    }

    @Test func eachConditionIsEvaluatedOnce() throws {
        // A chain where each condition uses the previous one twice: exponential without memoisation.
        var text = "Parameters:\n  P: {Type: String, Default: a}\nConditions:\n  C0: !Equals [!Ref P, a]\n"
        for i in 1...60 { text += "  C\(i): !And [!Condition C\(i - 1), !Not [!Not [!Condition C\(i - 1)]]]\n" }
        text += "Resources: {}\n"
        let e = Evaluator(template: try loadTemplate(text), context: context())
        let start = Date()
        #expect(e.conditionValue(named: "C60") == true)
        #expect(Date().timeIntervalSince(start) < 1)
    }

    @Test func conditionMustBeBoolean() throws {
        let t = try loadTemplate("Conditions:\n  A: !Ref AWS::Region\nResources: {}\n")
        let e = Evaluator(template: t, context: context())
        #expect(e.conditionValue(named: "A") == nil)
        #expect(e.errors.map(\.kind) == [.conditionNotBoolean])
    }

    // The documented Rules example: production needs m5 instance types.
    static let rules = """
        Parameters:
          Environment: {Type: String, Default: test, AllowedValues: [test, prod]}
          InstanceType: {Type: String, Default: t3.micro}
          Subnets: {Type: 'List<AWS::EC2::Subnet::Id>', Default: 'subnet-1,subnet-2'}
        Rules:
          prodInstanceType:
            RuleCondition: !Equals [!Ref Environment, prod]
            Assertions:
              - Assert: !Contains [[m5.large, m5.xlarge], !Ref InstanceType]
                AssertDescription: For a production environment, the instance type must be m5.large or m5.xlarge
          testInstanceType:
            RuleCondition: !Equals [!Ref Environment, test]
            Assertions:
              - Assert: !Not [!Equals [!Ref InstanceType, m5.xlarge]]
                AssertDescription: Test environments can't use m5.xlarge
          subnetsKnown:
            Assertions:
              - Assert: !EachMemberIn [!Ref Subnets, [subnet-1, subnet-2, subnet-3]]
              - Assert: !Equals [!ValueOf [Subnets, VpcId], vpc-1]
                AssertDescription: unknown here, so skipped
        Resources:
          T: {Type: AWS::SNS::Topic}
        """

    @Test(arguments: [
        ([("Environment", "prod"), ("InstanceType", "m5.large")], [String]()),
        ([("Environment", "prod")], ["rule prodInstanceType failed: For a production environment, the instance type must be m5.large or m5.xlarge"]),
        ([("InstanceType", "m5.xlarge")], ["rule testInstanceType failed: Test environments can't use m5.xlarge"]),
        ([("Subnets", "subnet-9")], ["rule subnetsKnown failed: an assertion failed"]),
    ])
    func ruleAssertions(_ parameters: [(String, String)], _ messages: [String]) throws {
        let e = Evaluator(template: try loadTemplate(Self.rules), context: context(parameters))
        let failures = e.checkRules()
        #expect(failures.map(\.message) == messages)
        #expect(failures.allSatisfy { $0.kind == .ruleAssertionFailed && $0.range.start.line > 0 })
    }
}

@Suite("ConditionAnalysis")
struct ConditionAnalysisTests {
    let analysis: ConditionAnalysis

    init() throws {
        analysis = ConditionAnalysis(template: try loadTemplate(ConditionTests.conditions))
    }

    @Test(arguments: [
        ("IsProd", ConditionAnalysis.Truth.dependsOnParameters),
        ("IsNotProd", .dependsOnParameters),
        ("AlwaysTrue", .alwaysTrue),
        ("Never", .alwaysFalse),
        ("IsQa", .alwaysFalse),           // qa is not in AllowedValues
        ("HasRegion2", .dependsOnParameters),
        ("InUsEast1", .dependsOnParameters),
    ])
    func truth(_ name: String, _ expected: ConditionAnalysis.Truth) {
        let (truth, approximate) = analysis.truth(of: name)
        #expect(truth == expected)
        #expect(!approximate)
    }

    @Test func mutualExclusion() {
        #expect(analysis.areMutuallyExclusive("IsProd", "IsNotProd") == .init(value: true, isApproximate: false))
        #expect(analysis.areMutuallyExclusive("IsProd", "IsDev").value)
        #expect(analysis.areMutuallyExclusive("IsDev", "IsProdOrStaging").value)
        #expect(!analysis.areMutuallyExclusive("IsNotProd", "IsDev").value)
        #expect(!analysis.areMutuallyExclusive("BigProd", "HasRegion2").value)
        #expect(analysis.canBothBeTrue("IsProd", "BigProd").value)
    }

    @Test func implication() {
        #expect(analysis.implies("BigProd", "IsProd").value)
        #expect(analysis.implies("IsDev", "IsNotProd").value)
        #expect(!analysis.implies("IsNotProd", "IsDev").value)
    }

    @Test func ifBranchChoices() {
        #expect(analysis.isSatisfiable(["IsProd": true, "BigProd": false]).value)
        #expect(!analysis.isSatisfiable(["IsProd": false, "BigProd": true]).value)
        #expect(!analysis.isSatisfiable([("IsDev", true), ("IsStaging", true)]).value)
        #expect(analysis.isSatisfiable([("IsDev", false), ("IsStaging", false), ("IsProd", false)]).value == false)
        #expect(analysis.isSatisfiable([String: Bool]()).value)
    }

    @Test func sameOpaqueComparisonIsOneUnknown() {
        let r = analysis.areMutuallyExclusive("Opaque", "OpaqueAgain")
        #expect(!r.value)
        #expect(analysis.implies("Opaque", "OpaqueAgain") == .init(value: true, isApproximate: false))
        #expect(analysis.truth(of: "Opaque").isApproximate)
    }

    @Test func parametersOfACondition() {
        #expect(analysis.parameters(of: "BigProd") == ["Env", "Size"])
        #expect(analysis.parameters(of: "InUsEast1") == ["AWS::Region"])
    }

    @Test func fixedValuesDecide() throws {
        let fixed = ConditionAnalysis(template: try loadTemplate(ConditionTests.conditions), fixedValues: ["AWS::Region": "eu-west-1"])
        #expect(fixed.truth(of: "InUsEast1").truth == .alwaysFalse)
    }

    @Test func cyclesAndUnknownNames() throws {
        let t = try loadTemplate("Conditions:\n  A: !Condition B\n  B: !Not [!Condition A]\n  C: !Condition Missing\nResources: {}\n")
        let a = ConditionAnalysis(template: t)
        #expect(a.errors.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.conditionCycle, .unknownCondition])
        #expect(a.truth(of: "C").isApproximate)
    }

    /// 40 conditions over 20 parameters without AllowedValues, chained through And/Or/Not: every
    /// truth and every pair answered quickly and deterministically.
    @Test func manyConditionsStayFast() throws {
        let text = chainedConditionsTemplate(conditions: 40, parameters: 20)
        let template = try loadTemplate(text)
        let start = Date()
        let a = ConditionAnalysis(template: template)
        var answers: [String] = []
        for x in a.conditionNames {
            answers.append("\(a.truth(of: x))")
            for y in a.conditionNames where x < y { answers.append(a.areMutuallyExclusive(x, y).description) }
        }
        #expect(Date().timeIntervalSince(start) < 5)  // about 10 ms in a release build
        let again = ConditionAnalysis(template: template)
        var second: [String] = []
        for x in again.conditionNames {
            second.append("\(again.truth(of: x))")
            for y in again.conditionNames where x < y { second.append(again.areMutuallyExclusive(x, y).description) }
        }
        #expect(answers == second)
    }

    @Test func budgetMakesAnswersApproximate() throws {
        // Contradiction hidden behind many independent parameters: the search must give up.
        var text = "Parameters:\n"
        for i in 0..<30 { text += "  P\(i): {Type: String}\n" }
        text += "Conditions:\n"
        var ors: [String] = []
        for i in 0..<30 { ors.append("!Equals [!Ref P\(i), x]") }
        text += "  Wide: !Or [\(ors[0..<10].joined(separator: ", "))]\n"
        text += "  Wide2: !Or [\(ors[10..<20].joined(separator: ", "))]\n"
        text += "  Wide3: !Or [\(ors[20..<30].joined(separator: ", "))]\n"
        text += "  All: !And [!Condition Wide, !Condition Wide2, !Condition Wide3, !Equals [a, b]]\n"
        text += "Resources: {}\n"
        let a = ConditionAnalysis(template: try loadTemplate(text), nodeBudget: 50)
        let r = a.truth(of: "All")
        #expect(r.truth == .alwaysFalse)  // folded at compile time: Equals [a, b] is false
        let wide = a.isSatisfiable(["Wide": false, "Wide2": false, "Wide3": true])
        #expect(wide == .init(value: true, isApproximate: false))
        // The same contradiction with the decision diagrams too small: the bounded search gives up.
        let contra = text.replacingOccurrences(of: "Resources: {}", with: "  Contra: !And [!Condition Wide3, !Not [!Condition Wide3]]\nResources: {}")
        let exact = ConditionAnalysis(template: try loadTemplate(contra))
        #expect(exact.isSatisfiable(["Wide": true, "Wide2": true, "Contra": true]) == .init(value: false, isApproximate: false))
        let bounded = ConditionAnalysis(template: try loadTemplate(contra), nodeBudget: 50, diagramNodeLimit: 3)
        // Parameters are tried in goal order, so the contradiction (P20...P29) is reached last.
        let goals = [("Wide", true), ("Wide2", true), ("Contra", true)]
        #expect(bounded.isSatisfiable(goals) == .init(value: true, isApproximate: true))
        #expect(bounded.nodesVisited <= 51)
        // Small questions are still answered exactly by the search.
        #expect(bounded.areMutuallyExclusive("Wide", "Wide") == .init(value: false, isApproximate: false))
    }
}

/// A template with `conditions` conditions over `parameters` String parameters, each condition
/// combining an equality and one or two earlier conditions through And/Or/Not.
func chainedConditionsTemplate(conditions: Int, parameters: Int) -> String {
    var text = "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n"
    for p in 0..<parameters { text += "  P\(p):\n    Type: String\n    Default: v\(p % 3)\n" }
    text += "Conditions:\n"
    for c in 0..<conditions {
        let eq = "!Equals [!Ref P\(c % parameters), v\(c % 3)]"
        switch c {
        case 0: text += "  C0: \(eq)\n"
        case 1: text += "  C1: !Not [!Condition C0]\n"
        default:
            switch c % 4 {
            case 0: text += "  C\(c): !And [!Condition C\(c - 1), \(eq)]\n"
            case 1: text += "  C\(c): !Or [!Condition C\(c - 2), !Not [\(eq)]]\n"
            case 2: text += "  C\(c): !And [!Not [!Condition C\(c - 1)], !Condition C\(c - 2), \(eq)]\n"
            default: text += "  C\(c): !Or [!And [!Condition C\(c / 2), \(eq)], !Condition C\(c - 1)]\n"
            }
        }
    }
    text += "Resources:\n"
    for c in 0..<conditions {
        text += "  Topic\(c):\n    Type: AWS::SNS::Topic\n    Condition: C\(c)\n    Properties:\n      TopicName: !If [C\(c), !Sub '${P\(c % parameters)}-on', !Ref AWS::NoValue]\n"
    }
    return text
}
