import ArgumentParser
import CFNSchema
import Foundation

/// The `cfnkit` command: a thin shell over the libraries; every command's logic lives in a library.
@main
struct CFNKit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cfnkit",
        abstract: "Validate, lint, preview and package CloudFormation templates, offline and fast.",
        version: CFNKitVersion.description,
        subcommands: [
            ValidateCommand.self, LintCommand.self, RulesCommand.self, ConvertCommand.self, SchemaCommand.self,
            ResolveCommand.self, TransformCommand.self, GraphCommand.self, PlanCommand.self, DiffCommand.self, PackageCommand.self,
            InitCommand.self,
        ]
    )

    /// `cfnkit --version` also says which data the binary carries and where it found it; every
    /// other invocation goes straight to the argument parser.
    static func main() {
        let data = SchemaRegistry.defaultDataLocation()
        if data.origin == .missing {
            CommandSupport.printError("cfnkit: warning: schema data not found (expected \(data.url.path)); "
                + "install with `make install`, or set CFNKIT_DATA_DIR")
        }
        if CommandLine.arguments.dropFirst().first == "--version" {
            do { try CommandSupport.write(VersionReport.text() + "\n", to: nil) } catch { Foundation.exit(1) }
            return
        }
        main(nil)
    }
}

enum CFNKitVersion {
    static let number = "0.1.0"
    static var description: String { "cfnkit \(number)" }
}
