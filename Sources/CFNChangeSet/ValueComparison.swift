import CFNTemplate

/// Compares evaluated values the way CloudFormation does: `"10"` equals `10`, `true` equals
/// `"true"`, key order never matters, list order does. Returns the JSON-pointer paths that differ.
enum ValueComparison {
    static func equal(_ a: Node?, _ b: Node?) -> Bool {
        changedPaths(a, b, path: "", limit: 1).isEmpty
    }

    /// Paths (relative, `/A/0/B`) where `a` and `b` differ; "" when they differ as a whole.
    static func changedPaths(_ a: Node?, _ b: Node?, path: String = "", limit: Int = 1_000) -> [String] {
        var out: [String] = []
        collect(a, b, path: path, into: &out, limit: limit)
        return out
    }

    private static func collect(_ a: Node?, _ b: Node?, path: String, into out: inout [String], limit: Int) {
        guard out.count < limit else { return }
        switch (a?.value, b?.value) {
        case (nil, nil):
            return
        case (.scalar(let x)?, .scalar(let y)?):
            if !scalarsEqual(x, y) { out.append(path) }
        case (.sequence(let x)?, .sequence(let y)?):
            if x.count != y.count {
                // A list that grows or shrinks changes from the first differing index on.
                let common = min(x.count, y.count)
                for i in 0..<common { collect(x[i], y[i], path: path + "/\(i)", into: &out, limit: limit) }
                out.append(path)
                return
            }
            for i in x.indices { collect(x[i], y[i], path: path + "/\(i)", into: &out, limit: limit) }
        case (.mapping(let x)?, .mapping(let y)?):
            for entry in x.entries {
                collect(entry.value, y[entry.key.name], path: path + "/" + escape(entry.key.name), into: &out, limit: limit)
            }
            for entry in y.entries where x[entry.key.name] == nil {
                out.append(path + "/" + escape(entry.key.name))
            }
        default:
            out.append(path)
        }
    }

    /// Scalars as CloudFormation passes them: the text, with numbers and booleans normalised.
    static func scalarsEqual(_ a: Scalar, _ b: Scalar) -> Bool {
        if a.text == b.text { return true }
        let ra = a.resolved.kind, rb = b.resolved.kind
        if ra == .boolean || rb == .boolean { return a.text.lowercased() == b.text.lowercased() }
        if (ra == .integer || ra == .float || ra == .string), (rb == .integer || rb == .float || rb == .string),
           let x = Double(a.text), let y = Double(b.text), ra != .string || rb != .string {
            return x == y
        }
        return false
    }

    static func escape(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// Structural equality of two nodes as written (positions ignored), to tell a literal edit
    /// from a change that comes through a parameter or another resource.
    static func sameSource(_ a: Node?, _ b: Node?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let x?, let y?): return x.isEquivalent(to: y)
        default: return false
        }
    }
}
