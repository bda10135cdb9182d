import CFNTemplate

/// Why packaging failed. Errors about a template carry its `file:line:col`, the resource and the property.
public struct PackageError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case missingPath, outsideRoot, symlinkLoop, brokenSymlink, nestedCycle, templateLoad, invalidValue
        case unsupportedLoopPath, io, zip, credentials, noSuchBucket, network, s3, usage
    }

    public var kind: Kind
    public var message: String
    /// Where in a template the problem is, when it is about a template.
    public var location: Location?

    public struct Location: Sendable, Hashable {
        public var file: String
        public var line: Int
        public var column: Int
        public var resource: String?
        public var property: String?
    }

    public init(_ kind: Kind, _ message: String, location: Location? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
    }

    init(_ kind: Kind, _ message: String, file: String, range: SourceRange, resource: String?, property: String?) {
        self.init(kind, message, location: Location(file: file, line: range.start.line, column: range.start.column,
                                                    resource: resource, property: property))
    }

    public var description: String {
        guard let location else { return "error: \(message)" }
        var what = ""
        if let resource = location.resource {
            what = "\(resource)"
            if let property = location.property { what += ".\(property)" }
            what += ": "
        }
        return "\(location.file):\(location.line):\(location.column): error: \(what)\(message)"
    }
}
