import Foundation

/// The chain of YAML block-mapping keys enclosing a line, read from indentation alone, so it works
/// on text that does not load (the line being typed). `["Resources", "Queue", "Properties", "Tags",
/// "*"]` for a key of a tag item; a list item is `*`. Flow-style (`{...}`) and JSON text are not
/// followed: completion and hover fall back to what the loaded model knows.
struct BlockKeyPath {
    /// Enclosing keys, outermost first.
    var parents: [String]
    /// The key written on the line itself, if any (`BucketName` in `  BucketName: x`).
    var key: String?
    /// The text after `key:` on the line (trimmed), nil when the line has no `key:`.
    var value: String?

    init(lines: [Substring], line: Int) {
        parents = []
        guard line >= 0, line < lines.count else { return }
        let (indent, content) = Self.split(lines[line])
        var limit = indent
        if let colon = Self.keyColon(content) {
            key = String(content[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            value = content[content.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var chain: [String] = []
        var number = line - 1
        while number >= 0, limit > 0 {
            let raw = lines[number]
            number -= 1
            let trimmed = raw.drop { $0 == " " }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let dashIndent = raw.count - trimmed.count
            if trimmed.hasPrefix("- ") || trimmed == "-" {
                guard dashIndent < limit else { continue }
                let (itemIndent, itemContent) = Self.split(raw)
                // `- Key: v` whose value block holds the line: the key is a parent inside the item.
                if itemIndent < limit, let colon = Self.keyColon(itemContent) { chain.append(String(itemContent[..<colon])) }
                chain.append("*")
                limit = dashIndent
                continue
            }
            guard dashIndent < limit, let colon = Self.keyColon(Substring(trimmed)) else { continue }
            chain.append(String(trimmed[..<colon]))
            limit = dashIndent
        }
        parents = chain.reversed()
    }

    /// Indentation counting a list dash as indentation (`  - Key: v` is Key at 4), and the content.
    static func split(_ line: Substring) -> (Int, Substring) {
        var rest = line
        var indent = 0
        while let c = rest.first, c == " " || c == "-" {
            if c == "-", rest.dropFirst().first.map({ $0 != " " }) ?? false { break }
            rest = rest.dropFirst()
            indent += 1
        }
        if rest.last == "\r" { rest = rest.dropLast() }
        return (indent, rest)
    }

    /// The index of the `:` ending a plain or quoted key at the start of `content`.
    static func keyColon(_ content: Substring) -> Substring.Index? {
        var i = content.startIndex
        var quote: Character?
        if let c = content.first, c == "\"" || c == "'" { quote = c; i = content.index(after: i) }
        while i < content.endIndex {
            let c = content[i]
            if let q = quote {
                if c == q { quote = nil; let next = content.index(after: i); return next < content.endIndex && content[next] == ":" ? next : nil }
            } else if c == ":" {
                let next = content.index(after: i)
                if next == content.endIndex || content[next] == " " { return i > content.startIndex ? i : nil }
            } else if c == "#" || c == "{" || c == "[" || c == "!" {
                return nil
            }
            i = content.index(after: i)
        }
        return nil
    }
}
