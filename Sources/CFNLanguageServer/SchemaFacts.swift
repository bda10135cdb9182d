import Foundation
import CFNSchema

/// What hover and completion say about resource types and their properties, from the provider
/// schemas (`SchemaRegistry.bundled`, as lint uses them).
enum SchemaFacts {
    static var registry: SchemaRegistry { .bundled }

    static func info(_ type: String) -> ResourceTypeInfo? { registry.resourceType(type) }

    /// The CloudFormation User Guide page of an `AWS::` type (its documented URL pattern).
    static func documentationURL(_ type: String) -> String? {
        let parts = type.split(separator: ":", omittingEmptySubsequences: true)
        guard parts.count == 3, parts[0] == "AWS" else { return nil }
        return "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-\(parts[1].lowercased())-\(parts[2].lowercased()).html"
    }

    /// The schema of the properties object at `path` under `Properties` ([] for the top level).
    static func propertiesObject(_ info: ResourceTypeInfo, at path: [String]) -> (properties: JSONObject, required: [String])? {
        if path.isEmpty { return (info.schema.properties, info.schema.required) }
        guard var node = info.schema.schema(atPath: path) else { return nil }
        if node["properties"] == nil, let items = node["items"] { node = info.schema.resolve(items) }
        guard let properties = node["properties"]?.objectValue else { return nil }
        return (properties, node["required"]?.stringArray ?? [])
    }

    /// Markdown for a resource type: description, what Ref and GetAtt give, the docs link.
    static func typeMarkdown(_ type: String) -> String? {
        guard let info = info(type) else { return nil }
        let summary = TypeSummary(info)
        var lines = ["**\(type)**"]
        if let description = info.schema.raw["description"]?.stringValue { lines.append(description) }
        if !summary.ref.isEmpty { lines.append("`Ref` returns: \(summary.ref.joined(separator: " | "))") }
        if !summary.attributes.isEmpty {
            lines.append("`Fn::GetAtt` attributes: " + summary.attributes.map { "`\($0.name)`" }.joined(separator: ", "))
        }
        if let url = documentationURL(type) { lines.append("[Documentation](\(url))") }
        return lines.joined(separator: "\n\n")
    }

    /// Markdown for the property at `path` (under `Properties`) of a type: its type, whether it is
    /// required, and what changing it does on update.
    static func propertyMarkdown(_ type: String, path: [String]) -> String? {
        guard let info = info(type), let name = path.last, let schema = info.schema.schema(atPath: path) else { return nil }
        let parent = propertiesObject(info, at: Array(path.dropLast()))
        let types = info.schema.propertyTypes(path).map(\.rawValue)
        var lines = ["**\(name)** (\(type) property `\(path.joined(separator: "."))`)"]
        if let description = schema["description"]?.stringValue { lines.append(description) }
        lines.append("Type: \(types.isEmpty ? "any" : types.joined(separator: " | "))"
                     + " · Required: \(parent?.required.contains(name) == true ? "yes" : "no")"
                     + " · Update: \(TypeSummary.label(info.schema.updateBehavior(forPropertyPath: path.joined(separator: "/"))))")
        if let values = schema["enum"]?.arrayValue?.compactMap(\.stringValue), !values.isEmpty {
            lines.append("Allowed values: " + values.map { "`\($0)`" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n\n")
    }
}
