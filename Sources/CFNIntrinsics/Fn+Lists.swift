import CFNTemplate
import Foundation

// Fn::Select, Fn::Join, Fn::Split, Fn::Length, Fn::ToJsonString, Fn::Base64.
extension Evaluator {
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-select.html
    func fnSelect(_ argument: Node, _ node: Node) -> Value {
        guard let items = arguments("Fn::Select", argument, 2...2, "[index, list]") else {
            return .function("Fn::Select", evaluate(argument), node.range)
        }
        let index = evaluate(items[0])
        let list = evaluate(items[1])
        let partial = Value.function("Fn::Select", .list([index, list], argument.range), node.range)
        var failed = false
        guard let indexText = stringArgument(index, "Fn::Select's index", failed: &failed) else { return partial }
        guard let i = Int(indexText) else {
            report(.wrongArgumentType, "Fn::Select's index must be a whole number, not '\(indexText)'", at: index.range)
            return partial
        }
        switch list.kind {
        case .list(let values):
            if let problem = SelectIndex.problem(index: i, count: values.count) {
                report(.indexOutOfRange, problem, at: index.range)
                return partial
            }
            return values[i]
        case .symbolic(let s):
            if s.isList == false {
                report(.wrongArgumentType, "Fn::Select needs a list, but \(s) is not one", at: list.range)
            }
            if i < 0 { report(.indexOutOfRange, "Fn::Select index \(i) is negative", at: index.range) }
            return partial
        default:
            report(.wrongArgumentType, "Fn::Select needs a list to select from, not \(list.kindName)", at: list.range)
            return partial
        }
    }

    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-join.html
    func fnJoin(_ argument: Node, _ node: Node) -> Value {
        guard let items = arguments("Fn::Join", argument, 2...2, "[delimiter, list]") else {
            return .function("Fn::Join", evaluate(argument), node.range)
        }
        let delimiter = evaluate(items[0])
        let list = evaluate(items[1])
        let partial = Value.function("Fn::Join", .list([delimiter, list], argument.range), node.range)
        guard let d = delimiter.scalarText else {
            report(.wrongArgumentType, "Fn::Join's delimiter must be a string, not \(delimiter.kindName)", at: delimiter.range)
            return partial
        }
        guard case .list(let parts) = list.kind else {
            if case .symbolic(let s) = list.kind {
                if s.isList == false { report(.wrongArgumentType, "Fn::Join needs a list, but \(s) is not one", at: list.range) }
                return partial
            }
            report(.wrongArgumentType, "Fn::Join's second argument must be a list, not \(list.kindName)", at: list.range)
            return partial
        }
        var texts: [String] = []
        var dynamic = false
        for part in parts {
            if let t = part.scalarText {
                texts.append(t)
            } else if case .symbolic(.dynamicReference(let t)) = part.kind {
                texts.append(t)
                dynamic = true
            } else if part.isSymbolic {
                return partial
            } else {
                report(.wrongArgumentType, "Fn::Join can only join strings, but an item is \(part.kindName)", at: part.range)
                return partial
            }
        }
        let joined = texts.joined(separator: d)
        return dynamic ? .symbolic(.dynamicReference(joined), node.range) : .string(joined, node.range)
    }

    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-split.html
    func fnSplit(_ argument: Node, _ node: Node) -> Value {
        guard let items = arguments("Fn::Split", argument, 2...2, "[delimiter, source string]") else {
            return .function("Fn::Split", evaluate(argument), node.range)
        }
        let delimiter = evaluate(items[0])
        let source = evaluate(items[1])
        let partial = Value.function("Fn::Split", .list([delimiter, source], argument.range), node.range)
        guard let d = delimiter.scalarText, !d.isEmpty else {
            report(.wrongArgumentType, "Fn::Split's delimiter must be a non-empty string", at: delimiter.range)
            return partial
        }
        var failed = false
        guard let s = stringArgument(source, "Fn::Split's source", failed: &failed) else { return partial }
        return .list(s.components(separatedBy: d).map { .string($0, node.range) }, node.range)
    }

    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-length.html
    func fnLength(_ argument: Node, _ node: Node) -> Value {
        let list = evaluate(argument)
        switch list.kind {
        case .list(let items): return Value(.number(String(items.count)), range: node.range)
        case .symbolic: return .function("Fn::Length", list, node.range)
        default:
            report(.wrongArgumentType, "Fn::Length takes a list, not \(list.kindName)", at: list.range)
            return .function("Fn::Length", list, node.range)
        }
    }

    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-ToJsonString.html
    func fnToJsonString(_ argument: Node, _ node: Node) -> Value {
        let value = evaluate(argument)
        switch value.kind {
        case .list, .map:
            if let text = value.jsonText() { return .string(text, node.range) }
            return .function("Fn::ToJsonString", value, node.range)
        case .symbolic:
            return .function("Fn::ToJsonString", value, node.range)
        default:
            report(.wrongArgumentType, "Fn::ToJsonString takes an object or a list, not \(value.kindName)", at: value.range)
            return .function("Fn::ToJsonString", value, node.range)
        }
    }

    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-base64.html
    func fnBase64(_ argument: Node, _ node: Node) -> Value {
        let value = evaluate(argument)
        var failed = false
        guard let s = stringArgument(value, "Fn::Base64's argument", failed: &failed) else {
            return .function("Fn::Base64", value, node.range)
        }
        return .string(Data(s.utf8).base64EncodedString(), node.range)
    }
}
