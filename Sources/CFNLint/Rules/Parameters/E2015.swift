import CFNTemplate
import Foundation

extension ParameterRules {
    static func fullMatch(_ pattern: String, _ value: String) -> Bool {
        guard let re = try? NSRegularExpression(pattern: "^(?:" + pattern + ")$") else { return true }
        return re.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
    }

    static let e2015 = Rule(
        "E2015", "Default value is within parameter constraints",
        "Checks a parameter's Default against its AllowedValues, AllowedPattern, MinLength/MaxLength and MinValue/MaxValue.",
        source: Docs.parameters, tags: ["parameters"],
        failing: [RuleExample("""
            Parameters:
              Pattern:
                Type: String
                AllowedPattern: "[a-z]+"
                ⟦E2015⟧Default: ABC
              Small:
                Type: Number
                MinValue: 5
                ⟦E2015⟧Default: 1
              Choice:
                Type: String
                AllowedValues: [a, b]
                ⟦E2015⟧Default: c
              Short:
                Type: String
                MaxLength: 2
                ⟦E2015⟧Default: abc
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Sub ${Pattern}${Small}${Choice}${Short}
            """)],
        passing: [RuleExample("""
            Parameters:
              Pattern:
                Type: String
                AllowedPattern: "[a-z]+"
                Default: abc
              Choice:
                Type: CommaDelimitedList
                AllowedValues: [a, b]
                Default: a,b
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Sub ${Pattern}
                  TopicName: !Join [",", !Ref Choice]
            """)]
    ) { ctx, out in
        for p in ctx.template.parameters {
            guard let d = p.node.entry("Default"), let text = d.value.text, !d.value.isNull else { continue }
            let path: [PathElement] = [.key("Parameters"), .key(p.name), .key("Default")]
            let type = p.type ?? "String"
            let values = type.hasPrefix("List<") || type == "CommaDelimitedList" ? text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) } : [text]
            var problems: [String] = []
            for v in values {
                if let pattern = p.allowedPattern?.text, !fullMatch(pattern, v) { problems.append("Default should be allowed by AllowedPattern") }
                if let min = p.minValue?.text.flatMap(Double.init), let n = Double(v), n < min { problems.append("Default should be equal to or higher than MinValue") }
                if let max = p.maxValue?.text.flatMap(Double.init), let n = Double(v), n > max { problems.append("Default should be less than or equal to MaxValue") }
                if let min = p.minLength?.text.flatMap(Int.init), v.count < min { problems.append("Default should have a length above or equal to MinLength") }
                if let max = p.maxLength?.text.flatMap(Int.init), v.count > max { problems.append("Default should have a length below or equal to MaxLength") }
                if let allowed = p.allowedValues?.sequence, !allowed.contains(where: { $0.text == v || $0.text == text }) { problems.append("Default should be a value within AllowedValues") }
            }
            var seen = Set<String>()
            for m in problems where seen.insert(m).inserted { out.add(m, at: d.key.range, path: path) }
        }
    }
}
