/// Why a template could not be loaded. Always carries a position a user can click.
public struct LoadError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case fileNotFound, unreadable, isDirectory, tooLarge, encoding, nulByte, empty
        case syntax, duplicateKey, alias, mergeKey, unknownTag, tooDeep, multipleDocuments
        case notAMapping, nonStringKey, tooManyNodes, tooManyResources
    }

    public var kind: Kind
    public var file: String
    public var position: SourcePosition
    public var message: String
    /// Other places the error involves (for a duplicate key, the other occurrences).
    public var related: [SourcePosition]

    public init(_ kind: Kind, file: String, at position: SourcePosition, _ message: String, related: [SourcePosition] = []) {
        self.kind = kind
        self.file = file
        self.position = position
        self.message = message
        self.related = related
    }

    /// `file:line:col: error: message`, the line `cfnkit validate` prints.
    public var description: String { "\(file):\(position.line):\(position.column): error: \(message)" }
}

/// Bounds that keep hostile input from eating time or memory. Generous for real templates.
public struct LoaderLimits: Sendable, Hashable {
    /// Largest file read (CloudFormation's own body limit is 1 MB; generated stress templates are larger).
    public var maxBytes: Int
    /// Deepest nesting of mappings and sequences.
    public var maxDepth: Int
    /// Most nodes in one document.
    public var maxNodes: Int
    /// Most entries in the Resources section (CloudFormation's own limit is 500).
    public var maxResources: Int

    /// What to do with a `!Tag` CloudFormation does not know (such as rain's `!Rain::Embed`).
    public var unknownTags: UnknownTagPolicy

    public enum UnknownTagPolicy: Sendable, Hashable {
        /// An error at the tag, as CloudFormation would refuse the template.
        case reject
        /// `!Name x` becomes `{"Fn::Name": x}`, as cfn-lint reads it, so later layers can report it.
        case longForm
    }

    /// Defaults come from `Limits` (environment overrides included), see docs/LIMITS.md.
    public init(maxBytes: Int = Limits.templateBytes, maxDepth: Int = Limits.depth, maxNodes: Int = Limits.nodes,
                unknownTags: UnknownTagPolicy = .reject, maxResources: Int = Limits.resources) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxResources = maxResources
        self.unknownTags = unknownTags
    }

    public static var `default`: LoaderLimits { LoaderLimits() }
}
