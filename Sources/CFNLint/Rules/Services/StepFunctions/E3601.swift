import CFNTemplate
import Foundation

extension TypeSpecificRules {
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
}
