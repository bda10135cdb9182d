import CFNTemplate
import Crypto
import Foundation

/// The hashes the translator puts in logical ids (function versions, API deployments, layers):
/// SHA-1 of the value serialised as Python's `json.dumps(v, separators=(",", ":"), sort_keys=True)`
/// writes it (ASCII only, `\uXXXX` escapes), first `length` hex digits.
enum LogicalIdHash {
    static func of(_ node: Node, length: Int = 10) -> String {
        String(sha1(json(node)).prefix(length))
    }

    /// The value as `json.dumps(v, separators=(",", ":"), sort_keys=True)` writes it.
    static func json(_ node: Node) -> String {
        var text = ""
        write(node, to: &text)
        return text
    }

    /// SHA-1 of the text's UTF-8 bytes, 40 hex digits.
    static func sha1(_ text: String) -> String {
        Insecure.SHA1.hash(data: Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The translator's ids named after a string (a stage name, a permission suffix): `base + name + kind`
    /// when the name is alphanumeric, else `base + kind` and the first 10 hex digits of the name's SHA-1
    /// (nothing for an empty name).
    static func named(_ base: String, _ name: String, _ kind: String) -> String {
        if !name.isEmpty && name.allSatisfy({ $0.isLetter || $0.isNumber }) { return base + name + kind }
        return base + kind + (name.isEmpty ? "" : String(sha1(name).prefix(10)))
    }

    static func write(_ node: Node, to out: inout String) {
        switch node.value {
        case .mapping(let m):
            out += "{"
            for (i, entry) in m.entries.sorted(by: { Array($0.key.name.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.key.name.unicodeScalars.map(\.value)) }).enumerated() {
                if i > 0 { out += "," }
                string(entry.key.name, to: &out)
                out += ":"
                write(entry.value, to: &out)
            }
            out += "}"
        case .sequence(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item, to: &out)
            }
            out += "]"
        case .scalar(let s):
            if s.style.isQuoted {
                string(s.text, to: &out)
                return
            }
            switch s.resolved.kind {
            case .string: string(s.text, to: &out)
            case .null: out += "null"
            case .boolean: out += s.text.lowercased() == "true" ? "true" : "false"
            case .integer: out += Int(s.text).map(String.init) ?? s.text
            case .float: out += Double(s.text).map { "\($0)" } ?? s.text
            }
        }
    }

    private static func string(_ text: String, to out: inout String) {
        out += "\""
        for unit in text.utf16 {
            switch unit {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(unit)!)
            default: out += String(format: "\\u%04x", unit)
            }
        }
        out += "\""
    }
}
