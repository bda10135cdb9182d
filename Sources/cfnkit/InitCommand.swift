import ArgumentParser
import CFNLint
import CFNTemplate
import Foundation

/// `cfnkit init`: scan a repository and write a starter `.cfnlintrc`.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a starter .cfnlintrc for a repository: template globs, regions, rule packs.",
        discussion: """
            Scans DIRECTORY (default: the current one) for CloudFormation templates (.yaml .yml .json \
            .template files with AWSTemplateFormatVersion, typed Resources or an AWS:: transform), writes \
            globs covering them, ignores matching files that are not templates, takes the regions named in \
            the templates and in samconfig / CI files, and lists folders of rule packs. An existing \
            .cfnlintrc is kept unless --force.
            """
    )

    @Argument(help: "The repository folder to scan.")
    var directory: String = "."

    @Option(name: [.customShort("o"), .long], help: "Where to write the config (default: DIRECTORY/.cfnlintrc).")
    var output: String?

    @Option(parsing: .upToNextOption, help: "Regions to write instead of the detected ones (comma-separated or several values).")
    var regions: [String] = []

    @Flag(help: "Replace an existing config file.")
    var force = false

    @Flag(name: .customLong("stdout"), help: "Print the config instead of writing it.")
    var toStandardOutput = false

    func run() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            CommandSupport.printError("cfnkit init: \(directory) is not a folder")
            throw ExitCode(1)
        }
        let scan = RepositoryScanner.scan(directory)
        let regionList = regions.flatMap(LintConfig.splitList)
        let text = scan.cfnlintrc(regions: regionList.isEmpty ? nil : regionList)
        if toStandardOutput {
            try CommandSupport.write(text, to: nil)
            return
        }
        let target = output ?? (directory as NSString).appendingPathComponent(".cfnlintrc")
        do {
            if force {
                try AtomicFile.write(text, to: target)
            } else {
                try AtomicFile.create(Data(text.utf8), at: target)
            }
        } catch let error as AtomicFile.ExistsError {
            CommandSupport.printError("cfnkit init: \(error.path) already exists (use --force to replace it)")
            throw ExitCode(1)
        } catch {
            CommandSupport.printError("cfnkit init: \(error)")
            throw ExitCode(1)
        }
        let n = scan.templates.count
        var summary = "wrote \(target): \(n) template\(n == 1 ? "" : "s") in \(scan.templateGlobs.count) glob\(scan.templateGlobs.count == 1 ? "" : "s")"
        if !scan.ignoredFiles.isEmpty { summary += ", \(scan.ignoredFiles.count) other file\(scan.ignoredFiles.count == 1 ? "" : "s") ignored" }
        if !scan.rulePackFolders.isEmpty { summary += ", rule packs in \(scan.rulePackFolders.joined(separator: ", "))" }
        try CommandSupport.write("\(summary)\n", to: nil)
    }
}
