import Foundation

/// A position in a source file, 1-based line and column as editors and cfn-lint print them.
/// Columns count Unicode scalars, not bytes (a tab is one column).
public struct SourcePosition: Hashable, Comparable, Sendable, CustomStringConvertible {
    // Stored as 32-bit numbers: every node carries two positions, and smaller nodes load faster.
    private var storedLine: Int32
    private var storedColumn: Int32

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    public init(line: Int, column: Int) {
        storedLine = Int32(clamping: line)
        storedColumn = Int32(clamping: column)
    }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// A small handle for a source file path, so every node can carry its file for four bytes.
/// Paths are interned once per process in `SourceFiles`.
public struct SourceFileID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Nodes built in code (not read from a file) carry this.
    public static let synthetic = SourceFileID(rawValue: 0)

    public var path: String { SourceFiles.path(for: self) }
    public var description: String { path }
}

/// Process-wide, append-only table of file paths behind `SourceFileID`s.
public enum SourceFiles {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var paths: [String] = ["<synthetic>"]
    nonisolated(unsafe) private static var ids: [String: UInt32] = [:]

    public static func id(for path: String) -> SourceFileID {
        lock.lock()
        defer { lock.unlock() }
        if let existing = ids[path] { return SourceFileID(rawValue: existing) }
        let raw = UInt32(paths.count)
        paths.append(path)
        ids[path] = raw
        return SourceFileID(rawValue: raw)
    }

    public static func path(for id: SourceFileID) -> String {
        lock.lock()
        defer { lock.unlock() }
        let index = Int(id.rawValue)
        return index < paths.count ? paths[index] : "<unknown>"
    }
}

/// Where a node starts and ends in its file. `end` is exclusive, as libyaml marks it.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    public var file: SourceFileID
    public var start: SourcePosition
    public var end: SourcePosition

    public init(file: SourceFileID, start: SourcePosition, end: SourcePosition) {
        self.file = file
        self.start = start
        self.end = end
    }

    /// A range for nodes made in code rather than read from a file.
    public static let synthetic = SourceRange(
        file: .synthetic, start: SourcePosition(line: 0, column: 0), end: SourcePosition(line: 0, column: 0))

    public var isSynthetic: Bool { file == .synthetic }

    /// `path:line:col`, the form terminals and editors turn into a link.
    public var description: String { "\(file.path):\(start.line):\(start.column)" }
}
