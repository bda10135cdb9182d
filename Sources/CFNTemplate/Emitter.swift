/// Writes a node tree back as YAML (long or short form) or JSON, keeping key order.
/// Scalars are written so they read back as the same kind: a string that looks like a number or a
/// boolean is quoted, and a plain number stays plain.
public enum Emitter {
    public enum Style: Sendable {
        case json
        case yaml(shortForm: Bool)
    }

    public static func emit(_ node: Node, as style: Style) -> String {
        switch style {
        case .json: return json(node)
        case .yaml(let shortForm): return yaml(node, shortForm: shortForm)
        }
    }

    // MARK: JSON

    public static func json(_ node: Node, indent: Int = 2) -> String {
        var out = ""
        writeJSON(node, level: 0, indent: indent, into: &out)
        out += "\n"
        return out
    }

    private static func writeJSON(_ node: Node, level: Int, indent: Int, into out: inout String) {
        switch node.value {
        case .scalar(let s):
            out += jsonScalar(s)
        case .sequence(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            let pad = String(repeating: " ", count: (level + 1) * indent)
            for (i, item) in items.enumerated() {
                out += pad
                writeJSON(item, level: level + 1, indent: indent, into: &out)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: level * indent) + "]"
        case .mapping(let m):
            if m.isEmpty { out += "{}"; return }
            out += "{\n"
            let pad = String(repeating: " ", count: (level + 1) * indent)
            for (i, entry) in m.entries.enumerated() {
                out += pad + jsonString(entry.key.name) + ": "
                writeJSON(entry.value, level: level + 1, indent: indent, into: &out)
                out += i + 1 < m.entries.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: level * indent) + "}"
        }
    }

    public static func jsonScalar(_ s: Scalar) -> String {
        switch s.resolved.kind {
        case .string: return jsonString(s.text)
        case .boolean: return s.text.lowercased()
        case .null: return "null"
        case .integer, .float: return canonicalJSONNumber(s.text) ?? jsonString(s.text)
        }
    }

    /// JSON has no `+5`, `010`, `1.` or `.5`; write those as the number they denote.
    static func canonicalJSONNumber(_ text: String) -> String? {
        var t = Substring(text)
        var sign = ""
        if t.first == "+" { t = t.dropFirst() } else if t.first == "-" { sign = "-"; t = t.dropFirst() }
        var mantissa = t
        var exponent: Substring = ""
        if let e = t.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = t[..<e]
            exponent = t[e...]
        }
        var intPart = mantissa
        var frac: Substring? = nil
        if let dot = mantissa.firstIndex(of: ".") {
            intPart = mantissa[..<dot]
            frac = mantissa[mantissa.index(after: dot)...]
        }
        var digits = String(intPart.drop(while: { $0 == "0" }))
        if digits.isEmpty { digits = "0" }
        var result = sign + digits
        if let frac { result += "." + (frac.isEmpty ? "0" : String(frac)) }
        result += exponent
        return result
    }

    public static func jsonString(_ text: String) -> String {
        // Most strings need no escaping: copy them whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + text + "\""
        }
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for u in text.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
        return out
    }

    // MARK: YAML

    public static func yaml(_ node: Node, shortForm: Bool = true) -> String {
        var out = ""
        if node.mapping?.isEmpty == false || node.sequence?.isEmpty == false {
            writeYAMLBlock(node, level: 0, shortForm: shortForm, into: &out)
        } else {
            out += (inlineYAML(node) ?? "") + "\n"
        }
        return out
    }

    /// Short-form tags the emitter uses. `!Condition` and `!Transform` stay long for readability.
    private static func shortTag(for node: Node) -> (tag: String, argument: Node)? {
        guard let (name, argument, _) = node.intrinsic, name != "Condition", name != "Fn::Transform",
              let short = IntrinsicNames.longToShort[name] else { return nil }
        if name == "Fn::GetAtt", let items = argument.sequence, items.count == 2,
           let a = items[0].scalar, let b = items[1].scalar, a.resolved.kind == .string, b.resolved.kind == .string,
           !a.text.contains("."), isPlainSafe(a.text + "." + b.text) {
            return ("!GetAtt", Node.plain(a.text + "." + b.text))
        }
        // `Fn::GetAtt: "A.B"` (a string) would read back from `!GetAtt A.B` as a list.
        if name == "Fn::GetAtt", argument.scalar != nil { return nil }
        return ("!" + short, argument)
    }

    /// Writes the entries of a mapping or the items of a sequence, each on its own line at `level`.
    private static func writeYAMLBlock(_ node: Node, level: Int, shortForm: Bool, into out: inout String) {
        let pad = String(repeating: "  ", count: level)
        switch node.value {
        case .mapping(let m):
            for entry in m.entries {
                let key = yamlKey(entry.key.name)
                // libyaml reads an implicit key of at most 1024 characters; longer keys need `? key`.
                // Found by fuzzing (Fuzz/Regressions/FuzzLoadJSON).
                if key.utf8.count > 1000 {
                    out += pad + "? " + yamlDoubleQuoted(entry.key.name) + "\n" + pad + ":"
                } else {
                    out += pad + key + ":"
                }
                writeYAMLValue(entry.value, level: level + 1, shortForm: shortForm, into: &out)
            }
        case .sequence(let items):
            for item in items {
                out += pad + "-"
                writeYAMLValue(item, level: level + 1, shortForm: shortForm, into: &out, inSequence: true)
            }
        case .scalar:
            out += pad + (inlineYAML(node) ?? "''") + "\n"
        }
    }

    /// Writes a value after `key:` or `-`, either inline or as an indented block.
    /// `afterTag`: the node follows a short-form tag, so it cannot carry a tag of its own
    /// (`!GetAZs !Ref x` is not YAML); an intrinsic there is written in long form.
    private static func writeYAMLValue(_ node: Node, level: Int, shortForm: Bool, into out: inout String,
                                       inSequence: Bool = false, afterTag: Bool = false) {
        if shortForm, !afterTag, let (tag, argument) = shortTag(for: node) {
            out += " " + tag
            writeYAMLValue(argument, level: level, shortForm: shortForm, into: &out, afterTag: true)
            return
        }
        switch node.value {
        case .scalar(let s):
            if let block = literalBlock(s, level: level) {
                out += " " + block
            } else {
                out += " " + scalarYAML(s) + "\n"
            }
        case .mapping(let m):
            if m.isEmpty { out += " {}\n"; return }
            writeNested(node, level: level, shortForm: shortForm, compact: inSequence, into: &out)
        case .sequence(let items):
            if items.isEmpty { out += " []\n"; return }
            writeNested(node, level: level, shortForm: shortForm, compact: inSequence, into: &out)
        }
    }

    /// A nested block; inside a list it starts on the dash's line (`- Key: value`).
    private static func writeNested(_ node: Node, level: Int, shortForm: Bool, compact: Bool, into out: inout String) {
        var block = ""
        writeYAMLBlock(node, level: level, shortForm: shortForm, into: &block)
        if compact {
            out += " " + block.dropFirst(level * 2)
        } else {
            out += "\n" + block
        }
    }

    private static func inlineYAML(_ node: Node) -> String? {
        switch node.value {
        case .scalar(let s): return scalarYAML(s)
        case .mapping(let m): return m.isEmpty ? "{}" : nil
        case .sequence(let items): return items.isEmpty ? "[]" : nil
        }
    }

    static func yamlKey(_ key: String) -> String {
        isPlainSafe(key) && ResolvedScalar.classifyPlain(key).kind == .string ? key : yamlDoubleQuoted(key)
    }

    static func scalarYAML(_ s: Scalar) -> String {
        let resolved = s.resolved
        if resolved.kind != .string {
            if s.style == .plain { return s.text.isEmpty ? "null" : s.text }
            return yamlDoubleQuoted(s.text)
        }
        let plain = ResolvedScalar.classifyPlain(s.text)
        if plain.kind == .string, !plain.isYAML11Ambiguous, isPlainSafe(s.text) { return s.text }
        if !s.text.contains("'"), !s.text.unicodeScalars.contains(where: needsEscape) {
            return "'" + s.text + "'"
        }
        return yamlDoubleQuoted(s.text)
    }

    /// Characters only a double-quoted scalar can hold, as escapes: controls, the C1 range (libyaml
    /// reads U+0085 as a line break), the Unicode line and paragraph separators, the byte-order mark,
    /// and U+FFFE and U+FFFF, which YAML does not count as printable (libyaml refuses them raw). Found
    /// by fuzzing (Fuzz/Regressions/FuzzLoadYAML, FuzzLoadJSON): a `\N` escape written into a `|`
    /// block, and a JSON `\uFFFF` written raw into YAML, did not load back.
    static func needsEscape(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x20 || u.value == 0x7F || (u.value >= 0x80 && u.value < 0xA0) || u == "\u{2028}" || u == "\u{2029}"
            || u == "\u{FEFF}" || u.value == 0xFFFE || u.value == 0xFFFF
    }

    /// A `|` block for multi-line strings that a literal block can hold exactly.
    private static func literalBlock(_ s: Scalar, level: Int) -> String? {
        guard s.resolved.kind == .string, s.text.contains("\n") else { return nil }
        let text = s.text
        if text.first == " " || text.first == "\n" || text.first == "\t" { return nil }
        if text.unicodeScalars.contains(where: { $0 != "\n" && $0 != "\t" && needsEscape($0) }) {
            return nil
        }
        var body = Substring(text)
        var trailingNewlines = 0
        while body.last == "\n" { body = body.dropLast(); trailingNewlines += 1 }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        // Trailing spaces survive a literal block, but a line of only spaces before a deeper one does not.
        if lines.contains(where: { $0.allSatisfy { $0 == " " || $0 == "\t" } && !$0.isEmpty }) { return nil }
        let chomp = trailingNewlines == 0 ? "|-" : trailingNewlines == 1 ? "|" : "|+"
        let pad = String(repeating: "  ", count: level)
        var out = chomp + "\n"
        for line in lines {
            out += line.isEmpty ? "\n" : pad + line + "\n"
        }
        if trailingNewlines > 1 { out += String(repeating: "\n", count: trailingNewlines - 1) }
        return out
    }

    /// Text that YAML reads back unchanged as a plain scalar in block context.
    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        if first == " " || last == " " || first == "\t" || last == "\t" { return false }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) {
            // `-x`, `?x`, `:x` are fine when followed by a non-space, except we keep it simple for `-`, `?`, `:`.
            guard "-?:".unicodeScalars.contains(first), text.unicodeScalars.count > 1 else { return false }
            let second = text.unicodeScalars[text.unicodeScalars.index(after: text.unicodeScalars.startIndex)]
            if second == " " || second == "\t" { return false }
        }
        var previous: Unicode.Scalar = " "
        for u in text.unicodeScalars {
            if needsEscape(u) { return false }
            if u == "#" && (previous == " " || previous == "\t") { return false }
            if previous == ":" && (u == " " || u == "\t") { return false }
            previous = u
        }
        if last == ":" { return false }
        if text == "---" || text == "..." || text.hasPrefix("--- ") || text.hasPrefix("... ") { return false }
        return true
    }

    static func yamlDoubleQuoted(_ text: String) -> String {
        var out = "\""
        for u in text.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{00}": out += "\\0"
            default:
                if needsEscape(u) {
                    let hex = String(u.value, radix: 16)
                    if u.value <= 0xFF {
                        out += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                    } else {
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    }
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
