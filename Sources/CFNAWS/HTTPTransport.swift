import CCurl
import Foundation

/// A response as the transport returns it: header names lower-cased, the body capped.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Bounds of one request: every network wait and every body cfnkit reads is finite.
public struct TransportLimits: Sendable {
    /// TCP (and TLS) connect.
    public var connectTimeout: Double
    /// Abort when fewer than `minBytesPerSecond` flow for this long (a server that accepts and says nothing).
    public var idleTimeout: Double
    public var minBytesPerSecond: Int
    /// The whole exchange (a server that trickles bytes); nil for none.
    public var totalTimeout: Double?
    /// Largest response body kept.
    public var maxBodyBytes: Int

    public init(connectTimeout: Double, idleTimeout: Double, minBytesPerSecond: Int = 1, totalTimeout: Double?, maxBodyBytes: Int) {
        self.connectTimeout = connectTimeout
        self.idleTimeout = idleTimeout
        self.minBytesPerSecond = minBytesPerSecond
        self.totalTimeout = totalTimeout
        self.maxBodyBytes = maxBodyBytes
    }

    /// An API call answered with a small document: each wait and the whole exchange within `timeout`.
    public static func api(timeout: Double) -> TransportLimits {
        TransportLimits(connectTimeout: min(timeout, 10), idleTimeout: timeout, totalTimeout: timeout,
                        maxBodyBytes: 32 << 20)
    }
}

/// One HTTP exchange through libcurl (see `CCurl`): the request goes out as given, the final response
/// comes back. Shared by the S3 client and the CloudFormation and STS query clients.
public enum HTTPTransport {
    public struct Failure: Error, Sendable {
        public enum Kind: Sendable { case transportMissing, unreachable, timeout, tooLarge, other }
        public let kind: Kind
        public let message: String

        public init(kind: Kind, message: String) {
            self.kind = kind
            self.message = message
        }

        /// libcurl is missing: retrying cannot help.
        public var isPermanent: Bool { kind == .transportMissing || kind == .tooLarge }
    }

    public static func perform(method: String, url: String, headers: [String], body: Data?, limits: TransportLimits)
        -> Result<HTTPResponse, Failure> {
        var why = [CChar](repeating: 0, count: 512)
        guard ccurl_available(&why, why.count) == 1 else {
            return .failure(Failure(kind: .transportMissing,
                                    message: String(decoding: why.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)))
        }
        var response = ccurl_response()
        defer { ccurl_response_free(&response) }
        let cHeaders = headers.map { strdup($0) }
        defer { cHeaders.forEach { free($0) } }
        var bounds = ccurl_limits(
            connect_timeout_ms: max(1, Int(limits.connectTimeout * 1000)),
            idle_seconds: max(1, Int(limits.idleTimeout.rounded(.up))),
            min_bytes_per_second: max(1, limits.minBytesPerSecond),
            total_timeout_ms: limits.totalTimeout.map { max(1, Int($0 * 1000)) } ?? 0,
            max_body_bytes: max(0, limits.maxBodyBytes))
        let ok: Int32 = cHeaders.map { UnsafePointer($0) }.withUnsafeBufferPointer { headerPointers in
            guard let body else {
                return ccurl_perform(method, url, headerPointers.baseAddress, headerPointers.count, nil, 0, &bounds, &response)
            }
            // A non-NULL pointer even for an empty body, so libcurl sends "Content-Length: 0".
            var empty: UInt8 = 0
            return body.isEmpty
                ? ccurl_perform(method, url, headerPointers.baseAddress, headerPointers.count, &empty, 0, &bounds, &response)
                : body.withUnsafeBytes { bytes in
                    ccurl_perform(method, url, headerPointers.baseAddress, headerPointers.count,
                                  bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count, &bounds, &response)
                }
        }
        guard ok == 1 else {
            let message = withUnsafeBytes(of: response.error) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            return .failure(Failure(kind: response.body_too_large == 1 ? .tooLarge : kind(ofCurlCode: response.curl_code),
                                    message: message))
        }
        let headerText = response.headers.map { String(cString: $0) } ?? ""
        var parsed: [String: String] = [:]
        for line in headerText.split(whereSeparator: \.isNewline) {  // CR LF is one Character
            guard let colon = line.firstIndex(of: ":") else { continue }  // the status line
            parsed[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let bodyData = response.body.map { Data(bytes: $0, count: response.body_length) } ?? Data()
        return .success(HTTPResponse(status: response.status, headers: parsed, body: bodyData))
    }

    /// libcurl's CURLcode values (curl/curl.h).
    static func kind(ofCurlCode code: Int32) -> Failure.Kind {
        switch code {
        case 5, 6, 7, 35, 60: return .unreachable  // proxy or host not resolved, connect refused, TLS
        case 28: return .timeout
        default: return .other
        }
    }
}
