/// Why a call to AWS failed, worded so the user knows what to do next.
public struct AWSError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// A flag or setting is wrong (a malformed --endpoint-url, no region).
        case usage
        /// No credentials found, or the service rejected them.
        case credentials
        /// The credentials may not make this call.
        case accessDenied
        /// The stack (or other named thing) does not exist.
        case notFound
        /// The stack exists but is in a state without what was asked for (REVIEW_IN_PROGRESS).
        case stackState
        /// Still throttled after every retry.
        case throttled
        /// The endpoint could not be reached (DNS, refused connection, TLS).
        case unreachable
        /// The endpoint accepted but did not answer (or trickled) within the bounds.
        case timeout
        /// A response body above the cap.
        case responseTooLarge
        /// An answer that is not what the API documents.
        case invalidResponse
        /// Any other error the service returned.
        case service
        /// libcurl is not installed.
        case transportMissing
    }

    public var kind: Kind
    public var message: String
    /// The service's error code, when it sent one.
    public var code: String?

    public init(_ kind: Kind, _ message: String, code: String? = nil) {
        self.kind = kind
        self.message = message
        self.code = code
    }

    public var description: String { "error: \(message)" }
}
