import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// AWS credentials: an access key, its secret and, for temporary credentials, a session token.
public struct AWSCredentials: Sendable, Hashable {
    public var accessKeyId: String
    public var secretAccessKey: String
    public var sessionToken: String?

    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }
}

/// An HTTP request as SigV4 sees it: the path already percent-encoded, query pairs not yet encoded.
public struct SignableRequest: Sendable {
    public var method: String
    /// `host` or `host:port` as the Host header carries it.
    public var host: String
    /// The request path, percent-encoded as sent (`/bucket/my%20key`).
    public var encodedPath: String
    public var query: [(String, String)]
    /// Headers to sign (names in any case); Host is added.
    public var headers: [String: String]

    public init(method: String, host: String, encodedPath: String, query: [(String, String)] = [], headers: [String: String] = [:]) {
        self.method = method
        self.host = host
        self.encodedPath = encodedPath
        self.query = query
        self.headers = headers
    }
}

/// AWS Signature Version 4 (header-based). S3 signs the path as sent; other services encode it once more.
public struct SigV4Signer: Sendable {
    public let credentials: AWSCredentials
    public let region: String
    public let service: String

    public init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// `20150830T123600Z`
    public static func amzDate(_ date: Date) -> String {
        var t = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&t, &parts)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                      Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// RFC 3986 percent-encoding as SigV4 wants it: unreserved characters kept, everything else `%XX`.
    public static func uriEncode(_ text: String, encodeSlash: Bool = true) -> String {
        var out = ""
        for byte in text.utf8 {
            let isLetter = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            let isDigit = byte >= 0x30 && byte <= 0x39
            let isMark = byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == 0x7E  // - _ . ~
            if isLetter || isDigit || isMark || (byte == 0x2F && !encodeSlash) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    public func canonicalQuery(_ query: [(String, String)]) -> String {
        var pairs: [(String, String)] = query.map { pair in (Self.uriEncode(pair.0), Self.uriEncode(pair.1)) }
        pairs.sort { (a: (String, String), b: (String, String)) -> Bool in a.0 == b.0 ? a.1 < b.1 : a.0 < b.0 }
        return pairs.map { pair in pair.0 + "=" + pair.1 }.joined(separator: "&")
    }

    func canonicalHeaders(_ request: SignableRequest) -> (text: String, signed: String) {
        var headers: [String: String] = [:]
        for (name, value) in request.headers {
            let trimmed = value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            headers[name.lowercased()] = trimmed
        }
        headers["host"] = request.host
        let names = headers.keys.sorted()
        let text = names.map { "\($0):\(headers[$0]!)\n" }.joined()
        return (text, names.joined(separator: ";"))
    }

    public func canonicalRequest(_ request: SignableRequest, payloadHash: String) -> String {
        var path = request.encodedPath.isEmpty ? "/" : request.encodedPath
        if service != "s3" {
            // Other services sign each segment encoded once more.
            path = path.split(separator: "/", omittingEmptySubsequences: false)
                .map { Self.uriEncode(String($0)) }.joined(separator: "/")
        }
        let (headers, signed) = canonicalHeaders(request)
        return [request.method, path, canonicalQuery(request.query), headers, signed, payloadHash].joined(separator: "\n")
    }

    public func stringToSign(canonicalRequest: String, amzDate: String) -> String {
        let scope = "\(amzDate.prefix(8))/\(region)/\(service)/aws4_request"
        return ["AWS4-HMAC-SHA256", amzDate, scope, ContentHash.sha256Hex(Array(canonicalRequest.utf8))].joined(separator: "\n")
    }

    public func signingKey(day: String) -> SymmetricKey {
        func hmac(_ key: SymmetricKey, _ text: String) -> SymmetricKey {
            SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key)))
        }
        var key = SymmetricKey(data: Data(("AWS4" + credentials.secretAccessKey).utf8))
        for part in [day, region, service, "aws4_request"] { key = hmac(key, part) }
        return key
    }

    public func signature(stringToSign: String, amzDate: String) -> String {
        let key = signingKey(day: String(amzDate.prefix(8)))
        return ContentHash.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
    }

    /// Signs `request` at `date`: returns the request's headers plus `x-amz-date`, the session token when there
    /// is one, `x-amz-content-sha256` for S3, and `Authorization`.
    public func sign(_ request: SignableRequest, payloadHash: String, date: Date) -> [String: String] {
        var request = request
        let amzDate = request.headers.first { $0.key.lowercased() == "x-amz-date" }?.value ?? Self.amzDate(date)
        if !request.headers.keys.contains(where: { $0.lowercased() == "x-amz-date" }) { request.headers["x-amz-date"] = amzDate }
        if let token = credentials.sessionToken { request.headers["x-amz-security-token"] = token }
        if service == "s3" { request.headers["x-amz-content-sha256"] = payloadHash }
        let canonical = canonicalRequest(request, payloadHash: payloadHash)
        let toSign = stringToSign(canonicalRequest: canonical, amzDate: amzDate)
        let signature = signature(stringToSign: toSign, amzDate: amzDate)
        let (_, signed) = canonicalHeaders(request)
        var headers = request.headers
        headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(amzDate.prefix(8))/\(region)/\(service)/aws4_request, SignedHeaders=\(signed), Signature=\(signature)"
        return headers
    }
}

/// Finds credentials and the region the way the AWS CLI does, for the parts cfnkit supports:
/// environment variables, then the shared credentials file's profile (`--profile`, AWS_PROFILE, `default`).
public enum AWSConfiguration {
    public static func credentials(profile: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(PackageError) -> AWSCredentials {
        if profile == nil, let id = environment["AWS_ACCESS_KEY_ID"], !id.isEmpty {
            guard let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty else {
                throw PackageError(.credentials, "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
            }
            let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
            return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: token)
        }
        let name = profile ?? environment["AWS_PROFILE"] ?? "default"
        let file = environment["AWS_SHARED_CREDENTIALS_FILE"] ?? (home(environment) + "/.aws/credentials")
        let sections = parseINI(file)
        guard let section = sections[name] else {
            throw PackageError(.credentials, "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add a [\(name)] profile to \(file)")
        }
        guard let id = section["aws_access_key_id"], let secret = section["aws_secret_access_key"] else {
            throw PackageError(.credentials, "profile [\(name)] in \(file) has no aws_access_key_id and aws_secret_access_key")
        }
        return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: section["aws_session_token"])
    }

    public static func region(explicit: String?, profile: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        for name in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
            if let r = environment[name], !r.isEmpty { return r }
        }
        let name = profile ?? environment["AWS_PROFILE"] ?? "default"
        let file = environment["AWS_CONFIG_FILE"] ?? (home(environment) + "/.aws/config")
        let sections = parseINI(file)
        let section = sections[name == "default" ? "default" : "profile \(name)"] ?? sections[name]
        return section?["region"] ?? "us-east-1"
    }

    static func home(_ environment: [String: String]) -> String {
        environment["HOME"] ?? NSHomeDirectory()
    }

    static func parseINI(_ path: String) -> [String: [String: String]] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        var result: [String: [String: String]] = [:]
        var current: String?
        for raw in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                current = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let current, let eq = line.firstIndex(of: "=") else { continue }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            result[current, default: [:]][key] = value
        }
        return result
    }
}
