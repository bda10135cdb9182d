import CFNSchema
import Foundation

// Measures, in one process: cold load of the index + AWS::EC2::Instance, then 50 more
// distinct types, then every us-east-1 type; prints timings and peak RSS.

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e6 }

func maxRSSMiB() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    #if os(Linux)
    return Double(usage.ru_maxrss) / 1024  // KiB
    #else
    return Double(usage.ru_maxrss) / 1048576  // bytes
    #endif
}

let t0 = now()
let registry = SchemaRegistry(overlayDirectory: nil)
let ec2 = registry.resourceType("AWS::EC2::Instance", region: "us-east-1")
let t1 = now()
precondition(ec2 != nil)
print(String(format: "cold: index + AWS::EC2::Instance   %7.2f ms", t1 - t0))

let all = registry.types(in: "us-east-1")
let step = all.count / 50
let fifty = (0..<50).map { all[$0 * step + 1] }
let t2 = now()
for t in fifty { precondition(registry.resourceType(t, region: "us-east-1") != nil, t) }
let t3 = now()
print(String(format: "50 distinct types                   %7.2f ms", t3 - t2))
print(String(format: "peak RSS after 51 types             %7.1f MiB", maxRSSMiB()))

let t4 = now()
var attrs = 0
for t in all { attrs += registry.resourceType(t, region: "us-east-1")?.attributes.count ?? 0 }
let t5 = now()
print(String(format: "all %d us-east-1 types            %7.2f ms (%d attributes)", all.count, t5 - t4, attrs))
print(String(format: "peak RSS after all types            %7.1f MiB", maxRSSMiB()))
if !registry.errors.isEmpty { print("errors:", registry.errors) }
