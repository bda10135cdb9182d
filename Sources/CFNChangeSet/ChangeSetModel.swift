import CFNTemplate

/// The shape of `aws cloudformation describe-change-set`: field names and enum spellings are AWS's
/// (`Replacement: "Conditional"` but `RequiresRecreation: "Conditionally"`).
public enum ChangeAction: String, Sendable, Hashable { case add = "Add", modify = "Modify", remove = "Remove", dynamic = "Dynamic" }

public enum Replacement: String, Sendable, Hashable, Comparable {
    case falseValue = "False", conditional = "Conditional", trueValue = "True"

    private var rank: Int { self == .falseValue ? 0 : self == .conditional ? 1 : 2 }
    public static func < (a: Replacement, b: Replacement) -> Bool { a.rank < b.rank }
}

public enum RequiresRecreation: String, Sendable, Hashable, Comparable {
    case never = "Never", conditionally = "Conditionally", always = "Always"

    private var rank: Int { self == .never ? 0 : self == .conditionally ? 1 : 2 }
    public static func < (a: RequiresRecreation, b: RequiresRecreation) -> Bool { a.rank < b.rank }
}

public enum ChangeAttribute: String, Sendable, Hashable, CaseIterable {
    case properties = "Properties", metadata = "Metadata", creationPolicy = "CreationPolicy"
    case updatePolicy = "UpdatePolicy", deletionPolicy = "DeletionPolicy"
    case updateReplacePolicy = "UpdateReplacePolicy", tags = "Tags"
}

public enum Evaluation: String, Sendable, Hashable { case staticValue = "Static", dynamic = "Dynamic" }

public enum ChangeSource: String, Sendable, Hashable {
    case resourceReference = "ResourceReference", parameterReference = "ParameterReference"
    case resourceAttribute = "ResourceAttribute", directModification = "DirectModification"
    case automatic = "Automatic"
}

public enum PolicyAction: String, Sendable, Hashable {
    case delete = "Delete", retain = "Retain", snapshot = "Snapshot"
    case replaceAndDelete = "ReplaceAndDelete", replaceAndRetain = "ReplaceAndRetain", replaceAndSnapshot = "ReplaceAndSnapshot"
}

public struct ResourceTargetDefinition: Sendable, Hashable {
    public var attribute: ChangeAttribute
    /// The top-level property, for `Properties` targets.
    public var name: String?
    /// Absent on details caused by stack-level tags (as AWS returns them).
    public var requiresRecreation: RequiresRecreation?
    /// JSON pointer of the changed value (`/Properties/Tags/0/Value`), with property values.
    public var path: String?
    public var beforeValue: String?
    public var afterValue: String?
    public var attributeChangeType: String?
}

public struct ResourceChangeDetail: Sendable, Hashable {
    public var target: ResourceTargetDefinition
    public var evaluation: Evaluation
    /// Absent when the change comes from tags given with the change set rather than the template.
    public var changeSource: ChangeSource?
    /// The parameter, `LogicalId` or `LogicalId.Attribute` behind the change.
    public var causingEntity: String?
    /// Where in the new template (or the old one, for removals) the change comes from.
    public var range: SourceRange

    /// Contribution of this detail to the resource's Replacement.
    var replacement: Replacement {
        switch (target.requiresRecreation ?? .never, evaluation) {
        case (.always, .staticValue): return .trueValue
        case (.always, .dynamic), (.conditionally, _): return .conditional
        case (.never, _): return .falseValue
        }
    }
}

public struct ResourceChange: Sendable, Hashable {
    public var action: ChangeAction
    public var logicalResourceId: String
    public var physicalResourceId: String?
    public var resourceType: String
    public var replacement: Replacement?
    public var policyAction: PolicyAction?
    public var scope: [ChangeAttribute]
    public var details: [ResourceChangeDetail]
    /// Where the resource is declared (new template; old one for removals).
    public var range: SourceRange
    /// Changes of a nested stack's template, when nested stacks are included.
    public var nested: ChangeSet?
    /// With property values: the resource's evaluated attributes before and after (AWS returns
    /// them as JSON text).
    public var beforeContext: String?
    public var afterContext: String?
}

/// Differences outside resources, which DescribeChangeSet does not list but reviewers need.
public struct StackLevelChange: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case parameterAdded, parameterRemoved, parameterValueChanged
        case outputAdded, outputRemoved, outputChanged
        case exportAdded, exportRemoved, exportRenamed
        case conditionChanged, mappingChanged, transformChanged, descriptionChanged

        var changesOutputs: Bool {
            switch self {
            case .outputAdded, .outputRemoved, .outputChanged, .exportAdded, .exportRemoved, .exportRenamed: return true
            default: return false
            }
        }
    }

    public var kind: Kind
    public var name: String
    public var message: String
    public var range: SourceRange
    /// True where the change can break another stack (an export removed or renamed).
    public var isRisky: Bool
}

/// The result of comparing two versions of a template.
public struct ChangeSet: Sendable, Hashable {
    public static let noChangesReason =
        "The submitted information didn't contain changes. Submit different information to create a change set."

    public var changes: [ResourceChange]
    public var stackChanges: [StackLevelChange]
    /// Effective parameter values of the new version, as DescribeChangeSet lists them.
    public var parameters: [(key: String, value: String)]

    /// CloudFormation refuses a change set that changes no resource and no output (a parameter
    /// value that reaches nothing does not count: evidence scenario 45; outputs do: scenario 43).
    public var hasNoChanges: Bool {
        changes.isEmpty && !stackChanges.contains { $0.kind.changesOutputs }
    }
    public var status: String { hasNoChanges ? "FAILED" : "CREATE_COMPLETE" }
    public var statusReason: String? { hasNoChanges ? Self.noChangesReason : nil }

    public static func == (a: ChangeSet, b: ChangeSet) -> Bool {
        a.changes == b.changes && a.stackChanges == b.stackChanges
            && a.parameters.map(\.key) == b.parameters.map(\.key) && a.parameters.map(\.value) == b.parameters.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(changes)
        hasher.combine(stackChanges)
    }
}
