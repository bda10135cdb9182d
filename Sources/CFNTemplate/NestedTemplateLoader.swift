import Foundation

/// Why a nested stack's template could not be read: it is one of its own ancestors, it is nested
/// deeper than `Limits.nestedStackDepth`, or it does not load.
public struct NestedTemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable { case cycle, tooDeep, notLoadable }
    public let kind: Kind
    public let message: String
    /// The TemplateURL in the parent.
    public let range: SourceRange
    public var description: String { "\(range): error: \(message)" }
}

/// The one place nested-stack templates are found and read (plan, graph, diff, package): a
/// TemplateURL that is a local path is resolved against its parent's folder, read from the parent's
/// `TemplateSource` (so `diff --git REV` reads children from REV too), identified by its real path
/// (so `./sub/../root.yaml` is the root: a cycle, not an endless descent), and refused past
/// `Limits.nestedStackDepth` levels. Callers walk the tree themselves, passing the chain of
/// identities from the root to the parent.
public struct NestedTemplateLoader: Sendable {
    public let source: any TemplateSource
    public let loader: TemplateLoader
    public let maxDepth: Int

    public init(source: any TemplateSource = WorkingTreeSource(),
                loader: TemplateLoader = TemplateLoader(limits: LoaderLimits(unknownTags: .longForm)),
                maxDepth: Int = Limits.nestedStackDepth) {
        self.source = source
        self.loader = loader
        self.maxDepth = maxDepth
    }

    /// True when a TemplateURL is a path on disk rather than an S3 or HTTPS location.
    public static func isLocalPath(_ url: String) -> Bool {
        !(url.hasPrefix("https://") || url.hasPrefix("http://") || url.hasPrefix("s3://"))
    }

    /// The child's path as the parent names it: relative to the parent's folder.
    public static func childPath(_ url: String, parent: String) -> String {
        if url.hasPrefix("/") { return url }
        let folder = (parent as NSString).deletingLastPathComponent
        return folder.isEmpty ? url : (folder as NSString).appendingPathComponent(url)
    }

    /// The identity to start a chain with.
    public func identity(of path: String) -> String { source.identity(of: path) }

    /// The template a local TemplateURL names, with its identity. `chain` holds the identities of
    /// the templates from the root down to the parent (the parent last).
    public func load(url: String, parent: String, chain: [String], at range: SourceRange)
        -> Result<(template: Template, identity: String), NestedTemplateError> {
        let path = Self.childPath(url, parent: parent)
        let identity = source.identity(of: path)
        if let start = chain.firstIndex(of: identity) {
            let loop = (chain[start...] + [identity]).map { ($0 as NSString).lastPathComponent }
            return .failure(NestedTemplateError(kind: .cycle, message: "nested stacks form a cycle: \(loop.joined(separator: " -> "))", range: range))
        }
        if chain.count > maxDepth {
            return .failure(NestedTemplateError(kind: .tooDeep,
                message: "nested stacks are nested more than \(maxDepth) levels deep (CFNKIT_MAX_NESTED_STACK_DEPTH)", range: range))
        }
        do throws(LoadError) {
            return .success((try source.load(path: path, loader: loader), identity))
        } catch {
            return .failure(NestedTemplateError(kind: .notLoadable, message: error.description, range: range))
        }
    }
}
