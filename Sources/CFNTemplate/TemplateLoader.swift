#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The two syntaxes a template can be written in.
public enum SourceFormat: String, Sendable, Hashable {
    case yaml, json
}

/// A parsed file: its root node (always a mapping) and what it was read from.
public struct LoadedDocument: Sendable {
    public let path: String
    public let file: SourceFileID
    public let format: SourceFormat
    public let root: Node
    public let byteCount: Int
}

/// Reads a template file (or bytes) and returns its node tree, or one `LoadError` with a position.
/// The format is detected from the content: a document whose first character is `{` is strict JSON,
/// anything else YAML (so `.template`, `.yml`, `.json` and `.txt` all work).
public struct TemplateLoader: Sendable {
    public var limits: LoaderLimits

    public init(limits: LoaderLimits = .default) {
        self.limits = limits
    }

    /// Loads `path`; `-` reads standard input.
    public func load(path: String) throws(LoadError) -> LoadedDocument {
        let bytes = try FileReader.read(path: path, maxBytes: limits.maxBytes)
        return try load(bytes: bytes, path: path)
    }

    public func load(bytes: [UInt8], path: String) throws(LoadError) -> LoadedDocument {
        if bytes.count > limits.maxBytes {
            throw LoadError(.tooLarge, file: path, at: SourcePosition(line: 1, column: 1),
                            "the file is \(bytes.count) bytes, more than the limit of \(limits.maxBytes)")
        }
        try EncodingCheck.validate(bytes, path: path)
        let file = SourceFiles.id(for: path)
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let isJSON = body.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "{")
        let root: Node = try body.withUnsafeBufferPointer { (buffer) throws(LoadError) -> Node in
            if isJSON {
                return try JSONTreeBuilder(file: file, path: path, limits: limits).build(buffer)
            }
            return try YAMLTreeBuilder(file: file, path: path, limits: limits).build(buffer)
        }
        guard root.mapping != nil else {
            let what = root.scalar.map { $0.resolved.kind == .null ? "empty" : "a \(root.kindName)" } ?? "a \(root.kindName)"
            let kind: LoadError.Kind = what == "empty" ? .empty : .notAMapping
            throw LoadError(kind, file: path, at: root.range.start,
                            what == "empty" ? "the template is empty" : "a template must be a mapping of sections, not \(what)")
        }
        if let resources = root["Resources"]?.mapping, resources.count > limits.maxResources {
            let first = resources.entries[limits.maxResources].key.range.start
            throw LoadError(.tooManyResources, file: path, at: first,
                            "the template has \(resources.count) resources, more than the limit of \(limits.maxResources) (CloudFormation allows 500)")
        }
        return LoadedDocument(path: path, file: file, format: isJSON ? .json : .yaml, root: root, byteCount: bytes.count)
    }
}

/// Bytes CloudFormation would refuse before parsing: non-UTF-8 encodings and NUL bytes.
enum EncodingCheck {
    static func validate(_ bytes: [UInt8], path: String) throws(LoadError) {
        let origin = SourcePosition(line: 1, column: 1)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw LoadError(.encoding, file: path, at: origin,
                            "the file is UTF-16 (or UTF-32) encoded; CloudFormation reads UTF-8 only")
        }
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            throw LoadError(.encoding, file: path, at: origin, "the file is UTF-32 encoded; CloudFormation reads UTF-8 only")
        }
        var line = 1
        var column = 1
        var i = 0
        let n = bytes.count
        while i < n {
            // Fast path: eight ASCII bytes without NUL or newline at a time.
            if i + 8 <= n {
                let word = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: i, as: UInt64.self) }
                let hasHighBit = word & 0x8080_8080_8080_8080 != 0
                let hasZero = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0
                let newlines = word ^ 0x0A0A_0A0A_0A0A_0A0A
                let hasNewline = (newlines &- 0x0101_0101_0101_0101) & ~newlines & 0x8080_8080_8080_8080 != 0
                if !hasHighBit && !hasZero && !hasNewline {
                    i += 8
                    column += 8
                    continue
                }
            }
            let b = bytes[i]
            if b < 0x80 {
                if b == 0 {
                    let hint = (i + 1 < n && bytes[i + 1] != 0 && i % 2 == 0) ? " (the file may be UTF-16 without a byte-order mark)" : ""
                    throw LoadError(.nulByte, file: path, at: SourcePosition(line: line, column: column),
                                    "NUL byte in the file; a template is UTF-8 text\(hint)")
                }
                if b == 0x0A { line += 1; column = 1 } else { column += 1 }
                i += 1
                continue
            }
            let length: Int
            let minimum: UInt32
            if b & 0xE0 == 0xC0 { length = 2; minimum = 0x80 }
            else if b & 0xF0 == 0xE0 { length = 3; minimum = 0x800 }
            else if b & 0xF8 == 0xF0 { length = 4; minimum = 0x10000 }
            else { throw notUTF8(path, line, column, b) }
            guard i + length <= n else { throw notUTF8(path, line, column, b) }
            var scalar = UInt32(b) & (0xFF >> (length + 1))
            for k in 1..<length {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { throw notUTF8(path, line, column, b) }
                scalar = (scalar << 6) | UInt32(c & 0x3F)
            }
            guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else {
                throw notUTF8(path, line, column, b)
            }
            i += length
            column += 1
        }
    }

    private static func notUTF8(_ path: String, _ line: Int, _ column: Int, _ byte: UInt8) -> LoadError {
        LoadError(.encoding, file: path, at: SourcePosition(line: line, column: column),
                  "byte 0x\(String(byte, radix: 16, uppercase: true)) is not valid UTF-8 (Latin-1 or another encoding?); CloudFormation reads UTF-8 only")
    }
}

/// Reads whole files with precise errors (missing, unreadable, a directory, too large).
public enum FileReader {
    public static func read(path: String, maxBytes: Int) throws(LoadError) -> [UInt8] {
        let origin = SourcePosition(line: 1, column: 1)
        if path == "-" { return try readAll(fd: 0, path: "<stdin>", maxBytes: maxBytes) }
        // A named pipe with no writer would block open() for ever, a terminal would wait for typing:
        // only regular files are read by name, plus the descriptor paths a shell hands over
        // (`<(git show ...)` is /dev/fd/63, /dev/stdin).
        var before = stat()
        if stat(path, &before) == 0, let kind = specialFileKind(before.st_mode),
           !(path.hasPrefix("/dev/fd/") || path.hasPrefix("/proc/self/fd/") || path == "/dev/stdin") {
            throw LoadError(.unreadable, file: path, at: origin, "is \(kind), not a regular file")
        }
        let fd = open(path, O_RDONLY)
        if fd < 0 {
            let code = errno
            switch code {
            case ENOENT, ENOTDIR:
                throw LoadError(.fileNotFound, file: path, at: origin, "no such file")
            case EACCES, EPERM:
                throw LoadError(.unreadable, file: path, at: origin, "permission denied")
            default:
                throw LoadError(.unreadable, file: path, at: origin, "cannot open: \(String(cString: strerror(code)))")
            }
        }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR {
                throw LoadError(.isDirectory, file: path, at: origin, "is a directory, not a template file")
            }
            if Int(info.st_size) > maxBytes {
                throw LoadError(.tooLarge, file: path, at: origin,
                                "the file is \(info.st_size) bytes, more than the limit of \(maxBytes)")
            }
        }
        return try readAll(fd: fd, path: path, maxBytes: maxBytes)
    }

    /// "a named pipe", "a device", "a socket"; nil for regular files and folders.
    static func specialFileKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFIFO: return "a named pipe (FIFO)"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFSOCK: return "a socket"
        default: return nil
        }
    }

    private static func readAll(fd: Int32, path: String, maxBytes: Int) throws(LoadError) -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                let message = code == EISDIR ? "is a directory, not a template file" : "read failed: \(String(cString: strerror(code)))"
                throw LoadError(code == EISDIR ? .isDirectory : .unreadable, file: path, at: SourcePosition(line: 1, column: 1), message)
            }
            if n == 0 { return result }
            result.append(contentsOf: chunk[0..<n])
            if result.count > maxBytes {
                throw LoadError(.tooLarge, file: path, at: SourcePosition(line: 1, column: 1),
                                "the file is larger than the limit of \(maxBytes) bytes")
            }
        }
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif
