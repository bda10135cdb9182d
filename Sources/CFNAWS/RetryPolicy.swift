import Foundation

/// The AWS SDKs' standard retry mode: a few attempts with exponential backoff, for throttling,
/// 5xx answers and network failures.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    /// First delay; doubled each retry, up to `maxDelay`.
    public var baseDelay: Double
    public var maxDelay: Double

    public init(maxAttempts: Int = 3, baseDelay: Double = 0.5, maxDelay: Double = 20) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// `AWS_MAX_ATTEMPTS` when set (as the AWS CLI reads it), else three attempts.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> RetryPolicy {
        RetryPolicy(maxAttempts: environment["AWS_MAX_ATTEMPTS"].flatMap { Int($0) }.map { min(max($0, 1), 20) } ?? 3)
    }

    /// Seconds to wait before attempt `attempt` (2 for the first retry).
    public func delay(beforeAttempt attempt: Int) -> Double {
        guard attempt > 1 else { return 0 }
        return min(maxDelay, baseDelay * pow(2, Double(attempt - 2)))
    }

    /// Error codes AWS services use for throttling (the SDKs' list).
    public static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    ]
}
