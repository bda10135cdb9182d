/// What a change to a property does to the resource on update.
public enum UpdateBehavior: String, Sendable, Hashable, CaseIterable {
    /// The property is create-only: changing it replaces the resource.
    case replacement
    /// Replacement depends on the change (legacy spec `UpdateType: Conditional`, or
    /// `conditionalCreateOnlyProperties` in the provider schema).
    case conditional
    /// Updated in place (no interruption or some interruption; the schemas don't say which).
    case mutable
}

/// The JSON Schema `type` keyword values.
public enum JSONType: String, Sendable, Hashable, CaseIterable {
    case string, integer, number, boolean, object, array, null
}

/// The provider schema's `tagging` metadata.
public struct TaggingInfo: Sendable, Hashable {
    public var taggable: Bool
    public var tagOnCreate: Bool?
    public var tagUpdatable: Bool?
    public var cloudFormationSystemTags: Bool?
    /// JSON pointer of the tag property, e.g. `/properties/Tags`.
    public var tagProperty: String?
}

/// A resource type's schema: a CloudFormation provider schema, a SAM schema, or a
/// permissive synthesized one (custom resources, modules).
public struct ResourceSchema: Sendable, Hashable {
    public let typeName: String
    /// The whole schema document.
    public let raw: JSONValue
    /// True when the schema accepts any property (custom resources, modules).
    public let acceptsAnyProperty: Bool
    /// True when Fn::GetAtt may name any attribute (custom resources, modules, SAM types).
    public let acceptsAnyAttribute: Bool

    public let required: [String]
    public let createOnlyProperties: [String]
    public let conditionalCreateOnlyProperties: [String]
    public let readOnlyProperties: [String]
    public let writeOnlyProperties: [String]
    public let deprecatedProperties: [String]
    public let primaryIdentifier: [String]
    /// Pointers of properties whose updates are `UpdateType: Conditional` in the legacy spec.
    public let conditionalUpdateProperties: [String]

    public init(
        typeName: String, raw: JSONValue, conditionalUpdateProperties: [String] = [],
        acceptsAnyProperty: Bool = false, acceptsAnyAttribute: Bool = false
    ) {
        self.typeName = typeName
        self.raw = raw
        self.acceptsAnyProperty = acceptsAnyProperty
        self.acceptsAnyAttribute = acceptsAnyAttribute
        required = raw["required"]?.stringArray ?? []
        createOnlyProperties = raw["createOnlyProperties"]?.stringArray ?? []
        conditionalCreateOnlyProperties = raw["conditionalCreateOnlyProperties"]?.stringArray ?? []
        readOnlyProperties = raw["readOnlyProperties"]?.stringArray ?? []
        writeOnlyProperties = raw["writeOnlyProperties"]?.stringArray ?? []
        deprecatedProperties = raw["deprecatedProperties"]?.stringArray ?? []
        primaryIdentifier = raw["primaryIdentifier"]?.stringArray ?? []
        self.conditionalUpdateProperties = conditionalUpdateProperties
    }

    /// Top-level `properties` (schemas may contain `$ref`; see `resolve`).
    public var properties: JSONObject { raw["properties"]?.objectValue ?? JSONObject() }
    public var definitions: JSONObject { raw["definitions"]?.objectValue ?? JSONObject() }
    public var propertyNames: [String] { properties.keys }

    public var tagging: TaggingInfo? {
        guard let t = raw["tagging"]?.objectValue else {
            if let b = raw["taggable"]?.boolValue { return TaggingInfo(taggable: b) }
            return nil
        }
        return TaggingInfo(
            taggable: t["taggable"]?.boolValue ?? true,
            tagOnCreate: t["tagOnCreate"]?.boolValue,
            tagUpdatable: t["tagUpdatable"]?.boolValue,
            cloudFormationSystemTags: t["cloudFormationSystemTags"]?.boolValue,
            tagProperty: t["tagProperty"]?.stringValue)
    }

    // MARK: Attributes and Ref

    /// Fn::GetAtt attribute names: read-only properties, nested ones dotted
    /// (`/properties/Endpoint/Address` -> `Endpoint.Address`). Paths through arrays (`*`)
    /// are not addressable and are left out.
    public var attributes: [String] {
        readOnlyProperties.compactMap { p -> String? in
            let parts = Self.components(p)
            if parts.isEmpty || parts.contains("*") { return nil }
            return parts.joined(separator: ".")
        }
    }

    public func hasAttribute(_ name: String) -> Bool {
        acceptsAnyAttribute || attributes.contains(name)
    }

    /// Property names that `Ref` returns (the primary identifier; several joined by `|`).
    public var refReturns: [String] {
        primaryIdentifier.map { Self.components($0).joined(separator: ".") }
    }

    /// The schema of a GetAtt attribute (dotted name), with `$ref`s resolved.
    public func attributeSchema(_ name: String) -> JSONValue? {
        guard attributes.contains(name) else { return nil }
        return schema(atPath: name.split(separator: ".").map(String.init))
    }

    /// JSON type of a GetAtt attribute, from its schema. A schema allowing several types
    /// yields the first one listed; nil when unknown or untyped.
    public func attributeType(_ name: String) -> JSONType? {
        guard let s = attributeSchema(name) else { return nil }
        return Self.jsonTypes(of: s, in: self).first
    }

    /// All JSON types a (resolved) schema allows: `type` keyword, else common ones of
    /// `anyOf`/`oneOf` branches.
    static func jsonTypes(of schema: JSONValue, in rs: ResourceSchema) -> [JSONType] {
        let s = rs.resolve(schema)
        switch s["type"] {
        case .string(let t)?: return JSONType(rawValue: t).map { [$0] } ?? []
        case .array(let ts)?: return ts.compactMap { $0.stringValue.flatMap(JSONType.init(rawValue:)) }
        default: break
        }
        for k in ["anyOf", "oneOf", "allOf"] {
            if let branches = s[k]?.arrayValue {
                var out: [JSONType] = []
                for b in branches {
                    for t in jsonTypes(of: b, in: rs) where !out.contains(t) { out.append(t) }
                }
                if !out.isEmpty { return out }
            }
        }
        if s["properties"] != nil { return [.object] }
        if s["items"] != nil { return [.array] }
        return []
    }

    /// The JSON types allowed for a property path (e.g. `["Endpoint", "Port"]`).
    public func propertyTypes(_ path: [String]) -> [JSONType] {
        schema(atPath: path).map { Self.jsonTypes(of: $0, in: self) } ?? []
    }

    // MARK: $ref resolution and navigation

    /// Follows a local `$ref` (`#/definitions/X`, `#/properties/Y`, any JSON pointer).
    public func resolveRef(_ ref: String) -> JSONValue? {
        guard ref.hasPrefix("#") else { return nil }
        var node: JSONValue = raw
        for part in Self.pointerTokens(String(ref.dropFirst())) {
            switch node {
            case .object(let o):
                guard let next = o[part] else { return nil }
                node = next
            case .array(let a):
                guard let i = Int(part), a.indices.contains(i) else { return nil }
                node = a[i]
            default:
                return nil
            }
        }
        return node
    }

    /// A schema with its `$ref` chain followed (up to 32 hops). Sibling keywords next to
    /// `$ref` are not merged.
    public func resolve(_ schema: JSONValue) -> JSONValue {
        var s = schema
        var hops = 0
        while let ref = s["$ref"]?.stringValue, hops < 32, let target = resolveRef(ref) {
            s = target
            hops += 1
        }
        return s
    }

    /// The resolved schema of a property path. `*` or a number steps into array `items`.
    public func schema(atPath path: [String]) -> JSONValue? {
        guard let first = path.first, let top = properties[first] else { return nil }
        var node = resolve(top)
        for part in path.dropFirst() {
            if part == "*" || Int(part) != nil {
                guard let items = node["items"] else { return nil }
                node = resolve(items)
                continue
            }
            if let p = node["properties"]?[part] {
                node = resolve(p)
            } else if let items = node["items"], let p = resolve(items)["properties"]?[part] {
                node = resolve(p)  // path written without the array step
            } else {
                return nil
            }
        }
        return node
    }

    /// The resolved schema of a top-level property.
    public func propertySchema(_ name: String) -> JSONValue? { schema(atPath: [name]) }

    // MARK: Update behaviour

    /// What changing the property at `path` does. `path` may be a JSON pointer
    /// (`/properties/Endpoint/Port`), a slash path (`Endpoint/Port`) or dotted
    /// (`Endpoint.Port`); array indexes match `*`. A path under a create-only property is
    /// itself create-only.
    public func updateBehavior(forPropertyPath path: String) -> UpdateBehavior {
        let parts = Self.components(path)
        if parts.isEmpty { return .mutable }
        if createOnlyProperties.contains(where: { Self.pathIsUnder(parts, Self.components($0)) }) {
            return .replacement
        }
        if conditionalCreateOnlyProperties.contains(where: { Self.pathIsUnder(parts, Self.components($0)) })
            || conditionalUpdateProperties.contains(where: { Self.pathIsUnder(parts, Self.components($0)) })
        {
            return .conditional
        }
        return .mutable
    }

    public func isRequired(_ property: String) -> Bool { required.contains(property) }

    public func isReadOnly(_ path: String) -> Bool {
        let parts = Self.components(path)
        return readOnlyProperties.contains { Self.components($0) == parts }
    }

    public func isWriteOnly(_ path: String) -> Bool {
        let parts = Self.components(path)
        return writeOnlyProperties.contains { Self.pathIsUnder(parts, Self.components($0)) }
    }

    public func isDeprecated(_ path: String) -> Bool {
        let parts = Self.components(path)
        return deprecatedProperties.contains { Self.pathIsUnder(parts, Self.components($0)) }
    }

    // MARK: Path helpers

    /// Splits `/properties/A/B`, `A/B` or `A.B` into `["A", "B"]`.
    public static func components(_ path: String) -> [String] {
        if path.hasPrefix("/") {
            var tokens = pointerTokens(path)
            if tokens.first == "properties" { tokens.removeFirst() }
            return tokens
        }
        let sep: Character = path.contains("/") ? "/" : "."
        return path.split(separator: sep, omittingEmptySubsequences: true).map(String.init)
    }

    static func pointerTokens(_ pointer: String) -> [String] {
        pointer.split(separator: "/", omittingEmptySubsequences: true).map {
            String($0).replacingAll("~1", with: "/").replacingAll("~0", with: "~")
        }
    }

    /// True when `path` equals `prefix` or lies below it; `*` in `prefix` matches any token.
    static func pathIsUnder(_ path: [String], _ prefix: [String]) -> Bool {
        guard !prefix.isEmpty, prefix.count <= path.count else { return false }
        for (a, b) in zip(path, prefix) where b != "*" && a != b && !(a == "*" && Int(b) != nil) {
            return false
        }
        return true
    }
}

extension String {
    fileprivate func replacingAll(_ a: String, with b: String) -> String {
        guard contains(a) else { return self }
        return split(separator: a, omittingEmptySubsequences: false).joined(separator: b)
    }
}
