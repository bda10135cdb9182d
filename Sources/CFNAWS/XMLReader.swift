/// A small XML reader for AWS responses (no FoundationXML: it drags libxml2 into every binary).
/// Reads elements, attributes, text, CDATA, comments, processing instructions and the five named
/// plus numeric character entities; refuses DTDs (AWS never sends one, and entity expansion is how
/// XML bombs work). Iterative, and nesting is capped at `maxDepth` (AWS answers nest a few levels;
/// a deeper tree would only cost recursion when it is freed).
public enum XMLReader {
    public static let maxDepth = 200

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var offset: Int
        public var description: String { "XML at byte \(offset): \(message)" }
    }

    public static func parse(_ text: String) throws(Failure) -> XMLElement {
        try parse(Array(text.utf8))
    }

    public static func parse(_ bytes: [UInt8]) throws(Failure) -> XMLElement {
        var i = 0
        var stack: [XMLElement] = []
        var root: XMLElement?
        let n = bytes.count
        func fail(_ message: String) -> Failure { Failure(message: message, offset: i) }
        func starts(_ prefix: String) -> Bool {
            let p = Array(prefix.utf8)
            return i + p.count <= n && Array(bytes[i..<(i + p.count)]) == p
        }
        func skip(past terminator: String) throws(Failure) {
            let t = Array(terminator.utf8)
            while i + t.count <= n {
                if Array(bytes[i..<(i + t.count)]) == t { i += t.count; return }
                i += 1
            }
            throw fail("unterminated construct (expected \(terminator))")
        }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        func isNameByte(_ b: UInt8) -> Bool { !isSpace(b) && b != 0x3E && b != 0x2F && b != 0x3D && b != 0x3C }
        func readName() throws(Failure) -> String {
            let start = i
            while i < n, isNameByte(bytes[i]) { i += 1 }
            guard i > start else { throw fail("expected a name") }
            let full = String(decoding: bytes[start..<i], as: UTF8.self)
            return full.split(separator: ":").last.map(String.init) ?? full
        }
        func appendText(_ text: String) {
            guard !stack.isEmpty else { return }  // whitespace around the root
            stack[stack.count - 1].text += text
        }

        while i < n {
            if bytes[i] != 0x3C {  // character data up to the next '<'
                let start = i
                while i < n, bytes[i] != 0x3C { i += 1 }
                let raw = String(decoding: bytes[start..<i], as: UTF8.self)
                if stack.isEmpty {
                    guard raw.allSatisfy(\.isWhitespace) else { throw fail("text outside the root element") }
                    continue
                }
                appendText(try decodeEntities(raw, at: start))
                continue
            }
            if starts("<?") { try skip(past: "?>"); continue }
            if starts("<!--") { try skip(past: "-->"); continue }
            if starts("<![CDATA[") {
                i += 9
                let start = i
                try skip(past: "]]>")
                appendText(String(decoding: bytes[start..<(i - 3)], as: UTF8.self))
                continue
            }
            if starts("<!") { throw fail("DTDs are not accepted") }
            if starts("</") {
                i += 2
                let name = try readName()
                while i < n, isSpace(bytes[i]) { i += 1 }
                guard i < n, bytes[i] == 0x3E else { throw fail("expected '>' after </\(name)") }
                i += 1
                guard let element = stack.popLast(), element.name == name else { throw fail("unexpected </\(name)>") }
                if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
                continue
            }
            // A start tag.
            i += 1
            guard root == nil else { throw fail("a second root element") }
            var element = XMLElement(name: try readName())
            var selfClosing = false
            while true {
                while i < n, isSpace(bytes[i]) { i += 1 }
                guard i < n else { throw fail("unterminated start tag <\(element.name)") }
                if bytes[i] == 0x3E { i += 1; break }
                if bytes[i] == 0x2F {
                    i += 1
                    guard i < n, bytes[i] == 0x3E else { throw fail("expected '/>'") }
                    i += 1
                    selfClosing = true
                    break
                }
                let attribute = try readName()
                while i < n, isSpace(bytes[i]) { i += 1 }
                guard i < n, bytes[i] == 0x3D else { throw fail("attribute \(attribute) without a value") }
                i += 1
                while i < n, isSpace(bytes[i]) { i += 1 }
                guard i < n, bytes[i] == 0x22 || bytes[i] == 0x27 else { throw fail("attribute value must be quoted") }
                let quote = bytes[i]
                i += 1
                let start = i
                while i < n, bytes[i] != quote { i += 1 }
                guard i < n else { throw fail("unterminated attribute value") }
                element.attributes[attribute] = try decodeEntities(String(decoding: bytes[start..<i], as: UTF8.self), at: start)
                i += 1
            }
            if selfClosing {
                if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
            } else {
                guard stack.count < maxDepth else { throw fail("elements nested deeper than \(maxDepth)") }
                stack.append(element)
            }
        }
        guard stack.isEmpty else { throw fail("unclosed <\(stack.last!.name)>") }
        guard let root else { throw fail("no element") }
        return root
    }

    static func decodeEntities(_ text: String, at offset: Int) throws(Failure) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";") else {
                throw Failure(message: "unterminated entity", offset: offset)
            }
            let name = rest[rest.index(after: amp)..<semi]
            switch name {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                var code: UInt32?
                if name.hasPrefix("#x") || name.hasPrefix("#X") { code = UInt32(name.dropFirst(2), radix: 16) }
                else if name.hasPrefix("#") { code = UInt32(name.dropFirst(), radix: 10) }
                guard let code, let scalar = Unicode.Scalar(code) else {
                    throw Failure(message: "unknown entity &\(name);", offset: offset)
                }
                out.unicodeScalars.append(scalar)
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}
