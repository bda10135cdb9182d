import CFNTemplate

/// The result of evaluating a template node: a known value, or a symbolic one that only
/// CloudFormation can know at deploy time (a resource's physical id, a GetAtt, an import, an SSM
/// parameter). Symbolic values flow through functions and print back as the intrinsic they stand
/// for, so nothing is silently dropped. Every value keeps the range of the node it came from.
public struct Value: Sendable {
    public indirect enum Kind: Sendable {
        case string(String)
        /// A number, kept as written (`010`, `1.50`) so printing it back changes nothing.
        case number(String)
        case bool(Bool)
        case null
        case list([Value])
        case map([Entry])
        case symbolic(Symbol)
        /// `Ref: AWS::NoValue`: removes the property or list item that holds it.
        case noValue
    }

    public struct Entry: Sendable {
        public var key: String
        public var keyRange: SourceRange
        public var value: Value

        public init(key: String, keyRange: SourceRange = .synthetic, value: Value) {
            self.key = key
            self.keyRange = keyRange
            self.value = value
        }
    }

    public var kind: Kind
    public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange = .synthetic) {
        self.kind = kind
        self.range = range
    }

    public static func string(_ s: String, _ range: SourceRange = .synthetic) -> Value { Value(.string(s), range: range) }
    public static func list(_ items: [Value], _ range: SourceRange = .synthetic) -> Value { Value(.list(items), range: range) }
    public static func symbolic(_ s: Symbol, _ range: SourceRange = .synthetic) -> Value { Value(.symbolic(s), range: range) }
    public static func bool(_ b: Bool, _ range: SourceRange = .synthetic) -> Value { Value(.bool(b), range: range) }

    /// A function applied to arguments that are not all known, printed back as that function.
    static func function(_ name: String, _ argument: Value, _ range: SourceRange) -> Value {
        Value(.symbolic(.function(name: name, argument: argument)), range: range)
    }

    // MARK: Reading

    /// The text of a string, number or boolean (CloudFormation passes all of them as strings).
    public var scalarText: String? {
        switch kind {
        case .string(let s): return s
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }

    public var stringValue: String? {
        if case .string(let s) = kind { return s }
        return nil
    }

    public var listValue: [Value]? {
        if case .list(let items) = kind { return items }
        return nil
    }

    public var boolValue: Bool? {
        switch kind {
        case .bool(let b): return b
        case .string(let s) where s.lowercased() == "true": return true
        case .string(let s) where s.lowercased() == "false": return false
        default: return nil
        }
    }

    public var symbol: Symbol? {
        if case .symbolic(let s) = kind { return s }
        return nil
    }

    public var isNoValue: Bool {
        if case .noValue = kind { return true }
        return false
    }

    public var isSymbolic: Bool { symbol != nil }

    /// True when nothing in the value is symbolic.
    public var isFullyKnown: Bool {
        switch kind {
        case .symbolic: return false
        case .list(let items): return items.allSatisfy(\.isFullyKnown)
        case .map(let entries): return entries.allSatisfy(\.value.isFullyKnown)
        default: return true
        }
    }

    /// A short name of the value's kind for error messages.
    public var kindName: String {
        switch kind {
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        case .list: return "a list"
        case .map: return "an object"
        case .symbolic(let s): return s.description
        case .noValue: return "AWS::NoValue"
        }
    }

    /// Whether two values are equal as `Fn::Equals` compares them (as strings), or nil when that
    /// is not known until deploy time.
    public func equals(_ other: Value) -> Bool? {
        switch (kind, other.kind) {
        case (.list(let a), .list(let b)):
            guard a.count == b.count else { return false }
            var result: Bool? = true
            for (x, y) in zip(a, b) {
                guard let e = x.equals(y) else { result = nil; continue }
                if !e { return false }
            }
            return result
        case (.symbolic(let a), .symbolic(let b)):
            return a.isSameReference(as: b) ? true : nil
        case (.symbolic, _), (_, .symbolic):
            return nil
        case (.null, .null), (.noValue, .noValue):
            return true
        default:
            guard let a = scalarText, let b = other.scalarText else { return false }
            return a == b
        }
    }
}

/// What a symbolic value stands for.
public indirect enum Symbol: Sendable, CustomStringConvertible {
    /// `Ref` to a resource: its physical id.
    case resourceId(logicalId: String)
    /// `Fn::GetAtt`; `type` is the attribute's JSON type from the schema, when known.
    case attribute(logicalId: String, name: String, type: String?)
    /// A parameter or pseudo parameter whose value is not known here.
    case parameter(name: String)
    /// A parameter of type `AWS::SSM::Parameter::Value<...>`: resolved from SSM at deploy time.
    case ssmParameter(parameter: String, path: String)
    /// `Fn::ImportValue` of an export name.
    case importValue(Value)
    /// A string holding `{{resolve:ssm:...}}` or `{{resolve:secretsmanager:...}}`.
    case dynamicReference(String)
    /// A function applied to arguments that are not all known (a partial `Fn::Join`, `Fn::If` on an
    /// unknown condition, ...).
    case function(name: String, argument: Value)

    public var description: String {
        switch self {
        case .resourceId(let id): return "the physical id of \(id)"
        case .attribute(let id, let name, _): return "\(id).\(name)"
        case .parameter(let name): return "the value of \(name)"
        case .ssmParameter(let p, _): return "the SSM parameter behind \(p)"
        case .importValue: return "an imported value"
        case .dynamicReference(let text): return "the dynamic reference \(text)"
        case .function(let name, _): return "an unresolved \(name)"
        }
    }

    /// Whether the value is known to be a list (a `Fn::Split`, `Fn::Cidr`, `Fn::GetAZs`, or a
    /// list-typed attribute).
    var isList: Bool? {
        switch self {
        case .attribute(_, _, let type): return type.map { $0 == "array" }
        case .function(let name, _):
            if ["Fn::Split", "Fn::Cidr", "Fn::GetAZs"].contains(name) { return true }
            if ["Fn::Join", "Fn::Sub", "Fn::Base64", "Fn::ToJsonString"].contains(name) { return false }
            return nil
        case .resourceId, .dynamicReference: return false
        default: return nil
        }
    }

    /// The same reference (a `Ref` or `GetAtt` of the same thing), so equal at deploy time too.
    func isSameReference(as other: Symbol) -> Bool {
        switch (self, other) {
        case (.resourceId(let a), .resourceId(let b)): return a == b
        case (.attribute(let a, let x, _), .attribute(let b, let y, _)): return a == b && x == y
        case (.parameter(let a), .parameter(let b)): return a == b
        case (.ssmParameter(let a, _), .ssmParameter(let b, _)): return a == b
        case (.dynamicReference(let a), .dynamicReference(let b)): return a == b
        default: return false
        }
    }
}

// MARK: Back to nodes

extension Value {
    /// The node this value prints as: known values as scalars, lists and mappings; symbolic
    /// ones as the intrinsic function they stand for.
    public func toNode() -> Node {
        switch kind {
        case .string(let s): return Node.string(s, range: range)
        case .number(let n): return Node.plain(n, range: range)
        case .bool(let b): return Node.plain(b ? "true" : "false", range: range)
        case .null: return Node.plain("null", range: range)
        case .noValue: return Self.intrinsic("Ref", Node.string("AWS::NoValue", range: range), range)
        case .list(let items): return Node.list(items.map { $0.toNode() }, range: range)
        case .map(let entries):
            return Node.map(Mapping(entries.map { Mapping.Entry(key: MappingKey($0.key, range: $0.keyRange), value: $0.value.toNode()) }), range: range)
        case .symbolic(let symbol):
            switch symbol {
            case .resourceId(let id): return Self.intrinsic("Ref", .string(id, range: range), range)
            case .parameter(let name), .ssmParameter(let name, _): return Self.intrinsic("Ref", .string(name, range: range), range)
            case .attribute(let id, let name, _):
                return Self.intrinsic("Fn::GetAtt", .list([.string(id, range: range), .string(name, range: range)], range: range), range)
            case .importValue(let name): return Self.intrinsic("Fn::ImportValue", name.toNode(), range)
            case .dynamicReference(let text): return Node.string(text, range: range)
            case .function(let name, let argument): return Self.intrinsic(name, argument.toNode(), range)
            }
        }
    }

    static func intrinsic(_ name: String, _ argument: Node, _ range: SourceRange) -> Node {
        Node.map(Mapping([Mapping.Entry(key: MappingKey(name, range: range), value: argument)]), range: range)
    }

    /// The value as compact JSON text (`Fn::ToJsonString`); nil when anything in it is symbolic.
    func jsonText() -> String? {
        switch kind {
        case .string(let s): return Emitter.jsonString(s)
        case .number(let n): return Double(n) != nil ? n : Emitter.jsonString(n)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .noValue, .symbolic: return nil
        case .list(let items):
            var parts: [String] = []
            for item in items where !item.isNoValue {
                guard let t = item.jsonText() else { return nil }
                parts.append(t)
            }
            return "[" + parts.joined(separator: ",") + "]"
        case .map(let entries):
            var parts: [String] = []
            for e in entries where !e.value.isNoValue {
                guard let t = e.value.jsonText() else { return nil }
                parts.append(Emitter.jsonString(e.key) + ":" + t)
            }
            return "{" + parts.joined(separator: ",") + "}"
        }
    }
}
