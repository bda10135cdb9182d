/// Structural equality of two trees, ignoring positions and how scalars were written:
/// `'abc'` equals `"abc"` equals `abc`, `010` equals `10`, `True` equals `true`, but the string
/// `"10"` is not the number `10`. Key order matters. Used to prove a conversion changed nothing.
extension Node {
    public func isEquivalent(to other: Node) -> Bool {
        firstDifference(from: other, path: "") == nil
    }

    /// The JSON-pointer-like path of the first place the trees differ, or nil when they are equivalent.
    public func firstDifference(from other: Node, path: String = "") -> String? {
        switch (value, other.value) {
        case (.scalar(let a), .scalar(let b)):
            return Self.scalarsEquivalent(a, b) ? nil : (path.isEmpty ? "/" : path)
        case (.sequence(let a), .sequence(let b)):
            guard a.count == b.count else { return path.isEmpty ? "/" : path }
            for i in a.indices {
                if let d = a[i].firstDifference(from: b[i], path: path + "/\(i)") { return d }
            }
            return nil
        case (.mapping(let a), .mapping(let b)):
            guard a.count == b.count else { return path.isEmpty ? "/" : path }
            for (x, y) in zip(a.entries, b.entries) {
                guard x.key.name == y.key.name else { return path + "/" + x.key.name }
                if let d = x.value.firstDifference(from: y.value, path: path + "/" + x.key.name) { return d }
            }
            return nil
        default:
            return path.isEmpty ? "/" : path
        }
    }

    static func scalarsEquivalent(_ a: Scalar, _ b: Scalar) -> Bool {
        let ra = a.resolved, rb = b.resolved
        switch (ra.kind, rb.kind) {
        case (.string, .string): return a.text == b.text
        case (.null, .null): return true
        case (.boolean, .boolean): return a.text.lowercased() == b.text.lowercased()
        case (.integer, .integer), (.float, .float), (.integer, .float), (.float, .integer):
            if a.text == b.text { return true }
            guard let x = Double(a.text), let y = Double(b.text) else { return false }
            return x == y
        default: return false
        }
    }
}
