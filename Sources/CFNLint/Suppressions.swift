import CFNTemplate

/// Suppressions inside one template: `Metadata: cfn-lint: config: ignore_checks` on a resource
/// (or a parameter, output, mapping or condition), and `# cfn-lint: disable=E3012,W2001` comments
/// on the offending line or the line above.
struct Suppressions {
    /// `[section, name]` -> ignored check prefixes.
    private var byEntry: [[PathElement]: [String]] = [:]
    /// line -> ignored check prefixes (a comment applies to its own line and the next).
    private var byLine: [Int: [String]] = [:]

    var isEmpty: Bool { byEntry.isEmpty && byLine.isEmpty }

    init(template: Template?, source: [UInt8]?) {
        if let template { collectMetadata(template) }
        if let source { collectComments(source) }
    }

    private mutating func collectMetadata(_ t: Template) {
        guard let top = t.root.mapping else { return }
        for section in ["Resources", "Parameters", "Outputs", "Mappings", "Conditions"] {
            guard let m = top[section]?.mapping else { continue }
            for e in m.entries {
                guard let checks = e.value["Metadata"]?["cfn-lint"]?["config"]?["ignore_checks"] else { continue }
                let list = checks.sequence?.compactMap(\.text) ?? checks.text.map(LintConfig.splitList) ?? []
                if !list.isEmpty { byEntry[[.key(section), .key(e.key.name)], default: []] += list }
            }
        }
    }

    private mutating func collectComments(_ bytes: [UInt8]) {
        let needle = Array("cfn-lint:".utf8)
        // Fast exit: most templates have no directive.
        guard bytes.count >= needle.count, containsSequence(bytes, needle) else { return }
        var line = 1
        var start = 0
        for i in 0...bytes.count {
            if i == bytes.count || bytes[i] == 0x0A {
                if i > start { scanLine(bytes[start..<i], line: line) }
                line += 1
                start = i + 1
            }
        }
    }

    private func containsSequence(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard hay.count >= needle.count else { return false }
        var i = 0
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == needle[0] {
                var j = 1
                while j < needle.count && hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    private mutating func scanLine(_ bytes: ArraySlice<UInt8>, line: Int) {
        guard let hash = bytes.firstIndex(of: UInt8(ascii: "#")) else { return }
        let text = String(decoding: bytes[hash...], as: UTF8.self)
        // `# cfn-lint: disable=E3012,W2001` (spaces allowed around ':' and '=').
        var rest = Substring(text.dropFirst())
        rest = rest.drop { $0 == " " || $0 == "\t" }
        guard rest.hasPrefix("cfn-lint") else { return }
        rest = rest.dropFirst("cfn-lint".count).drop { $0 == " " }
        guard rest.first == ":" else { return }
        rest = rest.dropFirst().drop { $0 == " " }
        guard rest.hasPrefix("disable") else { return }
        rest = rest.dropFirst("disable".count).drop { $0 == " " }
        guard rest.first == "=" else { return }
        rest = rest.dropFirst().drop { $0 == " " }
        let ids = rest.prefix { !$0.isWhitespace || $0 == " " }.split(whereSeparator: { $0 == "," || $0 == " " })
            .map(String.init).filter { !$0.isEmpty }
        guard !ids.isEmpty else { return }
        byLine[line, default: []] += ids
        byLine[line + 1, default: []] += ids
    }

    func suppresses(_ f: Finding) -> Bool {
        if let ids = byLine[f.start.line], LintSettings.matches(f.ruleId, ids) { return true }
        if f.path.count >= 2, let ids = byEntry[Array(f.path.prefix(2))], LintSettings.matches(f.ruleId, ids) { return true }
        return false
    }
}
