import ArgumentParser
import CFNSchema
import Foundation

/// `cfnkit schema`: show what cfnkit knows about a resource type.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Show a resource type's properties, update behaviour, attributes and regions.",
        discussion: """
            Examples:
              cfnkit schema AWS::SQS::Queue
              cfnkit schema AWS::RDS::DBInstance --region eu-west-1 --format json
              cfnkit schema --list --region us-east-1
              cfnkit schema --regions AWS::EC2::Instance
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "Resource type, e.g. AWS::SQS::Queue.")
    var type: String?

    @Option(help: "Region whose schema to use (default us-east-1).")
    var region: String?

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Flag(help: "List the resource types available in the region.")
    var list = false

    @Flag(help: "List the regions in which TYPE is available.")
    var regions = false

    @Option(
        name: .customLong("schemas"),
        help: ArgumentHelp("Folder of provider schema files that override the bundled ones.", valueName: "dir"))
    var schemasDirectory: String?

    func validate() throws {
        if list && regions { throw ValidationError("--list and --regions can't be combined.") }
        if list && type != nil { throw ValidationError("--list takes no TYPE.") }
        if !list && type == nil { throw ValidationError("Give a resource TYPE, or --list.") }
    }

    func run() throws {
        let registry =
            schemasDirectory.map { SchemaRegistry(overlayDirectory: URL(fileURLWithPath: $0, isDirectory: true)) }
            ?? SchemaRegistry.bundled
        if registry.allRegions.isEmpty {
            throw fail("no schema data: " + registry.errors.joined(separator: "; "))
        }
        if let region, !registry.isKnownRegion(region) {
            throw fail("unknown region \(region); known: \(registry.allRegions.joined(separator: ", "))")
        }
        if list {
            let types = registry.types(in: region ?? SchemaRegistry.defaultRegion)
            try emit(types)
            return
        }
        guard let type else { return }
        if regions {
            let found: [String]
            do {
                found = try registry.lookupRegions(for: type)
            } catch {
                throw fail(error.description)
            }
            try emit(found)
            return
        }
        let info: ResourceTypeInfo
        do {
            info = try registry.lookup(type, region: region)
        } catch {
            throw fail(error.description)
        }
        let generated = info.samGeneratedType.flatMap { try? registry.lookup($0, region: region) }
        let summary = TypeSummary(info, generated: generated)
        try CommandSupport.write(format == .json ? summary.renderJSON() : summary.renderText(), to: nil)
    }

    private func emit(_ lines: [String]) throws {
        if format == .json {
            try CommandSupport.write(JSONValue.array(lines.map(JSONValue.string)).serialized(pretty: true) + "\n", to: nil)
        } else {
            try CommandSupport.write(lines.joined(separator: "\n") + "\n", to: nil)
        }
    }

    /// Prints the message to standard error; the returned error exits with status 1.
    private func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data(("cfnkit schema: error: " + message + "\n").utf8))
        return ExitCode.failure
    }
}
