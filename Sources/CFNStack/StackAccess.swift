import CFNAWS
import Foundation

/// How a command reaches the running stack: region, profile, endpoint and the bound on each wait,
/// resolved the AWS CLI's way (`AWSCredentialChain`). Read-only: it only hands out `CloudFormationClient`.
public struct StackAccess: Sendable {
    public var region: String
    public var profile: String?
    public var endpointURL: String?
    public var timeout: Double
    public var environment: [String: String]

    /// `region` nil: `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's region, else us-east-1.
    public init(region: String?, profile: String?, endpointURL: String?, timeout: Double = 30,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.region = AWSCredentialChain.region(explicit: region, profile: profile, environment: environment) ?? "us-east-1"
        self.profile = profile
        self.endpointURL = endpointURL
        self.timeout = timeout
        self.environment = environment
    }

    public func client() throws(AWSError) -> CloudFormationClient {
        let credentials = try AWSCredentialChain(profile: profile, region: region, environment: environment,
                                                 assumer: STSClient(environment: environment, timeout: timeout)).resolve()
        return try CloudFormationClient(region: region, credentials: credentials.credentials, endpointURL: endpointURL,
                                        timeout: timeout, retry: .standard(environment: environment))
    }

    /// The four read-only calls for one stack.
    public func deployedStack(_ name: String) throws(AWSError) -> DeployedStack {
        try client().deployedStack(name)
    }
}
