import CFNAWS
import Foundation

/// Where and how to upload: the bucket, the region, an optional custom endpoint (path-style addressing),
/// server-side encryption, and the retry and multipart settings.
public struct S3Settings: Sendable {
    public var bucket: String
    public var region: String
    public var endpointURL: String?
    public var credentials: AWSCredentials
    /// SSE-KMS with this key; otherwise SSE AES256 (as aws-cli does).
    public var kmsKeyId: String?
    /// Upload even when an object with the key exists.
    public var forceUpload: Bool
    /// Objects at least this large go up in parts of `partSize` (S3 needs parts of at least 5 MiB).
    public var multipartThreshold: UInt64
    public var partSize: UInt64
    public var maxAttempts: Int
    /// First retry delay; doubled each time.
    public var retryDelay: Double
    public var timeout: Double

    public init(bucket: String, region: String, endpointURL: String? = nil, credentials: AWSCredentials, kmsKeyId: String? = nil,
                forceUpload: Bool = false, multipartThreshold: UInt64 = 16 << 20, partSize: UInt64 = 8 << 20,
                maxAttempts: Int = 4, retryDelay: Double = 0.5, timeout: Double = 120) {
        self.bucket = bucket
        self.region = region
        self.endpointURL = endpointURL
        self.credentials = credentials
        self.kmsKeyId = kmsKeyId
        self.forceUpload = forceUpload
        self.multipartThreshold = multipartThreshold
        self.partSize = max(partSize, 5 << 20)
        self.maxAttempts = max(1, maxAttempts)
        self.retryDelay = retryDelay
        self.timeout = timeout
    }
}

/// A small S3 client over libcurl (`CurlTransport`): HEAD, PUT (single and multipart), GET, PUT Bucket. Every request is
/// signed with SigV4; throttling, server errors and network failures are retried with backoff.
public final class S3Client: @unchecked Sendable {
    public let settings: S3Settings
    private let signer: SigV4Signer
    /// scheme://host[:port]
    private let origin: String
    private let hostHeader: String
    private let pathStyle: Bool

    public init(settings: S3Settings) throws(PackageError) {
        self.settings = settings
        signer = SigV4Signer(credentials: settings.credentials, region: settings.region, service: "s3")
        if let endpoint = settings.endpointURL, !endpoint.isEmpty {
            guard let url = URL(string: endpoint), let scheme = url.scheme, let host = url.host else {
                throw PackageError(.usage, "--endpoint-url \(endpoint) is not a URL like https://host:port")
            }
            let port = url.port.map { ":\($0)" } ?? ""
            origin = "\(scheme)://\(host)\(port)"
            hostHeader = host + port
            pathStyle = true
        } else {
            let domain = settings.region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
            let dnsSafe = settings.bucket.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } && settings.bucket.count >= 3
            pathStyle = !dnsSafe
            hostHeader = dnsSafe ? "\(settings.bucket).s3.\(settings.region).\(domain)" : "s3.\(settings.region).\(domain)"
            origin = "https://" + hostHeader
        }
    }

    public typealias Response = HTTPResponse

    private func path(for key: String?) -> String {
        var p = pathStyle ? "/" + SigV4Signer.uriEncode(settings.bucket) : ""
        if let key { p += "/" + SigV4Signer.uriEncode(key, encodeSlash: false) }
        return p.isEmpty ? "/" : p
    }

    /// Sends a signed request, retrying throttling, 5xx and network failures.
    public func send(method: String, key: String?, query: [(String, String)] = [], headers: [String: String] = [:],
                     body: Data? = nil) throws(PackageError) -> Response {
        let encodedPath = path(for: key)
        let payloadHash = body.map { ContentHash.sha256Hex($0) } ?? SigV4Signer.emptyPayloadHash
        let queryString = query.isEmpty ? "" : "?" + query.map {
            $0.1.isEmpty && ($0.0 == "uploads") ? SigV4Signer.uriEncode($0.0) : "\(SigV4Signer.uriEncode($0.0))=\(SigV4Signer.uriEncode($0.1))"
        }.joined(separator: "&")
        let url = origin + encodedPath + queryString
        var attempt = 0
        var lastFailure = ""
        while attempt < settings.maxAttempts {
            if attempt > 0 { Thread.sleep(forTimeInterval: settings.retryDelay * pow(2, Double(attempt - 1))) }
            attempt += 1
            let signable = SignableRequest(method: method, host: hostHeader, encodedPath: encodedPath, query: query, headers: headers)
            let signed = signer.sign(signable, payloadHash: payloadHash, date: Date())
            var lines = signed.map { "\($0.key): \($0.value)" }
            // PUT and POST always carry a body (an empty one is "Content-Length: 0").
            let sent = body ?? (method == "PUT" || method == "POST" ? Data() : nil)
            if sent != nil {
                // Unsigned; without it libcurl labels POST bodies as form data, which servers may consume.
                lines.append("Content-Type: " + (method == "POST" ? "application/xml" : "application/octet-stream"))
            }
            // Bounded: connect, idle and the whole exchange (a trickling server fails too), and the body capped.
            let limits = TransportLimits(connectTimeout: min(settings.timeout, 10), idleTimeout: settings.timeout,
                                         totalTimeout: settings.timeout + Double(sent?.count ?? 0) / Double(64 << 10),
                                         maxBodyBytes: 64 << 20)
            switch HTTPTransport.perform(method: method, url: url, headers: lines, body: sent, limits: limits) {
            case .failure(let error):
                if error.isPermanent { throw PackageError(.network, "cannot upload to \(origin): \(error.message)") }
                lastFailure = "network failure talking to \(origin): \(error.message)"
                continue
            case .success(let response):
                if response.status >= 500 || response.status == 429 || Self.errorCode(response.body) == "SlowDown" {
                    lastFailure = "S3 answered \(response.status) \(Self.errorCode(response.body) ?? "") for \(method) \(encodedPath)"
                    continue
                }
                return response
            }
        }
        throw PackageError(.network, "\(lastFailure) (gave up after \(settings.maxAttempts) attempts)")
    }

    static func errorCode(_ body: Data) -> String? { xmlValue("Code", in: body) }

    static func xmlValue(_ tag: String, in body: Data) -> String? {
        let text = String(decoding: body, as: UTF8.self)
        guard let start = text.range(of: "<\(tag)>"), let end = text.range(of: "</\(tag)>", range: start.upperBound..<text.endIndex) else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
    }

    /// Turns an error answer into a message a user can act on.
    func failure(_ response: Response, doing what: String) -> PackageError {
        let code = Self.errorCode(response.body) ?? ""
        let message = Self.xmlValue("Message", in: response.body) ?? ""
        switch (response.status, code) {
        case (404, "NoSuchBucket"), (404, ""):
            return PackageError(.noSuchBucket, "the bucket \(settings.bucket) does not exist (or is not visible to these credentials) at \(origin)")
        case (403, "InvalidAccessKeyId"), (403, "SignatureDoesNotMatch"), (403, "ExpiredToken"), (400, "ExpiredToken"),
             (403, "InvalidToken"), (400, "InvalidToken"), (403, "TokenRefreshRequired"):
            return PackageError(.credentials, "S3 rejected the credentials (\(code)): \(message) — check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the profile")
        case (403, _):
            return PackageError(.credentials, "S3 denied \(what) (\(code.isEmpty ? "403" : code)): \(message)")
        case (301, _), (400, "AuthorizationHeaderMalformed"), (400, "IllegalLocationConstraintException"):
            let region = response.headers["x-amz-bucket-region"].map { " (the bucket is in \($0); pass --region \($0))" } ?? ""
            return PackageError(.s3, "the bucket \(settings.bucket) is not in \(settings.region)\(region)")
        default:
            return PackageError(.s3, "S3 answered \(response.status) \(code) to \(what): \(message)")
        }
    }

    // MARK: Operations

    /// True when the key exists. A 403 (no ListBucket permission) counts as absent, so the PUT reports the real problem.
    public func objectExists(key: String) throws(PackageError) -> Bool {
        let response = try send(method: "HEAD", key: key)
        switch response.status {
        case 200: return true
        case 404, 403: return false
        default: throw failure(response, doing: "HEAD \(key)")
        }
    }

    private var encryptionHeaders: [String: String] {
        if let kms = settings.kmsKeyId, !kms.isEmpty {
            return ["x-amz-server-side-encryption": "aws:kms", "x-amz-server-side-encryption-aws-kms-key-id": kms]
        }
        return ["x-amz-server-side-encryption": "AES256"]
    }

    public func putObject(key: String, data: Data) throws(PackageError) {
        let response = try send(method: "PUT", key: key, headers: encryptionHeaders, body: data)
        guard response.status == 200 else { throw failure(response, doing: "PUT \(key)") }
    }

    /// Uploads a file, in parts when it is at least `multipartThreshold` bytes. `progress` gets bytes sent.
    public func upload(key: String, file: String, size: UInt64, progress: (Int64) -> Void = { _ in }) throws(PackageError) {
        guard let handle = FileHandle(forReadingAtPath: file) else { throw PackageError(.io, "\(file): cannot read") }
        defer { try? handle.close() }
        if size < settings.multipartThreshold {
            let data = handle.readDataToEndOfFile()
            try putObject(key: key, data: data)
            progress(Int64(data.count))
            return
        }
        let start = try send(method: "POST", key: key, query: [("uploads", "")], headers: encryptionHeaders)
        guard start.status == 200, let uploadId = Self.xmlValue("UploadId", in: start.body) else {
            throw failure(start, doing: "start a multipart upload of \(key)")
        }
        do throws(PackageError) {
            var parts: [(Int, String)] = []
            var number = 1
            while true {
                let chunk = handle.readData(ofLength: Int(settings.partSize))
                if chunk.isEmpty { break }
                let response = try send(method: "PUT", key: key, query: [("partNumber", "\(number)"), ("uploadId", uploadId)], body: chunk)
                guard response.status == 200, let etag = response.headers["etag"] else {
                    throw failure(response, doing: "upload part \(number) of \(key)")
                }
                parts.append((number, etag))
                progress(Int64(chunk.count))
                number += 1
            }
            var xml = "<CompleteMultipartUpload>"
            for (n, etag) in parts { xml += "<Part><PartNumber>\(n)</PartNumber><ETag>\(etag)</ETag></Part>" }
            xml += "</CompleteMultipartUpload>"
            let done = try send(method: "POST", key: key, query: [("uploadId", uploadId)], body: Data(xml.utf8))
            guard done.status == 200, Self.errorCode(done.body) == nil else {
                throw failure(done, doing: "complete the multipart upload of \(key)")
            }
        } catch {
            _ = try? send(method: "DELETE", key: key, query: [("uploadId", uploadId)])
            throw error
        }
    }

    public func getObject(key: String) throws(PackageError) -> Data {
        let response = try send(method: "GET", key: key)
        guard response.status == 200 else { throw failure(response, doing: "GET \(key)") }
        return response.body
    }

    /// PUT Bucket (with a location constraint outside us-east-1).
    public func createBucket() throws(PackageError) {
        var body: Data? = nil
        if settings.region != "us-east-1" {
            body = Data("<CreateBucketConfiguration><LocationConstraint>\(settings.region)</LocationConstraint></CreateBucketConfiguration>".utf8)
        }
        let response = try send(method: "PUT", key: nil, body: body)
        guard response.status == 200 || Self.errorCode(response.body) == "BucketAlreadyOwnedByYou" else {
            throw failure(response, doing: "create the bucket \(settings.bucket)")
        }
    }
}
