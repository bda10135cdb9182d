import CFNSchema
import Foundation

/// One JSON-schema node of a resource provider schema, decoded once from `JSONValue` into the
/// keywords the property validator uses. Nodes are built by `SchemaCompiler` and never change
/// afterwards, so they are shared freely between threads.
final class SchemaNode: @unchecked Sendable {
    enum Additional { case allowed, forbidden, schema(SchemaNode) }
    enum Dependency { case properties([String]), schema(SchemaNode) }

    var types: [JSONType] = []
    var ref: SchemaNode?
    var properties: [String: SchemaNode] = [:]
    var patternProperties: [(pattern: String, schema: SchemaNode)] = []
    var additional: Additional = .allowed
    var required: [String] = []
    var enumValues: [JSONValue]?
    var constValue: JSONValue?
    var pattern: String?
    var minLength: Int?
    var maxLength: Int?
    var minimum: Double?
    var maximum: Double?
    var exclusiveMinimum: Double?
    var exclusiveMaximum: Double?
    var minItems: Int?
    var maxItems: Int?
    var minProperties: Int?
    var maxProperties: Int?
    var uniqueItems = false
    var items: SchemaNode?
    var prefixItems: [SchemaNode] = []
    var allOf: [SchemaNode] = []
    var anyOf: [SchemaNode] = []
    var oneOf: [SchemaNode] = []
    var not: SchemaNode?
    var ifSchema: SchemaNode?
    var thenSchema: SchemaNode?
    var elseSchema: SchemaNode?
    var dependencies: [(String, Dependency)] = []
    var dependentRequired: [(String, [String])] = []
    var dependentExcluded: [(String, [String])] = []
    var requiredXor: [String]?
    var requiredOr: [String]?
    var format: String?
    /// `false` as a schema: nothing validates.
    var isFalse = false

    /// The types this node allows, following `$ref` and combinators (empty: any).
    var effectiveTypes: [JSONType] {
        var seen = Set<ObjectIdentifier>()
        return effectiveTypes(&seen)
    }

    private func effectiveTypes(_ seen: inout Set<ObjectIdentifier>) -> [JSONType] {
        guard seen.insert(ObjectIdentifier(self)).inserted else { return [] }
        if !types.isEmpty { return types }
        if let r = ref { return r.effectiveTypes(&seen) }
        for group in [anyOf, oneOf] where !group.isEmpty {
            var out: [JSONType] = []
            for b in group {
                let t = b.effectiveTypes(&seen)
                if t.isEmpty { return [] }
                for x in t where !out.contains(x) { out.append(x) }
            }
            return out
        }
        if !properties.isEmpty { return [.object] }
        if items != nil { return [.array] }
        return []
    }
}

/// Compiles provider schemas into `SchemaNode` trees, once per schema per process.
/// Thread-safe: linting runs files concurrently; a schema compiled twice by racing threads
/// keeps the first result.
final class SchemaCompiler: @unchecked Sendable {
    static let shared = SchemaCompiler()

    private let lock = NSLock()
    private var cache: [String: SchemaNode] = [:]

    /// The compiled root schema of a resource type (keyed by its schema source).
    func root(for info: ResourceTypeInfo) -> SchemaNode {
        let key: String
        switch info.source {
        case .bundled(let file): key = "b:" + file
        default: key = "\(info.source):\(info.typeName)"
        }
        if let n = lock.withLock({ cache[key] }) { return n }
        var builder = Builder(schema: info.schema)
        let node = builder.compile(info.schema.raw)
        return lock.withLock {
            if let existing = cache[key] { return existing }
            cache[key] = node
            return node
        }
    }

    /// Compiles a standalone schema (tests).
    static func compile(_ raw: JSONValue) -> SchemaNode {
        var builder = Builder(schema: ResourceSchema(typeName: "Test::Schema", raw: raw))
        return builder.compile(raw)
    }

    private struct Builder {
        let schema: ResourceSchema
        var refs: [String: SchemaNode] = [:]

        init(schema: ResourceSchema) { self.schema = schema }

        mutating func compile(_ v: JSONValue) -> SchemaNode {
            let n = SchemaNode()
            fill(n, v)
            return n
        }

        private mutating func resolveRef(_ ref: String) -> SchemaNode {
            if let n = refs[ref] { return n }
            let n = SchemaNode()
            refs[ref] = n  // before filling: recursive definitions point back here
            if let target = schema.resolveRef(ref) { fill(n, target) }
            return n
        }

        private mutating func fill(_ n: SchemaNode, _ v: JSONValue) {
            if case .bool(let b) = v {
                n.isFalse = !b
                return
            }
            guard let o = v.objectValue else { return }
            if let r = o["$ref"]?.stringValue { n.ref = resolveRef(r) }
            switch o["type"] {
            case .string(let t)?: n.types = JSONType(rawValue: t).map { [$0] } ?? []
            case .array(let ts)?: n.types = ts.compactMap { $0.stringValue.flatMap(JSONType.init(rawValue:)) }
            default: break
            }
            if let props = o["properties"]?.objectValue {
                for (k, s) in props { n.properties[k] = compile(s) }
            }
            if let pp = o["patternProperties"]?.objectValue {
                n.patternProperties = pp.map { (pattern: $0.key, schema: compile($0.value)) }
            }
            switch o["additionalProperties"] {
            case .bool(false)?: n.additional = .forbidden
            case .object(let s)? where !s.isEmpty: n.additional = .schema(compile(.object(s)))
            default: break
            }
            n.required = o["required"]?.stringArray ?? []
            n.enumValues = o["enum"]?.arrayValue
            n.constValue = o["const"]
            n.pattern = o["pattern"]?.stringValue
            n.minLength = o["minLength"]?.doubleValue.map { Int($0) }
            n.maxLength = o["maxLength"]?.doubleValue.map { Int($0) }
            n.minimum = o["minimum"]?.doubleValue
            n.maximum = o["maximum"]?.doubleValue
            n.exclusiveMinimum = o["exclusiveMinimum"]?.doubleValue
            n.exclusiveMaximum = o["exclusiveMaximum"]?.doubleValue
            n.minItems = o["minItems"]?.doubleValue.map { Int($0) }
            n.maxItems = o["maxItems"]?.doubleValue.map { Int($0) }
            n.minProperties = o["minProperties"]?.doubleValue.map { Int($0) }
            n.maxProperties = o["maxProperties"]?.doubleValue.map { Int($0) }
            n.uniqueItems = o["uniqueItems"]?.boolValue ?? false
            if let items = o["items"] {
                if case .array(let list) = items {
                    n.prefixItems = list.map { compile($0) }
                } else {
                    n.items = compile(items)
                }
            }
            if let p = o["prefixItems"]?.arrayValue { n.prefixItems = p.map { compile($0) } }
            n.allOf = (o["allOf"]?.arrayValue ?? []).map { compile($0) }
            n.anyOf = (o["anyOf"]?.arrayValue ?? []).map { compile($0) }
            n.oneOf = (o["oneOf"]?.arrayValue ?? []).map { compile($0) }
            if let x = o["not"] { n.not = compile(x) }
            if let x = o["if"] {
                n.ifSchema = compile(x)
                if let t = o["then"] { n.thenSchema = compile(t) }
                if let e = o["else"] { n.elseSchema = compile(e) }
            }
            if let deps = o["dependencies"]?.objectValue {
                for (k, d) in deps {
                    if let names = d.stringArray, d.arrayValue != nil {
                        n.dependencies.append((k, .properties(names)))
                    } else {
                        n.dependencies.append((k, .schema(compile(d))))
                    }
                }
            }
            if let deps = o["dependentRequired"]?.objectValue {
                n.dependentRequired = deps.compactMap { k, d in d.stringArray.map { (k, $0) } }
            }
            if let deps = o["dependentExcluded"]?.objectValue {
                n.dependentExcluded = deps.compactMap { k, d in d.stringArray.map { (k, $0) } }
            }
            n.requiredXor = o["requiredXor"]?.stringArray
            n.requiredOr = o["requiredOr"]?.stringArray
            n.format = o["format"]?.stringValue
        }
    }
}

/// Compiled regular expressions by pattern text, shared by every schema (patterns repeat a lot).
final class PatternCache: @unchecked Sendable {
    static let shared = PatternCache()
    private let lock = NSLock()
    private var cache: [String: NSRegularExpression?] = [:]

    /// Python regular expressions as ICU reads them: `[` inside a character class is a literal in
    /// Python but opens a nested set in ICU; `(?P<name>` is `(?<name>`.
    static func icuPattern(_ p: String) -> String {
        var out = ""
        var inClass = false
        var escaped = false
        var classStart = false
        for c in p.replacingOccurrences(of: "(?P<", with: "(?<") {
            if escaped {
                out.append(c)
                escaped = false
                classStart = false
                continue
            }
            switch c {
            case "\\":
                escaped = true
                out.append(c)
            case "[":
                out += inClass ? "\\[" : "["
                if !inClass { inClass = true; classStart = true; continue }
            case "]":
                if inClass && !classStart { inClass = false }
                out.append(c)
            case "^" where classStart:
                out.append(c)
                continue
            default:
                out.append(c)
            }
            classStart = false
        }
        return out
    }

    /// Whether `text` contains a match of `pattern` (JSON-schema `pattern` semantics: a search,
    /// not a full match). Nil when the pattern cannot be compiled (then nothing is reported).
    func matches(_ pattern: String, _ text: String) -> Bool? {
        let re: NSRegularExpression?
        if let cached = lock.withLock({ cache[pattern] }) {
            re = cached
        } else {
            re = try? NSRegularExpression(pattern: Self.icuPattern(pattern))
            lock.withLock { cache[pattern] = .some(re) }
        }
        guard let re else { return nil }
        let ns = text as NSString
        return re.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) != nil
    }
}
