import ArgumentParser
import CFNGraph
import CFNTemplate
import Foundation

struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Draw a template's dependency graph (DOT, Mermaid, JSON, or SVG/PNG through Graphviz).",
        discussion: """
            Edges come from Ref, Fn::GetAtt (both forms), every ${X} in Fn::Sub, DependsOn, Condition and \
            Fn::FindInMap. DependsOn edges are dashed, GetAtt bold, Sub dotted; conditional resources are \
            dashed boxes; edges in a cycle are red.
            """
    )

    @Argument(help: "The template.")
    var template: String

    @Option(help: "dot, mermaid, json, svg or png (svg and png need Graphviz's dot).")
    var format: Format = .dot

    @Flag(help: "Show resources only (the default unless --include is given).")
    var resourcesOnly = false

    @Option(help: "Also show these node kinds: parameters, conditions, mappings, outputs (comma-separated).")
    var include: String?

    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    @OptionGroup var context: ContextOptions

    enum Format: String, ExpressibleByArgument, CaseIterable { case dot, mermaid, json, svg, png }

    func run() throws {
        let loaded = try CommandSupport.loadTemplate(template)
        SAMNotice.shared.noteIfServerless(loaded, command: "graph")
        let graph = try CommandSupport.graph(for: loaded, context: context)
        var kinds: Set<GraphNodeKind> = [.resource]
        if !resourcesOnly, let include {
            for word in include.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
                let singular = word.hasSuffix("s") ? String(word.dropLast()) : word
                guard let kind = GraphNodeKind(rawValue: singular) else {
                    throw ValidationError("--include takes parameters, conditions, mappings, outputs; not '\(word)'")
                }
                kinds.insert(kind)
            }
        }
        let renderer = GraphRenderer(graph: graph, include: kinds)
        let data: Data
        switch format {
        case .dot: data = Data(renderer.dot().utf8)
        case .mermaid: data = Data(renderer.mermaid().utf8)
        case .json: data = Data(renderer.json().utf8)
        case .svg, .png: data = try Graphviz.render(renderer.dot(), as: format.rawValue)
        }
        try CommandSupport.write(data, to: output, sparing: [template])
    }
}

/// Runs Graphviz's `dot` to turn DOT text into SVG or PNG.
enum Graphviz {
    static func render(_ dot: String, as format: String) throws -> Data {
        guard let executable = CommandSupport.findExecutable("dot") else {
            CommandSupport.printError("cfnkit graph: --format \(format) needs Graphviz's 'dot', which is not installed (apt-get install graphviz, or brew install graphviz); --format dot prints the graph as text")
            throw ExitCode(1)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-T\(format)"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(dot.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            CommandSupport.printError("cfnkit graph: dot failed: \(String(decoding: message, as: UTF8.self))")
            throw ExitCode(1)
        }
        return data
    }
}
