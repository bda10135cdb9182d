import Foundation
import CFNTemplate

/// Converts between the loader's 1-based line and Unicode-scalar columns and LSP's 0-based UTF-16
/// positions, both ways, and finds names inside a source range (for exact reference ranges).
public struct PositionConverter: Sendable {
    private let lines: [[Unicode.Scalar]]

    public init(text: String) {
        // Split on scalars, not Characters: "\r\n" is one Character, so a Character split would
        // leave a CRLF document as a single line.
        lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
    }

    public var lineCount: Int { lines.count }

    public func lspPosition(_ position: SourcePosition) -> [String: Int] {
        let line = max(0, position.line - 1)
        guard line < lines.count else { return ["line": line, "character": 0] }
        var units = 0
        for scalar in lines[line].prefix(max(0, position.column - 1)) { units += scalar.utf16.count }
        return ["line": line, "character": units]
    }

    public func lspRange(_ range: SourceRange) -> [String: Any] {
        ["start": lspPosition(range.start), "end": lspPosition(range.end)]
    }

    /// The loader position of an LSP position (clamped to the line; a character inside a surrogate
    /// pair counts as the scalar it belongs to).
    public func sourcePosition(line: Int, character: Int) -> SourcePosition {
        guard line >= 0, line < lines.count else { return SourcePosition(line: max(0, line) + 1, column: 1) }
        var units = 0
        var column = 1
        for scalar in lines[line] {
            if units >= character { break }
            units += scalar.utf16.count
            column += 1
        }
        return SourcePosition(line: line + 1, column: column)
    }

    /// The scalars of a 1-based line without its line break ("" past the end).
    public func line(_ number: Int) -> [Unicode.Scalar] {
        guard number >= 1, number <= lines.count else { return [] }
        var scalars = lines[number - 1]
        if scalars.last == "\r" { scalars.removeLast() }
        return scalars
    }

    /// Ranges of `name` written inside `range`, as a whole word (not inside a longer alphanumeric
    /// name). With `subVariable`, only as a `${name}` or `${name.Attr}` variable of an Fn::Sub string.
    func occurrences(of name: String, in range: SourceRange, subVariable: Bool = false) -> [SourceRange] {
        let needle = Array(name.unicodeScalars)
        guard !needle.isEmpty, range.start.line >= 1 else { return [] }
        var found: [SourceRange] = []
        for number in range.start.line...max(range.start.line, min(range.end.line, lines.count)) {
            let scalars = line(number)
            let from = number == range.start.line ? max(0, range.start.column - 1) : 0
            let to = number == range.end.line ? min(scalars.count, range.end.column - 1) : scalars.count
            guard to - from >= needle.count else { continue }
            var i = from
            while i + needle.count <= to {
                if Array(scalars[i..<(i + needle.count)]) == needle, Self.boundary(scalars, before: i, after: i + needle.count, subVariable: subVariable) {
                    found.append(SourceRange(file: range.file, start: SourcePosition(line: number, column: i + 1),
                                             end: SourcePosition(line: number, column: i + needle.count + 1)))
                    i += needle.count
                } else {
                    i += 1
                }
            }
        }
        return found
    }

    private static func boundary(_ scalars: [Unicode.Scalar], before start: Int, after end: Int, subVariable: Bool) -> Bool {
        let previous = start > 0 ? scalars[start - 1] : nil
        let next = end < scalars.count ? scalars[end] : nil
        if subVariable {
            return start >= 2 && scalars[start - 2] == "$" && previous == "{" && (next == "}" || next == ".")
        }
        return !isNameScalar(previous) && !isNameScalar(next)
    }

    private static func isNameScalar(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_"
    }
}
