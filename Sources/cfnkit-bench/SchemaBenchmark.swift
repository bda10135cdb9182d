import CFNSchema
import Foundation

/// Schema registry: cold load of the index plus one type, then 50 distinct types, then every
/// us-east-1 type, each in a fresh registry; with the process's peak memory.
struct SchemaBenchmark {
    let runs: Int

    func run() {
        var rows: [[String]] = []
        let probe = SchemaRegistry(overlayDirectory: nil)
        let all = probe.types(in: "us-east-1")
        let step = max(1, all.count / 50)
        let fifty = (0..<50).map { all[min(all.count - 1, $0 * step + 1)] }

        let cold = medianMilliseconds(runs: runs) {
            let registry = SchemaRegistry(overlayDirectory: nil)
            precondition(registry.resourceType("AWS::EC2::Instance", region: "us-east-1") != nil)
        }
        rows.append(["index + AWS::EC2::Instance (cold registry)", format(cold), "20"])
        let fiftyTypes = medianMilliseconds(runs: runs) {
            let registry = SchemaRegistry(overlayDirectory: nil)
            for t in fifty { precondition(registry.resourceType(t, region: "us-east-1") != nil) }
        }
        rows.append(["index + 50 distinct types (cold registry)", format(fiftyTypes), "20"])
        rows.append(["peak RSS so far (MiB)", String(format: "%.1f", peakRSSMiB()), "50"])
        let everything = medianMilliseconds(runs: 1) {
            let registry = SchemaRegistry(overlayDirectory: nil)
            for t in all { _ = registry.resourceType(t, region: "us-east-1") }
        }
        rows.append(["all \(all.count) us-east-1 types (cold registry)", format(everything), "-"])
        printTable("Schemas: lazy registry (median of \(runs) runs, ms)", ["what", "cfnkit", "goal"], rows)
    }
}

func peakRSSMiB() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
    #else
    getrusage(RUSAGE_SELF, &usage)
    return Double(usage.ru_maxrss) / 1_048_576
    #endif
}
