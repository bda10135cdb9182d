import CFNTemplate
import Foundation

/// Type-specific checks of documents embedded in properties: Step Functions definitions (E3601)
/// and the actions of IAM policies (W3037). A document given as a JSON string is parsed and
/// its problems reported at the property's key, with the path inside the document.
extension TypeSpecificRules {
    /// A JSON text as a node tree without positions (keys sorted: the text's order is not kept).
    static func node(json text: String) -> Node? {
        guard let data = text.data(using: .utf8),
              let v = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return nil }
        return node(fromJSON: v)
    }

    private static func node(fromJSON v: Any) -> Node {
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

    // MARK: E3601 Step Functions definitions

    static let stateTypes = ["Pass", "Task", "Wait", "Choice", "Succeed", "Fail", "Parallel", "Map"]
    static let taskResource = PrintedPattern(#"^arn:aws:([a-z]|-)+:([a-z]|[0-9]|-)*:[0-9]*:([a-z]|-)+:[a-zA-Z0-9-_.]+(:(\$LATEST|[a-zA-Z0-9-_\.]+))?$"#)

    static let e3601 = Rule(
        "E3601", "Validate the structure of a StateMachine definition",
        "Checks the Definition or DefinitionString of a state machine: state types, a Resource for Task states in the ARN form (DefinitionSubstitutions variables accepted), and StartAt naming an existing state.",
        source: "https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-state-machine-structure.html",
        tags: ["resources", "statemachine"],
        failing: [RuleExample("""
            Resources:
              Machine:
                Type: AWS::StepFunctions::StateMachine
                Properties:
                  RoleArn: arn:aws:iam::123456789012:role/r
                  ⟦E3601⟧DefinitionString: |-
                    {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "lambda", "End": true}}}
              Machine1:
                Type: AWS::StepFunctions::StateMachine
                Properties:
                  RoleArn: arn:aws:iam::123456789012:role/r
                  ⟦E3601⟧DefinitionString: '{"StartAt": "Missing", "States": {"Done": {"Type": "Succeed"}}}'
              Machine2:
                Type: AWS::StepFunctions::StateMachine
                Properties:
                  RoleArn: arn:aws:iam::123456789012:role/r
                  Definition:
                    StartAt: Work
                    States:
                      Work:
                        ⟦E3601⟧Type: Job
                        End: true
            """)],
        passing: [RuleExample("""
            Resources:
              Machine:
                Type: AWS::StepFunctions::StateMachine
                Properties:
                  RoleArn: arn:aws:iam::123456789012:role/r
                  DefinitionSubstitutions:
                    Fn: arn:aws:lambda:us-east-1:123456789012:function:f
                  DefinitionString: |-
                    {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "${Fn}", "Next": "Done"},
                     "Done": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}
            """)]
    ) { ctx, out in
        for (_, props, loc) in TypeSpecific.resources(ctx, ["AWS::StepFunctions::StateMachine"]) {
            var keys = ["Definition"]
            if !ctx.template.isServerless { keys.append("DefinitionString") }
            let substitutions = Set(props["DefinitionSubstitutions"]?.mapping?.keys ?? [])
            for k in keys {
                guard let e = props.entry(k), e.value.intrinsic == nil else { continue }
                let keyLoc = Location(e.key.range, loc.path + [.key(k)])
                var definition = e.value
                var fromString = false
                if let s = e.value.scalar {
                    guard s.resolved.kind != .null, !s.text.isEmpty, let parsed = node(json: s.text) else { continue }
                    definition = parsed
                    fromString = true
                }
                guard let m = definition.mapping, !m.isEmpty else { continue }
                var checker = StateMachineChecker(keyLocation: keyLoc, fromString: fromString, substitutions: substitutions)
                checker.states(m, at: keyLoc, relative: [])
                checker.startAt(m, relative: [])
                for (message, location) in checker.found { out.add(message, at: location) }
            }
        }
    }

    struct StateMachineChecker {
        let keyLocation: Location
        let fromString: Bool
        let substitutions: Set<String>
        var found: [(String, Location)] = []

        private mutating func report(_ message: String, _ rel: [PathElement], _ loc: Location) {
            let suffix = fromString && rel.count > 1 ? " at \(TypeSpecific.repr(rel.slashed))" : ""
            found.append((message + suffix, Location(fromString ? keyLocation.range : loc.range, keyLocation.path + rel)))
        }

        /// Schema checks of the states of a definition (and of Map item processors).
        mutating func states(_ definition: Mapping, at loc: Location, relative rel: [PathElement]) {
            guard let (stateMap, statesLoc) = located(definition, "States", under: loc), let sm = stateMap.mapping, stateMap.intrinsic == nil else { return }
            for e in sm.entries {
                let stateRel = rel + [.key("States"), .key(e.key.name)]
                let stateLoc = Location(e.key.range.isSynthetic ? statesLoc.range : e.key.range, statesLoc.path + [.key(e.key.name)])
                guard let state = e.value.mapping, e.value.intrinsic == nil else { continue }
                guard let (type, typeLoc) = located(state, "Type", under: stateLoc) else {
                    report("'Type' is a required property", stateRel, stateLoc)
                    continue
                }
                guard let t = type.scalar?.text, type.scalar?.resolved.kind == .string, stateTypes.contains(t) else {
                    if type.intrinsic == nil {
                        report("\(TypeSpecific.repr(type)) is not one of \(TypeSpecific.repr(stateTypes))", stateRel + [.key("Type")], typeLoc)
                    }
                    continue
                }
                switch t {
                case "Task":
                    guard let (resource, resourceLoc) = located(state, "Resource", under: stateLoc) else {
                        report("'Resource' is a required property", stateRel, stateLoc)
                        continue
                    }
                    guard let s = resource.scalar, s.resolved.kind == .string else { continue }
                    let bare = s.text.replacingOccurrences(of: "${", with: "").replacingOccurrences(of: "}", with: "")
                        .trimmingCharacters(in: .whitespaces)
                    if substitutions.contains(bare) { continue }
                    if taskResource.matches(s.text) == false {
                        report(taskResource.message(s.text), stateRel + [.key("Resource")], resourceLoc)
                    }
                case "Map":
                    if let (processor, processorLoc) = located(state, "ItemProcessor", under: stateLoc), let pm = processor.mapping {
                        self.states(pm, at: processorLoc, relative: stateRel + [.key("ItemProcessor")])
                    }
                default: break
                }
            }
        }

        /// StartAt names a state, at every level (Parallel branches, Map processors and iterators).
        mutating func startAt(_ definition: Mapping, relative rel: [PathElement]) {
            guard let start = definition["StartAt"]?.scalar?.text, definition["StartAt"]?.intrinsic == nil,
                  let states = definition["States"]?.mapping, definition["States"]?.intrinsic == nil else { return }
            if states[start] == nil {
                let display = "/" + (rel + [.key("StartAt")]).slashed
                let loc = definition.entry("StartAt").map { Location($0.key.range.isSynthetic ? keyLocation.range : $0.key.range, []) } ?? keyLocation
                found.append(("Missing 'Next' target \(TypeSpecific.repr(start)) at \(display)",
                              Location(fromString ? keyLocation.range : loc.range, keyLocation.path + rel + [.key("StartAt")])))
            }
            for e in states.entries {
                guard let state = e.value.mapping, let type = state["Type"]?.scalar?.text else { continue }
                let stateRel = rel + [.key("States"), .key(e.key.name)]
                if type == "Parallel", let branches = state["Branches"]?.sequence {
                    for (i, b) in branches.enumerated() {
                        if let bm = b.mapping { startAt(bm, relative: stateRel + [.key("Branches"), .index(i)]) }
                    }
                }
                if type == "Map" {
                    for k in ["ItemProcessor", "Iterator"] {
                        if let pm = state[k]?.mapping { startAt(pm, relative: stateRel + [.key(k)]) }
                    }
                }
            }
        }
    }

    // MARK: W3037 IAM actions

    /// Policy document properties per resource type (`*`: every item of a list).
    static let policyProperties: [String: [[String]]] = [
        "AWS::IAM::Group": [["Policies", "*", "PolicyDocument"]],
        "AWS::IAM::Role": [["Policies", "*", "PolicyDocument"], ["AssumeRolePolicyDocument"]],
        "AWS::IAM::User": [["Policies", "*", "PolicyDocument"]],
        "AWS::IAM::ManagedPolicy": [["PolicyDocument"]],
        "AWS::IAM::Policy": [["PolicyDocument"]],
        "AWS::IAM::UserPolicy": [["PolicyDocument"]],
        "AWS::IAM::RolePolicy": [["PolicyDocument"]],
        "AWS::IAM::GroupPolicy": [["PolicyDocument"]],
        "AWS::SSO::PermissionSet": [["InlinePolicy"]],
        "AWS::KMS::Key": [["KeyPolicy"]],
        "AWS::OpenSearchService::Domain": [["AccessPolicies"]],
        "AWS::S3::BucketPolicy": [["PolicyDocument"]],
        "AWS::SNS::TopicPolicy": [["PolicyDocument"]],
        "AWS::SQS::QueuePolicy": [["PolicyDocument"]],
        "AWS::ECR::Repository": [["RepositoryPolicyText"]],
    ]
    /// Resource policies that only take their own service's actions.
    static let policyServices: [String: String] = [
        "AWS::S3::BucketPolicy": "s3", "AWS::SQS::QueuePolicy": "sqs", "AWS::SNS::TopicPolicy": "sns",
    ]

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

    static let w3037 = Rule(
        "W3037", "Check IAM Permission configuration",
        "Checks the actions of IAM policies (Action and NotAction) against the services and actions IAM knows (wildcards allowed), and resource policies for the service they belong to.",
        source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html",
        tags: ["properties", "iam", "permissions"],
        failing: [RuleExample("""
            Resources:
              Policy:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        ⟦W3037⟧Action: [s3:GetObject, s3:ListObjects]
                        Resource: "*"
                      - Effect: Allow
                        ⟦W3037⟧Action: nosuchservice:Get*
                        Resource: "*"
            """)],
        passing: [RuleExample("""
            Resources:
              Policy:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Action: [s3:GetObject, "s3:List*", "ec2:Describe?pcs", "*"]
                        Resource: "*"
            """)]
    ) { ctx, out in
        if ctx.template.isServerless { return }
        for r in ctx.template.resources {
            guard let type = r.type, let paths = policyProperties[type], let e = r.node.entry("Properties"), let props = e.value.mapping else { continue }
            let loc = Location(e.key.range, [.key("Resources"), .key(r.logicalId), .key("Properties")])
            for path in paths {
                for (doc, docLoc) in follow(props, path[...], loc) {
                    checkPolicy(doc, at: docLoc, service: policyServices[type], &out)
                }
            }
        }
    }

    /// The values at a property path (`*` for list items), through `Fn::If`.
    static func follow(_ m: Mapping, _ path: ArraySlice<String>, _ loc: Location) -> [(Node, Location)] {
        guard let key = path.first, let (value, valueLoc) = TypeSpecific.entry(m, key, under: loc) else { return [] }
        let rest = path.dropFirst()
        var out: [(Node, Location)] = []
        for b in TypeSpecific.branches(value, at: valueLoc) {
            if rest.isEmpty {
                out.append((b.node, b.location))
            } else if rest.first == "*" {
                for item in TypeSpecific.items(b.node, at: b.location) {
                    if let im = item.node.mapping, item.node.intrinsic == nil { out += follow(im, rest.dropFirst(), item.location) }
                }
            } else if let bm = b.node.mapping, b.node.intrinsic == nil {
                out += follow(bm, rest, b.location)
            }
        }
        return out
    }

    static func checkPolicy(_ value: Node, at loc: Location, service only: String?, _ out: inout Findings) {
        var doc = value
        if let s = value.scalar {
            guard s.resolved.kind == .string, let parsed = node(json: s.text) else { return }
            doc = parsed
        }
        guard let dm = doc.mapping, doc.intrinsic == nil, let (statements, sLoc) = located(dm, "Statement", under: loc) else { return }
        var list: [TypeSpecific.Branch] = []
        for b in TypeSpecific.branches(statements, at: sLoc) {
            if b.node.sequence != nil { list += TypeSpecific.items(b.node, at: b.location) } else { list.append(b) }
        }
        for st in list {
            guard let sm = st.node.mapping, st.node.intrinsic == nil else { continue }
            for key in ["Action", "NotAction"] {
                guard let (actions, aLoc) = located(sm, key, under: st.location) else { continue }
                for b in TypeSpecific.branches(actions, at: aLoc, keepLocation: true) {
                    var names: [String] = []
                    if let items = b.node.sequence {
                        for i in items { for ib in TypeSpecific.branches(i, at: aLoc, keepLocation: true) { if let s = TypeSpecific.string(ib.node) { names.append(s) } } }
                    } else if let s = TypeSpecific.string(b.node) {
                        names.append(s)
                    }
                    checkActions(names, only: only, at: aLoc, &out)
                }
            }
        }
    }

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
}
