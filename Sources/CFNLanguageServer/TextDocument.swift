import Foundation

/// An open document's text, edited with LSP ranges (UTF-16 line/character positions).
public struct TextDocument: Sendable {
    public let uri: String
    public var version: Int
    public private(set) var text: String

    public init(uri: String, version: Int, text: String) {
        self.uri = uri
        self.version = version
        self.text = text
    }

    /// Replaces the whole text (no range) or the UTF-16 range given; out-of-range positions are clamped.
    public mutating func apply(text newText: String, range: (start: (Int, Int), end: (Int, Int))?) {
        guard let range else { text = newText; return }
        var units = Array(text.utf16)
        let a = Self.offset(of: range.start, in: units)
        let b = max(a, Self.offset(of: range.end, in: units))
        units.replaceSubrange(a..<b, with: Array(newText.utf16))
        text = String(decoding: units, as: UTF16.self)
    }

    static func offset(of position: (Int, Int), in units: [UInt16]) -> Int {
        var line = 0
        var i = 0
        while line < position.0 && i < units.count {
            if units[i] == 10 { line += 1 }
            i += 1
        }
        if line < position.0 { return units.count }
        var character = 0
        while character < max(0, position.1) && i < units.count && units[i] != 10 {
            i += 1
            character += 1
        }
        return i
    }
}
