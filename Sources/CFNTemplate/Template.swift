/// A typed view of a CloudFormation template over its node tree. Nothing is thrown away: every
/// section and attribute keeps its node (and so its position), wrong shapes are kept as they are
/// for the linter to report, and unknown keys are listed.
public struct Template: Sendable {
    public let path: String
    public let file: SourceFileID
    public let format: SourceFormat
    public let root: Node
    public let byteCount: Int

    public let formatVersion: Node?
    public let description: Node?
    public let metadata: Node?
    /// Each transform: a string (`AWS::Serverless-2016-10-31`) or a mapping `{Name, Parameters}`.
    public let transforms: [Node]
    public let parameters: [Parameter]
    public let mappings: [MappingDefinition]
    public let conditions: [ConditionDefinition]
    public let rules: [RuleDefinition]
    public let resources: [Resource]
    public let outputs: [Output]
    /// Top-level keys that are not template sections.
    public let unknownSections: [Mapping.Entry]

    private let parameterIndex: [String: Int]
    private let resourceIndex: [String: Int]
    private let conditionIndex: [String: Int]
    private let mappingIndex: [String: Int]
    private let outputIndex: [String: Int]

    public static let sectionNames: [String] = [
        "AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Rules", "Mappings",
        "Conditions", "Transform", "Resources", "Outputs", "Hooks",
    ]

    public init(_ document: LoadedDocument) {
        self.init(root: document.root, path: document.path, file: document.file, format: document.format,
                  byteCount: document.byteCount)
    }

    public init(root: Node, path: String = "<memory>", file: SourceFileID = .synthetic,
                format: SourceFormat = .yaml, byteCount: Int = 0) {
        self.path = path
        self.file = file
        self.format = format
        self.root = root
        self.byteCount = byteCount
        let top = root.mapping ?? Mapping()
        formatVersion = top["AWSTemplateFormatVersion"]
        description = top["Description"]
        metadata = top["Metadata"]
        if let t = top["Transform"] {
            transforms = t.sequence ?? [t]
        } else {
            transforms = []
        }
        parameters = Self.entries(top["Parameters"]).map(Parameter.init)
        mappings = Self.entries(top["Mappings"]).map(MappingDefinition.init)
        conditions = Self.entries(top["Conditions"]).map(ConditionDefinition.init)
        rules = Self.entries(top["Rules"]).map(RuleDefinition.init)
        resources = Self.entries(top["Resources"]).map(Resource.init)
        outputs = Self.entries(top["Outputs"]).map(Output.init)
        unknownSections = top.entries.filter { !Self.sectionNames.contains($0.key.name) }
        parameterIndex = Self.index(parameters.map(\.name))
        resourceIndex = Self.index(resources.map(\.logicalId))
        conditionIndex = Self.index(conditions.map(\.name))
        mappingIndex = Self.index(mappings.map(\.name))
        outputIndex = Self.index(outputs.map(\.name))
    }

    /// Loads and models a template file in one step.
    public static func load(path: String, loader: TemplateLoader = TemplateLoader()) throws(LoadError) -> Template {
        Template(try loader.load(path: path))
    }

    public func parameter(_ name: String) -> Parameter? { parameterIndex[name].map { parameters[$0] } }
    public func resource(_ logicalId: String) -> Resource? { resourceIndex[logicalId].map { resources[$0] } }
    public func condition(_ name: String) -> ConditionDefinition? { conditionIndex[name].map { conditions[$0] } }
    public func mapping(_ name: String) -> MappingDefinition? { mappingIndex[name].map { mappings[$0] } }
    public func output(_ name: String) -> Output? { outputIndex[name].map { outputs[$0] } }

    /// The transform names declared, e.g. `["AWS::Serverless-2016-10-31"]`.
    public var transformNames: [String] {
        transforms.compactMap { $0.text ?? $0["Name"]?.text }
    }

    public var isServerless: Bool { transformNames.contains { $0.hasPrefix("AWS::Serverless") } }
    public var usesLanguageExtensions: Bool { transformNames.contains("AWS::LanguageExtensions") }

    private static func entries(_ node: Node?) -> [Mapping.Entry] {
        node?.mapping?.entries ?? []
    }

    private static func index(_ names: [String]) -> [String: Int] {
        var map = [String: Int](minimumCapacity: names.count)
        for (i, n) in names.enumerated() where map[n] == nil { map[n] = i }
        return map
    }
}

/// A name written in the template together with where it was written (a DependsOn target, a Condition name).
public struct NameReference: Sendable, Hashable {
    public var name: String
    public var range: SourceRange

    public init(name: String, range: SourceRange) {
        self.name = name
        self.range = range
    }
}

public struct Parameter: Sendable {
    public static let attributeNames: Set<String> = [
        "Type", "Default", "AllowedValues", "AllowedPattern", "MinLength", "MaxLength", "MinValue", "MaxValue",
        "NoEcho", "Description", "ConstraintDescription",
    ]

    public let name: String
    public let key: MappingKey
    public let node: Node

    public var type: String? { node["Type"]?.text }
    public var typeNode: Node? { node["Type"] }
    public var defaultValue: Node? { node["Default"] }
    public var allowedValues: Node? { node["AllowedValues"] }
    public var allowedPattern: Node? { node["AllowedPattern"] }
    public var minLength: Node? { node["MinLength"] }
    public var maxLength: Node? { node["MaxLength"] }
    public var minValue: Node? { node["MinValue"] }
    public var maxValue: Node? { node["MaxValue"] }
    public var noEcho: Node? { node["NoEcho"] }
    public var description: Node? { node["Description"] }
    public var constraintDescription: Node? { node["ConstraintDescription"] }
    public var unknownAttributes: [Mapping.Entry] {
        (node.mapping?.entries ?? []).filter { !Self.attributeNames.contains($0.key.name) }
    }

    /// NoEcho given as `true` or `"true"` (any case).
    public var isNoEcho: Bool { noEcho?.text?.lowercased() == "true" }

    init(_ entry: Mapping.Entry) {
        name = entry.key.name
        key = entry.key
        node = entry.value
    }
}

public struct MappingDefinition: Sendable {
    public let name: String
    public let key: MappingKey
    public let node: Node

    /// Top-level keys of the mapping (the first FindInMap key).
    public var topLevelKeys: [Mapping.Entry] { node.mapping?.entries ?? [] }

    init(_ entry: Mapping.Entry) {
        name = entry.key.name
        key = entry.key
        node = entry.value
    }
}

public struct ConditionDefinition: Sendable {
    public let name: String
    public let key: MappingKey
    /// The condition's expression (`Fn::Equals`, `Fn::And`, ...).
    public let node: Node

    init(_ entry: Mapping.Entry) {
        name = entry.key.name
        key = entry.key
        node = entry.value
    }
}

public struct RuleDefinition: Sendable {
    public let name: String
    public let key: MappingKey
    public let node: Node

    public var ruleCondition: Node? { node["RuleCondition"] }
    public var assertions: [Node] { node["Assertions"]?.sequence ?? [] }

    init(_ entry: Mapping.Entry) {
        name = entry.key.name
        key = entry.key
        node = entry.value
    }
}

public struct Resource: Sendable {
    public static let attributeNames: Set<String> = [
        "Type", "Properties", "DependsOn", "Condition", "DeletionPolicy", "UpdateReplacePolicy",
        "CreationPolicy", "UpdatePolicy", "Metadata", "Version",
    ]

    public let logicalId: String
    public let key: MappingKey
    public let node: Node

    public var type: String? { node["Type"]?.text }
    public var typeNode: Node? { node["Type"] }
    public var properties: Node? { node["Properties"] }
    public var conditionNode: Node? { node["Condition"] }
    public var deletionPolicy: Node? { node["DeletionPolicy"] }
    public var updateReplacePolicy: Node? { node["UpdateReplacePolicy"] }
    public var creationPolicy: Node? { node["CreationPolicy"] }
    public var updatePolicy: Node? { node["UpdatePolicy"] }
    public var metadata: Node? { node["Metadata"] }
    public var dependsOnNode: Node? { node["DependsOn"] }

    /// The Condition name, when it is a string.
    public var condition: NameReference? {
        guard let c = conditionNode, let name = c.text else { return nil }
        return NameReference(name: name, range: c.range)
    }

    /// DependsOn targets, from a string or a list of strings (other shapes give none; the linter reports them).
    public var dependsOn: [NameReference] {
        guard let d = dependsOnNode else { return [] }
        if let name = d.text { return [NameReference(name: name, range: d.range)] }
        return (d.sequence ?? []).compactMap { item in item.text.map { NameReference(name: $0, range: item.range) } }
    }

    /// Entries of the resource other than the known resource attributes.
    public var unknownAttributes: [Mapping.Entry] {
        (node.mapping?.entries ?? []).filter { !Self.attributeNames.contains($0.key.name) }
    }

    init(_ entry: Mapping.Entry) {
        logicalId = entry.key.name
        key = entry.key
        node = entry.value
    }
}

public struct Output: Sendable {
    public static let attributeNames: Set<String> = ["Value", "Description", "Condition", "Export"]

    public let name: String
    public let key: MappingKey
    public let node: Node

    public var value: Node? { node["Value"] }
    public var description: Node? { node["Description"] }
    public var conditionNode: Node? { node["Condition"] }
    public var export: Node? { node["Export"] }
    public var exportName: Node? { node["Export"]?["Name"] }
    public var condition: NameReference? {
        guard let c = conditionNode, let name = c.text else { return nil }
        return NameReference(name: name, range: c.range)
    }
    public var unknownAttributes: [Mapping.Entry] {
        (node.mapping?.entries ?? []).filter { !Self.attributeNames.contains($0.key.name) }
    }

    init(_ entry: Mapping.Entry) {
        name = entry.key.name
        key = entry.key
        node = entry.value
    }
}
