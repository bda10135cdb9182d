import CFNTemplate
import CYAML
import Foundation

/// Loader speed: cfnkit's load (tree + positions + tags + checks) against a bare libyaml event loop
/// over the same bytes, the physical floor for a libyaml-based loader.
struct LoadBenchmark {
    let runs: Int
    let corpus: URL

    func run() {
        var inputs: [(name: String, bytes: [UInt8])] = []
        let sizes = ProcessInfo.processInfo.environment["CFNKIT_BENCH_SIZES"].map { $0.split(separator: ",").compactMap { Int($0) } }
            ?? [100, 1_000, 20_000]
        for count in sizes {
            inputs.append(("generated \(count) resources", Array(generatedTemplate(resources: count).utf8)))
        }
        let large = corpus.appendingPathComponent("large")
        let useCorpus = ProcessInfo.processInfo.environment["CFNKIT_BENCH_SIZES"] == nil
        if !useCorpus {
        } else if let names = try? FileManager.default.contentsOfDirectory(atPath: large.path) {
            for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".json") || name.hasSuffix(".yml") {
                if let data = FileManager.default.contents(atPath: large.appendingPathComponent(name).path) {
                    inputs.append(("large/\(name)", Array(data)))
                }
            }
        } else {
            print("(../shared/corpus not found: corpus rows skipped)")
        }
        var rows: [[String]] = []
        let loader = TemplateLoader(limits: LoaderLimits(unknownTags: .longForm))
        for input in inputs {
            let isJSON = input.bytes.first == UInt8(ascii: "{")
            // CFNKIT_BENCH_LOAD_SIDE=floor|cfnkit runs one side only, for `perf stat` or callgrind.
            let side = ProcessInfo.processInfo.environment["CFNKIT_BENCH_LOAD_SIDE"]
            let floor = side == "cfnkit" ? .nan : medianMilliseconds(runs: runs) { _ = bareLibyamlEvents(input.bytes) }
            let ours = side == "floor" ? .nan : medianMilliseconds(runs: runs) {
                _ = try? loader.load(bytes: input.bytes, path: input.name)
            }
            let kb = Double(input.bytes.count) / 1024
            rows.append([input.name, String(format: "%.0f", kb), format(floor), format(ours),
                         String(format: "%.2fx", ours / floor), isJSON ? "json (own parser)" : "yaml"])
        }
        printTable("Load: cfnkit vs a bare libyaml event loop (median of \(runs) runs, ms)",
                   ["input", "KiB", "libyaml events", "cfnkit load", "ratio", "syntax"], rows)
    }

    /// Parses every event and frees it, building nothing.
    func bareLibyamlEvents(_ bytes: [UInt8]) -> Int {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        parser.initialize(to: yaml_parser_t())
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        event.initialize(to: yaml_event_t())
        defer {
            yaml_parser_delete(parser)
            parser.deallocate()
            event.deallocate()
        }
        yaml_parser_initialize(parser)
        var count = 0
        bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
            while yaml_parser_parse(parser, event) != 0 {
                let done = event.pointee.type == YAML_STREAM_END_EVENT
                yaml_event_delete(event)
                count += 1
                if done { break }
            }
        }
        return count
    }
}
