import CFNTemplate

/// One problem the transform found, at the node it is about (`file:line:col: error: ...`).
public struct TransformError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var range: SourceRange
    /// True when the input may be valid SAM but cfnkit does not expand this feature yet.
    public var isUnsupported: Bool

    public init(_ message: String, at range: SourceRange, unsupported: Bool = false) {
        self.message = message
        self.range = range
        self.isUnsupported = unsupported
    }

    static func unsupported(_ what: String, at range: SourceRange) -> TransformError {
        TransformError("\(what) is not supported by cfnkit transform yet", at: range, unsupported: true)
    }

    public var description: String { "\(range): error: \(message)" }
}
