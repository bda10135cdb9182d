/// A strict JSON (RFC 8259) parser producing the same `Node` tree as the YAML loader, with positions.
/// Strict where CloudFormation is: no trailing commas, no comments, no single quotes, no leading zeros.
/// Iterative, so nesting depth is bounded only by `LoaderLimits.maxDepth`.
struct JSONTreeBuilder {
    let file: SourceFileID
    let path: String
    let limits: LoaderLimits

    private struct Frame {
        var isObject: Bool
        var start: SourcePosition
        var items: [Node] = []
        var mapping = MappingBuilder()
        var pendingKey: MappingKey?
    }

    func build(_ bytes: UnsafeBufferPointer<UInt8>) throws(LoadError) -> Node {
        var cursor = Cursor(bytes: bytes)
        var stack: [Frame] = []
        var nodeCount = 0
        cursor.skipWhitespace()

        // Each iteration reads one value (or closes containers), then the separator after it.
        outer: while true {
            cursor.skipWhitespace()
            // Expecting a value (or a key inside an object).
            if let top = stack.last, top.isObject, top.pendingKey == nil {
                // Expecting a key or '}' (the '}' right after '{' is handled when the object opens).
                guard cursor.peek == UInt8(ascii: "\"") else {
                    if cursor.peek == UInt8(ascii: "}") {
                        throw error(cursor, "trailing comma before '}' is not allowed in JSON")
                    }
                    throw error(cursor, cursor.atEnd ? "unexpected end of file, expected a string key"
                                                     : "expected a string key in double quotes, found \(cursor.describeCurrent())")
                }
                let keyStart = cursor.position
                let name = try readString(&cursor)
                let key = MappingKey(name, range: SourceRange(file: file, start: keyStart, end: cursor.position))
                let t = stack.count - 1
                if let first = stack[t].mapping.index(of: name) {
                    let firstPos = stack[t].mapping.entries[first].key.range.start
                    throw LoadError(.duplicateKey, file: path, at: keyStart,
                                    "duplicate key '\(name)' (first defined at line \(firstPos.line), column \(firstPos.column))",
                                    related: [firstPos])
                }
                cursor.skipWhitespace()
                guard cursor.peek == UInt8(ascii: ":") else {
                    throw error(cursor, "expected ':' after the key \"\(name)\", found \(cursor.describeCurrent())")
                }
                cursor.advance()
                stack[t].pendingKey = key
                continue
            }

            let start = cursor.position
            guard let c = cursor.peek else {
                throw error(cursor, "unexpected end of file, expected a value")
            }
            var completed: Node?
            switch c {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if stack.count >= limits.maxDepth {
                    throw LoadError(.tooDeep, file: path, at: start, "nesting is deeper than \(limits.maxDepth) levels")
                }
                nodeCount += 1
                if nodeCount > limits.maxNodes { throw tooMany(start) }
                cursor.advance()
                let isObject = c == UInt8(ascii: "{")
                cursor.skipWhitespace()
                let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if cursor.peek == close {
                    cursor.advance()
                    let range = SourceRange(file: file, start: start, end: cursor.position)
                    completed = isObject ? Node(.mapping(Mapping()), range: range) : Node(.sequence([]), range: range)
                } else {
                    stack.append(Frame(isObject: isObject, start: start))
                    continue outer
                }
            case UInt8(ascii: "\""):
                let text = try readString(&cursor)
                completed = Node(.scalar(Scalar(text, style: .doubleQuoted)), range: SourceRange(file: file, start: start, end: cursor.position))
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                let word = c == UInt8(ascii: "t") ? "true" : c == UInt8(ascii: "f") ? "false" : "null"
                guard cursor.consume(word) else {
                    throw error(cursor, "unexpected \(cursor.describeCurrent()); strings must be in double quotes")
                }
                completed = Node(.scalar(Scalar(word, style: .plain)), range: SourceRange(file: file, start: start, end: cursor.position))
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let text = try readNumber(&cursor)
                completed = Node(.scalar(Scalar(text, style: .plain)), range: SourceRange(file: file, start: start, end: cursor.position))
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                throw error(cursor, stack.isEmpty ? "unexpected \(cursor.describeCurrent())"
                                                  : "trailing comma before \(cursor.describeCurrent()) is not allowed in JSON")
            default:
                throw error(cursor, "unexpected \(cursor.describeCurrent()), expected a value")
            }
            nodeCount += 1
            if nodeCount > limits.maxNodes { throw tooMany(start) }

            // Attach `completed`, then close as many containers as the input closes.
            var node = completed!
            while true {
                guard !stack.isEmpty else {
                    cursor.skipWhitespace()
                    if !cursor.atEnd {
                        throw error(cursor, "unexpected \(cursor.describeCurrent()) after the end of the JSON document")
                    }
                    return node
                }
                let t = stack.count - 1
                if stack[t].isObject {
                    let key = stack[t].pendingKey!
                    stack[t].pendingKey = nil
                    stack[t].mapping.append(Mapping.Entry(key: key, value: node))
                } else {
                    stack[t].items.append(node)
                }
                cursor.skipWhitespace()
                let close = stack[t].isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if cursor.peek == UInt8(ascii: ",") {
                    cursor.advance()
                    continue outer
                }
                guard cursor.peek == close else {
                    throw error(cursor, cursor.atEnd
                        ? "unexpected end of file, expected ',' or '\(Character(Unicode.Scalar(close)))'"
                        : "expected ',' or '\(Character(Unicode.Scalar(close)))', found \(cursor.describeCurrent())")
                }
                cursor.advance()
                let frame = stack.removeLast()
                let range = SourceRange(file: file, start: frame.start, end: cursor.position)
                node = frame.isObject ? Node(.mapping(frame.mapping.build()), range: range) : Node(.sequence(frame.items), range: range)
            }
        }
    }

    private func tooMany(_ at: SourcePosition) -> LoadError {
        LoadError(.tooManyNodes, file: path, at: at, "the template has more than \(limits.maxNodes) nodes")
    }

    private func error(_ cursor: Cursor, _ message: String) -> LoadError {
        LoadError(.syntax, file: path, at: cursor.position, message)
    }

    private func readString(_ cursor: inout Cursor) throws(LoadError) -> String {
        cursor.advance()  // opening quote
        let contentStart = cursor.offset
        // Fast path: no escapes.
        while let c = cursor.peek, c != UInt8(ascii: "\""), c != UInt8(ascii: "\\"), c >= 0x20 { cursor.advance() }
        if cursor.peek == UInt8(ascii: "\"") {
            let text = String(decoding: UnsafeBufferPointer(rebasing: cursor.bytes[contentStart..<cursor.offset]), as: UTF8.self)
            cursor.advance()
            return text
        }
        var out = Array(cursor.bytes[contentStart..<cursor.offset])
        while true {
            guard let c = cursor.peek else { throw error(cursor, "unterminated string") }
            if c == UInt8(ascii: "\"") {
                cursor.advance()
                return String(decoding: out, as: UTF8.self)
            }
            if c < 0x20 {
                throw error(cursor, c == 0x0A ? "unterminated string (a newline must be written \\n in JSON)"
                                              : "control character U+\(String(c, radix: 16, uppercase: true)) must be escaped in a JSON string")
            }
            if c != UInt8(ascii: "\\") {
                out.append(c)
                cursor.advance()
                continue
            }
            cursor.advance()
            guard let e = cursor.peek else { throw error(cursor, "unterminated string") }
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                cursor.advance()
                var code = try readHex4(&cursor)
                if (0xD800...0xDBFF).contains(code) {
                    guard cursor.consume("\\u") else { throw error(cursor, "unpaired UTF-16 surrogate in \\u escape") }
                    let low = try readHex4(&cursor)
                    guard (0xDC00...0xDFFF).contains(low) else { throw error(cursor, "invalid UTF-16 low surrogate in \\u escape") }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(code) {
                    throw error(cursor, "unpaired UTF-16 surrogate in \\u escape")
                }
                out.append(contentsOf: Array(String(Character(Unicode.Scalar(code)!)).utf8))
                continue
            default:
                throw error(cursor, "invalid escape \\\(cursor.describeCurrent()) in a JSON string")
            }
            cursor.advance()
        }
    }

    private func readHex4(_ cursor: inout Cursor) throws(LoadError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let c = cursor.peek else { throw error(cursor, "unterminated \\u escape") }
            let digit: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw error(cursor, "invalid hex digit in \\u escape")
            }
            value = value * 16 + digit
            cursor.advance()
        }
        return value
    }

    private func readNumber(_ cursor: inout Cursor) throws(LoadError) -> String {
        let start = cursor.offset
        func digits(_ cursor: inout Cursor) -> Int {
            var n = 0
            while let c = cursor.peek, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") { cursor.advance(); n += 1 }
            return n
        }
        if cursor.peek == UInt8(ascii: "-") { cursor.advance() }
        let startPosition = cursor.position
        if cursor.peek == UInt8(ascii: "0") {
            cursor.advance()
            if let c = cursor.peek, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") {
                throw LoadError(.syntax, file: path, at: startPosition, "numbers cannot have leading zeros in JSON")
            }
        } else if digits(&cursor) == 0 {
            throw error(cursor, "invalid number")
        }
        if cursor.peek == UInt8(ascii: ".") {
            cursor.advance()
            if digits(&cursor) == 0 { throw error(cursor, "expected digits after the decimal point") }
        }
        if cursor.peek == UInt8(ascii: "e") || cursor.peek == UInt8(ascii: "E") {
            cursor.advance()
            if cursor.peek == UInt8(ascii: "+") || cursor.peek == UInt8(ascii: "-") { cursor.advance() }
            if digits(&cursor) == 0 { throw error(cursor, "expected digits in the exponent") }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: cursor.bytes[start..<cursor.offset]), as: UTF8.self)
    }
}

/// Reads bytes while tracking line and column (columns count Unicode scalars).
private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var offset = 0
    var line = 1
    var column = 1

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { offset >= bytes.count }
    var peek: UInt8? { offset < bytes.count ? bytes[offset] : nil }
    var position: SourcePosition { SourcePosition(line: line, column: column) }

    mutating func advance() {
        let c = bytes[offset]
        offset += 1
        if c == 0x0A {
            line += 1
            column = 1
        } else if c & 0xC0 != 0x80 {
            column += 1
        }
    }

    mutating func skipWhitespace() {
        while let c = peek, c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { advance() }
    }

    mutating func consume(_ word: String) -> Bool {
        let w = Array(word.utf8)
        guard offset + w.count <= bytes.count else { return false }
        for (i, b) in w.enumerated() where bytes[offset + i] != b { return false }
        for _ in w { advance() }
        return true
    }

    func describeCurrent() -> String {
        guard let c = peek else { return "end of file" }
        if c >= 0x20 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        if c >= 0x80 {
            var end = offset + 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            return "'\(String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self))'"
        }
        return "byte 0x\(String(c, radix: 16, uppercase: true))"
    }
}
