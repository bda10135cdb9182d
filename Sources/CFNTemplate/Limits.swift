#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every resource limit cfnkit enforces, with its default and the environment variable that
/// overrides it (docs/LIMITS.md). Defaults are generous for real templates (CloudFormation's own
/// limits are a 1 MB body and 500 resources) and keep hostile input bounded in time and memory.
/// Library callers can also pass explicit values (`LoaderLimits`, `EvaluationContext`, `ZipWriter`).
public enum Limits {
    /// Largest template file or body read, in bytes.
    public static var templateBytes: Int { value("CFNKIT_MAX_TEMPLATE_BYTES", 16 * 1024 * 1024) }
    /// Deepest nesting of mappings and sequences.
    public static var depth: Int { value("CFNKIT_MAX_DEPTH", 128) }
    /// Most nodes in one document.
    public static var nodes: Int { value("CFNKIT_MAX_NODES", 5_000_000) }
    /// Most entries in a template's Resources section (before Fn::ForEach expansion).
    public static var resources: Int { value("CFNKIT_MAX_RESOURCES", 50_000) }
    /// Longest Fn::Sub string, in characters.
    public static var subLength: Int { value("CFNKIT_MAX_SUB_LENGTH", 1 << 20) }
    /// Most items Fn::ForEach loops may produce in one template.
    public static var forEachItems: Int { value("CFNKIT_MAX_FOREACH_ITEMS", 10_000) }
    /// Most nodes (resources, parameters, conditions, outputs, ...) in a dependency graph.
    public static var graphNodes: Int { value("CFNKIT_MAX_GRAPH_NODES", 50_000) }
    /// Deepest chain of nested stacks (AWS::CloudFormation::Stack with a local TemplateURL) followed.
    public static var nestedStackDepth: Int { value("CFNKIT_MAX_NESTED_STACK_DEPTH", 100) }
    /// Most files processed at the same time (lint, validate, diff of many files); default: the cores.
    public static var concurrentFiles: Int { value("CFNKIT_MAX_CONCURRENT_FILES", max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))) }
    /// Most entries in one zip written by `cfnkit package` (the zip format's own limit without Zip64).
    public static var zipEntries: Int { value("CFNKIT_MAX_ZIP_ENTRIES", 65_535) }
    /// Largest zip (and largest uncompressed entry), in bytes (4 GiB - 1: the limit without Zip64).
    public static var zipBytes: Int { value("CFNKIT_MAX_ZIP_BYTES", 0xFFFF_FFFF) }

    /// The environment variable's value when it is a positive integer, else `fallback`.
    public static func value(_ name: String, _ fallback: Int) -> Int {
        guard let raw = getenv(name), let n = Int(String(cString: raw)), n > 0 else { return fallback }
        return n
    }
}
