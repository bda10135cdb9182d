/// One node of a parsed template: a scalar, a sequence or an ordered mapping, with where it came from.
/// YAML and JSON produce the same tree; short-form tags are already turned into long-form mappings.
public struct Node: Sendable {
    public enum Value: Sendable {
        case scalar(Scalar)
        case sequence([Node])
        case mapping(Mapping)
    }

    public var value: Value
    public var range: SourceRange

    public init(_ value: Value, range: SourceRange = .synthetic) {
        self.value = value
        self.range = range
    }

    public var scalar: Scalar? {
        if case .scalar(let s) = value { return s }
        return nil
    }

    public var sequence: [Node]? {
        if case .sequence(let items) = value { return items }
        return nil
    }

    public var mapping: Mapping? {
        if case .mapping(let m) = value { return m }
        return nil
    }

    /// The text of a scalar node, whatever its resolved type.
    public var text: String? { scalar?.text }

    /// The text of a scalar that CloudFormation reads as a string (quoted, or plain and not a number/bool/null).
    public var stringValue: String? {
        guard let s = scalar else { return nil }
        return s.text
    }

    /// `node["Key"]` on a mapping node; nil for other kinds or a missing key.
    public subscript(key: String) -> Node? { mapping?[key] }

    public var kindName: String {
        switch value {
        case .scalar(let s): return s.resolved.kindName
        case .sequence: return "list"
        case .mapping: return "object"
        }
    }

    /// A single-key mapping whose key is an intrinsic function or `Ref`/`Condition`, as `(name, argument)`.
    public var intrinsic: (name: String, argument: Node, keyRange: SourceRange)? {
        guard case .mapping(let m) = value, m.entries.count == 1 else { return nil }
        let entry = m.entries[0]
        guard IntrinsicNames.isIntrinsicKey(entry.key.name) else { return nil }
        return (entry.key.name, entry.value, entry.key.range)
    }
}

/// How a scalar was written. JSON strings are `.doubleQuoted`; JSON numbers, booleans and null are `.plain`.
public enum ScalarStyle: String, Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded

    public var isQuoted: Bool { self != .plain }
}

public struct Scalar: Sendable, Hashable {
    /// The scalar's content after YAML/JSON unescaping, exactly as written otherwise (`010` stays `010`).
    public var text: String
    public var style: ScalarStyle
    /// An explicit standard tag such as `tag:yaml.org,2002:str` (`!!str`), when one was written.
    public var tag: String?

    public init(_ text: String, style: ScalarStyle = .doubleQuoted, tag: String? = nil) {
        self.text = text
        self.style = style
        self.tag = tag
    }

    /// What the scalar means to CloudFormation. See `ResolvedScalar`.
    public var resolved: ResolvedScalar { ResolvedScalar(self) }
}

/// A mapping key; CloudFormation keys are always strings.
public struct MappingKey: Sendable, Hashable {
    public var name: String
    public var range: SourceRange

    public init(_ name: String, range: SourceRange = .synthetic) {
        self.name = name
        self.range = range
    }
}

/// An ordered mapping. Lookups are linear for small mappings and hashed for large ones
/// (a `Resources` section with thousands of entries).
public struct Mapping: Sendable {
    public struct Entry: Sendable {
        public var key: MappingKey
        public var value: Node

        public init(key: MappingKey, value: Node) {
            self.key = key
            self.value = value
        }
    }

    public private(set) var entries: [Entry]
    private var index: [String: Int]?

    /// Mappings with more entries than this are looked up through a dictionary.
    static let indexThreshold = 12

    public init(_ entries: [Entry] = []) {
        self.entries = entries
        self.index = nil
        rebuildIndex()
    }

    /// With the first-occurrence index a loader already built while checking for duplicate keys
    /// (`MappingBuilder`).
    init(entries: [Entry], firstIndex: [String: Int]?) {
        self.entries = entries
        if let firstIndex, entries.count > Self.indexThreshold {
            self.index = firstIndex
        } else {
            self.index = nil
            rebuildIndex()
        }
    }

    public init(_ pairs: KeyValuePairs<String, Node>) {
        self.init(pairs.map { Entry(key: MappingKey($0.key), value: $0.value) })
    }

    private mutating func rebuildIndex() {
        guard entries.count > Self.indexThreshold else {
            index = nil
            return
        }
        var map = [String: Int](minimumCapacity: entries.count)
        for (i, e) in entries.enumerated() where map[e.key.name] == nil {
            map[e.key.name] = i
        }
        index = map
    }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }
    public var keys: [String] { entries.map(\.key.name) }

    public func entryIndex(_ key: String) -> Int? {
        if let index { return index[key] }
        return entries.firstIndex { $0.key.name == key }
    }

    public subscript(key: String) -> Node? {
        guard let i = entryIndex(key) else { return nil }
        return entries[i].value
    }

    public func entry(_ key: String) -> Entry? {
        guard let i = entryIndex(key) else { return nil }
        return entries[i]
    }

    public mutating func append(_ entry: Entry) {
        entries.append(entry)
        if index != nil {
            if index![entry.key.name] == nil { index![entry.key.name] = entries.count - 1 }
        } else if entries.count > Self.indexThreshold {
            rebuildIndex()
        }
    }

    /// Sets the value for `key`, replacing an existing entry in place or appending a new one.
    public mutating func set(_ key: String, _ value: Node) {
        if let i = entryIndex(key) {
            entries[i].value = value
        } else {
            append(Entry(key: MappingKey(key), value: value))
        }
    }

    public mutating func remove(_ key: String) {
        guard let i = entryIndex(key) else { return }
        entries.remove(at: i)
        rebuildIndex()
    }
}

extension Node {
    public static func string(_ text: String, range: SourceRange = .synthetic) -> Node {
        Node(.scalar(Scalar(text, style: .doubleQuoted)), range: range)
    }

    /// A plain (unquoted) scalar such as a number or a boolean.
    public static func plain(_ text: String, range: SourceRange = .synthetic) -> Node {
        Node(.scalar(Scalar(text, style: .plain)), range: range)
    }

    public static func list(_ items: [Node], range: SourceRange = .synthetic) -> Node {
        Node(.sequence(items), range: range)
    }

    public static func map(_ mapping: Mapping, range: SourceRange = .synthetic) -> Node {
        Node(.mapping(mapping), range: range)
    }
}
