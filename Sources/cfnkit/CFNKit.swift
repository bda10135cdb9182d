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
            InitCommand.self, LspCommand.self,
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
        do {
            var command = try parseAsRoot(nil)
            try command.run()
        } catch {
            exitReporting(error)
        }
    }

    /// As ArgumentParser exits, except that a usage error (a bad flag or value, which it exits with
    /// 64) exits with 1, as cfn-lint does: 64 sets none of the finding bits 2/4/8, so a pipeline
    /// testing them would count a typo as a pass. docs/EXIT-CODES.md is the one table.
    static func exitReporting(_ error: Error) -> Never {
        guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(CommandExit.usage)
    }
}

/// The exit statuses every command shares (docs/EXIT-CODES.md).
enum CommandExit {
    /// A usage or configuration error, as cfn-lint.
    static let usage: Int32 = 1
}

enum CFNKitVersion {
    static let number = "0.1.0"
    static var description: String { "cfnkit \(number)" }
}
