import CFNTemplate

/// A problem found while evaluating a template: wrong arguments, unknown names, failed parameter
/// checks or rule assertions. Evaluation never throws these; they are collected so a linter can
/// report many at once.
public struct EvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case wrongArgumentCount, wrongArgumentType, unknownFunction, languageExtensionsRequired
        case unknownReference, unknownAttribute, referenceToRemovedResource
        case unknownMapping, unknownMappingKey, indexOutOfRange, invalidCidr, invalidSub
        case unknownCondition, conditionCycle, conditionNotBoolean
        case missingParameterValue, unknownParameter, invalidParameterValue, invalidParameterType
        case invalidParameterFile, ruleAssertionFailed, forEach, limitExceeded
    }

    public var kind: Kind
    public var message: String
    public var range: SourceRange

    public init(_ kind: Kind, _ message: String, at range: SourceRange) {
        self.kind = kind
        self.message = message
        self.range = range
    }

    /// `file:line:col: error: message`, or `error: message` for problems with no place in a file.
    public var description: String {
        range.isSynthetic ? "error: \(message)" : "\(range): error: \(message)"
    }
}

extension Array where Element == EvaluationError {
    /// Errors in file order (position, then message), duplicates removed.
    public func sortedByPosition() -> [EvaluationError] {
        var seen = Set<EvaluationError>()
        return filter { seen.insert($0).inserted }.sorted {
            if $0.range.file.rawValue != $1.range.file.rawValue { return $0.range.file.rawValue < $1.range.file.rawValue }
            if $0.range.start != $1.range.start { return $0.range.start < $1.range.start }
            return $0.message < $1.message
        }
    }
}
