import CFNSchema
import CFNTemplate
import Foundation

/// A parameter's declared `Type`, as CloudFormation reads it.
public enum ParameterType: Sendable, Hashable {
    case string
    case number
    case numberList
    case commaDelimitedList
    /// An AWS-specific type (`AWS::EC2::VPC::Id`), or a `List<...>` of one.
    case awsSpecific(String, isList: Bool)
    /// `AWS::SSM::Parameter::Value<T>`: the value is an SSM parameter name, resolved at deploy time.
    case ssmValue(String)
    /// `AWS::SSM::Parameter::Name`.
    case ssmName

    /// AWS-specific parameter types and the prefix their ids start with (nil: no fixed shape).
    /// From the CloudFormation User Guide, "Supported AWS-specific parameter types".
    public static let awsSpecificTypes: [String: String?] = [
        "AWS::EC2::AvailabilityZone::Name": nil,
        "AWS::EC2::Image::Id": "ami-",
        "AWS::EC2::Instance::Id": "i-",
        "AWS::EC2::KeyPair::KeyName": nil,
        "AWS::EC2::SecurityGroup::GroupName": nil,
        "AWS::EC2::SecurityGroup::Id": "sg-",
        "AWS::EC2::Subnet::Id": "subnet-",
        "AWS::EC2::Volume::Id": "vol-",
        "AWS::EC2::VPC::Id": "vpc-",
        "AWS::Route53::HostedZone::Id": nil,
    ]

    public init?(_ text: String) {
        switch text {
        case "String": self = .string
        case "Number": self = .number
        case "List<Number>": self = .numberList
        case "CommaDelimitedList": self = .commaDelimitedList
        case "AWS::SSM::Parameter::Name": self = .ssmName
        default:
            if text.hasPrefix("AWS::SSM::Parameter::Value<"), text.hasSuffix(">") {
                let inner = String(text.dropFirst("AWS::SSM::Parameter::Value<".count).dropLast())
                guard ["String", "List<String>", "CommaDelimitedList"].contains(inner) || ParameterType(inner) != nil else { return nil }
                self = .ssmValue(inner)
            } else if text.hasPrefix("List<"), text.hasSuffix(">") {
                let inner = String(text.dropFirst(5).dropLast())
                guard Self.awsSpecificTypes[inner] != nil else { return nil }
                self = .awsSpecific(inner, isList: true)
            } else if Self.awsSpecificTypes[text] != nil {
                self = .awsSpecific(text, isList: false)
            } else {
                return nil
            }
        }
    }

    public var isList: Bool {
        switch self {
        case .numberList, .commaDelimitedList: return true
        case .awsSpecific(_, let isList): return isList
        default: return false
        }
    }
}

/// Turns the template's parameters and the given values into the values `Ref` returns, checking
/// them as CloudFormation does at create time: a value for every parameter without a default,
/// no unknown names, the Type, AllowedValues, AllowedPattern, MinLength/MaxLength, MinValue/MaxValue.
struct ParameterResolver {
    let template: Template
    let context: EvaluationContext

    func resolve() -> (values: [String: Value], errors: [EvaluationError]) {
        var values: [String: Value] = [:]
        var errors: [EvaluationError] = []
        let given = context.parameters
        for g in given.values where template.parameter(g.name) == nil {
            errors.append(EvaluationError(.unknownParameter,
                                          "parameter '\(g.name)' is given a value but the template declares no such parameter", at: g.range))
        }
        for p in template.parameters {
            let (value, problems) = resolve(p, given: given[p.name])
            values[p.name] = value
            errors += problems
        }
        return (values, errors)
    }

    private func resolve(_ p: Parameter, given: ParameterValues.Given?) -> (Value, [EvaluationError]) {
        let range = p.key.range
        var errors: [EvaluationError] = []
        let typeText = p.type ?? ""
        guard let type = ParameterType(typeText) else {
            let what = p.type == nil ? "has no Type" : "has an unknown Type '\(typeText)'"
            return (.symbolic(.parameter(name: p.name), range),
                    [EvaluationError(.invalidParameterType, "parameter '\(p.name)' \(what)", at: p.typeNode?.range ?? range)])
        }
        var text: String?
        var valueRange = range
        if given == nil, context.unknownParameters.contains(p.name) {
            return (.symbolic(.parameter(name: p.name), range), [])
        }
        if let given {
            text = given.value
            valueRange = given.range.isSynthetic ? range : given.range
        } else if context.parameterPolicy == .deploy, let d = p.defaultValue {
            valueRange = d.range
            if let t = d.text {
                text = t
            } else if let items = d.sequence, items.allSatisfy({ $0.text != nil }) {
                text = items.compactMap(\.text).joined(separator: ",")
            } else {
                errors.append(EvaluationError(.invalidParameterValue, "parameter '\(p.name)': Default must be a string", at: d.range))
            }
        }
        guard let text else {
            if context.parameterPolicy == .deploy, errors.isEmpty {
                errors.append(EvaluationError(.missingParameterValue,
                                              "parameter '\(p.name)' has no value: give one (\(context.parameterFlag) \(p.name)=...) or a Default", at: range))
            }
            if case .ssmValue = type { return (.symbolic(.ssmParameter(parameter: p.name, path: ""), range), errors) }
            return (.symbolic(.parameter(name: p.name), range), errors)
        }
        errors += check(p, type: type, text: text, at: valueRange)
        switch type {
        case .ssmValue:
            return (.symbolic(.ssmParameter(parameter: p.name, path: text), valueRange), errors)
        case _ where type.isList:
            return (.list(Self.splitList(text).map { .string($0, valueRange) }, valueRange), errors)
        default:
            return (.string(text, valueRange), errors)
        }
    }

    /// CommaDelimitedList items, each trimmed of spaces (CloudFormation User Guide, "Parameters").
    static func splitList(_ text: String) -> [String] {
        text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
    }

    private func check(_ p: Parameter, type: ParameterType, text: String, at range: SourceRange) -> [EvaluationError] {
        var errors: [EvaluationError] = []
        func fail(_ message: String) {
            var m = "parameter '\(p.name)' \(message)"
            if let c = p.constraintDescription?.text, !c.isEmpty { m += " (\(c))" }
            errors.append(EvaluationError(.invalidParameterValue, m, at: range))
        }
        let items = type.isList ? Self.splitList(text) : [text]
        switch type {
        case .number, .numberList:
            for item in items where Double(item) == nil || item.isEmpty {
                fail("must be a number, not '\(item)'")
            }
        case .awsSpecific(let name, _):
            for item in items where !item.isEmpty {
                if let prefix = ParameterType.awsSpecificTypes[name] ?? nil, !item.hasPrefix(prefix) {
                    fail("must be a \(name) (starting '\(prefix)'), not '\(item)'")
                } else if name == "AWS::EC2::AvailabilityZone::Name" {
                    let zones = context.registry.availabilityZones(region: context.region)
                    if !zones.isEmpty, !zones.contains(item) {
                        fail("must be an availability zone of \(context.region), not '\(item)'")
                    }
                }
            }
        default: break
        }
        if let allowed = p.allowedValues?.sequence {
            let allowedTexts = allowed.compactMap(\.text)
            for item in items where !allowedTexts.contains(item) {
                fail("value '\(item)' is not one of the AllowedValues [\(allowedTexts.joined(separator: ", "))]")
            }
        }
        if let pattern = p.allowedPattern?.text {
            if let regex = try? NSRegularExpression(pattern: pattern) {
                for item in items where !Self.wholeMatch(regex, item) {
                    fail("value '\(item)' does not match AllowedPattern '\(pattern)'")
                }
            }
            // A pattern this regex engine can't compile (CloudFormation uses Java's, which accepts
            // a little more, e.g. `[--]`) goes unchecked rather than reported.
        }
        if !type.isList {
            let length = text.count
            if let min = p.minLength?.text.flatMap({ Int($0) }), length < min {
                fail("value is \(length) characters long, shorter than MinLength \(min)")
            }
            if let max = p.maxLength?.text.flatMap({ Int($0) }), length > max {
                fail("value is \(length) characters long, longer than MaxLength \(max)")
            }
        }
        if case .number = type {} else if case .numberList = type {} else { return errors }
        for item in items {
            guard let n = Double(item) else { continue }
            if let min = p.minValue?.text.flatMap({ Double($0) }), n < min {
                fail("value \(item) is less than MinValue \(p.minValue!.text!)")
            }
            if let max = p.maxValue?.text.flatMap({ Double($0) }), n > max {
                fail("value \(item) is greater than MaxValue \(p.maxValue!.text!)")
            }
        }
        return errors
    }

    /// AllowedPattern must match the whole value (CloudFormation uses Java's `matches`).
    static func wholeMatch(_ regex: NSRegularExpression, _ text: String) -> Bool {
        let ns = text as NSString
        let full = NSRange(location: 0, length: ns.length)
        guard let m = regex.firstMatch(in: text, options: [.anchored], range: full) else { return false }
        if m.range == full { return true }
        // The first match may be shorter (alternation); ask again for the whole string.
        guard let whole = try? NSRegularExpression(pattern: "(?:" + regex.pattern + ")\\z", options: regex.options) else { return false }
        return whole.firstMatch(in: text, options: [.anchored], range: full) != nil
    }
}
