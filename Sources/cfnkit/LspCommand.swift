import ArgumentParser
import CFNLanguageServer

struct LspCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Run the language server (LSP over stdio) for editors.",
        discussion: """
        Speaks the Language Server Protocol on standard input and output (Content-Length framing,
        UTF-16 positions). Configure your editor to start `cfnkit lsp` for CloudFormation YAML/JSON
        files; recipes are in docs/integrations/. Diagnostics come from the same engine as
        `cfnkit lint`, with the .cfnlintrc nearest the document up to the workspace root.
        """
    )

    func run() throws {
        let status = LanguageServer().run()
        throw ExitCode(status)
    }
}
