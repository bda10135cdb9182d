import CFNTemplate
/// A readable digest of a resource type, as `cfnkit schema TYPE` prints it.
public struct TypeSummary: Sendable, Hashable {
    public struct Property: Sendable, Hashable {
        public var name: String
        /// JSON types allowed (empty when the schema doesn't say).
        public var types: [JSONType]
        public var required: Bool
        /// nil for a SAM property with no same-named property on the resource it generates: what an
        /// update does then depends on how the transform maps it.
        public var update: UpdateBehavior?
        public var writeOnly: Bool
        public var deprecated: Bool
    }

    public struct Attribute: Sendable, Hashable {
        public var name: String
        public var type: JSONType?
    }

    public var typeName: String
    public var kind: ResourceTypeKind
    public var region: String?
    public var source: SchemaSource
    public var properties: [Property]
    public var attributes: [Attribute]
    /// What `Ref` returns (primary identifier properties).
    public var ref: [String]
    public var acceptsAnyProperty: Bool
    public var acceptsAnyAttribute: Bool
    public var samGeneratedType: String?
    public var taggable: Bool?

    /// `generated` is the schema of the type a SAM resource generates (`samGeneratedType`): a SAM
    /// property updates as the generated resource's property of the same name (FunctionName on
    /// AWS::Lambda::Function is create-only, so changing it replaces the function).
    public init(_ info: ResourceTypeInfo, generated: ResourceTypeInfo? = nil) {
        let s = info.schema
        typeName = info.typeName
        kind = info.kind
        region = info.region
        source = info.source
        let readOnlyTop = Set(s.readOnlyProperties.map { ResourceSchema.components($0) }.filter { $0.count == 1 }.map { $0[0] })
        properties = s.propertyNames.filter { !readOnlyTop.contains($0) }.map { name in
            Property(
                name: name,
                types: s.propertyTypes([name]),
                required: s.isRequired(name),
                update: Self.update(name, in: info, generated: generated),
                writeOnly: s.isWriteOnly(name),
                deprecated: s.isDeprecated(name))
        }
        attributes = s.attributes.map { Attribute(name: $0, type: s.attributeType($0)) }
        ref = s.refReturns
        acceptsAnyProperty = s.acceptsAnyProperty
        acceptsAnyAttribute = s.acceptsAnyAttribute
        samGeneratedType = info.samGeneratedType
        taggable = s.tagging?.taggable
    }

    private static func update(_ name: String, in info: ResourceTypeInfo, generated: ResourceTypeInfo?) -> UpdateBehavior? {
        guard info.source == .sam else { return info.schema.updateBehavior(forPropertyPath: name) }
        guard let generated, generated.schema.propertyNames.contains(name) else { return nil }
        return generated.schema.updateBehavior(forPropertyPath: name)
    }

    public static func label(_ u: UpdateBehavior?) -> String {
        switch u {
        case nil: return "(by the transform)"
        case .replacement: return "Replacement"
        case .conditional: return "Conditional"
        case .mutable: return "Mutable"
        }
    }

    private static func typeText(_ types: [JSONType]) -> String {
        types.isEmpty ? "any" : types.map(\.rawValue).joined(separator: "|")
    }

    /// Plain text, aligned columns.
    public func renderText() -> String {
        var out = "\(typeName)\n"
        var meta = "  kind: \(kind.rawValue)"
        if let region { meta += "   region: \(region)" }
        switch source {
        case .bundled: meta += "   schema: bundled"
        case .overlay(let path): meta += "   schema: \(path)"
        case .sam: meta += "   schema: SAM (needs Transform: AWS::Serverless-2016-10-31)"
        case .synthesized: meta += "   schema: none (any properties)"
        }
        out += meta + "\n"
        if let taggable { out += "  taggable: \(taggable ? "yes" : "no")\n" }
        if let samGeneratedType { out += "  generates: \(samGeneratedType)\n" }
        if !ref.isEmpty { out += "  Ref returns: \(ref.joined(separator: "|"))\n" }
        out += "\nProperties:\n"
        if properties.isEmpty {
            out += acceptsAnyProperty ? "  (any properties)\n" : "  (none)\n"
        } else {
            let w0 = properties.map(\.name.count).max()!
            let w1 = max(4, properties.map { Self.typeText($0.types).count }.max()!)
            out += "  " + pad("NAME", w0) + "  " + pad("TYPE", w1) + "  REQUIRED  UPDATE\n"
            for p in properties {
                var line = "  " + pad(p.name, w0) + "  " + pad(Self.typeText(p.types), w1) + "  "
                line += pad(p.required ? "yes" : "no", 8) + "  " + Self.label(p.update)
                if p.writeOnly { line += "  (write-only)" }
                if p.deprecated { line += "  (deprecated)" }
                out += line + "\n"
            }
            if acceptsAnyProperty { out += "  (and any other property)\n" }
        }
        out += "\nAttributes (Fn::GetAtt):\n"
        if attributes.isEmpty {
            out += acceptsAnyAttribute ? "  (any attribute)\n" : "  (none)\n"
        } else {
            let w = attributes.map(\.name.count).max()!
            for a in attributes { out += "  " + pad(a.name, w) + "  " + (a.type?.rawValue ?? "any") + "\n" }
            if acceptsAnyAttribute { out += "  (and any other attribute)\n" }
        }
        return out
    }

    /// A JSON document (pretty-printed, keys in a fixed order).
    public func renderJSON() -> String {
        var o = JSONObject()
        o["typeName"] = .string(typeName)
        o["kind"] = .string(kind.rawValue)
        o["region"] = region.map(JSONValue.string) ?? .null
        switch source {
        case .bundled(let f): o["source"] = .string("bundled:\(f)")
        case .overlay(let p): o["source"] = .string("overlay:\(p)")
        case .sam: o["source"] = .string("sam")
        case .synthesized: o["source"] = .string("synthesized")
        }
        o["ref"] = .array(ref.map(JSONValue.string))
        o["acceptsAnyProperty"] = .bool(acceptsAnyProperty)
        o["acceptsAnyAttribute"] = .bool(acceptsAnyAttribute)
        if let samGeneratedType { o["generates"] = .string(samGeneratedType) }
        if let taggable { o["taggable"] = .bool(taggable) }
        o["properties"] = .array(
            properties.map { p in
                .object(
                    JSONObject([
                        ("name", .string(p.name)),
                        ("types", .array(p.types.map { .string($0.rawValue) })),
                        ("required", .bool(p.required)),
                        ("update", p.update.map { .string($0.rawValue) } ?? .null),
                        ("writeOnly", .bool(p.writeOnly)),
                        ("deprecated", .bool(p.deprecated)),
                    ]))
            })
        o["attributes"] = .array(
            attributes.map { a in
                .object(JSONObject([("name", .string(a.name)), ("type", a.type.map { .string($0.rawValue) } ?? .null)]))
            })
        return JSONValue.object(o).serialized(pretty: true) + "\n"
    }

    private func pad(_ s: String, _ w: Int) -> String {
        s.count >= w ? s : s + String(repeating: " ", count: w - s.count)
    }
}

extension JSONValue {
    /// JSON text. Object keys keep their order.
    public func serialized(pretty: Bool = false) -> String {
        var out = ""
        write(to: &out, pretty: pretty, indent: 0)
        return out
    }

    private func write(to out: inout String, pretty: Bool, indent: Int) {
        let nl = pretty ? "\n" : ""
        func ind(_ n: Int) -> String { pretty ? String(repeating: "  ", count: n) : "" }
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d):
            out += d.isFinite ? (d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) + ".0" : String(d)) : "null"
        case .string(let s): out += Self.quoted(s)
        case .array(let a):
            if a.isEmpty { out += "[]"; return }
            out += "[" + nl
            for (i, v) in a.enumerated() {
                out += ind(indent + 1)
                v.write(to: &out, pretty: pretty, indent: indent + 1)
                out += (i + 1 < a.count ? "," : "") + nl
            }
            out += ind(indent) + "]"
        case .object(let o):
            if o.isEmpty { out += "{}"; return }
            out += "{" + nl
            for (i, kv) in o.enumerated() {
                out += ind(indent + 1) + Self.quoted(kv.key) + (pretty ? ": " : ":")
                kv.value.write(to: &out, pretty: pretty, indent: indent + 1)
                out += (i + 1 < o.count ? "," : "") + nl
            }
            out += ind(indent) + "}"
        }
    }

    static func quoted(_ s: String) -> String { Emitter.jsonString(s) }
}

/// A failed type lookup, with close matches for the message.
public struct UnknownResourceTypeError: Error, CustomStringConvertible, Sendable {
    public var typeName: String
    public var region: String?
    /// Regions where the type does exist (when it is only missing from `region`).
    public var availableIn: [String]
    public var suggestions: [String]

    public init(typeName: String, region: String? = nil, availableIn: [String] = [], suggestions: [String] = []) {
        self.typeName = typeName
        self.region = region
        self.availableIn = availableIn
        self.suggestions = suggestions
    }

    public var description: String {
        if let region, !availableIn.isEmpty {
            let shown = availableIn.prefix(8).joined(separator: ", ") + (availableIn.count > 8 ? ", ..." : "")
            return "resource type \(typeName) is not available in \(region) (available in \(availableIn.count) regions: \(shown))"
        }
        var m = "unknown resource type \(typeName)"
        if !suggestions.isEmpty { m += "; did you mean " + suggestions.joined(separator: ", ") + "?" }
        return m
    }
}

extension SchemaRegistry {
    /// `resourceType(_:region:)` that explains failures.
    public func lookup(_ name: String, region: String? = nil) throws(UnknownResourceTypeError) -> ResourceTypeInfo {
        let info = region.map { resourceType(name, region: $0) } ?? resourceType(name)
        if let info { return info }
        let regions = typeKind(name) == .thirdPartyOrUnknown ? [] : regions(for: name)
        throw UnknownResourceTypeError(
            typeName: name, region: region, availableIn: regions,
            suggestions: regions.isEmpty ? suggestions(for: name) : [])
    }

    /// `regions(for:)` that throws, with suggestions, for an unknown type.
    public func lookupRegions(for name: String) throws(UnknownResourceTypeError) -> [String] {
        let rs = regions(for: name)
        if rs.isEmpty { throw UnknownResourceTypeError(typeName: name, suggestions: suggestions(for: name)) }
        return rs
    }
}
