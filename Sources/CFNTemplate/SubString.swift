/// The parts of an `Fn::Sub` string: literal text and `${Name}` / `${Name.Attribute}` variables.
/// `${!Text}` is the literal `${Text}`. Shared by the evaluator, the graph and the linter so
/// they all read Sub strings the same way.
public struct SubString: Sendable, Hashable {
    public enum Part: Sendable, Hashable {
        case literal(String)
        /// `name` as written between `${` and `}` (whitespace trimmed); `offset` counts characters
        /// from the start of the string to the `$`.
        case variable(name: String, offset: Int)
    }

    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        /// Characters from the start of the string to the problem.
        public var offset: Int
        public var description: String { message }

        public init(message: String, offset: Int) {
            self.message = message
            self.offset = offset
        }
    }

    public let parts: [Part]

    /// Variables in order of appearance (duplicates kept).
    public var variables: [(name: String, offset: Int)] {
        parts.compactMap { if case .variable(let n, let o) = $0 { return (n, o) } else { return nil } }
    }

    public init(parts: [Part]) { self.parts = parts }

    public init(parsing text: String) throws(ParseError) {
        var parts: [Part] = []
        var literal = ""
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            if chars[i] == "$", i + 1 < chars.count, chars[i + 1] == "{" {
                if i + 2 < chars.count, chars[i + 2] == "!" {
                    // `${!Literal}` writes `${Literal}`.
                    literal += "${"
                    i += 3
                    continue
                }
                guard let close = chars[(i + 2)...].firstIndex(of: "}") else {
                    throw ParseError(message: "'${' at character \(i + 1) is never closed with '}'", offset: i)
                }
                let name = String(chars[(i + 2)..<close]).trimmingWhitespace()
                if name.isEmpty {
                    throw ParseError(message: "empty variable '${}' at character \(i + 1)", offset: i)
                }
                if !literal.isEmpty {
                    parts.append(.literal(literal))
                    literal = ""
                }
                parts.append(.variable(name: name, offset: i))
                i = close + 1
                continue
            }
            literal.append(chars[i])
            i += 1
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        self.parts = parts
    }

    /// Splits `Name.Attr` into the logical id and attribute; pseudo parameters (`AWS::Region`) and
    /// plain names have no attribute.
    public static func splitVariable(_ name: String) -> (target: String, attribute: String?) {
        if name.hasPrefix("AWS::") { return (name, nil) }
        guard let dot = name.firstIndex(of: ".") else { return (name, nil) }
        return (String(name[..<dot]), String(name[name.index(after: dot)...]))
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" { s = s.dropLast() }
        return String(s)
    }
}

extension String {
    /// Whether the text contains `${` (a Sub variable), scanning bytes rather than going through
    /// Foundation's locale-aware search, which is slow on hot paths.
    public var containsSubVariable: Bool {
        var previous: UInt8 = 0
        for byte in utf8 {
            if previous == UInt8(ascii: "$") && byte == UInt8(ascii: "{") { return true }
            previous = byte
        }
        return false
    }
}
