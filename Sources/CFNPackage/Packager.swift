import CFNTemplate
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What to package and how the rewritten templates name the artifacts.
public struct PackageOptions: Sendable {
    /// The root template.
    public var templatePath: String
    /// The bucket the rewritten templates point at.
    public var bucket: String
    /// Key prefix inside the bucket (no leading or trailing `/`).
    public var prefix: String
    /// Artifacts must lie under this folder (default: the root template's folder).
    public var projectRoot: String?
    public var allowOutsideRoot: Bool
    /// Write the root template as JSON (otherwise it keeps its own format).
    public var useJSON: Bool
    /// For TemplateURL: `https://s3.<region>.amazonaws.com/bucket/key`, or the endpoint when one is given.
    public var region: String
    public var endpointURL: String?
    /// The command's outputs (the output folder, the bundle, the output template): never zipped, and
    /// never allowed to be one of the templates being packaged.
    public var excludedPaths: [String]
    /// Artifacts built at once.
    public var concurrency: Int
    /// Told about progress (zipping); nil for none.
    public var progress: ProgressReporter?
    /// Where the staging folder is made (default: the system's temporary folder).
    public var stagingParent: String?

    public init(templatePath: String, bucket: String, prefix: String = "", projectRoot: String? = nil,
                allowOutsideRoot: Bool = false, useJSON: Bool = false, region: String = "us-east-1",
                endpointURL: String? = nil, excludedPaths: [String] = [], concurrency: Int = ProcessInfo.processInfo.activeProcessorCount,
                progress: ProgressReporter? = nil) {
        self.templatePath = templatePath
        self.bucket = bucket
        self.prefix = prefix.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        self.projectRoot = projectRoot
        self.allowOutsideRoot = allowOutsideRoot
        self.useJSON = useJSON
        self.region = region
        self.endpointURL = endpointURL
        self.excludedPaths = excludedPaths
        self.concurrency = max(1, concurrency)
        self.progress = progress
    }

    /// The https base a TemplateURL starts with, as aws-cli's S3 client would form it.
    public var templateURLBase: String {
        if var endpoint = endpointURL, !endpoint.isEmpty {
            while endpoint.hasSuffix("/") { endpoint.removeLast() }
            return endpoint
        }
        if region == "us-east-1" || region == "aws-global" || region.isEmpty { return "https://s3.amazonaws.com" }
        if region.hasPrefix("cn-") { return "https://s3.\(region).amazonaws.com.cn" }
        return "https://s3.\(region).amazonaws.com"
    }

    public func key(_ name: String) -> String { prefix.isEmpty ? name : prefix + "/" + name }
}

/// A template property that points at an artifact.
public struct ArtifactReference: Sendable, Hashable, Codable {
    /// The template, relative to the project root.
    public var template: String
    /// The resource's logical id (or `Metadata`/`AWS::Include`/`Globals`).
    public var resource: String
    public var property: String
    public var line: Int
    public var column: Int
}

/// One object of the package: its key in the bucket, where its bytes are now, and who points at it.
public struct Artifact: Sendable {
    public enum Kind: String, Sendable, Codable { case zip, file, template }
    /// The full key, prefix included.
    public let key: String
    public let md5: String
    public let size: UInt64
    public let kind: Kind
    /// The source, relative to the project root (absolute when outside it).
    public let source: String
    /// Where the bytes are: a staged file, or the source file itself for files uploaded as they are.
    public let contentPath: String
    public internal(set) var references: [ArtifactReference]
}

/// A finished package, staged on disk and not yet published.
public struct PackageResult: Sendable {
    /// The packaged root template's text.
    public let template: String
    public let format: SourceFormat
    /// Every artifact, nested templates included, sorted by key.
    public let artifacts: [Artifact]
    public let bucket: String
    /// Holds staged zips and templates; removed by `discard()`.
    public let stagingDirectory: String

    public var templateFileName: String { format == .json ? "template.json" : "template.yaml" }

    /// `manifest.json`: every artifact's key, hash, size, source and the properties that point at it.
    public func manifestJSON() -> [UInt8] {
        var out = "{\n  \"bucket\": \(Emitter.jsonString(bucket)),\n  \"template\": \(Emitter.jsonString(templateFileName)),\n  \"artifacts\": ["
        for (i, a) in artifacts.enumerated() {
            out += i == 0 ? "\n" : ",\n"
            out += "    {\n"
            out += "      \"key\": \(Emitter.jsonString(a.key)),\n"
            out += "      \"md5\": \"\(a.md5)\",\n"
            out += "      \"size\": \(a.size),\n"
            out += "      \"kind\": \"\(a.kind.rawValue)\",\n"
            out += "      \"source\": \(Emitter.jsonString(a.source)),\n"
            out += "      \"referencedBy\": ["
            for (j, r) in a.references.enumerated() {
                out += j == 0 ? "\n" : ",\n"
                out += "        {\"template\": \(Emitter.jsonString(r.template)), \"resource\": \(Emitter.jsonString(r.resource)), "
                out += "\"property\": \(Emitter.jsonString(r.property)), \"line\": \(r.line), \"column\": \(r.column)}"
            }
            out += a.references.isEmpty ? "]\n" : "\n      ]\n"
            out += "    }"
        }
        out += artifacts.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return Array(out.utf8)
    }

    public func discard() {
        try? FileManager.default.removeItem(atPath: stagingDirectory)
    }
}

/// Packages a template and everything it names on disk: nested templates (depth first, each once),
/// code folders and files, into content-addressed artifacts staged in a temporary folder, and the
/// rewritten root template. Nothing outside the staging folder is written; see `PackagePublisher`.
public struct Packager: Sendable {
    public let options: PackageOptions

    public init(options: PackageOptions) {
        self.options = options
    }

    /// A path step from a template's root to a node.
    enum Step: Hashable, Sendable { case key(String), index(Int) }

    enum Source: Hashable, Sendable {
        case zipFolder(String)
        case zipFile(String)
        case file(String)
        case template(String)
    }

    struct Site: Sendable {
        var path: [Step]
        /// Set when the property is absent and is added (SAM's default CodeUri).
        var insertKey: String?
        var source: Source
        var shape: ArtifactShape
        var resource: String
        var property: String
        var range: SourceRange
        /// The path as the template wrote it.
        var namedPath: String? = nil
    }

    final class Unit: @unchecked Sendable {
        let realPath: String
        let displayPath: String
        let document: LoadedDocument
        var sites: [Site] = []
        init(realPath: String, displayPath: String, document: LoadedDocument) {
            self.realPath = realPath
            self.displayPath = displayPath
            self.document = document
        }
    }

    public func run() throws(PackageError) -> PackageResult {
        let rootTemplate = ProjectFiles.absolute(options.templatePath)
        let rootFolder = (rootTemplate as NSString).deletingLastPathComponent
        let parent = options.stagingParent ?? NSTemporaryDirectory()
        let staging = (parent.hasSuffix("/") ? parent : parent + "/") + "cfnkit-package-" + UUID().uuidString
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw PackageError(.io, "cannot create a staging folder: \(error.localizedDescription)")
        }
        let files = ProjectFiles(root: options.projectRoot ?? rootFolder, allowOutsideRoot: options.allowOutsideRoot,
                                 excluded: options.excludedPaths + [staging])
        do throws(PackageError) {
            // 1. Load every template, depth first, and find what each names.
            var units: [String: Unit] = [:]
            var order: [Unit] = []  // post-order: children before parents
            guard let rootReal = ProjectFiles.realPath(rootTemplate) else {
                throw PackageError(.missingPath, "\(options.templatePath): no such file")
            }
            try visit(real: rootReal, display: options.templatePath, chain: [], files: files, units: &units, order: &order)
            // Before anything is built or uploaded: an output path that names a template being read.
            for output in options.excludedPaths {
                if let unit = order.first(where: { AtomicFile.sameFile($0.realPath, output) }) {
                    throw PackageError(.usage, "\(output) is the template \(unit.displayPath) being packaged; "
                                       + "cfnkit does not write over the files it reads (choose another output path)")
                }
            }

            // 2. Build the code artifacts (zips, files), each distinct source once.
            var sources: [Source] = []
            var seen = Set<Source>()
            for unit in order {
                for site in unit.sites {
                    if case .template = site.source { continue }
                    if seen.insert(site.source).inserted { sources.append(site.source) }
                }
            }
            let built = try buildArtifacts(sources, files: files, staging: staging)

            // 3. Rewrite templates, children first; a nested template's key is the hash of its packaged text.
            var artifactsByKey: [String: Artifact] = [:]
            var templateKeys: [String: String] = [:]  // real path -> key
            var rootText = ""
            var rootFormat = SourceFormat.yaml
            for unit in order {
                var root = unit.document.root
                for site in unit.sites {
                    let key: String
                    let artifact: Artifact
                    switch site.source {
                    case .template(let real):
                        key = templateKeys[real]!
                        artifact = artifactsByKey[key]!
                    default:
                        artifact = built[site.source]!
                        key = artifact.key
                    }
                    let value: Node
                    switch site.shape {
                    case .s3URL: value = .string("s3://\(options.bucket)/\(key)")
                    case .templateURL: value = .string("\(options.templateURLBase)/\(options.bucket)/\(key)")
                    case .bucketKey(let b, let k): value = .map(Mapping([b: .string(options.bucket), k: .string(key)]))
                    }
                    root = Self.replacing(root, at: site.path[...], insertKey: site.insertKey, with: value)
                    var stored = artifactsByKey[key] ?? artifact
                    stored.references.append(ArtifactReference(
                        template: files.relative(unit.realPath), resource: site.resource, property: site.property,
                        line: site.range.start.line, column: site.range.start.column))
                    artifactsByKey[key] = stored
                }
                let isRoot = unit === order.last
                let format: SourceFormat = isRoot && options.useJSON ? .json : unit.document.format
                let text = format == .json ? Emitter.json(root) : Emitter.yaml(root, shortForm: true)
                if isRoot {
                    rootText = text
                    rootFormat = format
                } else {
                    let bytes = Array(text.utf8)
                    let md5 = ContentHash.md5Hex(bytes)
                    let key = options.key(md5 + ".template")
                    let staged = staging + "/" + md5 + ".template"
                    if !FileManager.default.createFile(atPath: staged, contents: Data(bytes)) {
                        throw PackageError(.io, "cannot stage \(staged)")
                    }
                    templateKeys[unit.realPath] = key
                    if artifactsByKey[key] == nil {
                        artifactsByKey[key] = Artifact(key: key, md5: md5, size: UInt64(bytes.count), kind: .template,
                                                       source: files.relative(unit.realPath), contentPath: staged, references: [])
                    }
                }
            }
            let artifacts = artifactsByKey.values.sorted { $0.key < $1.key }
            return PackageResult(template: rootText, format: rootFormat, artifacts: artifacts, bucket: options.bucket,
                                 stagingDirectory: staging)
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
    }

    // MARK: Loading and finding sites

    private func visit(real: String, display: String, chain: [(real: String, display: String)], files: ProjectFiles,
                       units: inout [String: Unit], order: inout [Unit]) throws(PackageError) {
        if units[real] != nil { return }
        let document: LoadedDocument
        do throws(LoadError) {
            document = try TemplateLoader(limits: LoaderLimits(unknownTags: .longForm)).load(path: display)
        } catch {
            throw PackageError(.templateLoad, error.message, location: .init(file: error.file, line: error.position.line,
                                                                          column: error.position.column, resource: nil, property: nil))
        }
        let unit = Unit(realPath: real, displayPath: display, document: document)
        try findSites(unit, files: files)
        let chainHere = chain + [(real, display)]
        for site in unit.sites {
            guard case .template(let child) = site.source else { continue }
            if let start = chainHere.firstIndex(where: { $0.real == child }) {
                let names = chainHere[start...].map(\.display) + [chainHere[start].display]
                throw PackageError(.nestedCycle, "nested templates form a cycle: \(names.joined(separator: " -> "))",
                                   file: display, range: site.range, resource: site.resource, property: site.property)
            }
            if units[child] != nil { continue }
            if chainHere.count > Limits.nestedStackDepth {
                throw PackageError(.nestedCycle, "nested templates are nested more than \(Limits.nestedStackDepth) levels deep (CFNKIT_MAX_NESTED_STACK_DEPTH)",
                                   file: display, range: site.range, resource: site.resource, property: site.property)
            }
            let childDisplay = Self.displayPath(forReal: child, near: site, in: unit)
            try visit(real: child, display: childDisplay, chain: chainHere, files: files, units: &units, order: &order)
        }
        units[real] = unit
        order.append(unit)
    }

    /// The child's path as the parent names it (relative to the current folder when the parent's was).
    private static func displayPath(forReal real: String, near site: Site, in unit: Unit) -> String {
        guard let named = site.namedPath else { return real }
        if named.hasPrefix("/") { return named }
        let folder = (unit.displayPath as NSString).deletingLastPathComponent
        return normalize(folder.isEmpty ? named : folder + "/" + named)
    }

    private func findSites(_ unit: Unit, files: ProjectFiles) throws(PackageError) {
        let root = unit.document.root
        guard let top = root.mapping else { return }
        let folder = (ProjectFiles.absolute(unit.displayPath) as NSString).deletingLastPathComponent
        var context = SiteContext(unit: unit, folder: folder, files: files)

        // Metadata: AWS::ServerlessRepo::Application ReadmeUrl / LicenseUrl.
        if let app = top["Metadata"]?[PackagedProperty.metadataType], app.mapping != nil {
            for rule in PackagedProperty.metadata {
                try context.property(rule, container: app, containerPath: [.key("Metadata"), .key(PackagedProperty.metadataType)],
                                     resource: "Metadata", inLoop: false, defaultToFolder: false)
            }
        }
        guard let resources = top["Resources"], resources.mapping != nil else { return }

        // AWS::Include anywhere (aws-cli looks once there are Resources).
        try context.includes(in: root, path: [])

        // SAM Globals: Function CodeUri (SAM merges it into every function without its own).
        let globalCodeUri = top["Globals"]?["Function"]?["CodeUri"]
        if globalCodeUri != nil, let globals = top["Globals"]?["Function"] {
            let rule = PackagedProperty.resources[0]
            try context.property(rule, container: globals, containerPath: [.key("Globals"), .key("Function")],
                                 resource: "Globals.Function", inLoop: false, defaultToFolder: false)
        }
        try context.resources(resources, path: [.key("Resources")], inLoop: false, samDefault: globalCodeUri == nil)
        unit.sites = context.sites
    }

    struct SiteContext {
        let unit: Unit
        let folder: String
        let files: ProjectFiles
        var sites: [Site] = []

        init(unit: Unit, folder: String, files: ProjectFiles) {
            self.unit = unit
            self.folder = folder
            self.files = files
        }

        var display: String { unit.displayPath }

        mutating func resources(_ node: Node, path: [Step], inLoop: Bool, samDefault: Bool) throws(PackageError) {
            guard let mapping = node.mapping else { return }
            for entry in mapping.entries {
                let id = entry.key.name
                let here = path + [.key(id)]
                if id.hasPrefix("Fn::ForEach::") {
                    // [Identifier, Collection, {OutputKey: resource}]: package the body's literal paths.
                    // Paths that use the loop variable need CFNIntrinsics to expand the loop first.
                    guard let items = entry.value.sequence, items.count == 3, items[2].mapping != nil else {
                        throw PackageError(.invalidValue, "\(id) must be a list of an identifier, a collection and a mapping of resources",
                                           file: display, range: entry.value.range, resource: id, property: nil)
                    }
                    try resources(items[2], path: here + [.index(2)], inLoop: true, samDefault: samDefault)
                    continue
                }
                guard let type = entry.value["Type"]?.text, let rules = PackagedProperty.byType[type] else { continue }
                guard let properties = entry.value["Properties"], properties.mapping != nil else { continue }
                for rule in rules {
                    var packageFolder = false
                    if type == "AWS::Serverless::Function" {
                        // InlineCode is never packaged; image functions have no code to package.
                        if properties["InlineCode"] != nil || properties["ImageUri"] != nil
                            || properties["PackageType"]?.text == "Image" { continue }
                        packageFolder = samDefault
                    }
                    try property(rule, container: properties, containerPath: here + [.key("Properties")],
                                 resource: id, inLoop: inLoop, defaultToFolder: packageFolder, resourceRange: entry.key.range)
                }
            }
        }

        mutating func includes(in node: Node, path: [Step]) throws(PackageError) {
            switch node.value {
            case .scalar: return
            case .sequence(let items):
                for (i, item) in items.enumerated() { try includes(in: item, path: path + [.index(i)]) }
            case .mapping(let m):
                for entry in m.entries {
                    let here = path + [.key(entry.key.name)]
                    if entry.key.name == "Fn::Transform", entry.value["Name"]?.text == "AWS::Include",
                       let parameters = entry.value["Parameters"], parameters.mapping != nil {
                        try property(PackagedProperty.include, container: parameters, containerPath: here + [.key("Parameters")],
                                     resource: "AWS::Include", inLoop: false, defaultToFolder: false)
                        continue
                    }
                    try includes(in: entry.value, path: here)
                }
            }
        }

        mutating func property(_ rule: PackagedProperty, container: Node, containerPath: [Step], resource: String,
                               inLoop: Bool, defaultToFolder: Bool, resourceRange: SourceRange? = nil) throws(PackageError) {
            var node = container
            var path = containerPath
            for (i, name) in rule.propertyPath.enumerated() {
                guard let next = node[name] else {
                    // Absent: only SAM's documented default (the template's folder) is packaged.
                    guard defaultToFolder, i == rule.propertyPath.count - 1 else { return }
                    let range = resourceRange ?? container.range
                    let source = try resolve(path: folder, named: nil, rule: rule, resource: resource, range: range)
                    sites.append(Site(path: path, insertKey: name, source: source, shape: rule.shape, resource: resource,
                                      property: rule.propertyName, range: range))
                    return
                }
                node = next
                path.append(.key(name))
            }
            guard let scalar = node.scalar else { return }  // intrinsics and {Bucket, Key} mappings stay
            if scalar.resolved.kind == .null {
                guard defaultToFolder else { return }
                let source = try resolve(path: folder, named: nil, rule: rule, resource: resource, range: node.range)
                sites.append(Site(path: path, insertKey: nil, source: source, shape: rule.shape, resource: resource,
                                  property: rule.propertyName, range: node.range))
                return
            }
            guard scalar.resolved.kind == .string else { return }
            let text = scalar.text
            if text.isEmpty || Self.isRemote(text) { return }
            if inLoop && text.contains("${") {
                throw PackageError(.unsupportedLoopPath,
                    "the path \(text) uses a Fn::ForEach loop variable; cfnkit packages literal paths inside loop bodies only",
                    file: display, range: node.range, resource: resource, property: rule.propertyName)
            }
            let absolute = text.hasPrefix("/") ? Packager.normalize(text) : Packager.normalize(folder + "/" + text)
            let source = try resolve(path: absolute, named: text, rule: rule, resource: resource, range: node.range)
            var site = Site(path: path, insertKey: nil, source: source, shape: rule.shape, resource: resource,
                            property: rule.propertyName, range: node.range)
            site.namedPath = text
            sites.append(site)
        }

        /// `s3://...`, `https://...` and other URLs are already remote.
        static func isRemote(_ text: String) -> Bool {
            guard let r = text.range(of: "://") else { return false }
            let scheme = text[..<r.lowerBound]
            return !scheme.isEmpty && scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
        }

        private func resolve(path absolute: String, named: String?, rule: PackagedProperty, resource: String,
                             range: SourceRange) throws(PackageError) -> Source {
            let shown = named ?? "."
            let resolved: (real: String, kind: ProjectFiles.Kind)?
            do {
                resolved = try files.resolve(absolute)
            } catch {
                throw PackageError(error.kind, error.message, file: display, range: range, resource: resource, property: rule.propertyName)
            }
            guard let resolved else {
                throw PackageError(.missingPath, "no such file or folder: \(shown) (looked for \(absolute))",
                                   file: display, range: range, resource: resource, property: rule.propertyName)
            }
            switch (rule.treatment, resolved.kind) {
            case (.template, .file): return .template(resolved.real)
            case (.template, .directory):
                throw PackageError(.invalidValue, "\(shown) is a folder, not a template file", file: display, range: range,
                                   resource: resource, property: rule.propertyName)
            case (.fileOnly, .directory):
                throw PackageError(.invalidValue, "\(shown) is a folder; AWS::Include needs a file", file: display, range: range,
                                   resource: resource, property: rule.propertyName)
            case (_, .directory): return .zipFolder(resolved.real)
            case (.zip, .file): return ZipWriter.looksLikeZip(path: resolved.real) ? .file(resolved.real) : .zipFile(resolved.real)
            case (_, .file): return .file(resolved.real)
            }
        }
    }

    /// Lexical normalisation: `.` and `..` steps removed, repeated slashes folded. Symlinks are left to realpath.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        let absolute = path.hasPrefix("/")
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            if part == ".." && absolute { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    /// Returns `root` with the node at `path` replaced (or, with `insertKey`, added to the mapping at `path`).
    static func replacing(_ node: Node, at path: ArraySlice<Step>, insertKey: String?, with value: Node) -> Node {
        guard let step = path.first else {
            guard let insertKey, var mapping = node.mapping else { return value }
            mapping.set(insertKey, value)
            return Node(.mapping(mapping), range: node.range)
        }
        switch (step, node.value) {
        case (.key(let k), .mapping(var m)):
            guard let child = m[k] else { return node }
            m.set(k, replacing(child, at: path.dropFirst(), insertKey: insertKey, with: value))
            return Node(.mapping(m), range: node.range)
        case (.index(let i), .sequence(var items)) where i < items.count:
            items[i] = replacing(items[i], at: path.dropFirst(), insertKey: insertKey, with: value)
            return Node(.sequence(items), range: node.range)
        default:
            return node
        }
    }
}

