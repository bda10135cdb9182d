import CFNTemplate
import Foundation

/// Type-specific property checks (cfn-lint's schema "extensions" and resource rules): Route 53
/// records, Step Functions definitions, security group ports, IAM actions, nested stack
/// parameters, CloudFront aliases, ElastiCache cluster mode, route table associations.
enum TypeSpecificRules {
    /// A JSON text as a node tree without positions (keys sorted: the text's order is not kept).
    static func node(json text: String) -> Node? {
        guard let data = text.data(using: .utf8),
              let v = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return nil }
        return node(fromJSON: v)
    }

    static func node(fromJSON v: Any) -> Node {
        switch v {
        case let d as [String: Any]:
            return Node(.mapping(Mapping(d.keys.sorted().map { Mapping.Entry(key: MappingKey($0), value: node(fromJSON: d[$0]!)) })))
        case let a as [Any]:
            return Node(.sequence(a.map { node(fromJSON: $0) }))
        case let s as String:
            return Node(.scalar(Scalar(s, style: .doubleQuoted)))
        case is NSNull:
            return Node(.scalar(Scalar("null", style: .plain)))
        default:
            return Node(.scalar(Scalar("\(v)", style: .plain)))
        }
    }

    /// The entry `key` of a mapping; a key without a position (parsed JSON) reports where `loc` does.
    static func located(_ m: Mapping?, _ key: String, under loc: Location) -> (node: Node, location: Location)? {
        guard let e = m?.entry(key), !PropertyValidator.isNoValue(e.value) else { return nil }
        return (e.value, Location(e.key.range.isSynthetic ? loc.range : e.key.range, loc.path + [.key(key)]))
    }

    static let stateTypes = ["Pass", "Task", "Wait", "Choice", "Succeed", "Fail", "Parallel", "Map"]

    static let taskResource = PrintedPattern(#"^arn:aws:([a-z]|-)+:([a-z]|[0-9]|-)*:[0-9]*:([a-z]|-)+:[a-zA-Z0-9-_.]+(:(\$LATEST|[a-zA-Z0-9-_\.]+))?$"#)

    /// Service prefix -> (action set, actions in the data's order); built once per process.
    static let iamServices: [String: (set: Set<String>, ordered: [String])] = {
        var out: [String: (Set<String>, [String])] = [:]
        for line in IAMActionData.services {
            let words = line.split(separator: " ").map(String.init)
            guard let service = words.first else { continue }
            let actions = Array(words.dropFirst())
            out[service] = (Set(actions), actions)
        }
        return out
    }()

    static let iamServiceNames: [String] = IAMActionData.services.compactMap { $0.split(separator: " ").first.map(String.init) }

    static func checkActions(_ actions: [String], only: String?, at loc: Location, _ out: inout Findings) {
        for action in actions where action != "*" {
            guard let colon = action.firstIndex(of: ":") else {
                out.add("\(TypeSpecific.repr(action)) is not a valid action. Must be of the form service:action or '*'", at: loc)
                return
            }
            let service = action[..<colon].lowercased()
            let permission = action[action.index(after: colon)...].lowercased()
            if let only, service != only {
                out.add("\(TypeSpecific.repr(service)) is not one of \(TypeSpecific.repr([only]))", at: loc)
            }
            guard let known = iamServices[service] else {
                out.add("\(TypeSpecific.repr(service)) is not one of \(TypeSpecific.repr(iamServiceNames))", at: loc)
                continue
            }
            let ok: Bool
            if permission.contains("*") || permission.contains("?") {
                let regex = "^" + permission.replacingOccurrences(of: "*", with: ".*").replacingOccurrences(of: "?", with: ".") + "$"
                ok = known.ordered.contains { PatternCache.shared.matches(regex, $0) ?? true }
            } else {
                ok = known.set.contains(permission)
            }
            if !ok { out.add("\(TypeSpecific.repr(permission)) is not one of \(TypeSpecific.repr(known.ordered))", at: loc) }
        }
    }

    static func docs(_ page: String) -> String { Docs.base + page }

    enum RecordCheck: Sendable {
        case pattern(PrintedPattern)
        case ipv4, ipv6, cname
    }

    static let domainName = PrintedPattern(##"^[a-zA-Z0-9\!"\#\$\%\&\'\(\)\*\+\,-\/\:\;\<\=\>\?\@\[\\\]\^\_\`\{\|\}\~\.]+$"##)

    static let acmValidation = PrintedPattern(#"^.*\.acm-validations\.aws\.?$"#)

    static let recordChecks: [String: RecordCheck] = [
        "A": .ipv4,
        "AAAA": .ipv6,
        "CAA": .pattern(PrintedPattern(#"^(0|128)\s([a-zA-Z0-9]+)\s(".+")$"#)),
        "CNAME": .cname,
        "MX": .pattern(PrintedPattern(##"^([0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{1-3}|65[0-4][0-9]{1-2}|655[0-2][0-9]|6553[0-5])\s[a-zA-Z0-9\!"\#\$\%\&\'\(\)\*\+\,-\/\:\;\<\=\>\?\@\[\\\]\^\_\`\{\|\}\~\.]+$"##)),
        "NS": .pattern(domainName),
        "PTR": .pattern(domainName),
        "TXT": .pattern(PrintedPattern(#"^("[^"]{1,255}" *)*"[^"]{1,255}"$"#)),
    ]

    /// Record types that take a single value.
    static let singleValued: Set<String> = ["CNAME", "SOA"]

    static let portProtocols: Set<String> = ["1", "icmp", "6", "tcp", "17", "udp"]
}
