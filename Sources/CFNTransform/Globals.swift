import CFNTemplate

/// The template's `Globals` section: properties merged into every resource of a SAM type unless the
/// resource sets them itself (maps merge key by key, lists and scalars are replaced).
struct Globals {
    private var byType: [String: Mapping] = [:]

    /// Globals section name -> SAM resource type.
    static let sections: [String: String] = [
        "Function": "AWS::Serverless::Function", "Api": "AWS::Serverless::Api",
        "HttpApi": "AWS::Serverless::HttpApi", "SimpleTable": "AWS::Serverless::SimpleTable",
        "StateMachine": "AWS::Serverless::StateMachine", "WebSocketApi": "AWS::Serverless::WebSocketApi", "LayerVersion": "AWS::Serverless::LayerVersion",
    ]

    init(_ node: Node?, errors: inout [TransformError]) {
        guard let node else { return }
        guard let mapping = node.mapping else {
            errors.append(TransformError("'Globals' must be a map", at: node.range))
            return
        }
        for entry in mapping.entries {
            guard let type = Self.sections[entry.key.name] else {
                errors.append(TransformError("'\(entry.key.name)' is not a supported section of 'Globals'", at: entry.key.range))
                continue
            }
            guard let properties = entry.value.mapping else {
                errors.append(TransformError("'Globals.\(entry.key.name)' must be a map", at: entry.value.range))
                continue
            }
            byType[type] = properties
        }
    }

    func apply(to properties: Mapping, type: String) -> Mapping {
        guard let globals = byType[type] else { return properties }
        return Self.merge(globals, properties)
    }

    private static func merge(_ global: Mapping, _ local: Mapping) -> Mapping {
        var result = global
        for entry in local.entries {
            if let g = global[entry.key.name]?.mapping, let l = entry.value.mapping, entry.value.intrinsic == nil {
                result.set(entry.key.name, .map(merge(g, l), range: entry.value.range))
            } else if let g = global[entry.key.name]?.sequence, let l = entry.value.sequence {
                result.set(entry.key.name, .list(g + l, range: entry.value.range))
            } else {
                result.set(entry.key.name, entry.value)
            }
        }
        return result
    }
}
