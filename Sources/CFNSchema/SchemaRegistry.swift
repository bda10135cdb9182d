import CFNTemplate
import Foundation

/// How cfnkit knows (or doesn't know) a resource type.
public enum ResourceTypeKind: String, Sendable, Hashable {
    /// A type with a provider schema (bundled or from the overlay directory): `AWS::*`,
    /// `Alexa::ASK::Skill`, ...
    case aws
    /// `Custom::*` and `AWS::CloudFormation::CustomResource`: any properties, any GetAtt.
    case custom
    /// `AWS::Serverless::*`, known from the SAM schemas (needs the SAM transform).
    case serverless
    /// A CloudFormation module (`Org::Service::Thing::MODULE`).
    case module
    /// Not known: a third-party registry type or a misspelling. A linter should warn.
    case thirdPartyOrUnknown
}

/// Where a resource type's schema came from.
public enum SchemaSource: Sendable, Hashable {
    /// Bundled provider schema (file name stem in Data/schemas).
    case bundled(String)
    /// A file from the overlay directory.
    case overlay(String)
    /// Bundled SAM schema.
    case sam
    /// Synthesized permissive schema (custom resources, modules).
    case synthesized
}

/// Everything the other layers need about one resource type in one region.
public struct ResourceTypeInfo: Sendable, Hashable {
    public let typeName: String
    public let kind: ResourceTypeKind
    /// The region asked for; nil for kinds that are not region-bound (custom, module, SAM).
    public let region: String?
    public let source: SchemaSource
    public let schema: ResourceSchema

    /// For SAM types, the CloudFormation type whose Ref / GetAtt values the SAM resource
    /// exposes under the same logical ID (e.g. `AWS::Lambda::Function` for a Function).
    public var samGeneratedType: String? {
        kind == .serverless ? SchemaRegistry.samGeneratedTypes[typeName] : nil
    }

    public var properties: JSONObject { schema.properties }
    public var required: [String] { schema.required }
    public var createOnlyProperties: [String] { schema.createOnlyProperties }
    public var readOnlyProperties: [String] { schema.readOnlyProperties }
    public var attributes: [String] { schema.attributes }
    public var primaryIdentifier: [String] { schema.primaryIdentifier }
    public func updateBehavior(forPropertyPath path: String) -> UpdateBehavior {
        schema.updateBehavior(forPropertyPath: path)
    }
    public func attributeType(_ name: String) -> JSONType? { schema.attributeType(name) }
}

/// Loads the bundled CloudFormation resource schemas lazily: the type/region index once,
/// each type's schema the first time it is asked for. Thread-safe.
public final class SchemaRegistry: @unchecked Sendable {
    /// Shared registry over the bundled data (or `CFNKIT_DATA_DIR`), without overlay.
    public static let bundled = SchemaRegistry()

    /// The region used when none is given.
    public static let defaultRegion = "us-east-1"

    /// The data folder in use (`CFNKIT_DATA_DIR` if set, else the bundled `Data`).
    public let dataDirectory: URL
    /// A folder of provider schema files (`aws-sqs-queue.json`, as in AWS's
    /// `CloudformationSchema.zip`) that override bundled schemas for their types.
    public let overlayDirectory: URL?

    private let lock = NSLock()
    private var indexState: Index?
    private var schemaCache: [String: ResourceSchema] = [:]  // by bundled file stem
    private var samCache: [String: ResourceSchema] = [:]  // by type name
    private var overlayCache: [String: ResourceSchema] = [:]  // by type name
    private var conditionalUpdates: [String: [String]]?
    private var availabilityZoneTable: [String: [String]]?
    private var overlayFiles: OverlayFiles?
    private var loadErrors: [String] = []

    /// - Parameters:
    ///   - dataDirectory: the data folder; default `CFNKIT_DATA_DIR` or the bundled one.
    ///   - overlayDirectory: optional folder of newer provider schemas.
    public init(dataDirectory: URL? = nil, overlayDirectory: URL? = nil) {
        self.dataDirectory = dataDirectory ?? Self.defaultDataDirectory()
        self.overlayDirectory = overlayDirectory
    }

    public convenience init(overlayDirectory: URL?) {
        self.init(dataDirectory: nil, overlayDirectory: overlayDirectory)
    }

    /// Where the data folder was found.
    public enum DataOrigin: String, Sendable {
        /// The `CFNKIT_DATA_DIR` environment variable.
        case environment
        /// `share/cfnkit/schema-data` beside an installed binary (`PREFIX/bin/../share/cfnkit`).
        case installed
        /// The SwiftPM resource bundle beside the executable (`swift run`, `swift test`, a build folder).
        case bundle
        /// The source tree the binary was built from (a binary copied out of its build folder).
        case source
        /// Nowhere: the binary was copied without its data. The URL is where an install would put it.
        case missing
    }

    /// The folder name of the installed schema data under `share/cfnkit`.
    public static let installedDataName = "schema-data"

    /// `CFNKIT_DATA_DIR` if set, else `../share/cfnkit/schema-data` from the real path of the running
    /// executable, else the `Data` folder of this module's resource bundle.
    public static func defaultDataDirectory() -> URL { defaultDataLocation().url }

    /// ``defaultDataDirectory()`` and which rule found it.
    ///
    /// `Bundle.module` stops the process when its bundle is neither beside the executable nor in the
    /// build folder, so it is only asked when the bundle is beside the executable; a binary copied
    /// elsewhere falls back to the source tree it was built from, and then to `.missing`.
    public static func defaultDataLocation() -> (url: URL, origin: DataOrigin) {
        if let dir = InstalledData.environmentDirectory("CFNKIT_DATA_DIR") {
            return (dir, .environment)
        }
        if let dir = InstalledData.installedDirectory(named: installedDataName) {
            return (dir, .installed)
        }
        let fm = FileManager.default
        let besideExecutable = [Bundle.main.bundleURL, InstalledData.executableURL?.deletingLastPathComponent()]
            .compactMap { $0 }
            .flatMap { dir in ["cfnkit_CFNSchema.resources", "cfnkit_CFNSchema.bundle"].map { dir.appendingPathComponent($0).path } }
        if besideExecutable.contains(where: { fm.fileExists(atPath: $0) }) {
            if let url = Bundle.module.url(forResource: "Data", withExtension: nil) {
                return (url, .bundle)
            }
            return (Bundle.module.bundleURL.appendingPathComponent("Data", isDirectory: true), .bundle)
        }
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Data", isDirectory: true)
        if fm.fileExists(atPath: source.appendingPathComponent("index.tsv").path) {
            return (source, .source)
        }
        let expected = (InstalledData.shareDirectory ?? URL(fileURLWithPath: "/usr/local/share/cfnkit"))
            .appendingPathComponent(installedDataName, isDirectory: true)
        return (expected, .missing)
    }

    /// Problems met while loading data (missing index, unreadable or invalid files).
    public var errors: [String] { lock.withLock { loadErrors } }

    /// The parsed `VERSION.json` of the data folder.
    public var dataVersion: JSONValue? { readJSON(dataDirectory.appendingPathComponent("VERSION.json")) }

    // MARK: Regions and types

    /// All regions in the bundled index, sorted.
    public var allRegions: [String] { index.regions }

    public func isKnownRegion(_ region: String) -> Bool { index.regionBit[region] != nil }

    /// All types with a provider schema (bundled or overlay), sorted.
    public var allTypes: [String] {
        let bundledTypes = index.sortedTypes
        let extra = overlayTypeNames().filter { index.entries[$0] == nil }
        return extra.isEmpty ? bundledTypes : (bundledTypes + extra).sorted()
    }

    /// The bundled SAM types, sorted.
    public var serverlessTypes: [String] { Self.samTypeNames }

    /// Types available in a region (bundled index, plus overlay types), sorted.
    public func types(in region: String) -> [String] {
        let idx = index
        guard let bit = idx.regionBit[region] else { return [] }
        var out = idx.sortedTypes.filter { name in idx.entries[name]!.contains { $0.mask & bit != 0 } }
        let extra = overlayTypeNames().filter { idx.entries[$0] == nil }
        if !extra.isEmpty { out = (out + extra).sorted() }
        return out
    }

    /// Regions in which a type exists. Overlay types and region-independent kinds
    /// (custom, SAM, module) exist everywhere.
    public func regions(for type: String) -> [String] {
        let idx = index
        switch typeKind(type) {
        case .custom, .serverless, .module: return idx.regions
        case .thirdPartyOrUnknown: return []
        case .aws:
            if overlayURL(for: type) != nil { return idx.regions }
            guard let entries = idx.entries[type] else { return [] }
            let mask = entries.reduce(UInt64(0)) { $0 | $1.mask }
            return idx.regions.enumerated().filter { mask & (1 << UInt64($0.offset)) != 0 }.map(\.element)
        }
    }

    public func isAvailable(_ type: String, in region: String) -> Bool {
        switch typeKind(type) {
        case .custom, .serverless, .module: return true
        case .thirdPartyOrUnknown: return false
        case .aws:
            if overlayURL(for: type) != nil { return true }
            return bundledEntry(type, region: region) != nil
        }
    }

    /// Availability zone names of a region (empty if unknown).
    public func availabilityZones(region: String) -> [String] {
        lock.withLock {
            if availabilityZoneTable == nil {
                var table: [String: [String]] = [:]
                if let o = readJSONLocked(dataDirectory.appendingPathComponent("availability-zones.json"))?.objectValue {
                    for (k, v) in o { table[k] = v.stringArray ?? [] }
                }
                availabilityZoneTable = table
            }
            return availabilityZoneTable![region] ?? []
        }
    }

    // MARK: Kinds

    public func typeKind(_ type: String) -> ResourceTypeKind {
        if type.hasPrefix("Custom::") || type == "AWS::CloudFormation::CustomResource" { return .custom }
        if type.hasPrefix("AWS::Serverless::") {
            return Self.samTypeNames.contains(type) ? .serverless : .thirdPartyOrUnknown
        }
        if type.hasSuffix("::MODULE") { return .module }
        if index.entries[type] != nil || overlayURL(for: type) != nil { return .aws }
        return .thirdPartyOrUnknown
    }

    // MARK: Schemas

    /// The type's schema as it applies in `region`. Nil for unknown types, for types not
    /// available in that region, and for unknown `AWS::Serverless::*` names.
    public func resourceType(_ name: String, region: String) -> ResourceTypeInfo? {
        let kind = typeKind(name)
        switch kind {
        case .thirdPartyOrUnknown:
            return nil
        case .module:
            return ResourceTypeInfo(
                typeName: name, kind: kind, region: nil, source: .synthesized,
                schema: Self.permissiveSchema(name, serviceToken: false))
        case .serverless:
            guard let s = samSchema(name) else { return nil }
            return ResourceTypeInfo(typeName: name, kind: kind, region: nil, source: .sam, schema: s)
        case .custom:
            if name == "AWS::CloudFormation::CustomResource", let e = bundledEntry(name, region: region),
                let s = bundledSchema(e.file, typeName: name, acceptsAny: true)
            {
                return ResourceTypeInfo(typeName: name, kind: kind, region: nil, source: .bundled(e.file), schema: s)
            }
            return ResourceTypeInfo(
                typeName: name, kind: kind, region: nil, source: .synthesized,
                schema: Self.permissiveSchema(name, serviceToken: true))
        case .aws:
            if let url = overlayURL(for: name), let s = overlaySchema(name, url: url) {
                return ResourceTypeInfo(
                    typeName: name, kind: kind, region: region, source: .overlay(url.path), schema: s)
            }
            guard let e = bundledEntry(name, region: region), let s = bundledSchema(e.file, typeName: name)
            else { return nil }
            return ResourceTypeInfo(typeName: name, kind: kind, region: region, source: .bundled(e.file), schema: s)
        }
    }

    /// The type's schema in `defaultRegion`, or else in the first region that has it.
    public func resourceType(_ name: String) -> ResourceTypeInfo? {
        if let info = resourceType(name, region: Self.defaultRegion) { return info }
        for r in regions(for: name) where r != Self.defaultRegion {
            if let info = resourceType(name, region: r) { return info }
        }
        return nil
    }

    /// Known type names close to `name` (case-insensitive edit distance and substring),
    /// best first, for "did you mean" messages.
    public func suggestions(for name: String, limit: Int = 5) -> [String] {
        let query = name.lowercased()
        let candidates = allTypes + Self.samTypeNames
        var scored: [(Int, String)] = []
        let maxDistance = max(2, query.count / 4)
        for c in candidates {
            let lc = c.lowercased()
            if lc == query { return [c] }
            let d = Self.editDistance(query, lc, limit: maxDistance)
            if d <= maxDistance {
                scored.append((d, c))
            } else if query.count >= 4, lc.hasSuffix("::" + query) || lc.contains(query) {
                scored.append((maxDistance + 1 + (lc.count - query.count), c))
            }
        }
        return scored.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.prefix(limit).map(\.1)
    }

    // MARK: - Internals: index

    struct Entry: Sendable {
        let file: String
        let mask: UInt64
    }

    struct Index: Sendable {
        var regions: [String] = []
        var regionBit: [String: UInt64] = [:]
        var entries: [String: [Entry]] = [:]
        var sortedTypes: [String] = []
    }

    private var index: Index {
        lock.withLock {
            if let i = indexState { return i }
            let i = loadIndexLocked()
            indexState = i
            return i
        }
    }

    private func loadIndexLocked() -> Index {
        var idx = Index()
        let url = dataDirectory.appendingPathComponent("index.tsv")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            loadErrors.append("cannot read schema index \(url.path)")
            return idx
        }
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var lineStart = 0
            var first = true
            func field(_ a: Int, _ b: Int) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: bytes[a..<b]), as: UTF8.self)
            }
            for i in 0...bytes.count {
                guard i == bytes.count || bytes[i] == 0x0A else { continue }
                defer { lineStart = i + 1 }
                if i == lineStart { continue }
                if first {
                    first = false
                    let parts = field(lineStart, i).split(separator: "\t").dropFirst().map(String.init)
                    idx.regions = parts
                    for (n, r) in parts.enumerated() { idx.regionBit[r] = 1 << UInt64(n) }
                    continue
                }
                guard let tab = bytes[lineStart..<i].firstIndex(of: 0x09) else { continue }
                let name = field(lineStart, tab)
                var entries: [Entry] = []
                var start = tab + 1
                for j in (tab + 1)...i where j == i || bytes[j] == UInt8(ascii: ",") {
                    if let colon = bytes[start..<j].firstIndex(of: UInt8(ascii: ":")),
                        let mask = UInt64(field(colon + 1, j), radix: 16)
                    {
                        entries.append(Entry(file: field(start, colon), mask: mask))
                    }
                    start = j + 1
                }
                idx.entries[name] = entries
                idx.sortedTypes.append(name)
            }
        }
        idx.sortedTypes.sort()
        return idx
    }

    private func bundledEntry(_ type: String, region: String) -> Entry? {
        let idx = index
        guard let bit = idx.regionBit[region], let entries = idx.entries[type] else { return nil }
        return entries.first { $0.mask & bit != 0 }
    }

    // MARK: Internals: schema loading

    private func bundledSchema(_ file: String, typeName: String, acceptsAny: Bool = false) -> ResourceSchema? {
        if let s = lock.withLock({ schemaCache[file] }) { return s }
        let url = dataDirectory.appendingPathComponent("schemas").appendingPathComponent(file + ".json")
        guard let raw = readJSON(url) else { return nil }
        let s = ResourceSchema(
            typeName: typeName, raw: raw, conditionalUpdateProperties: conditionalUpdateList(typeName),
            acceptsAnyProperty: acceptsAny, acceptsAnyAttribute: acceptsAny)
        lock.withLock { schemaCache[file] = s }
        return s
    }

    private func samSchema(_ type: String) -> ResourceSchema? {
        if let s = lock.withLock({ samCache[type] }) { return s }
        let file = type.lowercased().replacingOccurrences(of: "::", with: "-") + ".json"
        guard let raw = readJSON(dataDirectory.appendingPathComponent("sam").appendingPathComponent(file)) else {
            return nil
        }
        let s = ResourceSchema(typeName: type, raw: raw, acceptsAnyAttribute: true)
        lock.withLock { samCache[type] = s }
        return s
    }

    private func overlaySchema(_ type: String, url: URL) -> ResourceSchema? {
        if let s = lock.withLock({ overlayCache[type] }) { return s }
        guard let raw = readJSON(url) else { return nil }
        let s = ResourceSchema(typeName: type, raw: raw, conditionalUpdateProperties: conditionalUpdateList(type))
        lock.withLock { overlayCache[type] = s }
        return s
    }

    private func conditionalUpdateList(_ type: String) -> [String] {
        lock.withLock {
            if conditionalUpdates == nil {
                var table: [String: [String]] = [:]
                if let o = readJSONLocked(dataDirectory.appendingPathComponent("conditional-updates.json"))?.objectValue {
                    for (k, v) in o { table[k] = v.stringArray ?? [] }
                }
                conditionalUpdates = table
            }
            return conditionalUpdates![type] ?? []
        }
    }

    private func readJSON(_ url: URL) -> JSONValue? {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            lock.withLock { loadErrors.append("cannot read \(url.path)") }
            return nil
        }
        do {
            return try JSONParser.parse([UInt8](data))
        } catch {
            lock.withLock { loadErrors.append("\(url.path): \(error)") }
            return nil
        }
    }

    /// Same as `readJSON` for callers already holding the lock.
    private func readJSONLocked(_ url: URL) -> JSONValue? {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            loadErrors.append("cannot read \(url.path)")
            return nil
        }
        do { return try JSONParser.parse([UInt8](data)) } catch {
            loadErrors.append("\(url.path): \(error)")
            return nil
        }
    }

    // MARK: Internals: overlay

    /// Overlay files: those named like AWS does (`aws-sqs-queue.json`) are found by name;
    /// the type names of all files are read only when a listing needs them.
    private struct OverlayFiles {
        var byStem: [String: URL] = [:]  // lowercased file stem -> file
        var byTypeName: [String: URL]?  // filled on demand
    }

    private func overlayListing() -> OverlayFiles? {
        guard let dir = overlayDirectory else { return nil }
        return lock.withLock {
            if let o = overlayFiles { return o }
            var o = OverlayFiles()
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            if names.isEmpty { loadErrors.append("overlay directory \(dir.path) has no files") }
            for n in names.sorted() where n.lowercased().hasSuffix(".json") {
                o.byStem[String(n.dropLast(5)).lowercased()] = dir.appendingPathComponent(n)
            }
            overlayFiles = o
            return o
        }
    }

    private func overlayURL(for type: String) -> URL? {
        guard let files = overlayListing() else { return nil }
        if let byType = files.byTypeName { return byType[type] }
        let stem = type.lowercased().replacingOccurrences(of: "::", with: "-")
        if let url = files.byStem[stem] { return url }
        // Files not named after their type are only found through the full listing.
        if files.byStem.keys.contains(where: { $0.split(separator: "-").count != 3 }) {
            return overlayTypeMap()[type]
        }
        return nil
    }

    private func overlayTypeNames() -> [String] {
        guard overlayDirectory != nil else { return [] }
        return overlayTypeMap().keys.sorted()
    }

    private func overlayTypeMap() -> [String: URL] {
        guard let files = overlayListing() else { return [:] }
        if let m = files.byTypeName { return m }
        var map: [String: URL] = [:]
        for (_, url) in files.byStem.sorted(by: { $0.key < $1.key }) {
            if let name = readJSON(url)?["typeName"]?.stringValue { map[name] = url }
        }
        lock.withLock { overlayFiles?.byTypeName = map }
        return map
    }

    // MARK: Internals: synthesized and SAM tables

    static func permissiveSchema(_ name: String, serviceToken: Bool) -> ResourceSchema {
        var props = JSONObject()
        var required: [JSONValue] = []
        if serviceToken {
            props["ServiceToken"] = .object(JSONObject([("type", .string("string"))]))
            props["ServiceTimeout"] = .object(JSONObject([("type", .array([.string("integer"), .string("string")]))]))
            required = [.string("ServiceToken")]
        }
        let raw = JSONValue.object(
            JSONObject([
                ("typeName", .string(name)),
                ("additionalProperties", .bool(true)),
                ("properties", .object(props)),
                ("required", .array(required)),
            ]))
        return ResourceSchema(typeName: name, raw: raw, acceptsAnyProperty: true, acceptsAnyAttribute: true)
    }

    /// The SAM types in the bundled data (see Data/VERSION.json).
    static let samTypeNames: [String] = [
        "AWS::Serverless::Api", "AWS::Serverless::Application", "AWS::Serverless::CapacityProvider",
        "AWS::Serverless::Connector", "AWS::Serverless::Function", "AWS::Serverless::GraphQLApi",
        "AWS::Serverless::HttpApi", "AWS::Serverless::LayerVersion", "AWS::Serverless::MicrovmImage",
        "AWS::Serverless::NetworkConnector", "AWS::Serverless::SimpleTable", "AWS::Serverless::StateMachine",
        "AWS::Serverless::WebFunction", "AWS::Serverless::WebSocketApi",
    ]

    /// The resource the SAM transform generates under the SAM resource's logical ID, whose
    /// Ref and GetAtt the SAM resource therefore answers to.
    static let samGeneratedTypes: [String: String] = [
        "AWS::Serverless::Function": "AWS::Lambda::Function",
        "AWS::Serverless::WebFunction": "AWS::Lambda::Function",
        "AWS::Serverless::Api": "AWS::ApiGateway::RestApi",
        "AWS::Serverless::HttpApi": "AWS::ApiGatewayV2::Api",
        "AWS::Serverless::WebSocketApi": "AWS::ApiGatewayV2::Api",
        "AWS::Serverless::SimpleTable": "AWS::DynamoDB::Table",
        "AWS::Serverless::LayerVersion": "AWS::Lambda::LayerVersion",
        "AWS::Serverless::Application": "AWS::CloudFormation::Stack",
        "AWS::Serverless::StateMachine": "AWS::StepFunctions::StateMachine",
        "AWS::Serverless::GraphQLApi": "AWS::AppSync::GraphQLApi",
    ]

    static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
        let x = Array(a.utf8), y = Array(b.utf8)
        if abs(x.count - y.count) > limit { return limit + 1 }
        var prev = Array(0...y.count)
        var cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...max(x.count, 1) where !x.isEmpty {
            cur[0] = i
            var rowMin = cur[0]
            for j in 1...max(y.count, 1) where !y.isEmpty {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                rowMin = min(rowMin, cur[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&prev, &cur)
        }
        return prev[y.count]
    }
}
