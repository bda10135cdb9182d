import CFNTemplate
import Foundation

// Benchmarks for cfnkit's layers; each table compares cfnkit with a floor or a peer in the same run.
// Run with: Scripts/bench (or swift run -c release cfnkit-bench [schema] [load] [resolve] [diff] [graph] [lint] [package] [--runs N])

let arguments = CommandLine.arguments.dropFirst()
let runs = arguments.firstIndex(of: "--runs").flatMap { Int(arguments[arguments.index(after: $0)]) } ?? 7
let selected = Set(arguments.filter { !$0.hasPrefix("--") && Int($0) == nil })
let sharedCorpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus")

func shouldRun(_ name: String) -> Bool { selected.isEmpty || selected.contains(name) }

if shouldRun("schema") {
    SchemaBenchmark(runs: runs).run()
}

if shouldRun("load") {
    LoadBenchmark(runs: runs, corpus: sharedCorpus).run()
}

if shouldRun("resolve") {
    ResolveBenchmark(runs: runs).run()
}

if shouldRun("diff") {
    ChangeSetBenchmark(runs: runs).run()
}

if shouldRun("graph") {
    GraphBenchmark(runs: runs).run()
}

if shouldRun("lint") {
    LintBenchmark(runs: runs, corpus: sharedCorpus).run()
}

if shouldRun("package") {
    PackageBenchmark(runs: runs).run()
}
