import ArgumentParser
import CFNTemplate
import CFNTransform
import Foundation

struct TransformCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transform",
        abstract: "Expand the SAM transform (AWS::Serverless-2016-10-31) into the template CloudFormation deploys.",
        discussion: "With several templates, --output-dir is required: each expansion goes to DIR/<name>.json (or .yaml) and each failure to DIR/<name>.errors; the exit status is non-zero when any failed."
    )

    @Argument(help: "The SAM template(s) to expand.")
    var paths: [String]

    @Option(name: .long, help: "Output format: json or yaml.")
    var format: Format = .json

    @Option(name: .long, help: "Region the expansion is for (decides the partition of generated ARNs).")
    var region = "us-east-1"

    @Option(name: .long, help: "A parameter value K=V (repeatable; accepted for the commands that share it).")
    var parameter: [String] = []

    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    @Option(name: .long, help: "Write every expansion into this folder (several templates in one process).")
    var outputDir: String?

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, yaml }

    func validate() throws {
        if paths.count > 1 && outputDir == nil { throw ValidationError("several templates need --output-dir") }
    }

    func run() throws {
        let transform = SAMTransform(region: region)
        var failed = false
        for path in paths {
            let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            let text: String
            do {
                text = try expand(path, with: transform)
            } catch let failure as TransformFailure {
                failed = true
                if let outputDir {
                    try CommandSupport.write(failure.lines.joined(separator: "\n") + "\n", to: "\(outputDir)/\(name).errors", sparing: [path])
                } else {
                    failure.lines.forEach(CommandSupport.printError)
                }
                continue
            }
            if let outputDir {
                try CommandSupport.write(text, to: "\(outputDir)/\(name).\(format.rawValue)", sparing: [path])
            } else {
                try CommandSupport.write(text, to: output, sparing: [path])
            }
        }
        if failed { throw ExitCode(1) }
    }

    private struct TransformFailure: Error { var lines: [String] }

    private func expand(_ path: String, with transform: SAMTransform) throws -> String {
        let template: Template
        do throws(LoadError) {
            template = try Template.load(path: path, loader: TemplateLoader(limits: LoaderLimits(unknownTags: .longForm)))
        } catch {
            throw TransformFailure(lines: [error.description])
        }
        let result = transform.expand(template)
        result.notes.forEach(CommandSupport.printError)
        guard let expanded = result.template else { throw TransformFailure(lines: result.errors.map(\.description)) }
        return format == .json ? Emitter.json(expanded.root) + "\n" : Emitter.yaml(expanded.root)
    }
}
