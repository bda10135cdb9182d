import CFNTemplate
import Foundation

extension TypeSpecificRules {
    /// The parameters of a local nested template (name -> has a Default), nil when unreadable.
    static func nestedParameters(_ file: String) -> [String: Bool]? {
        guard FileManager.default.fileExists(atPath: file), let doc = try? TemplateLoader().load(path: file) else { return nil }
        var out: [String: Bool] = [:]
        guard let params = doc.root["Parameters"] else { return [:] }
        guard let m = params.mapping else { return nil }
        for e in m.entries { out[e.key.name] = e.value["Default"].map { !$0.isNull } ?? false }
        return out
    }

    static let e3043 = Rule(
        "E3043", "Validate parameters for in a nested stack",
        "Checks the Parameters of a nested stack whose TemplateURL is a local file: every parameter without a default is given, and no parameter the nested template lacks.",
        source: Docs.cfnLint, tags: ["resources", "cloudformation"],
        // The failing example reads Templates/nested/network.yaml relative to the working directory
        // (the package root when tests run).
        failing: [RuleExample("""
            Resources:
              Stack:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: Templates/nested/network.yaml
                  ⟦E3043⟧Parameters:
                    VpcCidr: 10.0.0.0/16
                    ⟦E3043⟧Extra: a
            """)],
        passing: [RuleExample("""
            Resources:
              Stack:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: https://example.com/nested.yaml
                  Parameters:
                    Anything: a
            """)]
    ) { ctx, out in
        let path = ctx.template.path
        guard path != "<memory>", path != "-" else { return }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        for (_, props, loc) in TypeSpecific.resources(ctx, ["AWS::CloudFormation::Stack"]) {
            var names: [String] = []
            for k in ["TemplateURL", "Parameters"] { if let n = props[k] { TypeSpecific.conditionNames(n, into: &names) } }
            let scenarios: [[ConditionAssumption]?] = names.isEmpty ? [nil] : TypeSpecific.scenarios(ctx, names).map { $0 }
            for scenario in scenarios {
                guard let url = props["TemplateURL"].flatMap({ TypeSpecific.resolve($0, scenario ?? []) }).flatMap(TypeSpecific.string),
                      !url.hasPrefix("http://"), !url.hasPrefix("https://"), !url.hasPrefix("s3://"), !url.contains("{{resolve:") else { continue }
                let file = base.appendingPathComponent(url).standardizedFileURL.path
                guard let nested = nestedParameters(file),
                      let paramsEntry = props.entry("Parameters"),
                      let given = TypeSpecific.resolve(paramsEntry.value, scenario ?? [])?.mapping else { continue }
                let pLoc = Location(paramsEntry.key.range, loc.path + [.key("Parameters")])
                for e in given.entries where nested[e.key.name] == nil {
                    if let scenario {
                        out.add("Specified parameter \"\(e.key.name)\" doesn't exist in nested stack template \(TypeSpecific.scenarioText(scenario))", at: pLoc)
                    } else {
                        let p = pLoc.path + [.key(e.key.name)]
                        out.add("Specified parameter \"\(e.key.name)\" doesn't exist in nested stack template at \(p.slashed)", at: Location(e.key.range, p))
                    }
                }
                for (name, hasDefault) in nested.sorted(by: { $0.key < $1.key }) where !hasDefault && given[name] == nil {
                    if let scenario {
                        out.add("Nested stack template parameter \"\(name)\" is not specified \(TypeSpecific.scenarioText(scenario))", at: pLoc)
                    } else {
                        out.add("Nested stack template parameter \"\(name)\" is not specified at \(pLoc.path.slashed)", at: pLoc)
                    }
                }
            }
        }
    }
}
