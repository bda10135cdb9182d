import CFNGraph
import CFNTemplate
import Foundation

/// Graph + plan for generated templates of 100 to 20,000 resources in three shapes; the per-resource
/// column shows whether growth is linear.
struct GraphBenchmark {
    let runs: Int

    enum Shape: String, CaseIterable { case chain, fan, randomDAG = "random DAG" }

    func run() {
        var rows: [[String]] = []
        for shape in Shape.allCases {
            for count in [100, 1_000, 5_000, 20_000] {
                let text = Self.template(shape: shape, resources: count)
                let document: LoadedDocument
                do {
                    document = try TemplateLoader(limits: LoaderLimits(maxBytes: 256 << 20, maxResources: Int.max))
                        .load(bytes: Array(text.utf8), path: "\(shape)-\(count).yaml")
                } catch {
                    FileHandle.standardError.write(Data("could not load the generated \(shape.rawValue) template of \(count) resources: \(error)\n".utf8))
                    exit(1)
                }
                let template = Template(document)
                var waves = 0
                let ms = medianMilliseconds(runs: count >= 20_000 ? max(3, runs / 2) : runs) {
                    let graph = DependencyGraph(template: template)
                    waves = (try? DeploymentPlan(graph: graph))?.waves.count ?? -1
                }
                rows.append([shape.rawValue, "\(count)", format(ms), String(format: "%.2f", ms * 1000 / Double(count)),
                             "\(waves)", count == 5_000 ? "50" : "-"])
            }
        }
        printTable("Graph + plan (median of \(runs) runs, ms; template already loaded)",
                   ["shape", "resources", "cfnkit", "µs/resource", "waves", "goal"], rows)
    }

    static func template(shape: Shape, resources count: Int) -> String {
        var generator = SeededGenerator(seed: 7)
        var text = "Resources:\n"
        for i in 0..<count {
            text += "  R\(i):\n    Type: AWS::SNS::Topic\n"
            switch shape {
            case .chain where i > 0:
                text += "    Properties:\n      DisplayName: !GetAtt R\(i - 1).TopicName\n"
            case .fan where i > 0:
                text += "    Properties:\n      DisplayName: !Ref R0\n"
            case .randomDAG where i > 0:
                let a = Int(generator.next() % UInt64(i)), b = Int(generator.next() % UInt64(i))
                text += "    DependsOn: R\(a)\n    Properties:\n      DisplayName: !Sub '${R\(b)}-x'\n"
            default:
                break
            }
        }
        return text
    }
}

/// Deterministic pseudo-random numbers for generated inputs.
struct SeededGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
