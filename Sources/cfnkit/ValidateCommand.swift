import ArgumentParser
import CFNTemplate
import Foundation

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check that templates load: YAML/JSON syntax, tags, duplicate keys, encoding.",
        discussion: """
            Prints `file:line:col: error: message` for every template that does not load, sorted by file.
            Exit status: 0 when every template loads, 2 when any fails.
            """
    )

    @Argument(help: "Template files, folders (searched recursively) or glob patterns; '-' reads standard input.")
    var paths: [String]

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Flag(name: .shortAndLong, help: "Print nothing for templates that load.")
    var quiet = false

    @Option(help: "Largest template file in bytes.")
    var maxBytes: Int = LoaderLimits.default.maxBytes

    @Flag(help: "Read tags CloudFormation does not know (rain's !Rain::Embed ...) as Fn:: calls, as cfn-lint does, instead of failing.")
    var allowUnknownTags = false

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    func run() throws {
        if paths.contains("") { throw ValidationError("an empty template path was given") }
        // Each argument must name a template: one that matches nothing would pass unchecked.
        if let unmatched = paths.first(where: { TemplateFinder.expand([$0]).isEmpty }) {
            throw ValidationError("no template files found in \(unmatched)")
        }
        let files = TemplateFinder.expand(paths)
        let loader = TemplateLoader(limits: LoaderLimits(maxBytes: maxBytes, unknownTags: allowUnknownTags ? .longForm : .reject))
        let results = ConcurrentMap.map(files) { path -> ValidationResult in
            do throws(LoadError) {
                let template = try Template.load(path: path, loader: loader)
                return .valid(path: path, resources: template.resources.count, format: template.format)
            } catch {
                return .invalid(Self.withTagHint(error))
            }
        }
        let errors = results.compactMap { if case .invalid(let e) = $0 { return e } else { return nil } }
            .sorted { ($0.file, $0.position) < ($1.file, $1.position) }
        switch format {
        case .text:
            var out = ""
            for result in results {
                switch result {
                case .valid(let path, let resources, let format) where !quiet:
                    out += "\(path): ok (\(format.rawValue), \(resources) resource\(resources == 1 ? "" : "s"))\n"
                default: break
                }
            }
            for error in errors { out += error.description + "\n" }
            try CommandSupport.write(out, to: nil)
        case .json:
            let items: [[String: Any]] = errors.map {
                ["file": $0.file, "line": $0.position.line, "column": $0.position.column,
                 "kind": $0.kind.rawValue, "message": $0.message,
                 "related": $0.related.map { ["line": $0.line, "column": $0.column] }]
            }
            try CommandSupport.write(JSONWriter.string(items), to: nil)
        }
        if !errors.isEmpty { throw ExitCode(2) }
    }

    enum ValidationResult: Sendable {
        case valid(path: String, resources: Int, format: SourceFormat)
        case invalid(LoadError)
    }
}

extension ValidateCommand {
    /// rain's `!Rain::` tags are not CloudFormation's; say which flag reads them instead of leaving
    /// the user to guess (cfn-lint reads them as Fn:: calls, as `--allow-unknown-tags` does).
    static func withTagHint(_ error: LoadError) -> LoadError {
        guard error.kind == .unknownTag, error.message.hasPrefix("unknown tag !Rain::") else { return error }
        var hinted = error
        hinted.message += " (rain's tags: --allow-unknown-tags reads them as Fn:: calls, as cfn-lint does)"
        return hinted
    }
}
