import CFNTemplate

/// `s3://bucket/key?versionId=v` strings and `{Bucket, Key, Version}` maps as the S3 properties of
/// generated resources.
enum S3Location {
    /// Bucket, key and optional version of `s3://bucket/key?versionId=v`; nil for anything else.
    static func components(_ text: String) -> (bucket: String, key: String, version: String?)? {
        guard text.hasPrefix("s3://") else { return nil }
        let rest = text.dropFirst(5)
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        var key = String(rest[rest.index(after: slash)...])
        var version: String?
        if let q = key.firstIndex(of: "?") {
            let query = key[key.index(after: q)...]
            key = String(key[..<q])
            for part in query.split(separator: "&") where part.hasPrefix("versionId=") {
                version = String(part.dropFirst("versionId=".count))
            }
        }
        return (String(rest[..<slash]), key, version)
    }

    static func code(_ node: Node, owner: String, errors: inout [TransformError]) -> Node? {
        if let text = node.stringValue, node.scalar != nil {
            guard let parts = components(text) else {
                errors.append(TransformError("Resource with id [\(owner)] is invalid. 'CodeUri' is not a valid S3 Uri of the form 's3://bucket/key' with optional versionId query parameter.", at: node.range))
                return nil
            }
            var pairs: [(String, Node)] = [("S3Bucket", .string(parts.bucket, range: node.range)), ("S3Key", .string(parts.key, range: node.range))]
            if let version = parts.version { pairs.append(("S3ObjectVersion", .string(version, range: node.range))) }
            return .object(pairs, at: node.range)
        }
        if let mapping = node.mapping, node.intrinsic == nil {
            var pairs: [(String, Node)] = []
            if let b = mapping["Bucket"] { pairs.append(("S3Bucket", b)) }
            if let k = mapping["Key"] { pairs.append(("S3Key", k)) }
            if let v = mapping["Version"] { pairs.append(("S3ObjectVersion", v)) }
            return .object(pairs, at: node.range)
        }
        errors.append(.unsupported("an intrinsic function as 'CodeUri'", at: node.range))
        return nil
    }
}
