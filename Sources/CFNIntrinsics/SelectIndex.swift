/// CloudFormation's rule for a `Fn::Select` index into a list of known length: it rejects the
/// template ("Template error: Fn::Select cannot select nonexistent value at index N") when the index
/// is negative or past the end. The Evaluator and lint both ask this one place.
public enum SelectIndex {
    /// The problem with selecting `index` from a list of `count` items, or nil when it is in range.
    public static func problem(index: Int, count: Int) -> String? {
        if index >= 0, index < count { return nil }
        return "Fn::Select index \(index) is out of range for a list of \(count) item\(count == 1 ? "" : "s")"
    }
}
