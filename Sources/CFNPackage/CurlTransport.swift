import CCurl
import Foundation

/// One HTTP exchange through libcurl (see `CCurl`): the request goes out as given, the final
/// response comes back with lower-cased header names.
enum CurlTransport {
    struct Failure: Error {
        let message: String
        /// libcurl is missing: retrying cannot help.
        let isPermanent: Bool
    }

    static func perform(method: String, url: String, headers: [String], body: Data?, timeout: Double)
        -> Result<S3Client.Response, Failure> {
        var why = [CChar](repeating: 0, count: 512)
        guard ccurl_available(&why, why.count) == 1 else {
            return .failure(Failure(message: String(decoding: why.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self),
                                    isPermanent: true))
        }
        var response = ccurl_response()
        defer { ccurl_response_free(&response) }
        let cHeaders = headers.map { strdup($0) }
        defer { cHeaders.forEach { free($0) } }
        let seconds = max(1, Int(timeout.rounded(.up)))
        let ok: Int32 = cHeaders.map { UnsafePointer($0) }.withUnsafeBufferPointer { headerPointers in
            guard let body else {
                return ccurl_perform(method, url, headerPointers.baseAddress, headerPointers.count, nil, 0, seconds, &response)
            }
            // A non-NULL pointer even for an empty body, so libcurl sends "Content-Length: 0".
            var empty: UInt8 = 0
            return body.isEmpty
                ? ccurl_perform(method, url, headerPointers.baseAddress, headerPointers.count, &empty, 0, seconds, &response)
                : body.withUnsafeBytes { bytes in
                    ccurl_perform(method, url, headerPointers.baseAddress, headerPointers.count,
                                  bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count, seconds, &response)
                }
        }
        guard ok == 1 else {
            let message = withUnsafeBytes(of: response.error) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            return .failure(Failure(message: message, isPermanent: false))
        }
        let headerText = response.headers.map { String(cString: $0) } ?? ""
        var parsed: [String: String] = [:]
        for line in headerText.split(whereSeparator: \.isNewline) {  // CR LF is one Character
            guard let colon = line.firstIndex(of: ":") else { continue }  // the status line
            parsed[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let bodyData = response.body.map { Data(bytes: $0, count: response.body_length) } ?? Data()
        return .success(S3Client.Response(status: response.status, headers: parsed, body: bodyData))
    }
}
