import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
        return ["AWS4-HMAC-SHA256", amzDate, scope, HexDigest.sha256Hex(Array(canonicalRequest.utf8))].joined(separator: "\n")
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
        return HexDigest.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
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
