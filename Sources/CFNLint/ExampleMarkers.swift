import CFNTemplate

/// Expected-finding markers in example templates: `⟦E2001⟧` placed just before the text where
/// the finding starts. `strip` removes them and returns the clean source with each marker's
/// rule id and line:column (columns in Unicode scalars, as the loader counts).
public enum ExampleMarkers {
    public struct Mark: Sendable, Hashable, Comparable {
        public var ruleId: String
        public var position: SourcePosition
        public static func < (a: Mark, b: Mark) -> Bool { (a.position, a.ruleId) < (b.position, b.ruleId) }
    }

    public static func strip(_ source: String) -> (source: String, marks: [Mark]) {
        var marks: [Mark] = []
        var lines: [String] = []
        for (n, raw) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var clean = String.UnicodeScalarView()
            var scalars = Array(raw.unicodeScalars)[...]
            while let u = scalars.first {
                if u == "⟦", let close = scalars.firstIndex(of: "⟧") {
                    let id = String(String.UnicodeScalarView(scalars[scalars.index(after: scalars.startIndex)..<close]))
                    marks.append(Mark(ruleId: id, position: SourcePosition(line: n + 1, column: clean.count + 1)))
                    scalars = scalars[scalars.index(after: close)...]
                    continue
                }
                clean.append(u)
                scalars = scalars.dropFirst()
            }
            lines.append(String(clean))
        }
        return (lines.joined(separator: "\n"), marks.sorted())
    }
}
