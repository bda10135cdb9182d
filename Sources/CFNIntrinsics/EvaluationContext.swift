import CFNSchema
import CFNTemplate
import Foundation

/// The partition and URL suffix a region belongs to, as `AWS::Partition` and `AWS::URLSuffix`
/// return them (AWS General Reference, "ARN partitions").
public struct RegionInfo: Sendable, Hashable {
    public let region: String
    public let partition: String
    public let urlSuffix: String

    public init(region: String) {
        self.region = region
        switch region {
        case let r where r.hasPrefix("cn-"): (partition, urlSuffix) = ("aws-cn", "amazonaws.com.cn")
        case let r where r.hasPrefix("us-gov-"): (partition, urlSuffix) = ("aws-us-gov", "amazonaws.com")
        case let r where r.hasPrefix("us-isob-"): (partition, urlSuffix) = ("aws-iso-b", "sc2s.sgov.gov")
        case let r where r.hasPrefix("us-iso-"): (partition, urlSuffix) = ("aws-iso", "c2s.ic.gov")
        default: (partition, urlSuffix) = ("aws", "amazonaws.com")
        }
    }
}

/// Everything outside the template that evaluation needs: parameter values, the pseudo
/// parameters (region, account, stack name) and the schema registry for region data.
public struct EvaluationContext: Sendable {
    /// How parameters without a given value are treated.
    public enum ParameterPolicy: Sendable, Hashable {
        /// As at stack creation: a given value, else the `Default`; neither is an error.
        case deploy
        /// For linting: only given values are known; every other parameter stays symbolic.
        case symbolic
    }

    public static let defaultAccountId = "123456789012"

    public var region: String
    public var accountId: String
    /// nil leaves `AWS::StackName` and `AWS::StackId` symbolic.
    public var stackName: String?
    public var notificationARNs: [String]
    public var parameters: ParameterValues
    public var parameterPolicy: ParameterPolicy
    public var registry: SchemaRegistry
    /// Most items `Fn::ForEach` may produce in one template (CloudFormation's own template limits
    /// are far below this).
    public var forEachLimit: Int
    /// Longest Fn::Sub string evaluated, in characters.
    public var subLengthLimit: Int = Limits.subLength
    /// How the user gives this context a parameter value (a command-line flag), named in the error
    /// for a parameter without a value; `diff` names its own flag for the old side.
    public var parameterFlag: String = "--parameter"
    /// Parameters whose value exists but cannot be known (a deployed stack's NoEcho values, which the
    /// API masks as `****`): they stay symbolic, without the missing-value error, unless given.
    public var unknownParameters: Set<String> = []

    public init(region: String? = nil, accountId: String = EvaluationContext.defaultAccountId, stackName: String? = nil,
                notificationARNs: [String] = [], parameters: ParameterValues = ParameterValues(),
                parameterPolicy: ParameterPolicy = .deploy, registry: SchemaRegistry = .bundled, forEachLimit: Int = Limits.forEachItems) {
        self.region = region ?? Self.environmentRegion()
        self.accountId = accountId
        self.stackName = stackName
        self.notificationARNs = notificationARNs
        self.parameters = parameters
        self.parameterPolicy = parameterPolicy
        self.registry = registry
        self.forEachLimit = forEachLimit
    }

    /// `AWS_REGION`, else `AWS_DEFAULT_REGION`, else us-east-1 (as the AWS CLI chooses).
    public static func environmentRegion(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        for key in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
            if let r = environment[key], !r.isEmpty { return r }
        }
        return SchemaRegistry.defaultRegion
    }

    public var regionInfo: RegionInfo { RegionInfo(region: region) }

    /// The stack's ARN, derived from the region, account and stack name with a stable id so that
    /// repeated runs print the same thing.
    public var stackId: String? {
        guard let stackName else { return nil }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in "\(region)/\(accountId)/\(stackName)".utf8 {
            hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3
        }
        let hex = String(format: "%016llx", hash) + String(format: "%016llx", hash &* 0x9E37_79B9_7F4A_7C15)
        let h = Array(hex)
        let uuid = "\(String(h[0..<8]))-\(String(h[8..<12]))-\(String(h[12..<16]))-\(String(h[16..<20]))-\(String(h[20..<32]))"
        return "arn:\(regionInfo.partition):cloudformation:\(region):\(accountId):stack/\(stackName)/\(uuid)"
    }

    public static let pseudoParameterNames: Set<String> = [
        "AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition", "AWS::Region",
        "AWS::StackId", "AWS::StackName", "AWS::URLSuffix",
    ]

    /// The value of a pseudo parameter, or nil for a name that is not one.
    public func pseudoParameter(_ name: String, range: SourceRange = .synthetic) -> Value? {
        switch name {
        case "AWS::Region": return .string(region, range)
        case "AWS::AccountId": return .string(accountId, range)
        case "AWS::Partition": return .string(regionInfo.partition, range)
        case "AWS::URLSuffix": return .string(regionInfo.urlSuffix, range)
        case "AWS::NoValue": return Value(.noValue, range: range)
        case "AWS::NotificationARNs": return .list(notificationARNs.map { .string($0, range) }, range)
        case "AWS::StackName": return stackName.map { .string($0, range) } ?? .symbolic(.parameter(name: name), range)
        case "AWS::StackId": return stackId.map { .string($0, range) } ?? .symbolic(.parameter(name: name), range)
        default: return nil
        }
    }
}
