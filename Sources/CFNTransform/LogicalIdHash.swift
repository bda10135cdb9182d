import CFNTemplate
import Crypto
import Foundation

/// The hashes the translator puts in logical ids (function versions, API deployments, layers):
/// SHA-1 of the value serialised as Python's `json.dumps(v, separators=(",", ":"), sort_keys=True)`
/// writes it (ASCII only, `\uXXXX` escapes), first `length` hex digits.
enum LogicalIdHash {
    static func of(_ node: Node, length: Int = 10) -> String {
        var text = ""
        write(node, to: &text)
        let digest = Insecure.SHA1.hash(data: Array(text.utf8))
        return String(digest.map { String(format: "%02x", $0) }.joined().prefix(length))
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
