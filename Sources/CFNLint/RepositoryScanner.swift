import CFNSchema
import CFNTemplate
import Foundation

/// Looks through a repository for what a starter `.cfnlintrc` needs (`cfnkit init`): which YAML/JSON
/// files are CloudFormation templates, globs that cover them, regions the repository mentions, and
/// folders of rule packs.
public struct RepositoryScan: Sendable, Equatable {
    /// The folder scanned, as given.
    public var root: String
    /// CloudFormation templates, relative to `root`, sorted.
    public var templates: [String]
    /// YAML/JSON files that are not templates (config, rule packs, data), relative to `root`.
    public var otherFiles: [String]
    /// Glob patterns covering every template, relative to `root`.
    public var templateGlobs: [String]
    /// Files the globs match that are not templates: the config's `ignore_templates`.
    public var ignoredFiles: [String]
    /// Regions named in the templates and in deployment/CI files, most mentioned first.
    public var regions: [String]
    /// Folders (relative to `root`) holding rule-pack files.
    public var rulePackFolders: [String]

    public init(root: String, templates: [String], otherFiles: [String], templateGlobs: [String],
                ignoredFiles: [String], regions: [String], rulePackFolders: [String]) {
        self.root = root
        self.templates = templates
        self.otherFiles = otherFiles
        self.templateGlobs = templateGlobs
        self.ignoredFiles = ignoredFiles
        self.regions = regions
        self.rulePackFolders = rulePackFolders
    }
}

public enum RepositoryScanner {
    /// Deployment and CI files whose text is searched for region names (besides the templates).
    static let regionFilePatterns: [String] = [
        "samconfig.toml", "samconfig.yaml", "samconfig.yml", ".gitlab-ci.yml", "buildspec.yml", "buildspec.yaml",
        "bitbucket-pipelines.yml", ".circleci/config.yml", ".github/workflows/*.yml", ".github/workflows/*.yaml",
    ]

    /// Scans `root`. `knownRegions` filters region-like words (default: the bundled schema regions).
    public static func scan(_ root: String, knownRegions: Set<String>? = nil) -> RepositoryScan {
        let regionsKnown = knownRegions ?? Set(SchemaRegistry.bundled.allRegions)
        let files = TemplateFinder.templates(in: root).map { relative(to: root, $0) }
        var templates: [String] = []
        var other: [String] = []
        var packFolders = Set<String>()
        var regionCounts: [String: Int] = [:]
        let loader = TemplateLoader(limits: LoaderLimits(unknownTags: .longForm))
        for file in files {
            let full = (root as NSString).appendingPathComponent(file)
            switch classify(full, loader: loader) {
            case .template(let root):
                templates.append(file)
                if let root { countRegions(in: root, known: regionsKnown, into: &regionCounts) }
            case .rulePack:
                other.append(file)
                let folder = (file as NSString).deletingLastPathComponent
                packFolders.insert(folder.isEmpty ? "." : folder)
            case .other:
                other.append(file)
            }
        }
        for file in regionFiles(in: root) {
            guard let bytes = try? FileReader.read(path: (root as NSString).appendingPathComponent(file), maxBytes: 4 << 20)
            else { continue }
            let text = String(decoding: bytes, as: UTF8.self)
            for word in regionWords(in: text) where regionsKnown.contains(word) { regionCounts[word, default: 0] += 1 }
        }
        let regions = regionCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        let globs = globs(for: templates, others: other)
        let ignored = other.filter { file in globs.contains { matches(file, glob: $0) } }
        return RepositoryScan(root: root, templates: templates, otherFiles: other, templateGlobs: globs,
                              ignoredFiles: ignored, regions: regions, rulePackFolders: packFolders.sorted())
    }

    // MARK: Classifying files

    enum Kind {
        case template(Node?)
        case rulePack
        case other
    }

    /// A template has `AWSTemplateFormatVersion`, or `Resources` entries with a `Type` such as
    /// `AWS::S3::Bucket`, or the SAM transform. A file that does not load but names
    /// `AWSTemplateFormatVersion` near the top still counts (lint will report why it is broken).
    static func classify(_ path: String, loader: TemplateLoader) -> Kind {
        let root: Node
        do {
            root = try loader.load(path: path).root
        } catch {
            let head = (try? FileReader.read(path: path, maxBytes: 1 << 20)).map { String(decoding: $0.prefix(4096), as: UTF8.self) } ?? ""
            return head.contains("AWSTemplateFormatVersion") ? .template(nil) : .other
        }
        guard let m = root.mapping else { return .other }
        if m["pack"] != nil, m["rules"]?.sequence != nil { return .rulePack }
        if m["AWSTemplateFormatVersion"] != nil { return .template(root) }
        if let transform = m["Transform"], (transform.text ?? transform.sequence?.first?.text ?? "").hasPrefix("AWS::") {
            return .template(root)
        }
        if let resources = m["Resources"]?.mapping,
           resources.entries.contains(where: { $0.value["Type"]?.text?.contains("::") == true }) {
            return .template(root)
        }
        return .other
    }

    // MARK: Globs

    /// Globs covering every template: `folder/**/*.ext` for the highest folder where few other
    /// files of that extension would be caught (at most 2, or a fifth of the templates), else the
    /// folder's own files (`folder/*.ext` or by name) and its subfolders, each judged the same way.
    /// Templates at the top level are listed by name (a root glob would catch CI files and such).
    static func globs(for templates: [String], others: [String] = []) -> [String] {
        var out: [String] = []
        let extensions = Set(templates.map { ($0 as NSString).pathExtension }).sorted()
        for ext in extensions {
            let t = templates.filter { ($0 as NSString).pathExtension == ext }
            let o = others.filter { ($0 as NSString).pathExtension == ext }
            cover(folder: "", ext: ext, templates: t, others: o, into: &out)
        }
        return out.sorted { a, b in
            let da = a.contains("/"), db = b.contains("/")
            return da != db ? !da : a < b
        }
    }

    private static func cover(folder: String, ext: String, templates: [String], others: [String], into out: inout [String]) {
        guard !templates.isEmpty else { return }
        if !folder.isEmpty, others.count <= max(2, templates.count / 5) {
            out.append("\(folder)/**/*.\(ext)")
            return
        }
        let prefix = folder.isEmpty ? "" : folder + "/"
        func child(_ path: String) -> String? {
            let rest = path.dropFirst(prefix.count)
            guard let slash = rest.firstIndex(of: "/") else { return nil }
            return prefix + rest[..<slash]
        }
        let direct = templates.filter { child($0) == nil }
        if !direct.isEmpty {
            if !folder.isEmpty, !others.contains(where: { child($0) == nil }) {
                out.append("\(folder)/*.\(ext)")
            } else {
                out.append(contentsOf: direct)
            }
        }
        let children = Set(templates.compactMap(child)).sorted()
        for c in children {
            cover(folder: c, ext: ext, templates: templates.filter { child($0) == c },
                  others: others.filter { child($0) == c }, into: &out)
        }
    }

    /// Whether a relative path matches one of the globs written above (the same rules as
    /// `TemplateFinder.glob`: `**` spans any number of folders).
    static func matches(_ path: String, glob: String) -> Bool {
        func match(_ p: ArraySlice<Substring>, _ g: ArraySlice<Substring>) -> Bool {
            guard let head = g.first else { return p.isEmpty }
            if head == "**" { return match(p, g.dropFirst()) || (!p.isEmpty && match(p.dropFirst(), g)) }
            guard let first = p.first else { return false }
            return fnmatch(String(head), String(first), 0) == 0 && match(p.dropFirst(), g.dropFirst())
        }
        return match(path.split(separator: "/")[...], glob.split(separator: "/")[...])
    }

    // MARK: Regions

    static func regionFiles(in root: String) -> [String] {
        var out: [String] = []
        for pattern in regionFilePatterns {
            if pattern.contains("*") {
                let base = (pattern as NSString).deletingLastPathComponent
                let dir = (root as NSString).appendingPathComponent(base)
                let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
                let last = (pattern as NSString).lastPathComponent
                for n in names where fnmatch(last, n, 0) == 0 { out.append("\(base)/\(n)") }
            } else if FileManager.default.fileExists(atPath: (root as NSString).appendingPathComponent(pattern)) {
                out.append(pattern)
            }
        }
        return out
    }

    /// Every string scalar (and key) in the tree that names a known region, or contains one as a
    /// word (`arn:aws:sns:eu-west-1:...`).
    static func countRegions(in node: Node, known: Set<String>, into counts: inout [String: Int]) {
        var stack = [node]
        while let n = stack.popLast() {
            switch n.value {
            case .scalar(let s):
                guard s.text.contains("-") else { continue }
                for word in regionWords(in: s.text) where known.contains(word) { counts[word, default: 0] += 1 }
            case .sequence(let items): stack.append(contentsOf: items)
            case .mapping(let m): stack.append(contentsOf: m.entries.map(\.value))
            }
        }
    }

    /// Words shaped like a region name (`eu-west-1`, `us-gov-west-1`), not part of a longer word
    /// (so the availability zone `eu-west-1a` is not one).
    static func regionWords(in text: String) -> [String] {
        var out: [String] = []
        let bytes = Array(text.utf8)
        func isWord(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || (b >= 0x41 && b <= 0x5A) }
        var i = 0
        while i < bytes.count {
            guard isWord(bytes[i]) else { i += 1; continue }
            var j = i
            while j < bytes.count, isWord(bytes[j]) { j += 1 }
            // A run of letters, digits and dashes; region names end in "-<digit>".
            let word = String(decoding: bytes[i..<j], as: UTF8.self)
            if word.count >= 9, word.count <= 20, word.last!.isNumber, word.dropLast().last == "-" { out.append(word) }
            i = j
        }
        return out
    }

    static func relative(to root: String, _ path: String) -> String {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        if path.hasPrefix(prefix) { return String(path.dropFirst(prefix.count)) }
        if root == "." && path.hasPrefix("./") { return String(path.dropFirst(2)) }
        return path
    }
}

extension RepositoryScan {
    /// A starter `.cfnlintrc` (YAML, as cfn-lint reads it). `regions` overrides the detected
    /// ones; with none detected nor given, `defaultRegion` is written.
    public func cfnlintrc(regions override: [String]? = nil, defaultRegion: String = SchemaRegistry.defaultRegion) -> String {
        func q(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }
        var out: [String] = []
        let count = templates.count
        out.append("# cfnkit / cfn-lint configuration, written by `cfnkit init`.")
        out.append("# \(count) CloudFormation template\(count == 1 ? "" : "s") found; `cfnkit lint` with no arguments lints them.")
        out.append("")
        if templateGlobs.isEmpty {
            out.append("# No templates were found. List them here, e.g.:")
            out.append("# templates:")
            out.append("#   - 'templates/**/*.yaml'")
        } else {
            out.append("templates:")
            for g in templateGlobs { out.append("  - \(q(g))") }
        }
        if !ignoredFiles.isEmpty {
            out.append("")
            out.append("# YAML/JSON files the globs above match that are not templates.")
            out.append("ignore_templates:")
            for f in ignoredFiles { out.append("  - \(q(f))") }
        }
        out.append("")
        let chosen: [String]
        if let override, !override.isEmpty {
            chosen = override
            out.append("# Regions given to `cfnkit init --regions`.")
        } else if !regions.isEmpty {
            chosen = regions
            out.append("# Regions named in the templates and deployment files (most mentioned first).")
        } else {
            chosen = [defaultRegion]
            out.append("# No region is named in the repository; ALL_REGIONS checks every region.")
        }
        out.append("regions:")
        for r in chosen { out.append("  - \(q(r))") }
        out.append("")
        if rulePackFolders.isEmpty {
            out.append("# Folders of extra rules (rule packs), none found:")
            out.append("# rules:")
            out.append("#   - 'rules'")
        } else {
            out.append("# Folders of rule packs found in the repository (cfnkit's `rules:`, which lint reads).")
            out.append("rules:")
            for f in rulePackFolders { out.append("  - \(q(f))") }
        }
        out.append("")
        out.append("# ignore_checks:")
        out.append("#   - W3005")
        return out.joined(separator: "\n") + "\n"
    }
}
