import ArgumentParser
import CFNTemplate
import Foundation

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a template between YAML and JSON, keeping key order.",
        discussion: "YAML output uses short-form tags (!Ref, !Sub ...) unless --long-form is given."
    )

    @Argument(help: "The template to convert ('-' reads standard input).")
    var path: String

    @Option(name: .long, help: "Target format: json or yaml.")
    var to: Target

    @Flag(help: "Write YAML intrinsics in long form (Fn::GetAtt: [...]) instead of short-form tags.")
    var longForm = false

    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    @Flag(help: "Read tags CloudFormation does not know (!Rain::Embed ...) as Fn:: calls instead of failing.")
    var allowUnknownTags = false

    @Flag(help: "Read the output back and fail (exit 2) unless it is the same tree as the input.")
    var verify = false

    enum Target: String, ExpressibleByArgument, CaseIterable { case json, yaml }

    func run() throws {
        let template: Template
        do throws(LoadError) {
            template = try Template.load(path: path, loader: TemplateLoader(limits: LoaderLimits(unknownTags: allowUnknownTags ? .longForm : .reject)))
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(2)
        }
        let text = to == .json ? Emitter.json(template.root) : Emitter.yaml(template.root, shortForm: !longForm)
        if verify {
            let again: LoadedDocument
            do throws(LoadError) {
                again = try TemplateLoader(limits: LoaderLimits(unknownTags: .longForm))
                    .load(bytes: Array(text.utf8), path: "\(path) (converted)")
            } catch {
                FileHandle.standardError.write(Data("\(path): converted output does not load: \(error)\n".utf8))
                throw ExitCode(2)
            }
            if let difference = template.root.firstDifference(from: again.root) {
                FileHandle.standardError.write(Data("\(path): conversion changed the template at \(difference)\n".utf8))
                throw ExitCode(2)
            }
        }
        try CommandSupport.write(text, to: output, sparing: [path])
    }
}
