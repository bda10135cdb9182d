import CFNTemplate

// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-findinmap.html
// Under AWS::LanguageExtensions a fourth argument `{DefaultValue: ...}` is returned when a key is missing.
extension Evaluator {
    func fnFindInMap(_ argument: Node, _ node: Node) -> Value {
        let maxCount = usesLanguageExtensions ? 4 : 3
        guard let items = arguments("Fn::FindInMap", argument, 3...maxCount, "[MapName, TopLevelKey, SecondLevelKey]") else {
            if argument.sequence?.count == 4 {
                report(.languageExtensionsRequired, "Fn::FindInMap's DefaultValue needs the AWS::LanguageExtensions transform", at: argument.range)
            }
            return .function("Fn::FindInMap", evaluate(argument), node.range)
        }
        var defaultNode: Node?
        if items.count == 4 {
            guard let d = items[3].mapping?["DefaultValue"], items[3].mapping?.count == 1 else {
                report(.wrongArgumentType, "Fn::FindInMap's fourth argument must be {DefaultValue: value}", at: items[3].range)
                return .function("Fn::FindInMap", evaluate(argument), node.range)
            }
            defaultNode = d
        }
        let keys = items[0..<3].map { evaluate($0) }
        var texts: [String] = []
        var failed = false
        for (i, k) in keys.enumerated() {
            let what = ["map name", "top-level key", "second-level key"][i]
            guard let t = stringArgument(k, "Fn::FindInMap's \(what)", failed: &failed) else {
                var args = keys
                if let defaultNode { args.append(Value(.map([Value.Entry(key: "DefaultValue", value: evaluate(defaultNode))]), range: items[3].range)) }
                return .function("Fn::FindInMap", .list(args, argument.range), node.range)
            }
            texts.append(t)
        }
        func missing(_ message: String, at range: SourceRange, _ kind: EvaluationError.Kind) -> Value {
            if let defaultNode { return evaluate(defaultNode) }
            report(kind, message, at: range)
            return .function("Fn::FindInMap", .list(keys, argument.range), node.range)
        }
        guard let map = template.mapping(texts[0]) else {
            return missing("Fn::FindInMap: no mapping is named '\(texts[0])'", at: keys[0].range, .unknownMapping)
        }
        guard let top = map.node[texts[1]] else {
            return missing("Fn::FindInMap: mapping '\(texts[0])' has no key '\(texts[1])'", at: keys[1].range, .unknownMappingKey)
        }
        guard let value = top[texts[2]] else {
            return missing("Fn::FindInMap: mapping '\(texts[0])' has no key '\(texts[2])' under '\(texts[1])'", at: keys[2].range,
                           .unknownMappingKey)
        }
        return evaluate(value)
    }
}
