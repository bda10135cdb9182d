import CFNGraph
import CFNIntrinsics
import CFNTemplate
import FuzzSupport

// Random templates from a small grammar of intrinsic functions, steered by the fuzzer's bytes:
// parameters, mappings, conditions (which may reference each other, in cycles), resources with
// DependsOn and intrinsic-valued properties, outputs, sometimes Fn::ForEach. Each template is
// evaluated (TemplateResolver), and its dependency graph and deployment plan are built.
// The generated JSON also goes through the loader, so every input exercises the whole stack.

let context = EvaluationContext(region: "us-east-1", stackName: "fuzz", forEachLimit: 2_000)

struct Grammar {
    var s: ByteStream
    let parameters = ["Env", "Count", "Names", "Missing"]
    let resources = ["Bucket", "Topic", "Queue", "Role", "Nope"]
    let conditions = ["IsProd", "HasName", "Both", "Never"]
    let pseudo = ["AWS::Region", "AWS::AccountId", "AWS::StackName", "AWS::NoValue", "AWS::URLSuffix", "AWS::Partition", "AWS::NotReal"]

    init(_ bytes: [UInt8]) { s = ByteStream(bytes) }

    mutating func string() -> String {
        s.element(["", "a", "prod", "dev", "10.0.0.0/16", "a,b,c", "${AWS::Region}", "x-${Env}", "${Bucket.Arn}", "${!Literal}", "${", "${}", "1", "-1", "ü", "${Missing}"])
    }

    mutating func quoted(_ text: String) -> String { Emitter.jsonString(text) }

    mutating func expression(_ depth: Int) -> String {
        if depth <= 0 || s.isEmpty { return quoted(string()) }
        switch s.pick(22) {
        case 0: return quoted(string())
        case 1: return String(Int(s.byte()) - 3)
        case 2: return #"{"Ref": \#(quoted(s.element(parameters + resources + pseudo)))}"#
        case 3:
            let arity = s.pick(4)
            let parts = [s.element(resources), s.element(["Arn", "Name", "QueueName", "Nope", "A.B"]), "Extra"].prefix(arity)
            return #"{"Fn::GetAtt": [\#(parts.map { quoted($0) }.joined(separator: ","))]}"#
        case 4: return #"{"Fn::Sub": \#(quoted(string() + string() + string()))}"#
        case 5: return #"{"Fn::Sub": [\#(quoted(string() + "${V}")), {"V": \#(expression(depth - 1))}]}"#
        case 6: return #"{"Fn::Join": [\#(quoted(s.element(["", ",", "-"]))), \#(list(depth - 1))]}"#
        case 7: return #"{"Fn::Select": [\#(Int(s.byte()) % 6 - 1), \#(list(depth - 1))]}"#
        case 8: return #"{"Fn::Split": [",", \#(expression(depth - 1))]}"#
        case 9: return #"{"Fn::If": [\#(quoted(s.element(conditions + ["Undefined"]))), \#(expression(depth - 1)), \#(expression(depth - 1))]}"#
        case 10: return #"{"Fn::FindInMap": [\#(quoted(s.element(["Map", "NoMap"]))), \#(expression(depth - 1)), \#(quoted(s.element(["Size", "Nope"])))]}"#
        case 11: return #"{"Fn::Base64": \#(expression(depth - 1))}"#
        case 12: return #"{"Fn::Cidr": [\#(expression(depth - 1)), \#(Int(s.byte()) % 300 - 10), \#(Int(s.byte()) % 40 - 2)]}"#
        case 13: return #"{"Fn::GetAZs": \#(s.chance(50) ? "\"\"" : expression(depth - 1))}"#
        case 14: return #"{"Fn::ImportValue": \#(expression(depth - 1))}"#
        case 15: return #"{"Fn::Length": \#(list(depth - 1))}"#
        case 16: return #"{"Fn::ToJsonString": {"k": \#(expression(depth - 1))}}"#
        case 17: return list(depth - 1)
        case 18: return #"{"Fn::Select": [\#(expression(depth - 1)), {"Fn::GetAZs": ""}]}"#
        case 19: return #"{"Fn::Transform": {"Name": "AWS::Include"}}"#
        case 20: return #"{"Ref": \#(expression(depth - 1))}"#
        default: return #"{"Fn::Unknown": \#(expression(depth - 1))}"#
        }
    }

    mutating func list(_ depth: Int) -> String {
        if s.chance(25) { return expression(depth) }
        let n = s.pick(4)
        return "[" + (0..<n).map { _ in expression(depth) }.joined(separator: ",") + "]"
    }

    mutating func condition(_ depth: Int) -> String {
        if depth <= 0 { return #"{"Fn::Equals": ["a", "a"]}"# }
        switch s.pick(6) {
        case 0: return #"{"Fn::Equals": [\#(expression(2)), \#(expression(2))]}"#
        case 1: return #"{"Fn::And": [\#(condition(depth - 1)), \#(condition(depth - 1))]}"#
        case 2: return #"{"Fn::Or": [\#(condition(depth - 1)), \#(condition(depth - 1))]}"#
        case 3: return #"{"Fn::Not": [\#(condition(depth - 1))]}"#
        case 4: return #"{"Condition": \#(quoted(s.element(conditions + ["Undefined"])))}"#
        default: return expression(1)
        }
    }

    mutating func template() -> String {
        var sections: [String] = []
        if s.chance(30) { sections.append(#""Transform": "AWS::LanguageExtensions""#) }
        sections.append(#"""
        "Parameters": {"Env": {"Type": "String", "Default": "prod", "AllowedValues": ["prod", "dev"]},
          "Count": {"Type": "Number", "Default": \#(Int(s.byte()))}, "Names": {"Type": "CommaDelimitedList", "Default": "a,b"}}
        """#)
        sections.append(#""Mappings": {"Map": {"prod": {"Size": "large"}, "dev": {"Size": \#(expression(1))}}}"#)
        let conditionBodies = conditions.map { name in "\(quoted(name)): \(condition(3))" }
        sections.append(#""Conditions": {\#(conditionBodies.joined(separator: ","))}"#)
        var resourceBodies: [String] = []
        for (i, name) in resources.dropLast().enumerated() where i == 0 || s.chance(80) {
            let type = ["AWS::S3::Bucket", "AWS::SNS::Topic", "AWS::SQS::Queue", "AWS::IAM::Role"][i]
            var body = #""Type": \#(quoted(type)), "Properties": {"Tags": [{"Key": "k", "Value": \#(expression(4))}], "Name": \#(expression(4))}"#
            if s.chance(40) { body += #", "DependsOn": \#(s.chance(50) ? quoted(s.element(resources)) : list(0))"# }
            if s.chance(30) { body += #", "Condition": \#(quoted(s.element(conditions + ["Undefined"])))"# }
            resourceBodies.append("\(quoted(name)): {\(body)}")
        }
        if s.chance(30) {
            let collection = s.chance(50) ? #"["A", "B", "C"]"# : expression(2)
            resourceBodies.append(#""Fn::ForEach::Loop": ["X", \#(collection), {"Item${X}": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Fn::Sub": "t-${X}"}, "Other": \#(expression(2))}}}]"#)
        }
        sections.append(#""Resources": {\#(resourceBodies.joined(separator: ","))}"#)
        let outputs = (0..<s.pick(3)).map { i in #""Out\#(i)": {"Value": \#(expression(5))}"# }
        sections.append(#""Outputs": {\#(outputs.joined(separator: ","))}"#)
        return "{" + sections.joined(separator: ",\n") + "}"
    }
}

let loader = TemplateLoader()

@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var grammar = Grammar(Array(UnsafeBufferPointer(start: data, count: size)))
    let text = grammar.template()
    let document: LoadedDocument
    do { document = try loader.load(bytes: Array(text.utf8), path: "generated.json") } catch {
        fatalError("the grammar produced a template that does not load: \(error)\n\(text)")
    }
    let template = Template(document)
    let result = TemplateResolver.resolve(template, context: context)
    _ = Emitter.emit(result.template.root, as: .json)
    let graph = DependencyGraph(template: result.template)
    _ = try? DeploymentPlan(graph: graph)
    return 0
}
