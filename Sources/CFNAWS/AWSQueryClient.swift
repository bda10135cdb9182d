import Foundation

/// Sends one request to an AWS query API (form-encoded POST, XML answer: CloudFormation, STS), signed
/// with SigV4, through a bounded transport, retrying throttling, 5xx answers and unreachable
/// endpoints as the SDKs' standard mode does; every failure becomes an `AWSError` saying what to do.
public struct AWSQueryClient: Sendable {
    /// One exchange: the real one is `HTTPTransport.perform`; tests pass their own.
    public typealias Send = @Sendable (_ method: String, _ url: String, _ headers: [String], _ body: Data, _ limits: TransportLimits)
        -> Result<HTTPResponse, HTTPTransport.Failure>

    public var service: String
    public var apiVersion: String
    public var endpoint: URL
    public var region: String
    public var credentials: AWSCredentials
    public var timeout: Double
    public var retry: RetryPolicy
    public var send: Send
    public var sleep: @Sendable (Double) -> Void

    public init(service: String, apiVersion: String, endpoint: URL, region: String, credentials: AWSCredentials,
                timeout: Double = 30, retry: RetryPolicy = .standard(),
                send: @escaping Send = { HTTPTransport.perform(method: $0, url: $1, headers: $2, body: $3, limits: $4) },
                sleep: @escaping @Sendable (Double) -> Void = { Thread.sleep(forTimeInterval: $0) }) {
        self.service = service
        self.apiVersion = apiVersion
        self.endpoint = endpoint
        self.region = region
        self.credentials = credentials
        self.timeout = timeout
        self.retry = retry
        self.send = send
        self.sleep = sleep
    }

    /// `https://SERVICE.REGION.amazonaws.com` (`.com.cn` in China), or the URL the user gave.
    public static func endpoint(service: String, region: String, override: String?) throws(AWSError) -> URL {
        if let override, !override.isEmpty {
            guard let url = URL(string: override), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                throw AWSError(.usage, "--endpoint-url '\(override)' is not an http(s) URL such as http://127.0.0.1:5000")
            }
            return url
        }
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        return URL(string: "https://\(service).\(region).\(suffix)")!
    }

    /// The body as sent: `Action=...&Version=...&` then the parameters, form-encoded.
    public func body(action: String, parameters: [(String, String)]) -> String {
        ([("Action", action), ("Version", apiVersion)] + parameters)
            .map { SigV4Signer.uriEncode($0.0) + "=" + SigV4Signer.uriEncode($0.1) }
            .joined(separator: "&")
    }

    /// Calls `action` and returns the response document's root element.
    public func call(_ action: String, _ parameters: [(String, String)] = []) throws(AWSError) -> XMLElement {
        let body = Data(body(action: action, parameters: parameters).utf8)
        var attempt = 1
        while true {
            let outcome = once(action: action, body: body)
            switch outcome {
            case .success(let root): return root
            case .failure(let failure):
                guard failure.retryable, attempt < retry.maxAttempts else {
                    if failure.retryable && failure.error.kind == .throttled {
                        var error = failure.error
                        error.message = "\(service) \(action) was still throttled after \(attempt) attempts (\(failure.error.code ?? "Throttling")): wait a minute and run again, or allow more attempts with AWS_MAX_ATTEMPTS"
                        throw error
                    }
                    throw failure.error
                }
                attempt += 1
                sleep(retry.delay(beforeAttempt: attempt))
            }
        }
    }

    struct AttemptFailure: Error {
        var error: AWSError
        var retryable: Bool
    }

    func once(action: String, body: Data) -> Result<XMLElement, AttemptFailure> {
        let host = endpoint.host ?? ""
        let hostHeader = endpoint.port.map { "\(host):\($0)" } ?? host
        let path = endpoint.path.isEmpty ? "/" : endpoint.path
        let signer = SigV4Signer(credentials: credentials, region: region, service: service)
        let request = SignableRequest(method: "POST", host: hostHeader, encodedPath: path,
                                      headers: ["Content-Type": "application/x-www-form-urlencoded; charset=utf-8"])
        let signed = signer.sign(request, payloadHash: HexDigest.sha256Hex(body), date: Date())
        let headers = signed.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
        let url = endpoint.absoluteString
        switch send("POST", url, headers, body, TransportLimits.api(timeout: timeout)) {
        case .failure(let failure):
            switch failure.kind {
            case .unreachable:
                return .failure(AttemptFailure(error: AWSError(.unreachable, "cannot reach \(url) for \(service) \(action): \(failure.message); check --endpoint-url, the region and the network"), retryable: true))
            case .timeout:
                return .failure(AttemptFailure(error: AWSError(.timeout, "\(url) did not answer \(service) \(action) within \(Self.seconds(timeout)) (raise it with --aws-timeout)"), retryable: false))
            case .tooLarge:
                return .failure(AttemptFailure(error: AWSError(.responseTooLarge, "the answer of \(service) \(action) from \(url) is larger than cfnkit reads"), retryable: false))
            case .transportMissing:
                return .failure(AttemptFailure(error: AWSError(.transportMissing, "\(failure.message): install libcurl (apt: libcurl4)"), retryable: false))
            case .other:
                return .failure(AttemptFailure(error: AWSError(.unreachable, "\(service) \(action) to \(url) failed: \(failure.message)"), retryable: true))
            }
        case .success(let response):
            let root = try? XMLReader.parse(Array(response.body))
            if (200..<300).contains(response.status) {
                guard let root else {
                    return .failure(AttemptFailure(error: AWSError(.invalidResponse, "\(service) \(action) answered HTTP \(response.status) with a body that is not XML"), retryable: false))
                }
                return .success(root)
            }
            return .failure(classify(status: response.status, root: root, action: action))
        }
    }

    func classify(status: Int, root: XMLElement?, action: String) -> AttemptFailure {
        let code = root?.first(named: "Code")?.text ?? ""
        let message = root?.first(named: "Message")?.text ?? ""
        let said = message.isEmpty ? (code.isEmpty ? "HTTP \(status)" : code) : (code.isEmpty ? message : "\(code): \(message)")
        if RetryPolicy.throttlingCodes.contains(code) || status == 429 {
            return AttemptFailure(error: AWSError(.throttled, "\(service) \(action) was throttled (\(said))", code: code), retryable: true)
        }
        if Self.credentialCodes.contains(code) {
            return AttemptFailure(error: AWSError(.credentials, "\(service) rejected the credentials for \(action) (\(said)): check the access key, its secret and the session token, or refresh temporary credentials", code: code), retryable: false)
        }
        if status == 403 || Self.accessDeniedCodes.contains(code) {
            return AttemptFailure(error: AWSError(.accessDenied, "access denied to \(service):\(action) (\(said)): the identity needs the IAM permission \(service):\(action)", code: code), retryable: false)
        }
        if status >= 500 {
            return AttemptFailure(error: AWSError(.service, "\(service) \(action) failed on the service side (\(said)); try again later", code: code), retryable: true)
        }
        return AttemptFailure(error: AWSError(.service, "\(service) \(action): \(said)", code: code), retryable: false)
    }

    static let credentialCodes: Set<String> = [
        "InvalidClientTokenId", "SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException", "UnrecognizedClientException",
        "AuthFailure", "InvalidAccessKeyId", "IncompleteSignature", "MissingAuthenticationToken", "RequestExpired",
    ]
    static let accessDeniedCodes: Set<String> = ["AccessDenied", "AccessDeniedException", "UnauthorizedOperation"]

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
