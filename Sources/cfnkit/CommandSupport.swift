import ArgumentParser
import CFNGraph
import CFNIntrinsics
import CFNTemplate
import Foundation

/// Small helpers shared by commands: loading with a printed error, writing output, finding programs.
enum CommandSupport {
    static func printError(_ message: String) {
        FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
    }

    /// Loads a template the way cfn-lint does (unknown tags read as Fn:: calls); on failure prints
    /// `file:line:col: error: ...` and exits 2.
    static func loadTemplate(_ path: String) throws -> Template {
        do throws(LoadError) {
            return try Template.load(path: path, loader: TemplateLoader(limits: LoaderLimits(unknownTags: .longForm)))
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
    }

    /// Writes to a file atomically, or to standard output when `path` is nil.
    static func write(_ data: Data, to path: String?, sparing inputs: [String] = []) throws {
        guard let path else {
            do throws(StandardOutput.WriteError) {
                try StandardOutput.write(data)
            } catch {
                printError("cfnkit: \(error)")
                throw ExitCode(1)
            }
            return
        }
        do {
            try AtomicFile.write(data, to: path, sparing: inputs)
        } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
    }

    static func write(_ text: String, to path: String?, sparing inputs: [String] = []) throws {
        try write(Data(text.utf8), to: path, sparing: inputs)
    }

    /// The dependency graph of a template: Fn::ForEach loops expanded, and, when a deployment context
    /// is given, untaken Fn::If branches and resources whose condition is false left out.
    static func graph(for template: Template, context options: ContextOptions) throws -> DependencyGraph {
        try checkGraphSize(template)
        guard options.isGiven || template.usesLanguageExtensions else { return DependencyGraph(template: template) }
        let context: EvaluationContext
        do throws(EvaluationError) {
            context = try options.makeContext(parameterPolicy: options.isGiven ? .deploy : .symbolic)
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        let evaluator = Evaluator(template: template, context: context)
        // As `resolve` and `diff`: a template that does not evaluate (a parameter without a value, a
        // Fn::ForEach or condition error) has no plan to show, so the errors stop the command.
        for error in evaluator.sortedErrors { printError(error.description) }
        if !evaluator.errors.isEmpty { throw ExitCode(2) }
        try checkGraphSize(evaluator.template)
        guard options.isGiven else { return DependencyGraph(template: evaluator.template) }
        return DependencyGraph(template: evaluator.template) { evaluator.conditionValue(named: $0) }
    }

    /// Refuses a graph above `Limits.graphNodes` nodes (CFNKIT_MAX_GRAPH_NODES) with exit 2.
    static func checkGraphSize(_ template: Template) throws {
        let nodes = template.resources.count + template.parameters.count + template.conditions.count
            + template.mappings.count + template.outputs.count
        guard nodes > Limits.graphNodes else { return }
        printError("\(template.path):1:1: error: the dependency graph would have \(nodes) nodes, more than the limit of \(Limits.graphNodes) (CFNKIT_MAX_GRAPH_NODES)")
        throw ExitCode(2)
    }

    static func findExecutable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
