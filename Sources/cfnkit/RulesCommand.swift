import ArgumentParser
import CFNLint
import Foundation

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the lint rules (`--format markdown` writes docs/RULES.md)."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, markdown }

    @Option(help: "text or markdown.")
    var format: Format = .text

    func run() throws {
        let out = format == .markdown ? RulesDocument.markdown(.builtIn) : RulesDocument.text(.builtIn)
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
