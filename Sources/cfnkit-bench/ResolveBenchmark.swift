import CFNIntrinsics
import CFNTemplate
import Foundation

/// Evaluation speed: resolving templates (parameters, conditions, every intrinsic) and condition
/// analysis without parameter values (every condition's truth and every pair's exclusivity), the
/// work cfn-lint can take minutes over on templates with many conditions.
struct ResolveBenchmark {
    let runs: Int
    var corpus: URL = sharedCorpus

    func run() {
        var rows: [[String]] = []
        let loader = TemplateLoader(limits: LoaderLimits(unknownTags: .longForm))
        let context = EvaluationContext(region: "us-east-1", stackName: "bench")

        for (conditions, parameters) in [(40, 20), (200, 50)] {
            let text = chainedConditions(conditions: conditions, parameters: parameters)
            guard let template = try? Template(loader.load(bytes: Array(text.utf8), path: "generated")) else { continue }
            let resolve = medianMilliseconds(runs: runs) { _ = TemplateResolver.resolve(template, context: context) }
            let goal = conditions == 40 ? "50" : "-"
            rows.append(["generated: \(conditions) conditions / \(parameters) parameters, resolve", format(resolve), goal])
            var questions = 0
            let analysis = medianMilliseconds(runs: runs) {
                let a = ConditionAnalysis(template: template)
                questions = 0
                for x in a.conditionNames {
                    _ = a.truth(of: x)
                    questions += 1
                    for y in a.conditionNames where x < y {
                        _ = a.areMutuallyExclusive(x, y)
                        questions += 1
                    }
                }
            }
            rows.append(["generated: \(conditions) conditions, analysis (\(questions) questions)", format(analysis), goal])
        }

        for count in [1_000, 20_000] {
            if let template = try? Template(loader.load(bytes: Array(generatedTemplate(resources: count).utf8), path: "generated")) {
                let ms = medianMilliseconds(runs: runs) { _ = TemplateResolver.resolve(template, context: context) }
                rows.append(["generated: \(count) resources, resolve", format(ms), "-"])
            }
        }

        if let (path, bytes) = largestCorpusTemplate(), let template = try? Template(loader.load(bytes: bytes, path: path)) {
            let name = URL(fileURLWithPath: path).lastPathComponent
            let ms = medianMilliseconds(runs: runs) { _ = TemplateResolver.resolve(template, context: context) }
            rows.append(["largest corpus template (\(name), \(bytes.count / 1024) KiB), resolve", format(ms), "10"])
            let analysis = medianMilliseconds(runs: runs) {
                let a = ConditionAnalysis(template: template)
                for x in a.conditionNames { _ = a.truth(of: x) }
            }
            rows.append(["largest corpus template, \(template.conditions.count) conditions' truth", format(analysis), "-"])
        } else {
            print("(../shared/corpus/large not found: corpus rows skipped)")
        }
        printTable("Resolve: evaluation and condition analysis (median of \(runs) runs, ms)", ["what", "cfnkit", "goal"], rows)
    }

    func largestCorpusTemplate() -> (String, [UInt8])? {
        let large = corpus.appendingPathComponent("large")
        guard let walker = FileManager.default.enumerator(atPath: large.path) else { return nil }
        var best: (String, Int)?
        for case let relative as String in walker {
            guard [".yaml", ".yml", ".json", ".template"].contains(where: relative.hasSuffix) else { continue }
            let path = large.appendingPathComponent(relative).path
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            if size > (best?.1 ?? 0) { best = (path, size) }
        }
        guard let best, let data = FileManager.default.contents(atPath: best.0) else { return nil }
        return (best.0, Array(data))
    }

    /// `conditions` conditions over `parameters` String parameters, chained through And/Or/Not,
    /// with one conditional resource per condition.
    func chainedConditions(conditions: Int, parameters: Int) -> String {
        var text = "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n"
        for p in 0..<parameters { text += "  P\(p):\n    Type: String\n    Default: v\(p % 3)\n" }
        text += "Conditions:\n"
        for c in 0..<conditions {
            let eq = "!Equals [!Ref P\(c % parameters), v\(c % 3)]"
            switch c {
            case 0: text += "  C0: \(eq)\n"
            case 1: text += "  C1: !Not [!Condition C0]\n"
            default:
                switch c % 4 {
                case 0: text += "  C\(c): !And [!Condition C\(c - 1), \(eq)]\n"
                case 1: text += "  C\(c): !Or [!Condition C\(c - 2), !Not [\(eq)]]\n"
                case 2: text += "  C\(c): !And [!Not [!Condition C\(c - 1)], !Condition C\(c - 2), \(eq)]\n"
                default: text += "  C\(c): !Or [!And [!Condition C\(c / 2), \(eq)], !Condition C\(c - 1)]\n"
                }
            }
        }
        text += "Resources:\n"
        for c in 0..<conditions {
            text += "  Topic\(c):\n    Type: AWS::SNS::Topic\n    Condition: C\(c)\n    Properties:\n"
            text += "      TopicName: !If [C\(c), !Sub '${P\(c % parameters)}-on', !Ref AWS::NoValue]\n"
        }
        return text
    }
}
