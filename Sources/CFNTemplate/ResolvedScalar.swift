/// What a scalar means, judged the way CloudFormation reads templates: quoted scalars are strings,
/// plain scalars follow the YAML 1.2 core schema (`true`, `10`, `1.5`, `null`), and everything else
/// is a string. Plain scalars that YAML 1.1 parsers would read differently (`yes`, `0x10`, `1_000`,
/// `010`, `.inf`, `1:20`) stay strings here but are flagged, so the schema layer can report them.
public struct ResolvedScalar: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case string, integer, float, boolean, null
    }

    public let kind: Kind
    /// The YAML 1.1 reading differs from the string this scalar resolves to.
    public let isYAML11Ambiguous: Bool

    public init(_ scalar: Scalar) {
        if let tag = scalar.tag {
            switch tag {
            case "tag:yaml.org,2002:str": self.init(kind: .string, ambiguous: false); return
            case "tag:yaml.org,2002:int": self.init(kind: .integer, ambiguous: false); return
            case "tag:yaml.org,2002:float": self.init(kind: .float, ambiguous: false); return
            case "tag:yaml.org,2002:bool": self.init(kind: .boolean, ambiguous: false); return
            case "tag:yaml.org,2002:null": self.init(kind: .null, ambiguous: false); return
            default: break
            }
        }
        guard scalar.style == .plain else {
            self.init(kind: .string, ambiguous: false)
            return
        }
        self = ResolvedScalar.classifyPlain(scalar.text)
    }

    private init(kind: Kind, ambiguous: Bool) {
        self.kind = kind
        self.isYAML11Ambiguous = ambiguous
    }

    public var kindName: String {
        switch kind {
        case .string: return "string"
        case .integer: return "integer"
        case .float: return "number"
        case .boolean: return "boolean"
        case .null: return "null"
        }
    }

    public var isNumber: Bool { kind == .integer || kind == .float }

    static func classifyPlain(_ text: String) -> ResolvedScalar {
        switch text {
        case "", "~", "null", "Null", "NULL": return ResolvedScalar(kind: .null, ambiguous: false)
        case "true", "True", "TRUE", "false", "False", "FALSE": return ResolvedScalar(kind: .boolean, ambiguous: false)
        case "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N":
            return ResolvedScalar(kind: .string, ambiguous: true)
        case ".inf", ".Inf", ".INF", "+.inf", "-.inf", "+.Inf", "-.Inf", "+.INF", "-.INF", ".nan", ".NaN", ".NAN":
            return ResolvedScalar(kind: .string, ambiguous: true)
        default: break
        }
        let bytes = Array(text.utf8)
        if let number = NumberSyntax.classify(bytes) {
            switch number {
            case .integer(let leadingZero): return ResolvedScalar(kind: .integer, ambiguous: leadingZero)
            case .float: return ResolvedScalar(kind: .float, ambiguous: false)
            }
        }
        return ResolvedScalar(kind: .string,
                              ambiguous: NumberSyntax.looksLikeYAML11Number(bytes) || NumberSyntax.looksLikeTimestamp(bytes))
    }
}

/// Number syntax without regular expressions (this runs for every plain scalar).
enum NumberSyntax {
    enum Result { case integer(leadingZero: Bool), float }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// YAML 1.2 core: `[-+]?[0-9]+` for integers, and decimal floats with optional exponent.
    static func classify(_ b: [UInt8]) -> Result? {
        var i = 0
        let n = b.count
        if n == 0 { return nil }
        if b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") { i = 1 }
        let intStart = i
        while i < n, isDigit(b[i]) { i += 1 }
        let intDigits = i - intStart
        if i == n {
            guard intDigits > 0 else { return nil }
            return .integer(leadingZero: intDigits > 1 && b[intStart] == UInt8(ascii: "0"))
        }
        var fracDigits = 0
        if b[i] == UInt8(ascii: ".") {
            i += 1
            let fracStart = i
            while i < n, isDigit(b[i]) { i += 1 }
            fracDigits = i - fracStart
        }
        guard intDigits + fracDigits > 0 else { return nil }
        if i < n, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < n, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
            let expStart = i
            while i < n, isDigit(b[i]) { i += 1 }
            guard i > expStart else { return nil }
        }
        return i == n ? .float : nil
    }

    /// `2010-09-09` and `2001-12-14t21:59:43.10-05:00`: YAML 1.1 timestamps (strings to CloudFormation).
    static func looksLikeTimestamp(_ b: [UInt8]) -> Bool {
        guard b.count >= 8, b.count <= 40 else { return false }
        var i = 0
        func digits(_ max: Int) -> Int {
            let s = i
            while i < b.count, i - s < max, isDigit(b[i]) { i += 1 }
            return i - s
        }
        guard digits(4) == 4, i < b.count, b[i] == UInt8(ascii: "-") else { return false }
        i += 1
        guard (1...2).contains(digits(2)), i < b.count, b[i] == UInt8(ascii: "-") else { return false }
        i += 1
        guard (1...2).contains(digits(2)) else { return false }
        return i == b.count || b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == UInt8(ascii: " ")
    }

    /// Hex, octal, binary, underscored or sexagesimal numbers that YAML 1.1 reads as numbers.
    static func looksLikeYAML11Number(_ b: [UInt8]) -> Bool {
        guard !b.isEmpty else { return false }
        var body = b[...]
        if body.first == UInt8(ascii: "-") || body.first == UInt8(ascii: "+") { body = body.dropFirst() }
        guard let first = body.first, isDigit(first) || first == UInt8(ascii: ".") else { return false }
        if body.count > 2, body.first == UInt8(ascii: "0") {
            let p = body[body.startIndex + 1]
            if p == UInt8(ascii: "x") || p == UInt8(ascii: "o") || p == UInt8(ascii: "b") {
                return body.dropFirst(2).allSatisfy { isDigit($0) || ($0 >= 0x61 && $0 <= 0x66) || ($0 >= 0x41 && $0 <= 0x46) || $0 == UInt8(ascii: "_") }
            }
        }
        var sawDigit = false
        var sawSeparator = false
        for c in body {
            if isDigit(c) { sawDigit = true; continue }
            if c == UInt8(ascii: "_") || c == UInt8(ascii: ":") { sawSeparator = true; continue }
            if c == UInt8(ascii: ".") { continue }
            return false
        }
        return sawDigit && sawSeparator
    }
}
