import Foundation
import CFNTemplate

/// Converts the loader's 1-based line and Unicode-scalar columns to LSP's 0-based UTF-16 positions.
public struct PositionConverter: Sendable {
    private let lines: [Substring.UnicodeScalarView]

    public init(text: String) {
        // Split on scalars, not Characters: "\r\n" is one Character, so a Character split would
        // leave a CRLF document as a single line.
        lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
    }

    public func lspPosition(_ position: SourcePosition) -> [String: Int] {
        let line = max(0, position.line - 1)
        guard line < lines.count else { return ["line": line, "character": 0] }
        var units = 0
        var scalars = 0
        for scalar in lines[line] {
            if scalars >= position.column - 1 { break }
            units += scalar.utf16.count
            scalars += 1
        }
        return ["line": line, "character": units]
    }
}
