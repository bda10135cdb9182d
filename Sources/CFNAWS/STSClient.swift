import Foundation

/// STS for the credential chain: AssumeRole only. The endpoint is `AWS_ENDPOINT_URL_STS`, else
/// `AWS_ENDPOINT_URL` (the SDKs' endpoint variables), else the region's STS endpoint.
public struct STSClient: RoleAssumer {
    public var environment: [String: String]
    public var timeout: Double

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, timeout: Double = 30) {
        self.environment = environment
        self.timeout = timeout
    }

    public func assumeRole(_ request: AssumeRoleRequest, with credentials: AWSCredentials, region: String) throws(AWSError) -> AWSCredentials {
        let override = [environment["AWS_ENDPOINT_URL_STS"], environment["AWS_ENDPOINT_URL"]].compactMap { $0 }.first { !$0.isEmpty }
        let client = AWSQueryClient(service: "sts", apiVersion: "2011-06-15",
                                    endpoint: try AWSQueryClient.endpoint(service: "sts", region: region, override: override),
                                    region: region, credentials: credentials, timeout: timeout, retry: .standard(environment: environment))
        var parameters = [("RoleArn", request.roleArn), ("RoleSessionName", request.sessionName)]
        if let externalId = request.externalId { parameters.append(("ExternalId", externalId)) }
        if let duration = request.durationSeconds { parameters.append(("DurationSeconds", String(duration))) }
        let root: XMLElement
        do { root = try client.call("AssumeRole", parameters) } catch {
            var error = error
            error.message = "assuming role \(request.roleArn): \(error.message)"
            throw error
        }
        guard let c = root.path("AssumeRoleResult", "Credentials"), let id = c.value("AccessKeyId"),
              let secret = c.value("SecretAccessKey") else {
            throw AWSError(.invalidResponse, "STS AssumeRole for \(request.roleArn) answered without Credentials")
        }
        return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: c.value("SessionToken"))
    }
}
