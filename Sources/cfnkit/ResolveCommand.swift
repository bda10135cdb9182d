import ArgumentParser
import CFNIntrinsics
import CFNTemplate
import Foundation

/// `cfnkit resolve`: the template as CloudFormation would process it for one set of parameter
/// values, region, account and stack name.
struct ResolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Print a template as CloudFormation would process it: conditions applied, intrinsic functions evaluated.",
        discussion: """
            Resources, outputs and properties whose condition is false are removed, Fn::If branches chosen, \
            Fn::ForEach loops expanded (AWS::LanguageExtensions) and intrinsic functions evaluated. Values only \
            known at deploy time (resource ids, GetAtt, imports, SSM parameters) are kept as the intrinsic they stand for.

            Errors are printed as file:line:col: error: message; the exit status is 2 when there are any.

            Examples:
              cfnkit resolve vpc.yaml --stack-name net --region eu-west-1
              cfnkit resolve app.yaml --parameters params.json --parameter InstanceType=t3.small --format json
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case yaml, json }

    @Argument(help: "The template ('-' reads standard input).")
    var path: String

    @OptionGroup var contextOptions: ContextOptions

    @Option(help: "Output format: yaml or json.")
    var format: Format = .yaml

    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    func run() throws {
        let template: Template
        do throws(LoadError) {
            template = try Template.load(path: path)
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(2)
        }
        let context: EvaluationContext
        do throws(EvaluationError) {
            context = try contextOptions.makeContext()
        } catch {
            FileHandle.standardError.write(Data("cfnkit resolve: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let result = TemplateResolver.resolve(template, context: context)
        let text = format == .json ? Emitter.json(result.template.root) : Emitter.yaml(result.template.root, shortForm: true)
        if !result.errors.isEmpty {
            FileHandle.standardError.write(Data(result.errors.map { $0.description + "\n" }.joined().utf8))
        }
        if let output, !result.errors.isEmpty {
            // No partial output file: the errors above say why nothing was written.
            FileHandle.standardError.write(Data("\(output) not written: the template has errors\n".utf8))
        } else {
            try CommandSupport.write(text, to: output, sparing: [path] + [contextOptions.parametersFile].compactMap { $0 })
        }
        if !result.errors.isEmpty { throw ExitCode(2) }
    }
}
