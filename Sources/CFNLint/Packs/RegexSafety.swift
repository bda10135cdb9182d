/// Finds the regular-expression shape that makes a backtracking engine take exponential time: an
/// unbounded quantifier applied to a group that itself contains one, as in `(a+)+` or `(\w*,)*$`
/// (a "star height" above one). Rule-pack regexes run on template values from pull requests, and
/// NSRegularExpression has no time limit on Linux, so such patterns are refused when the rule file
/// is read rather than left to hang a CI job. Alternations of overlapping branches (`(a|a)*`) are
/// not detected.
enum RegexSafety {
    /// The offset (in characters) of the outer quantifier of the first nested unbounded repetition.
    static func nestedQuantifier(in pattern: String) -> Int? {
        let chars = Array(pattern)
        var groups: [Bool] = []  // per open group: does it contain an unbounded quantifier?
        var i = 0
        func unboundedQuantifier(at j: Int) -> Bool {
            guard j < chars.count else { return false }
            if chars[j] == "*" || chars[j] == "+" { return true }
            guard chars[j] == "{", let close = chars[j...].firstIndex(of: "}") else { return false }
            let body = String(chars[(j + 1)..<close])
            let parts = body.split(separator: ",", omittingEmptySubsequences: false)
            return parts.count == 2 && parts[1].isEmpty && Int(parts[0]) != nil
        }
        while i < chars.count {
            // One atom: an escape, a character class, a group's end, or one character; then whether
            // an unbounded quantifier follows it.
            var next = i + 1
            switch chars[i] {
            case "\\":
                next = i + 2
            case "[":
                // `]` right after `[` or `[^` is a literal.
                var j = i + 1
                if j < chars.count, chars[j] == "^" { j += 1 }
                if j < chars.count, chars[j] == "]" { j += 1 }
                while j < chars.count, chars[j] != "]" { j += chars[j] == "\\" ? 2 : 1 }
                next = j + 1
            case "(":
                groups.append(false)
                i += 1
                continue
            case ")":
                let inner = groups.popLast() ?? false
                if inner, unboundedQuantifier(at: next) { return next }
                if inner, !groups.isEmpty { groups[groups.count - 1] = true }
            default:
                break
            }
            if unboundedQuantifier(at: next), !groups.isEmpty { groups[groups.count - 1] = true }
            i = next
        }
        return nil
    }
}
